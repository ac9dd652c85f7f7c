// The surface of the `fdt` crate (libfdt-rs, the one Rust-Shyper's Cargo.toml names) a generated
// rk3588_def.rs uses, written from its public signatures: names and types only, so rustc can
// check a generated file. Not the crate's code.
#![no_std]

pub mod error {
    #[derive(Debug, Clone, Copy)]
    pub enum Error {
        /// A libfdt error code (negative; -1 is -FDT_ERR_NOTFOUND).
        Raw(i32),
        TryFromInt(core::num::TryFromIntError),
        Invalid,
    }

    impl core::fmt::Display for Error {
        fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
            core::fmt::Debug::fmt(self, f)
        }
    }

    impl core::error::Error for Error {}

    pub type Result<T> = core::result::Result<T, Error>;
}

pub mod binding {
    /// A device tree blob held in memory.
    pub struct FdtBuf {
        _inner: (),
    }

    impl FdtBuf {
        pub fn remove_node(&mut self, _path: &core::ffi::CStr) -> crate::error::Result<()> {
            Ok(())
        }
    }
}
