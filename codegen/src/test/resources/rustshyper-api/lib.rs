// The API surface a generated <board>_def.rs may use, written from
// docs/rust-shyper.md (Rust-Shyper master 62a2053, src/config/mod.rs). Not Rust-Shyper's
// code: only the names and types, so rustc can check what shyperc writes against them.
#![no_std]
#![allow(dead_code)]

#[macro_use]
extern crate alloc;

pub mod board {
    pub trait PlatOperation {
        const GICD_BASE: usize;
        const GICC_BASE: usize;
        const GICH_BASE: usize;
        const GICV_BASE: usize;
        const GICR_BASE: usize;
        const UART_0_ADDR: usize;
    }
    pub struct Platform;
}

pub mod device {
    #[derive(Clone, Copy, Debug)]
    pub enum EmuDeviceType {
        EmuDeviceTConsole,
        EmuDeviceTGicd,
        EmuDeviceTGPPT,
        EmuDeviceTVirtioBlk,
        EmuDeviceTVirtioNet,
        EmuDeviceTVirtioConsole,
        EmuDeviceTShyper,
        EmuDeviceTVirtioBlkMediated,
        EmuDeviceTIOMMU,
        EmuDeviceTGICR,
        EmuDeviceTMeta,
        EmuDeviceTPlic,
        EmuDeviceTAPlic,
    }
}

pub mod error {
    // The hypervisor's error type (src/error.rs): any core error converts into it with `?`.
    #[derive(Debug)]
    pub struct Error;
    pub type Result<T> = core::result::Result<T, Error>;
    impl<T: core::error::Error + Send + Sync + 'static> From<T> for Error {
        fn from(_e: T) -> Self {
            Error
        }
    }
}

pub mod device_tree {
    // RK3588's device-tree setup (src/device/device_tree.rs) calls the board hook its def file
    // must provide, before it boots the MVM on the board's own tree.
    #[cfg(feature = "rk3588")]
    pub fn init_mvm_tree(tree: &mut ::fdt::binding::FdtBuf) -> crate::error::Result<()> {
        crate::config::patch_fdt(tree)
    }
}

pub mod kernel {
    pub const HVC_IRQ: usize = 64;
    #[derive(Clone, Copy, Debug, Default)]
    pub enum VmType {
        #[default]
        VmTOs,
        VmTBma,
    }
}

pub mod config {
    use alloc::string::String;
    use alloc::vec::Vec;

    use crate::device::EmuDeviceType;
    use crate::kernel::VmType;

    #[derive(Clone, Copy, Debug, Default)]
    pub enum DtbDevType {
        #[default]
        DevSerial,
        DevGicd,
        DevGicc,
        DevGicr,
        DevPlic,
        DevAPlic,
    }

    pub struct VmEmulatedDeviceConfig {
        pub name: String,
        pub base_ipa: usize,
        pub length: usize,
        pub irq_id: usize,
        pub cfg_list: Vec<usize>,
        pub emu_type: EmuDeviceType,
        pub mediated: bool,
    }

    #[derive(Default)]
    pub struct VmEmulatedDeviceConfigList {
        pub emu_dev_list: Vec<VmEmulatedDeviceConfig>,
    }

    #[derive(Default)]
    pub struct PassthroughRegion {
        pub ipa: usize,
        pub pa: usize,
        pub length: usize,
        pub dev_property: bool,
    }

    #[derive(Default)]
    pub struct VmPassthroughDeviceConfig {
        pub regions: Vec<PassthroughRegion>,
        pub irqs: Vec<usize>,
        pub streams_ids: Vec<usize>,
    }

    pub struct VmRegion {
        pub ipa_start: usize,
        pub length: usize,
    }

    #[derive(Default)]
    pub struct VmMemoryConfig {
        pub region: Vec<VmRegion>,
        // Stands for the fields a board's build may add: generated code must use `..Default::default()`.
        pub budget: u32,
    }

    #[derive(Default)]
    pub struct VmImageConfig {
        pub kernel_img_name: Option<&'static str>,
        pub kernel_load_ipa: usize,
        pub kernel_entry_point: usize,
        pub device_tree_load_ipa: usize,
        pub ramdisk_load_ipa: usize,
        pub mediated_block_index: Option<usize>,
    }

    #[derive(Default)]
    pub struct VmCpuConfig {
        pub num: usize,
        pub allocate_bitmap: u32,
        pub master: Option<usize>,
    }

    pub struct VmDtbDevConfig {
        pub name: String,
        pub dev_type: DtbDevType,
        pub irqs: Vec<usize>,
        pub addr_region: VmRegion,
    }

    #[derive(Default)]
    pub struct VMDtbDevConfigList {
        pub dtb_device_list: Vec<VmDtbDevConfig>,
    }

    #[derive(Default)]
    pub struct VmConfigEntry {
        pub id: usize,
        pub name: String,
        pub os_type: VmType,
        pub cmdline: String,
        pub image: VmImageConfig,
        pub memory: VmMemoryConfig,
        pub cpu: VmCpuConfig,
        pub vm_emu_dev_confg: VmEmulatedDeviceConfigList,
        pub vm_pt_dev_confg: VmPassthroughDeviceConfig,
        pub vm_dtb_devs: VMDtbDevConfigList,
        pub fdt_overlay: Vec<u8>,
    }

    pub fn vm_cfg_set_config_name(_name: &'static str) {}

    pub fn vm_cfg_add_vm_entry(_entry: VmConfigEntry) -> Result<usize, ()> {
        Ok(0)
    }

    // The file under test (config/generated_def.rs), as Rust-Shyper includes src/config/<plat>_def.rs
    // and re-exports what it defines.
    pub mod generated_def;
    pub use generated_def::*;
}
