package org.shyperc.dsl.parse;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * Words other hypervisors' configurations use where this language has a keyword (Xen's xl.cfg, Bao's and Jailhouse's C
 * configs, Rust-Shyper's JSON, QEMU's options): a newcomer writes them from habit, and they are too far from the keyword
 * in spelling for "did you mean" to find it.
 */
final class ForeignWords {
    private ForeignWords() { }

    private static final Map<String, String> KEYWORD = Map.ofEntries(
            Map.entry("passthru", "passthrough"), Map.entry("pass_through", "passthrough"),
            Map.entry("passthrough_device", "passthrough"), Map.entry("passthrough_devices", "passthrough"),
            Map.entry("iomem", "passthrough"), Map.entry("devices", "passthrough"), Map.entry("devs", "passthrough"),
            Map.entry("cmdline", "bootargs"), Map.entry("cmd_line", "bootargs"), Map.entry("command_line", "bootargs"),
            Map.entry("kernel_args", "bootargs"), Map.entry("append", "bootargs"), Map.entry("extra", "bootargs"),
            Map.entry("cores", "cpus"), Map.entry("cpu_num", "cpus"), Map.entry("ncpus", "cpus"),
            Map.entry("nr_cpus", "cpus"), Map.entry("num_cpus", "cpus"), Map.entry("smp", "cpus"),
            Map.entry("affinity", "cpus"), Map.entry("cpu_affinity", "cpus"),
            Map.entry("mem", "memory"), Map.entry("ram", "memory"), Map.entry("memory_region", "memory"),
            Map.entry("memory_regions", "memory"), Map.entry("regions", "memory"),
            Map.entry("image", "kernel"), Map.entry("kernel_filename", "kernel"), Map.entry("kernel_image", "kernel"),
            Map.entry("zimage", "kernel"),
            Map.entry("ramdisk", "initrd"), Map.entry("initramfs", "initrd"), Map.entry("initrd_filename", "initrd"),
            Map.entry("device_tree", "dtb"), Map.entry("devicetree", "dtb"), Map.entry("fdt", "dtb"),
            Map.entry("dtb_filename", "dtb"),
            Map.entry("emulated_device", "virtio"), Map.entry("emulated_devices", "virtio"),
            Map.entry("virtio_mmio", "virtio"),
            Map.entry("domain", "vm"), Map.entry("guest", "vm"), Map.entry("partition", "vm"), Map.entry("cell", "vm"),
            Map.entry("shmem", "shared"), Map.entry("shm", "shared"), Map.entry("ipc", "shared"),
            Map.entry("ipcs", "shared"), Map.entry("shared_memory", "shared"));

    /** The keyword {@code word} stands for, when it is one of {@code expected}; else null. */
    static String keywordFor(String word, Collection<String> expected) {
        String k = KEYWORD.get(word.toLowerCase(Locale.ROOT));
        return k != null && expected.contains(k) ? k : null;
    }
}
