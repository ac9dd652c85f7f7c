package org.shyperc.dsl.diag;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one catalogue of diagnostic codes. Ids are public and stable: add new entries at the
 * end of their area, never change an id's meaning, never reuse a retired id.
 * docs/diagnostics.md is generated from this list.
 */
public final class Codes {
    private Codes() { }

    private static Code e(String id, String name, String title, String explanation) {
        return new Code(id, name, Severity.ERROR, title, explanation);
    }

    private static Code w(String id, String name, String title, String explanation) {
        return new Code(id, name, Severity.WARNING, title, explanation);
    }

    // ---- SHY01xx: reading and parsing ---------------------------------------------------
    public static final Code SYNTAX = e("SHY0101", "syntax",
            "The text does not follow the grammar of the .shy language.",
            "The parser expected one of the listed tokens or constructs. A misspelt keyword reads as a name, "
            + "and the hint offers the expected keyword within two edits of it (`cpu` in a `vm` block: `cpus`). "
            + "A statement that stops short at the end of its line (`kernel \"Image\"` without `@ address`, `bootargs` "
            + "without its text) is reported at that statement, \"Missing `@` after …\", not at the next line's word or "
            + "`}`, which are right. "
            + "Parsing goes on after the error, so later problems are reported too; fix the first one first.");
    public static final Code BAD_TOKEN = e("SHY0102", "bad-token",
            "A character, string or comment could not be read.",
            "A string must end on the line where it starts and may use only the escapes `\\\"`, `\\\\`, "
            + "`\\n` and `\\t` (no `\\0`: a NUL would silently end the string in a device tree, a C string "
            + "or a file name); a block comment `/* ... */` must be closed; characters outside the "
            + "language (for example a stray `$`) are not allowed. So are `-` and `+`: numbers have no sign, "
            + "a range is written `1..3`, and a value cannot be computed (`0x4000_0000-0x1000`); the number "
            + "next to one is left unchecked. Nor is there a decimal point: `1.5 GiB` is one error, whose hint gives the "
            + "size in a smaller unit (`1536 MiB`), and `[0.3]` in a list is read as the range `0..3` it means. A decimal "
            + "comma in a size (`size 1,5 GiB`) is the same one error; in a list a comma separates items (`[1,5]`).");
    public static final Code INT_OVERFLOW = e("SHY0103", "int-overflow",
            "A number does not fit in 64 bits.",
            "Every number, after its unit is applied, must be below 2^64. shyperc never wraps a number "
            + "around: `0x1_0000_0000_0000_0000` and `17179869184 GiB` are errors.");
    public static final Code NOT_TEXT = e("SHY0104", "not-text",
            "The file is not UTF-8 text.",
            "A .shy file is UTF-8 text. The file holds bytes that are not UTF-8, or NUL bytes; it is "
            + "probably a binary file given by mistake.");
    public static final Code TOO_DEEP = e("SHY0105", "too-deep",
            "Lists are nested too deeply.",
            "Lists may nest at most 64 levels. Deeper nesting is never needed by a configuration "
            + "and is refused so the compiler cannot run out of stack.");
    public static final Code IO = e("SHY0106", "io",
            "An input file could not be read.",
            "The file does not exist, is a directory, is not a regular file (a FIFO, a device or a socket: "
            + "reading one may block or never end, so shyperc refuses it), is larger than shyperc reads "
            + "(64 MiB for a .shy file, 16 MiB for a device-tree blob, 4 MiB for a Rust-Shyper VM config), "
            + "or cannot be read by this user. For a file that does not exist the hint offers the file beside it within "
            + "two edits of its name, or names the folder of its path that is not there. `check -` reads a .shy file from standard input instead.");
    public static final Code CONTROL_CHARACTER = e("SHY0107", "control-character",
            "A string holds a control character.",
            "A string reaches the outputs as it is: a device tree's `bootargs` and `compatible`, a file name, Rust-Shyper's "
            + "configs. A control character in it is invisible in the .shy file and does there what its reader makes of "
            + "it: an escape sequence on the console that prints the command line, a line cut short. So a string holds "
            + "none but the tab (raw or `\\t`) and the line break (written `\\n`): not U+0000-U+001F otherwise, U+007F "
            + "or U+0080-U+009F. The error is at the character; the rest of the string is still read.");
    public static final Code BIDI_CONTROL = e("SHY0108", "bidi-control",
            "A string or a comment holds a bidirectional-text control character.",
            "Unicode's Bidi_Control characters (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) are invisible and "
            + "reorder what an editor, a diff or a review tool shows: a comment can seem to end where it does not, a "
            + "string can seem to hold other text (\"Trojan Source\", CVE-2021-42574). No .shy file needs one, so each "
            + "is an error at its place, in a string (which is read without it) or a comment; anywhere else it is "
            + "already a character the language does not have.");

    // ---- SHY02xx: names, imports, types -------------------------------------------------
    public static final Code IMPORT_NOT_FOUND = e("SHY0201", "import-not-found",
            "An imported file or board cannot be found.",
            "`import \"PATH\"` paths are relative to the folder of the file that imports them; for a file that is not "
            + "there the hint offers the .shy file beside it within two edits of its name, or names the folder of its path "
            + "that is not there. `import board \"NAME\"` looks for NAME.shy in the folders given with `--board-path`, then in those "
            + "of SHYPERC_BOARD_PATH, then in the board library that ships with shyperc; the hint lists the "
            + "boards it found and offers the closest name within two edits.");
    public static final Code IMPORT_CYCLE = e("SHY0202", "import-cycle",
            "Files import each other in a cycle.",
            "An import cycle has no first file to read. Move the shared declarations into a third file "
            + "that both import.");
    public static final Code UNKNOWN_NAME = e("SHY0203", "unknown-name",
            "A name does not refer to anything declared.",
            "Boards, devices, VMs and shared regions are referred to by the name they are declared with. "
            + "Names are case-sensitive; the hint offers declared names within two edits.");
    public static final Code DUPLICATE = e("SHY0204", "duplicate",
            "Something is declared twice.",
            "Names of boards, systems, devices, memory banks, VMs and shared regions must be unique in "
            + "their scope, and single-valued items (a VM's kernel or `cpus`, a board's arch) may appear once. "
            + "A system lists each board once and passes a device through to a VM once. An `on` block "
            + "overrides a declared VM's items with `vm NAME { ... }`; giving it a kind again "
            + "(`vm NAME : KIND`) declares it a second time, and cannot change its kind or modifiers.");
    public static final Code UNKNOWN_KEY = e("SHY0205", "unknown-key",
            "A setting, modifier or kind is not one shyperc knows.",
            "Inside `gic`, `plic` and `hypervisor` blocks only the documented settings are allowed; "
            + "a VM kind is `linux` or `baremetal`, and its only modifier is `management`.");
    public static final Code MISSING = e("SHY0206", "missing",
            "Something required is missing.",
            "A board needs an arch, CPUs, DRAM and an interrupt controller; a VM needs cores, memory "
            + "and a kernel; a shared region needs at least one VM to map it (an unmapped one would take "
            + "DRAM for nothing, so it is refused rather than placed).");
    public static final Code TYPE = e("SHY0207", "type",
            "A value has the wrong type or unit.",
            "Sizes carry a binary unit (`KiB`, `MiB`, `GiB`, `TiB`) or are plain byte counts; addresses "
            + "and counts carry no unit, so `@ 4 KiB` is an error. Strings, names, lists and numbers "
            + "are not interchangeable, and an item takes only the parts it is documented with "
            + "(`load @ ADDRESS` has no size).");
    public static final Code RANGE = e("SHY0208", "range",
            "A value is outside the range allowed for it.",
            "For example a CPU count of 0, an empty range `3..1`, or an IRQ number beyond 1023.");
    public static final Code DECIMAL_ADDRESS = e("SHY0209", "decimal-address",
            "An address is written in decimal, but reads as a hex address without its `0x`.",
            "A number without `0x` is decimal: `@ 4000_0000` is 40,000,000 (0x0262_5a00), not 0x4000_0000, and a "
            + "VM's RAM or a device there would be somewhere else than meant. Said for an address whose digits after "
            + "the first `_` come in groups of four, and for plain digits ending in `000` (`@ 40000000`) whose decimal "
            + "value is not 4 KiB aligned while the hex reading would be. An error, said in place of what would follow "
            + "from the decimal reading (a misaligned region, a kernel outside its RAM, an overlap): the item is left out "
            + "of every other judgment. Write hex with `0x`, or group decimal digits in threes (`40_000_000`) to say "
            + "that decimal is meant.");

    public static final Code SIZE_WITHOUT_UNIT = e("SHY0210", "size-without-unit",
            "The size of a RAM or shared region has no unit and is less than a page.",
            "A size without a unit is a byte count: `memory @ 0x4000_0000 size 64` is 64 bytes, not 64 MiB. A region is "
            + "whole pages, so such a size is never right; said for a RAM or shared region whose size is a plain decimal "
            + "number between 1 and 4095, in place of what would follow from so small a region (misaligned, too small "
            + "for its kernel), which is not said. A device's size is left alone, and so is a size in hex, which says "
            + "bytes on purpose (under a page it is misaligned, SHY0302).");

    public static final Code IMPORT_NOT_SHY = e("SHY0211", "import-not-shy",
            "An imported file is not a .shy file.",
            "`import \"PATH\"` reads a .shy file, so the file it reaches (after symlinks) must be named `*.shy`. Any other "
            + "file is refused unread: read as .shy text, a file that is not one (`/etc/passwd`, a `.git/config`, "
            + "credentials) would have its lines quoted in the syntax errors that follow, in a terminal, a CI log or a "
            + "SARIF report. The file named on the command line may have any name.");
    public static final Code CASE_ONLY_NAMES = w("SHY0212", "case-only-names",
            "Two names that output files are named after differ only in letter case.",
            "A build names each VM's files after it (`<vm>.dts`, `<vm>.dtb`, `rust-shyper/<vm>.json`), and each system's "
            + "outputs for a board after both (`<system>/<board>/`; `check --report` writes `<system>.<board>.html`). On a "
            + "file system that does not tell letter case apart (macOS's and Windows' by default) `Web.dts` and `web.dts` "
            + "are one file, and `Demo/qemu-virt/` and `demo/qemu-virt/` one folder, so the build would keep one VM's or "
            + "system's outputs and lose the other's, though the manifest lists both. Said for two VMs of a system, two "
            + "systems on one board, and two boards of one system. A warning: on Linux both are written, but a system "
            + "shared with others should build the same everywhere.");
    public static final Code RESERVED_FILE_NAME = w("SHY0213", "reserved-file-name",
            "A name that output files are named after is a device name on Windows.",
            "Windows reserves `CON`, `PRN`, `AUX`, `NUL`, `COM0` to `COM9` and `LPT0` to `LPT9`, in any letter case and "
            + "with any extension, for devices: `nul.dtb` and a folder `con` are no files there (a write goes to the "
            + "device, or fails), and Git for Windows will not check such a path out. A build names files after VMs "
            + "(`<vm>.dts`, `<vm>.dtb`, `rust-shyper/<vm>.json`) and folders after systems and boards "
            + "(`<system>/<board>/`), so none of them should be one of these names. A warning, as SHY0212 is: on Linux "
            + "and macOS the build is fine; `-E reserved-file-name` makes it an error for a team that builds on Windows.");

    // ---- SHY03xx: memory ----------------------------------------------------------------
    public static final Code ZERO_SIZE = e("SHY0301", "zero-size",
            "A region has size zero.",
            "A memory region, shared region or device frame must have a size greater than zero.");
    public static final Code MISALIGNED = e("SHY0302", "misaligned",
            "A base address or size is not page aligned.",
            "Stage-2 translation maps whole 4 KiB pages: a region whose base or size is not a multiple "
            + "of 4 KiB would hand out (or hide) part of a neighbouring page.");
    public static final Code ADDRESS_OVERFLOW = e("SHY0303", "address-overflow",
            "A region runs past the end of the 64-bit address space.",
            "base + size must not exceed 2^64.");
    public static final Code OUTSIDE_DRAM = e("SHY0304", "outside-dram",
            "A physical range is not inside the board's DRAM.",
            "VM RAM and shared regions must lie entirely inside one DRAM bank of the board.");
    public static final Code IN_HYPERVISOR = e("SHY0305", "in-hypervisor",
            "A physical range overlaps the hypervisor's reserved memory.",
            "The hypervisor's code, data and stage-2 tables live in its reservation; a VM mapping it "
            + "could rewrite the hypervisor.");
    public static final Code PA_OVERLAP = e("SHY0306", "pa-overlap",
            "A physical page belongs to two VMs.",
            "RAM of one VM must never be reachable from another; only `shared` regions may be mapped "
            + "into several VMs, and only as declared.");
    public static final Code IPA_OVERLAP = e("SHY0307", "ipa-overlap",
            "Two things overlap in one VM's address space.",
            "Inside one VM, RAM, shared windows, passthrough MMIO, emulated devices, the console and the "
            + "virtual GIC each need their own intermediate physical addresses.");
    public static final Code IPA_LIMIT = e("SHY0308", "ipa-limit",
            "An IPA is beyond the VM's address-space limit.",
            "On aarch64 the hypervisor runtime translates a 39-bit IPA space (512 GiB): its stage-2 tables start "
            + "at level 1 with one 4 KiB table (VTCR_EL2.T0SZ = 25, set from `SHY_IPA_BITS` in the generated "
            + "header), which cannot hold a higher address; one would alias a low one. On riscv64 Sv39x4 gives "
            + "41 bits. Nothing may be mapped above the limit; the IPA is the guest's view and need not equal the PA.");
    public static final Code DRAM_EXHAUSTED = e("SHY0309", "dram-exhausted",
            "Automatic placement found no free DRAM for a region.",
            "Regions without `at pa` are placed first fit in address order, aligned to 2 MiB where the "
            + "size allows, skipping the hypervisor and every pinned region. The message lists the free map.");

    // ---- SHY04xx: CPUs ------------------------------------------------------------------
    public static final Code NO_SUCH_CORE = e("SHY0401", "no-such-core",
            "A VM names a core the board does not have.",
            "Cores are numbered from 0 in the order the board declares them.");
    public static final Code CORE_SHARED = e("SHY0402", "core-shared",
            "A core is given to two VMs.",
            "Static partitioning gives each physical core to exactly one VM.");
    public static final Code NO_CORE = e("SHY0403", "no-core",
            "A VM has no core.",
            "A VM without a core never runs; give it at least one with `cpus [n]`.");
    public static final Code MANAGEMENT_COUNT = e("SHY0404", "management-count",
            "More than one VM is marked `management`.",
            "Rust-Shyper allows one management VM (MVM): the VM that runs the control tools.");
    public static final Code MANAGEMENT_CORE0 = e("SHY0405", "management-core0",
            "The management VM does not own core 0, or another VM does.",
            "Rust-Shyper boots its management VM on core 0 and expects it to own it.");
    public static final Code SPIN_TABLE_EXPOSED = e("SHY0406", "spin-table-exposed",
            "A core's spin-table release word is in memory a VM can write, or in the hypervisor's image.",
            "A core started from the firmware's spin table (`enable-method spin-table [...]`) waits, at the "
            + "hypervisor's exception level, for an address in its release word and then jumps there. Cores no VM "
            + "uses wait there for good: a VM that can write the word (its RAM, a shared region, a passthrough "
            + "device) could start one on its own code, outside stage 2. The hypervisor writes the words of the "
            + "cores it starts, so a word inside its image or pool would be overwritten.");

    // ---- SHY05xx: devices ---------------------------------------------------------------
    public static final Code DEVICE_SHARED = e("SHY0501", "device-shared",
            "A device is passed through to two VMs.",
            "A passthrough device belongs to one VM; two VMs driving one device corrupt each other.");
    public static final Code SUBPAGE_SHARING = e("SHY0502", "subpage-sharing",
            "Devices of different VMs share a 4 KiB page.",
            "Stage-2 translation isolates whole pages: a VM given a device can reach everything else "
            + "in the same page, including the other VM's device. For the same reason two devices of one VM "
            + "in one page must keep their offset to each other: moved apart, the page would be mapped twice, "
            + "which the hypervisor runtime refuses.");
    public static final Code HYPERVISOR_DEVICE = e("SHY0503", "hypervisor-device",
            "A device the hypervisor uses itself is passed through.",
            "The hypervisor's console and the GIC's hypervisor frames are never given to a VM.");
    public static final Code DMA_UNISOLATED = w("SHY0504", "dma-unisolated",
            "A DMA-capable device is passed through without an IOMMU stream.",
            "A device that masters the bus can read and write every VM's memory unless an IOMMU stream "
            + "confines it; its VM is then not isolated from the others.");
    public static final Code VIRTIO_PEER = e("SHY0505", "virtio-peer",
            "A virtio console's peer has no console to connect it to.",
            "`virtio console ... { peer VM }` connects the console to one of VM's virtio consoles: the one at "
            + "`peer-console @ IPA` if given, else the one whose own `peer` is this VM, else VM's only console. "
            + "A console cannot be its own VM's peer, and the peer must have exactly one such console.");
    public static final Code WINDOW_OVER_MEMORY = e("SHY0506", "window-over-memory",
            "A passthrough window covers DRAM or the hypervisor's memory.",
            "`passthrough @ IPA size S` hands a range of the board's address space to a VM as device memory. "
            + "RAM is given with `memory` and shared with `shared` regions, so the other VMs and the hypervisor "
            + "stay out of reach; a window over DRAM would hand over whatever is placed there.");
    public static final Code WINDOW_CUTS_DEVICE = e("SHY0507", "window-cuts-device",
            "A passthrough window covers only part of a device.",
            "Every board device a window touches goes to the window's VM, with its interrupts and its node in "
            + "the guest's device tree; a window that ends inside a device would give the VM a device it can "
            + "reach only in part. Widen the window to the whole device, or end it before.");

    // ---- SHY06xx: interrupts ------------------------------------------------------------
    public static final Code NO_SUCH_IRQ = e("SHY0601", "no-such-irq",
            "An interrupt ID does not exist on the interrupt controller.",
            "GIC INTIDs run from 0 to lines - 1 (at most 1019 for SPIs).");
    public static final Code IRQ_SHARED = e("SHY0602", "irq-shared",
            "An SPI is given to two VMs.",
            "A shared peripheral interrupt is routed to one VM; two owners would each see the other's "
            + "interrupts.");
    public static final Code PRIVATE_IRQ = e("SHY0603", "private-irq",
            "An SGI or PPI is passed through.",
            "INTIDs 0-31 are private to each core and belong to the hypervisor.");
    public static final Code RESERVED_IRQ = e("SHY0604", "reserved-irq",
            "An interrupt reserved by the hypervisor is used by a VM.",
            "The GIC maintenance interrupt, the hypervisor timer, its IPI, the hypercall interrupt and the "
            + "interrupt of the hypervisor's console (it takes console input there) are the hypervisor's own.");
    public static final Code IRQ_COLLISION = e("SHY0605", "irq-collision",
            "Two devices of one VM use the same interrupt.",
            "Inside a VM an emulated device's IRQ must not equal a passthrough IRQ or another emulated "
            + "device's IRQ.");

    // ---- SHY07xx: images ----------------------------------------------------------------
    public static final Code IMAGE_MISSING = w("SHY0701", "image-missing",
            "A guest image file cannot be read.",
            "`check` runs without build artefacts (for example in a pre-commit hook), so a missing "
            + "kernel or initrd is a warning there; `build` needs the file and makes it an error.");
    public static final Code IMAGE_OUTSIDE_RAM = e("SHY0702", "image-outside-ram",
            "A kernel, initrd or device tree is not inside the VM's RAM.",
            "The hypervisor copies each payload to the PA behind its IPA; outside RAM there is nothing "
            + "to copy it to.");
    public static final Code IMAGE_OVERLAP = e("SHY0703", "image-overlap",
            "Two payloads of one VM overlap.",
            "The kernel, initrd and device tree are copied into guest RAM side by side; overlapping "
            + "ones overwrite each other.");
    public static final Code ENTRY_OUTSIDE = e("SHY0704", "entry-outside",
            "The entry point is not inside the kernel.",
            "The first instruction the VM runs must be inside the kernel image.");
    public static final Code IMAGE_TOO_BIG = e("SHY0705", "image-too-big",
            "The linked image does not fit the hypervisor's reservation.",
            "The image holds the runtime, its configuration and every guest payload, and is loaded inside "
            + "the hypervisor's reserved memory, from where the runtime copies each payload into its VM; "
            + "after it, the runtime takes its page tables and one stack per core from the same reservation. "
            + "`check` adds it up from the payloads' sizes (when the files are there), at most 256 KiB for the "
            + "runtime and 64 KiB per device tree, and the most page tables the VMs' mappings can need. "
            + "Grow `reserve` in the board's `hypervisor` block, or shrink the payloads.");
    public static final Code KERNEL_MISALIGNED = w("SHY0706", "kernel-misaligned",
            "A Linux kernel is not loaded at a 2 MiB boundary.",
            "Linux's boot protocol says where its Image must go: on arm64 (Documentation/arch/arm64/booting.rst) "
            + "`text_offset` bytes above a 2 MiB-aligned base, where `text_offset` is what the Image header "
            + "states: 0 since Linux 5.8, 0x80000 before. On riscv64 (Documentation/arch/riscv/boot.rst) at a "
            + "2 MiB boundary. shyperc reads the header when the kernel file is there, and takes 0 otherwise. "
            + "Debian's arm64 Linux 6.1 loaded off the boundary still runs, but prints `[Firmware Bug]: Kernel "
            + "image misaligned at boot, please fix your bootloader!`. Rust-Shyper's configs load kernels at "
            + "0x8008_0000, right for kernels before 5.8 only. A warning, since such kernels start; the hint "
            + "names the next address in the kernel's RAM that Linux accepts.");
    public static final Code IMAGE_CHANGED = e("SHY0707", "image-changed",
            "A guest image is not the size it was when the system was checked.",
            "`build` checks the system with each image's size as the file system states it, then reads the images into "
            + "the linked image. When the bytes read are more or fewer (the file was written to in between, or it is a "
            + "file whose size is not known before it is read, such as one under /proc), the layout the checks proved "
            + "is not the one the image would get: a payload could run over the device tree or out of its VM's RAM. "
            + "The build stops and writes nothing; build again once nothing writes the file.");
    public static final Code IMAGE_EMPTY = e("SHY0708", "image-empty",
            "A guest image file is empty.",
            "A kernel or initrd of 0 bytes is never meant: a download or copy that failed, a file truncated by a full disk, "
            + "a placeholder. The hypervisor would copy nothing and start the VM on whatever its RAM holds. Unlike a "
            + "missing file (SHY0701, a warning in `check`), an empty one is an error everywhere: the file is there, and wrong.");
    public static final Code KERNEL_FORMAT = w("SHY0709", "kernel-format",
            "A kernel file is not a raw image the hypervisor can start.",
            "The hypervisor copies a kernel byte for byte to its load address and starts the VM there, as a boot loader's "
            + "`booti` does: the file must be the raw image. An ELF file (`vmlinux`, a bare-metal `guest.elf`) starts "
            + "with its header, not its code; a gzip file (`Image.gz`, a compressed `vmlinuz`) must be unpacked first; a Linux kernel "
            + "shorter than the 64-byte Image header is no Linux kernel. Use `arch/arm64/boot/Image` (or riscv's), "
            + "`gunzip -c vmlinuz > Image`, or `objcopy -O binary guest.elf guest.bin`. A warning: with `entry` a raw copy "
            + "of an ELF file could still be started past its header on purpose.");
    public static final Code BOOTARGS_TOO_LONG = w("SHY0710", "bootargs-too-long",
            "A Linux VM's `bootargs` are longer than its kernel keeps.",
            "Linux copies `/chosen/bootargs` into a buffer of COMMAND_LINE_SIZE bytes, the terminating NUL included, and "
            + "drops the rest without a word: what was at the end (often `root=` or `init=`) is silently lost. The size is "
            + "fixed per architecture: 2048 bytes on arm64 (arch/arm64/include/uapi/asm/setup.h), 1024 on riscv64 "
            + "(arch/riscv/include/uapi/asm/setup.h, in the 6.1 and 6.12 kernels shyperc boots; older ones had 512). So "
            + "a Linux VM's `bootargs` may hold at most 2047 bytes on an aarch64 board and 1023 on a riscv64 one, counted "
            + "in UTF-8 after escapes are read. A bare-metal guest reads its device tree itself and is not judged. A "
            + "warning: the VM starts, with a shorter command line than written.");
    public static final Code ENTRY_MISALIGNED = e("SHY0711", "entry-misaligned",
            "A VM's entry point is not aligned for an instruction.",
            "The hypervisor starts a VM's vCPU 0 at its entry point (the kernel's load address unless `entry` is given), "
            + "so it must be an address an instruction can be fetched from: a multiple of 4 on aarch64, where every A64 "
            + "instruction is 4 bytes and the first fetch from any other address is a PC alignment fault, taken before the "
            + "guest has set up anything to report it; a multiple of 2 on riscv64, whose compressed instructions are 2 bytes "
            + "and whose `sepc` has no bit 0, so an odd entry would start a byte early. One wrong digit in a load address "
            + "otherwise shows up only as a VM that never prints.");

    // ---- SHY08xx: board -----------------------------------------------------------------
    public static final Code BOARD_OVERLAP = e("SHY0801", "board-overlap",
            "Two of the board's memories, devices or GIC frames overlap.",
            "A board file describes disjoint hardware; an overlap is a typo in an address or size.");

    // ---- SHY09xx: Rust-Shyper import and export (codegen: RustShyperImporter, VmJsonExporter) --
    public static final Code RS_NUMBER = e("SHY0901", "rs-number",
            "A Rust-Shyper number string is malformed.",
            "Rust-Shyper's CLI strips the first two characters of an address without checking them, so "
            + "`\"80000000\"` would silently become 0. Addresses and lengths must be \"0x...\" strings of at "
            + "most 16 hexadecimal digits.");
    public static final Code RS_NAME = e("SHY0902", "rs-name",
            "A name is too long for Rust-Shyper.",
            "VM names and kernel file names must be shorter than 32 bytes.");
    public static final Code RS_DEVICE_TYPE = e("SHY0903", "rs-device-type",
            "A device type Rust-Shyper does not implement.",
            "An emulated or DTB device's `type` is one Rust-Shyper does not know, or one it accepts and then "
            + "fails on: CONSOLE, META, SRE and SGIR panic in the hypervisor, plain VIRTIO_BLK is unfinished "
            + "(use VIRTIO_BLK_MEDIATED), and a GICD, GICR, PLIC or APLIC device must match the board's "
            + "interrupt controller.");
    public static final Code RS_IRQ_LIST = e("SHY0904", "rs-irq-list",
            "A DTB device lists more than two IRQs.",
            "Rust-Shyper's DTB device IRQ list holds at most two entries; more overflows it.");
    public static final Code RS_FORMAT = e("SHY0905", "rs-format",
            "A Rust-Shyper JSON file is malformed.",
            "A required key is missing, a value has the wrong JSON type or is outside what its field allows "
            + "(a virtio `irq_id` below 32 on a GIC board), or the file is not JSON. A JSON file that is no VM config at all "
            + "(`{}`, an array, a package.json: no top-level key but `name` and `type` that a VM config has) is one error "
            + "saying so, not one per missing field. "
            + "Rust-Shyper reads its config with serde_json, so comments and trailing commas are errors too.");
    public static final Code RS_VM_TYPE = e("SHY0906", "rs-vm-type",
            "A VM type Rust-Shyper cannot run.",
            "Rust-Shyper runs `VM_T_LINUX` and `VM_T_BARE_MATEL_APP` (spelt so) guests. `VM_T_FREERTOS` passes "
            + "its CLI but the hypervisor panics on it; any other type is unknown.");
    public static final Code RS_NO_SUCH_CORE = e("SHY0907", "rs-no-such-core",
            "A VM config asks for a core the board does not have.",
            "`cpu.allocate_bitmap` sets bit n for physical core n; the board the VMs are imported for must have "
            + "that core. Import for the right board with `--board`, or clear the bit.");
    public static final Code RS_FIELD_REJECTED = e("SHY0908", "rs-field-rejected",
            "A field Rust-Shyper's CLI accepts but its hypervisor rejects.",
            "`memory.colors` and `memory.budget` pass `shyper vm config` but the hypervisor refuses the VM "
            + "when it starts it. shyperc has no cache colouring or memory budgets, so the file is not imported.");
    public static final Code RS_NO_SUCH_DEVICE = e("SHY0909", "rs-no-such-device",
            "A passthrough region is not a device of the board (no longer reported).",
            "The importer used to refuse a passthrough region that was not one board device. It now imports a "
            + "region inside one device as that device, and any other (over several devices, or none the board "
            + "declares) as a passthrough window, `passthrough @ IPA size SIZE`, which `check` then judges.");
    public static final Code RS_CPU_MISMATCH = w("SHY0910", "rs-cpu-mismatch",
            "A VM's core count or master core disagrees with its core bitmap.",
            "Rust-Shyper keeps the lowest `cpu.num` cores of `allocate_bitmap` and drops a `cpu.master` that is "
            + "not one of them. The import does the same, so the VM gets the cores Rust-Shyper would give it; "
            + "fix the file if that is not what was meant.");
    public static final Code RS_OVERLAY = w("SHY0911", "rs-overlay",
            "A VM config names a device-tree overlay, which is not imported.",
            "shyperc generates each guest's whole device tree from the system, so an overlay file has nowhere "
            + "to go. Note that `-` is not \"none\" for Rust-Shyper: it tries to open a file named `-`.");
    public static final Code RS_VM_NAME = e("SHY0912", "rs-vm-name",
            "A VM name is not a .shy name or is used twice.",
            "Imported VMs keep their names, so each must be a .shy name (a letter or `_`, then letters, digits, "
            + "`_` and `-`) and the files imported together must name different VMs.");
    public static final Code RS_VGIC_MOVED = w("SHY0913", "rs-vgic-moved",
            "An emulated interrupt controller is not at the board's address.",
            "Every VM shyperc builds sees its virtual GIC or PLIC where the board's controller is, as "
            + "Rust-Shyper does by default; a VM config that moves it is imported with the board's address.");
    public static final Code RS_DROPPED = w("SHY0914", "rs-dropped",
            "Part of a VM config has no .shy form and is left out.",
            "For example a kernel entry point other than its load address (Rust-Shyper ignores it), an emulated "
            + "device shyperc does not model, or a passthrough IRQ or stream ID the board's device does not have. "
            + "The rest of the VM is imported; check the result.");
    public static final Code RS_BITMAP = e("SHY0915", "rs-bitmap",
            "A core bitmap is malformed or selects no core.",
            "`cpu.allocate_bitmap` is a \"0b...\" string of at most 32 binary digits with at least one bit set; "
            + "Rust-Shyper's CLI reads anything else wrongly or not at all, and a VM without a core never runs.");
    public static final Code RS_LIMIT = w("SHY0916", "rs-limit",
            "The system exceeds a limit of Rust-Shyper's VM config.",
            "The exported JSON is what `shyper vm config` reads, and Rust-Shyper has fixed limits: at most 8 "
            + "VMs, at most 4 memory regions per VM, VM names shorter than 32 bytes and kernel file names of "
            + "at most 31 bytes (its CLI panics on a longer one). `check` reports them for every board Rust-Shyper "
            + "runs on; `build` writes the files anyway, and Rust-Shyper panics on or cuts what is over.");
    public static final Code RS_VIRTIO_KIND = w("SHY0917", "rs-virtio-kind",
            "A virtio device has no Rust-Shyper counterpart.",
            "Rust-Shyper emulates only some of the virtio devices shyperc does; one it lacks is left out of the "
            + "exported JSON (shyperc's own image and device trees still have it).");
    public static final Code RS_NO_MANAGEMENT = w("SHY0918", "rs-no-management",
            "No VM is the management VM, so Rust-Shyper's board definition is not exported.",
            "Rust-Shyper boots its management VM on core 0 from a VM config compiled into the hypervisor "
            + "(`rust-shyper/<platform>_def.rs`) and starts the other VMs through it. Without a management VM "
            + "that file is not written; mark one VM `management` to export a configuration Rust-Shyper can start.");
    public static final Code RS_READ_LIMIT = e("SHY0919", "rs-read-limit",
            "A Rust-Shyper JSON file is nested deeper or holds a longer value than shyperc reads.",
            "Real VM configs are a few kilobytes nested four levels deep. shyperc reads at most 64 levels of "
            + "nesting (serde_json, which Rust-Shyper uses, stops at 128), strings of at most 64 KiB, numbers "
            + "of at most 64 digits, keys of at most 1 KiB and documents of at most 4 MiB; anything beyond is "
            + "corrupt or hostile and is refused before it can exhaust memory or stack.");
    public static final Code RS_NOT_EXPORTED = w("SHY0920", "rs-not-exported",
            "Part of the system has no form in Rust-Shyper's configuration.",
            "Rust-Shyper's VM configs cannot say everything .shy can: a `shared` region (Rust-Shyper has no "
            + "shared memory between VMs), a VM's emulated UART at its own IPA (`console @ IPA`; Rust-Shyper's "
            + "emulated console panics, its guests use a virtio console), RAM pinned to a physical address "
            + "(`at pa`; Rust-Shyper places RAM itself). Each is left out of the exported files; the message says "
            + "what Rust-Shyper does instead. shyperc's own image keeps them. A VM's initrd is named in its config "
            + "but never loaded: Rust-Shyper copies the initramfs built into its hypervisor there instead.");
    public static final Code RS_VIRTIO_CONFIG = w("SHY0921", "rs-virtio-config",
            "A virtio device lacks what Rust-Shyper needs to set it up.",
            "Rust-Shyper sets up a virtio device from its configuration list: a block device from its first "
            + "sector and sector count (`{ first-sector N sectors M }`), a console from its peer VM and that "
            + "VM's console (`{ peer VM }`). Without them the exported list holds zeros: an empty disk, a console "
            + "connected to nothing.");
    public static final Code RS_FILE_NAME_CLASH = w("SHY0922", "rs-file-name-clash",
            "Two different image files are exported to Rust-Shyper under one file name.",
            "Rust-Shyper's VM configs name a kernel or initrd by its file name alone (`kernel_filename`), which its "
            + "CLI opens in its working folder. Two different files with one name (`k1/rt.bin`, `k2/rt.bin`) would "
            + "both be `rt.bin` there, and one VM would boot the other's. One file used by two VMs is fine.");
    public static final Code RS_VM_ORDER = w("SHY0923", "rs-vm-order",
            "Rust-Shyper VM configs seem to be given out of the order of their VM ids.",
            "A Rust-Shyper VM config does not say its VM id: the management VM is 0 and the others are numbered as "
            + "they are added, so `import rust-shyper` numbers the files in the order given. A console names its peer "
            + "by that id. Said where a console's peer has no console at the IPA it names, while another file's "
            + "console at that IPA names this VM back: most likely those two files are swapped. The message gives "
            + "the order that pairs them; the import keeps the order given.");

    // ---- SHY10xx: device-tree import and plan.json reading (codegen: FdtReader, DtbBoardImporter, PlanJson)
    public static final Code FDT_TRUNCATED = e("SHY1001", "fdt-truncated",
            "A device-tree blob ends before its contents do.",
            "The blob is shorter than its header says, or a block, property or string runs past the end of "
            + "the blob. The file was probably cut short when it was copied.");
    public static final Code FDT_MAGIC = e("SHY1002", "fdt-magic",
            "The file is not a flattened device tree.",
            "A DTB starts with the magic number 0xd00dfeed. Give the compiled `.dtb`, not the `.dts` source "
            + "(compile it with `dtc -I dts -O dtb`).");
    public static final Code FDT_VERSION = e("SHY1003", "fdt-version",
            "The device-tree blob has a version shyperc cannot read.",
            "shyperc reads blobs of version 16 or later whose last compatible version is at most 17, which is "
            + "what dtc and current firmware write.");
    public static final Code FDT_BLOCK = e("SHY1004", "fdt-block",
            "A block of the device-tree blob is misplaced.",
            "The header's offsets and sizes of the reservation map, structure and strings blocks must be "
            + "aligned and lie inside the blob.");
    public static final Code FDT_TOKEN = e("SHY1005", "fdt-token",
            "The structure block of the device-tree blob is malformed.",
            "The structure block is a sequence of BEGIN_NODE, PROP, END_NODE, NOP and END tokens starting with "
            + "the root node; a property may not follow a subnode.");
    public static final Code FDT_NAME = e("SHY1006", "fdt-name",
            "A node or property name in the device-tree blob is invalid.",
            "Every node but the root has a non-empty name, and every property's name offset points into the "
            + "strings block.");
    public static final Code FDT_TOO_DEEP = e("SHY1007", "fdt-too-deep",
            "Device-tree nodes are nested too deeply.",
            "Real device trees nest a handful of levels; a blob nested deeper is corrupt or hostile and is "
            + "refused so that reading it cannot run out of stack.");
    public static final Code DTB_NO_CPUS = w("SHY1008", "dtb-no-cpus",
            "The imported device tree describes no CPUs.",
            "`import dtb` takes the board's cores from the `/cpus/cpu@N` nodes and their `reg`. Without them "
            + "the board file is written without `cpus`; add the line by hand.");
    public static final Code DTB_NO_GIC = w("SHY1009", "dtb-no-gic",
            "The imported device tree has no GICv2 or GICv3.",
            "`import dtb` recognises the Arm GIC by its compatible string. Without one the board file is "
            + "written without an interrupt controller; add the `gic` block by hand.");
    public static final Code DTB_NO_MEMORY = w("SHY1010", "dtb-no-memory",
            "The imported device tree states no memory.",
            "`import dtb` takes DRAM banks from the `memory` nodes' `reg`. Boards whose firmware fills memory "
            + "in at boot have none in the blob on disk; add `memory NAME @ BASE size SIZE` by hand.");
    public static final Code PLAN_JSON = e("SHY1011", "plan-json",
            "A plan.json file cannot be read.",
            "The file is not JSON, or does not have the shape of a Plan written by this version of shyperc "
            + "(docs/plan.schema.json). Rebuild it with `shyperc build`.");
    public static final Code DTB_GIC_NO_VIRT = w("SHY1012", "dtb-gic-no-virt",
            "The imported device tree's GIC lacks what a hypervisor needs.",
            "A hypervisor takes the GIC's virtualization extensions: on a GICv2 the hypervisor and virtual CPU "
            + "interface frames (reg[2] and reg[3]), and the maintenance interrupt. A tree without them was "
            + "written for a machine without them: QEMU's `virt` writes them only when run with "
            + "`-machine virt,virtualization=on,...,dumpdtb=FILE`. The board file is written with what the tree "
            + "has; `check` then names what is missing.");
    public static final Code DTB_NAME_CHARACTER = w("SHY1013", "dtb-name-character",
            "A device-tree name holds a character a .shy file cannot hold.",
            "Device-tree node and property names are letters, digits and a few punctuation marks (Devicetree "
            + "Specification, 2.2.1 and 2.2.4); a control character or an invisible bidirectional-text control in one "
            + "comes from a corrupt or hostile blob. `import dtb` writes `?` in its place wherever it writes the name "
            + "(a `dt-path`, a `property`, a comment), so the board file still reads; check what the name should be.");

    // ---- SHY11xx: the shyper image: what its runtime holds (abi: RuntimeLimits) ---------
    public static final Code VM_COUNT = e("SHY1101", "vm-count",
            "A system has no VM, or more VMs than the hypervisor runtime holds.",
            "The runtime shyperc links into the image keeps a fixed table of VMs (`SHY_MAX_VMS`, 8) and refuses "
            + "a configuration with none. Split a larger system into two, or merge VMs.");
    public static final Code CORE_COUNT = e("SHY1102", "core-count",
            "The board has more cores than the hypervisor runtime holds.",
            "The runtime keeps one entry per core of the board (`SHY_MAX_CPUS`, 8), used or not: it must know "
            + "whichever core the firmware starts it on. A board with more cores cannot run the shyper image; "
            + "describe only the cores the system may use, if the firmware starts the runtime on one of them.");
    public static final Code VM_NAME_LENGTH = e("SHY1103", "vm-name-length",
            "A VM name is longer than the hypervisor runtime holds.",
            "The runtime prefixes each console line of a VM with its name, which the configuration holds in 32 "
            + "bytes with a terminating NUL: at most 31 bytes of UTF-8.");
    public static final Code INTERRUPT_CONTROLLER = e("SHY1104", "interrupt-controller",
            "The board's interrupt controller is one the hypervisor runtime does not drive.",
            "The runtime drives GICv2 and GICv3 on aarch64 and a PLIC on riscv64; a board with another controller "
            + "(an aarch64 board with a PLIC, say) cannot run the shyper image.");
    public static final Code CONSOLE_DRIVER = e("SHY1105", "console-driver",
            "The hypervisor's console UART has no driver in the runtime.",
            "The runtime prints on the board's `console` device and gives every VM an emulated UART of the same "
            + "type. It drives and emulates a PL011 (`arm,pl011`) and a 16550 (`ns16550a`, `snps,dw-apb-uart`, "
            + "Tegra's UARTs), and drives the Raspberry Pi's BCM2835 mini-UART (`brcm,bcm2835-aux-uart`), whose "
            + "VMs see a 16550 with registers 4 bytes apart; name one of those as the hypervisor's `console`.");
    public static final Code EL2_MAP = e("SHY1106", "el2-map",
            "Something the hypervisor must reach lies beyond its own address map.",
            "The runtime maps the low 512 GiB of the physical address space for itself (`SHY_EL2_MAP_BITS`, 39 "
            + "bits): DRAM, where it copies payloads and keeps its tables, its console, the GIC's frames and the "
            + "spin-table release words of the cores it starts from one must all lie there.");
    public static final Code REGION_COUNT = e("SHY1107", "region-count",
            "The VMs map more regions than the hypervisor runtime holds.",
            "Before building anything the runtime proves every mapping of every VM disjoint from the others and from "
            + "its own memory, in a table of 512 entries (`SHY_MAX_REGIONS`): each RAM region, passthrough device, "
            + "shared window and virtio device of each VM is one. Merge RAM regions, or pass through fewer devices.");
    public static final Code GIC_LAYOUT = e("SHY1108", "gic-layout",
            "The board's GIC is one the hypervisor runtime cannot drive.",
            "The runtime maps the GIC's frames for itself and emulates the distributor behind them: each must start on "
            + "a 4 KiB page and hold its registers (a GICv2 distributor 4 KiB, CPU and virtual CPU interfaces 8 KiB, "
            + "the hypervisor interface 4 KiB; a GICv3 distributor 64 KiB and one 128 KiB redistributor per core of "
            + "the board), and a GIC has 32 to 1020 interrupt lines. On riscv64 the PLIC's frame holds the context "
            + "registers up to the S-mode context of the board's highest hart (0x200000 + 0x2000 per hart), whose "
            + "hart IDs are 0 to 511.");
    public static final Code HYPERVISOR_PPI = e("SHY1109", "hypervisor-ppi",
            "The runtime's own private interrupts are not three different PPIs.",
            "The runtime takes the GIC maintenance interrupt and the hypervisor timer itself and passes the virtual "
            + "timer to each VM; each is a PPI (INTID 16 to 31) and no two are the same. They are the GIC's "
            + "`maintenance-irq` and the third and fourth entries of the board's `timer irq` list.");
    public static final Code NO_IMAGE = w("SHY1110", "no-image",
            "A system hands the board's console to a VM, so no shyper image is built for it.",
            "`console to VM` gives the hypervisor's UART and its interrupt to a VM, as Rust-Shyper shares it with its "
            + "guests. The runtime shyperc links keeps its console to itself (it takes console input on it) and "
            + "refuses, at boot, a VM that maps it or owns its interrupt, so `build` writes the device trees and "
            + "Rust-Shyper's files for such a system and no `shyper.bin`. Drop `console to` to get the image (every "
            + "VM then has an emulated console), or `-E no-image` to make this an error where the image is needed.");

    // ---- SHY12xx: last-level-cache colouring --------------------------------------------
    public static final Code COLOUR_NO_LLC = e("SHY1201", "colour-no-llc",
            "Colours are asked for on a board that does not describe its last-level cache.",
            "A colour is a set of pages that fall in the same sets of the last-level cache: the number of colours "
            + "is the cache's size divided by its ways and the 4 KiB page (`llc-size / (llc-ways * 4 KiB)`). A VM's "
            + "`colours` and the hypervisor's `colours` need the board's `hypervisor` block to state `llc-size`, "
            + "`llc-ways` and `llc-line`; add them (from the SoC's reference manual) or drop the colours.");
    public static final Code LLC_GEOMETRY = e("SHY1202", "llc-geometry",
            "The board's last-level-cache facts do not give a number of colours the runtime can use.",
            "`llc-size / (llc-ways * 4 KiB)` must be a whole power of two from 2 to 64 (the runtime keeps a VM's "
            + "colours in one 64-bit mask), `llc-line` a power of two from 16 to 4096 bytes, and the three are given "
            + "together. A cache whose way is 4 KiB or smaller has one colour: colouring it cannot separate anything.");
    public static final Code COLOUR_RANGE = e("SHY1203", "colour-range",
            "A colour number is not one of the board's colours, or a share asks for none or too many.",
            "Colours are numbered from 0 to the board's number of colours minus one; `colours N` (a share: any N "
            + "colours, picked by the compiler) asks for 1 to that many colours.");
    public static final Code COLOUR_SHARED = e("SHY1204", "colour-shared",
            "Two VMs, or a VM and the hypervisor, use the same cache colour.",
            "Pages of one colour compete for the same cache sets: a VM using another's colour can evict its lines "
            + "and time its accesses. Give each VM colours of its own, none of the hypervisor's; two VMs may share a "
            + "colour only when both say `colours [..] shared`. The hypervisor's colours are never shared.");
    public static final Code COLOUR_NO_ROOM = e("SHY1205", "colour-no-room",
            "A coloured VM's RAM cannot be found in its colours inside DRAM.",
            "A coloured VM's RAM is the pages of its colours: k colours of n give k pages in every n, so RAM of size S "
            + "takes a stretch of DRAM n/k times as long (VMs with other colours use the pages in between). Placement "
            + "puts every coloured VM in one such stretch; there was no free DRAM that long. Give the VM more colours, "
            + "less RAM, or free DRAM.");
    public static final Code COLOUR_PINNED = e("SHY1206", "colour-pinned",
            "A coloured VM's RAM is pinned at a PA where its colours cannot start.",
            "A coloured region is laid out period by period (a period is one page of each colour: colours * 4 KiB), "
            + "so its `at pa` must start a period (be a multiple of the period). Pinned, the region takes its whole "
            + "stretch of DRAM: other VMs' colours are not placed in it. Drop `at pa` to let placement share the stretch.");
    public static final Code COLOUR_RISCV = e("SHY1207", "colour-riscv",
            "Cache colouring is not supported by the riscv64 runtime yet.",
            "The riscv64 runtime maps each RAM region as one contiguous range (G-stage): it cannot map a VM's RAM "
            + "onto the pages of its colours yet. Drop `colours` on a riscv64 board.");
    public static final Code COLOUR_EXHAUSTED = e("SHY1208", "colour-exhausted",
            "A share of colours cannot be given: not enough colours are left.",
            "`colours N` takes N colours no VM lists and the hypervisor does not use, picked in declaration order; "
            + "fewer than N were left. Ask for fewer, or list colours and mark them `shared`.");
    public static final Code COLOUR_PA_OVERLAP = e("SHY1209", "colour-pa-overlap",
            "Two coloured regions use the same pages.",
            "Coloured regions pinned with `at pa` (or pinned over placed ones) whose stretches overlap in a colour "
            + "they both use would map the same physical pages. Move one, or let placement place it.");
    public static final Code COLOUR_HUGEPAGES = e("SHY1210", "colour-hugepages",
            "Coloured RAM asks for huge pages.",
            "A coloured VM's RAM is the 4 KiB pages of its colours, strided through DRAM: no 2 MiB or 1 GiB block of "
            + "physical memory is in its colours only, so stage 2 maps it page by page and `hugepages` could not be kept. "
            + "Drop `hugepages`, or the VM's `colours`.");
    public static final Code COLOUR_HYP_ROOM = e("SHY1211", "colour-hyp-room",
            "The hypervisor's reservation holds too few pages of its colours.",
            "A hypervisor that keeps colours runs in them: it copies its runtime and configuration into pages of its "
            + "colours and takes its page tables and stacks from them, all inside its `reserve` after the image (k colours "
            + "of n: k pages in every n), its stacks' addresses at the top of the reservation. Grow `reserve`, keep more "
            + "colours for the hypervisor, or shrink the payloads that sit in the image before those pages.");
    public static final Code COLOUR_HYP_SPIN_TABLE = e("SHY1212", "colour-hyp-spin-table",
            "The hypervisor keeps colours on a board whose cores start from a spin table.",
            "A coloured hypervisor runs from a copy of its image in its colours; a core released from a spin table starts "
            + "with its MMU off and reads where to go from the image as loaded, which the runtime no longer writes. It "
            + "starts its cores by PSCI only: drop the hypervisor's `colours`, or use firmware with PSCI (`enable-method psci`).");

    // ---- SHY13xx: doorbells between VMs (issue 13) ---------------------------------------
    public static final Code DOORBELL_UNMAPPED = e("SHY1301", "doorbell-unmapped",
            "A doorbell names a VM that does not map its shared region.",
            "A doorbell belongs to a shared region: it tells the receiver that the sender wrote something there. "
            + "Both the VM that rings (`doorbell A to B`: A) and the one that is rung (B) must map the region, "
            + "else the notice points at memory one of them cannot read or write.");
    public static final Code DOORBELL_IRQ_USED = e("SHY1302", "doorbell-irq-used",
            "A doorbell's interrupt is already used in the VM it rings.",
            "The receiver of a doorbell takes it as a virtual SPI of its own interrupt controller. That number must "
            + "be free in the receiver: not a passthrough device's interrupt, not a virtio device's, not another "
            + "doorbell's, and not one the hypervisor keeps (its console, its hypercall interrupt). The same number "
            + "may be used in other VMs: virtual SPIs are per VM.");
    public static final Code DOORBELL_BOTH_WAYS = e("SHY1303", "doorbell-both-ways",
            "Two doorbells ring each other on one interrupt number without saying so.",
            "`doorbell A to B irq N` and `doorbell B to A irq N` in one region make a two-way channel on interrupt N, "
            + "which is often a copy-and-paste slip (a reply meant for another number). Say it once, as "
            + "`doorbell A with B irq N`, when both ways on the same number are meant; or give the reply its own number.");
    public static final Code DOORBELL_IRQ_RANGE = e("SHY1304", "doorbell-irq-range",
            "A doorbell's interrupt is not an SPI of the receiver's virtual interrupt controller.",
            "A doorbell reaches its receiver as a virtual SPI: an INTID from 32 up to the board's GIC `lines` "
            + "(less one). SGIs (0-15) and PPIs (16-31) are banked per core and cannot be injected for another VM.");
    public static final Code DOORBELL_RISCV = e("SHY1305", "doorbell-riscv",
            "Doorbells are not supported by the riscv64 runtime yet.",
            "The aarch64 runtime injects a doorbell as a virtual SPI through its emulated GIC; the riscv64 runtime "
            + "has no such path into its emulated PLIC yet, so a system with doorbells is refused on a riscv64 board "
            + "rather than built without them. Use a shared-memory flag the receiver polls, or an aarch64 board.");
    public static final Code DOORBELL_SELF = e("SHY1306", "doorbell-self",
            "A doorbell rings the VM that rings it.",
            "A VM interrupts itself with an SGI of its own virtual GIC; a doorbell connects two different VMs.");
    // ---- SHY14xx: memory attributes (issue 13: `nocache`, `device`, `hugepages`) ----------
    public static final Code ATTRIBUTE_MISPLACED = e("SHY1401", "attribute-misplaced",
            "A memory attribute is written where it has no meaning.",
            "`nocache` and `device` say how a shared region or a passthrough (a device or a window) is mapped; a VM's "
            + "RAM is always Normal write-back memory (a guest makes parts of it uncached through its own page tables, "
            + "and Device memory would fault its unaligned accesses and atomics), so neither is allowed on `memory`. "
            + "`hugepages` asks that a VM's RAM be placed and mapped in 2 MiB or 1 GiB blocks, and is allowed only "
            + "on `memory`. Move the region into a `shared` region to give it a memory type.");
    public static final Code ATTRIBUTE_CONFLICT = e("SHY1402", "attribute-conflict",
            "One region is given two memory types, or one attribute twice.",
            "A region has one memory type: Normal write-back (the default for RAM and shared regions), Normal "
            + "non-cacheable (`nocache`) or Device-nGnRE (`device`, the default for passthroughs). `nocache device` "
            + "names two; an attribute written twice (`hugepages` with two sizes, say) is one too many.");
    public static final Code HUGEPAGE_SIZE = e("SHY1403", "hugepage-size",
            "A `hugepages` size is not a block size of stage 2.",
            "With the 4 KiB granule the runtime uses, stage 2 maps blocks of 2 MiB (a level-2 entry) and 1 GiB (a "
            + "level-1 entry); `hugepages` takes one of those two sizes: `hugepages 2 MiB` or `hugepages 1 GiB`.");
    public static final Code HUGEPAGE_MISALIGNED = e("SHY1404", "hugepage-misaligned",
            "RAM that asks for huge pages cannot be mapped with them.",
            "A block maps a whole aligned block of IPA space onto a whole aligned block of physical memory: for "
            + "`hugepages SIZE` the region's IPA, its size and a PA pinned with `at pa` must all be multiples of SIZE. "
            + "Placement aligns a PA it chooses itself; the IPA, the size and a pinned PA are the system's.");
    public static final Code HUGEPAGE_NO_ROOM = e("SHY1405", "hugepage-no-room",
            "There is no free DRAM aligned for RAM that asks for huge pages.",
            "Placement looks for a free range of DRAM that starts on a multiple of the block size and holds the whole "
            + "region; DRAM may have room, but not aligned room. The hint lists the free DRAM. Ask for smaller blocks, "
            + "make room below an aligned address, or pin the region with `at pa` on an aligned PA.");
    public static final Code ATTRIBUTE_MISMATCH = e("SHY1406", "attribute-mismatch",
            "Two VMs map the same physical memory with different memory types.",
            "The Arm architecture (Arm ARM DDI 0487, section \"Mismatched memory attributes\") gives no coherency between "
            + "accesses to one location through mappings of different types: a VM writing through a non-cacheable "
            + "mapping and another reading through a cacheable one can each see stale data. So a memory attribute "
            + "belongs to the region, not to one VM's mapping of it: a `shared` region has one for every VM, and "
            + "two passthroughs of the same physical range in different VMs must agree.");
    public static final Code ATTRIBUTE_UNSUPPORTED = e("SHY1407", "attribute-unsupported",
            "The board's hypervisor runtime does not implement memory attributes.",
            "The riscv64 runtime's G-stage tables map every region with the memory type of its kind (Svpbmt, which "
            + "would give them other types, is not used yet), and it places no blocks on request; `nocache`, "
            + "`device` and `hugepages` are refused on a riscv64 board rather than silently ignored.");
    // ---- SHY15xx: VM lifecycle -------------------------------------------------------------
    public static final Code LIFECYCLE_EVENT = e("SHY1501", "lifecycle-event",
            "An `on` item of a VM names an event the VM does not have.",
            "Inside a `vm` block, `on EVENT POLICY` says what the VM's event does. The events are `fault` (a stage-2 "
            + "fault, a trap the hypervisor cannot hand back, an SError, an expired watchdog), `off` (the VM's PSCI "
            + "SYSTEM_OFF, or CPU_OFF of its last vCPU on) and `reset` (its PSCI SYSTEM_RESET).");
    public static final Code LIFECYCLE_POLICY = e("SHY1502", "lifecycle-policy",
            "An `on` item of a VM names a policy the runtime does not have.",
            "The policies are `restart` (reload the VM's payloads from the image, reset its vCPUs and virtual GIC and "
            + "enter it again; the other VMs keep running), `halt` (park its cores; the system powers off once every VM "
            + "has halted) and `stop-system` (power the whole system off).");
    public static final Code START_MODE = e("SHY1503", "start-mode",
            "A `start` item of a VM names a mode the runtime does not have.",
            "`start boot` (the default) enters the VM when the system boots; `start waiting` loads it and leaves its "
            + "cores parked until the management VM starts it with the start hypercall (docs/runtime.md).");
    public static final Code WATCHDOG_UNIT = e("SHY1504", "watchdog-unit",
            "A VM's watchdog period is not in milliseconds.",
            "Write the period as `watchdog N ms`: the runtime counts it in milliseconds. A binary unit (`KiB`) is not a "
            + "time.");
    public static final Code WATCHDOG_RANGE = e("SHY1505", "watchdog-range",
            "A VM's watchdog period is shorter or longer than the runtime can keep.",
            "The period is 10 ms to 3 600 000 ms (one hour): shorter ones would fire before a guest could answer a "
            + "timer interrupt under load; the config blob holds 24 bits of milliseconds.");
    public static final Code WAITING_WITHOUT_MANAGEMENT = e("SHY1506", "waiting-without-management",
            "A VM waits to be started, but no VM of the system is the management VM that could start it.",
            "Only the management VM (`vm NAME : KIND management`) may use the start hypercall; without one, a VM "
            + "with `start waiting` would never run. Mark a VM `management`, or drop `start waiting`.");
    public static final Code MANAGEMENT_WAITS = e("SHY1507", "management-waits",
            "The management VM waits to be started, but it is the only VM that could start a waiting VM.",
            "The management VM starts at boot: nothing else could start it. Drop `start waiting` from it.");
    public static final Code LIFECYCLE_ARCH = e("SHY1508", "lifecycle-arch",
            "A VM asks for a lifecycle the board's runtime does not implement.",
            "Restart and stop-system policies, waiting VMs and watchdogs are implemented by the aarch64 runtime. The "
            + "riscv64 runtime keeps the default lifecycle only (faults and SBI shutdown halt the VM, SBI reboot "
            + "restarts it) and refuses a config blob that asks for more.");
    public static final Code RS_LIFECYCLE = w("SHY1509", "rs-lifecycle",
            "Rust-Shyper's VM configurations cannot say a VM's lifecycle; it is left out of its files.",
            "Rust-Shyper boots only its management VM; every other VM is configured and booted from it (`shyper vm "
            + "boot`), which is `start waiting`. Its configs have no fault policy and no watchdog: shyperc's own image "
            + "keeps them, the Rust-Shyper files do not.");

    /** Every code, in id order. */
    public static final List<Code> ALL = List.of(
            SYNTAX, BAD_TOKEN, INT_OVERFLOW, NOT_TEXT, TOO_DEEP, IO, CONTROL_CHARACTER, BIDI_CONTROL,
            IMPORT_NOT_FOUND, IMPORT_CYCLE, UNKNOWN_NAME, DUPLICATE, UNKNOWN_KEY, MISSING, TYPE, RANGE, DECIMAL_ADDRESS,
            SIZE_WITHOUT_UNIT, IMPORT_NOT_SHY, CASE_ONLY_NAMES, RESERVED_FILE_NAME,
            ZERO_SIZE, MISALIGNED, ADDRESS_OVERFLOW, OUTSIDE_DRAM, IN_HYPERVISOR, PA_OVERLAP, IPA_OVERLAP,
            IPA_LIMIT, DRAM_EXHAUSTED,
            NO_SUCH_CORE, CORE_SHARED, NO_CORE, MANAGEMENT_COUNT, MANAGEMENT_CORE0, SPIN_TABLE_EXPOSED,
            DEVICE_SHARED, SUBPAGE_SHARING, HYPERVISOR_DEVICE, DMA_UNISOLATED, VIRTIO_PEER, WINDOW_OVER_MEMORY,
            WINDOW_CUTS_DEVICE,
            NO_SUCH_IRQ, IRQ_SHARED, PRIVATE_IRQ, RESERVED_IRQ, IRQ_COLLISION,
            IMAGE_MISSING, IMAGE_OUTSIDE_RAM, IMAGE_OVERLAP, ENTRY_OUTSIDE, IMAGE_TOO_BIG, KERNEL_MISALIGNED, IMAGE_CHANGED,
            IMAGE_EMPTY, KERNEL_FORMAT, BOOTARGS_TOO_LONG, ENTRY_MISALIGNED,
            BOARD_OVERLAP,
            RS_NUMBER, RS_NAME, RS_DEVICE_TYPE, RS_IRQ_LIST, RS_FORMAT, RS_VM_TYPE, RS_NO_SUCH_CORE,
            RS_FIELD_REJECTED, RS_NO_SUCH_DEVICE, RS_CPU_MISMATCH, RS_OVERLAY, RS_VM_NAME, RS_VGIC_MOVED,
            RS_DROPPED, RS_BITMAP, RS_LIMIT, RS_VIRTIO_KIND, RS_NO_MANAGEMENT, RS_READ_LIMIT, RS_NOT_EXPORTED,
            RS_VIRTIO_CONFIG, RS_FILE_NAME_CLASH, RS_VM_ORDER,
            FDT_TRUNCATED, FDT_MAGIC, FDT_VERSION, FDT_BLOCK, FDT_TOKEN, FDT_NAME, FDT_TOO_DEEP,
            DTB_NO_CPUS, DTB_NO_GIC, DTB_NO_MEMORY, PLAN_JSON, DTB_GIC_NO_VIRT, DTB_NAME_CHARACTER,
            VM_COUNT, CORE_COUNT, VM_NAME_LENGTH, INTERRUPT_CONTROLLER, CONSOLE_DRIVER, EL2_MAP, REGION_COUNT, GIC_LAYOUT,
            HYPERVISOR_PPI, NO_IMAGE,
            // cache colouring
            COLOUR_NO_LLC, LLC_GEOMETRY, COLOUR_RANGE, COLOUR_SHARED, COLOUR_NO_ROOM, COLOUR_PINNED, COLOUR_RISCV,
            COLOUR_EXHAUSTED, COLOUR_PA_OVERLAP, COLOUR_HUGEPAGES, COLOUR_HYP_ROOM, COLOUR_HYP_SPIN_TABLE,
            // doorbells
            DOORBELL_UNMAPPED, DOORBELL_IRQ_USED, DOORBELL_BOTH_WAYS, DOORBELL_IRQ_RANGE, DOORBELL_RISCV, DOORBELL_SELF,
            // memory attributes
            ATTRIBUTE_MISPLACED, ATTRIBUTE_CONFLICT, HUGEPAGE_SIZE, HUGEPAGE_MISALIGNED, HUGEPAGE_NO_ROOM, ATTRIBUTE_MISMATCH,
            ATTRIBUTE_UNSUPPORTED,
            // VM lifecycle
            LIFECYCLE_EVENT, LIFECYCLE_POLICY, START_MODE, WATCHDOG_UNIT, WATCHDOG_RANGE, WAITING_WITHOUT_MANAGEMENT,
            MANAGEMENT_WAITS, LIFECYCLE_ARCH, RS_LIFECYCLE);

    /**
     * Whether the code comes from reading or writing another format (SHY09xx, SHY10xx: `import`, a
     * plan.json, the Rust-Shyper files) rather than from checking .shy files (every other area).
     */
    public static boolean isForeignFormat(Code c) {
        return c.id().compareTo("SHY0900") >= 0 && c.id().compareTo("SHY1100") < 0;
    }

    /** Finds a code by id (`SHY0306`, case-insensitive) or by name (`pa-overlap`). */
    public static Optional<Code> find(String idOrName) {
        String key = idOrName.trim();
        return ALL.stream()
                .filter(c -> c.id().equalsIgnoreCase(key) || c.name().equals(key.toLowerCase(Locale.ROOT)))
                .findFirst();
    }
}
