package org.shyperc.codegen.rustshyper;

import java.util.List;
import java.util.Locale;

import org.shyperc.compiler.rustshyper.RustShyperLimits;
import org.shyperc.plan.DevicePlan;

/**
 * Names and limits of Rust-Shyper's VM configuration (docs/rust-shyper.md; Rust-Shyper master
 * 62a2053, cli/src/config.rs and src/config/): what `shyper vm config` accepts and what the
 * hypervisor implements.
 */
final class RustShyperFormat {

    // The limits live with the checks that warn about them (one truth: check and export agree).
    static final int NAME_LIMIT = RustShyperLimits.NAME_LIMIT;
    static final int FILENAME_LIMIT = RustShyperLimits.FILENAME_LIMIT;
    static final int DTB_IRQ_LIMIT = RustShyperLimits.DTB_IRQ_LIMIT;
    static final int MEMORY_REGION_LIMIT = RustShyperLimits.MEMORY_REGION_LIMIT;
    static final int VM_LIMIT = RustShyperLimits.VM_LIMIT;

    static final String VM_LINUX = "VM_T_LINUX";
    /** Misspelt so in Rust-Shyper; the CLI matches this exact string. */
    static final String VM_BAREMETAL = "VM_T_BARE_MATEL_APP";
    static final String VM_FREERTOS = "VM_T_FREERTOS";

    /** Emulated device types by their value (the list position). */
    static final List<String> EMU_TYPES = List.of("CONSOLE", "GICD", "GPPT", "VIRTIO_BLK", "VIRTIO_NET",
            "VIRTIO_CONSOLE", "SHYPER", "VIRTIO_BLK_MEDIATED", "IOMMU", "SRE", "SGIR", "GICR", "META", "PLIC", "APLIC");
    static final String EMU_PREFIX = "EMU_DEVICE_T_";
    /** Types whose emulation panics or is unfinished in the hypervisor. */
    static final List<String> EMU_BROKEN = List.of("CONSOLE", "SRE", "SGIR", "META", "VIRTIO_BLK");

    static final List<String> DTB_TYPES = List.of("CONSOLE", "GICD", "GICC", "GICR", "PLIC", "APLIC");
    static final String DTB_PREFIX = "DTB_DEVICE_T_";

    private RustShyperFormat() { }

    /** Our virtio kind to Rust-Shyper's emulated device type; a block device is the mediated one (plain blk is unfinished). */
    static String virtioType(String kind) {
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "blk", "block" -> "VIRTIO_BLK_MEDIATED";
            case "net", "network" -> "VIRTIO_NET";
            case "console" -> "VIRTIO_CONSOLE";
            default -> null;
        };
    }

    static String virtioKind(String emuType) {
        return switch (emuType) {
            case "VIRTIO_BLK_MEDIATED" -> "blk";
            case "VIRTIO_NET" -> "net";
            case "VIRTIO_CONSOLE" -> "console";
            default -> null;
        };
    }

    static String rustEmuVariant(String emuType) {
        return switch (emuType) {
            case "CONSOLE" -> "EmuDeviceTConsole";
            case "GICD" -> "EmuDeviceTGicd";
            case "GPPT" -> "EmuDeviceTGPPT";
            case "VIRTIO_BLK" -> "EmuDeviceTVirtioBlk";
            case "VIRTIO_NET" -> "EmuDeviceTVirtioNet";
            case "VIRTIO_CONSOLE" -> "EmuDeviceTVirtioConsole";
            case "SHYPER" -> "EmuDeviceTShyper";
            case "VIRTIO_BLK_MEDIATED" -> "EmuDeviceTVirtioBlkMediated";
            case "IOMMU" -> "EmuDeviceTIOMMU";
            case "GICR" -> "EmuDeviceTGICR";
            case "META" -> "EmuDeviceTMeta";
            case "PLIC" -> "EmuDeviceTPlic";
            case "APLIC" -> "EmuDeviceTAPlic";
            default -> throw new IllegalArgumentException("no Rust variant for " + emuType);
        };
    }

    static String rustDtbVariant(String dtbType) {
        return switch (dtbType) {
            case "CONSOLE" -> "DevSerial";
            case "GICD" -> "DevGicd";
            case "GICC" -> "DevGicc";
            case "GICR" -> "DevGicr";
            case "PLIC" -> "DevPlic";
            case "APLIC" -> "DevAPlic";
            default -> throw new IllegalArgumentException("no Rust variant for " + dtbType);
        };
    }

    /** A UART, which Rust-Shyper's guest DTB describes as a serial DTB device. */
    static boolean isSerial(DevicePlan d) {
        if (d == null) {
            return false;
        }
        String c = d.compatible().toLowerCase(Locale.ROOT);
        return c.contains("pl011") || c.contains("16550") || c.contains("uart") || c.contains("serial");
    }

    static String bitmap(List<Integer> cores) {
        long bits = 0;
        for (int c : cores) {
            bits |= 1L << c;
        }
        return "0b" + Long.toBinaryString(bits);
    }

    static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
