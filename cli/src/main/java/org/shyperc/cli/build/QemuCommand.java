package org.shyperc.cli.build;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.shyperc.plan.BoardPlan;
import org.shyperc.plan.DevicePlan;
import org.shyperc.plan.InterruptControllerPlan;
import org.shyperc.plan.Plan;

/** The QEMU command line that stands in for a board: derived from the board, never hand-kept. */
public final class QemuCommand {
    private QemuCommand() { }

    /** QEMU's Raspberry Pi 4 model has exactly this much RAM, from 0 (`-m` other than 2G is refused). */
    static final long RASPI4B_RAM = 2L << 30;

    /** QEMU riscv virt's RAM starts here; OpenSBI keeps its first 2 MiB. */
    static final long RISCV_RAM_BASE = 0x8000_0000L;

    /** The QEMU machine a board is, or null when it is real hardware QEMU does not model. */
    enum Machine { VIRT, RASPI4B, RISCV_VIRT }

    /**
     * QEMU's aarch64 virt machine (its DTB's compatible), its Raspberry Pi 4 model (raspi4b: a board with the Pi 4's
     * compatible whose DRAM all lies in the model's 2 GiB; the 8 GB Pi's board does not fit it), or QEMU's riscv virt.
     */
    static Machine machine(Plan plan) {
        return machine(plan.board());
    }

    /** As {@link #machine(Plan)}, for a board alone. */
    static Machine machine(BoardPlan b) {
        return switch (b.arch()) {
            case AARCH64 -> {
                if (b.compatible().contains("linux,dummy-virt")) yield Machine.VIRT;
                if (b.compatible().contains("raspberrypi,4-model-b")
                        && b.dram().stream().allMatch(m -> m.base() >= 0 && m.end() <= RASPI4B_RAM)) {
                    yield Machine.RASPI4B;
                }
                yield null;
            }
            case RISCV64 -> b.compatible().contains("riscv-virtio") ? Machine.RISCV_VIRT : null;
        };
    }

    /** Only QEMU's own machines can be run (aarch64 and riscv64 virt, raspi4b); real hardware boards cannot. */
    public static boolean canRun(Plan plan) {
        return machine(plan) != null;
    }

    /** Whether QEMU can run {@code board}: as {@link #canRun(Plan)}, before any system is placed on it. */
    public static boolean canRun(BoardPlan board) {
        return machine(board) != null;
    }

    /**
     * Which of the build's images QEMU boots: the ELF on virt; the raw image on raspi4b, which QEMU loads at RAM base +
     * the Image header's text_offset and enters at EL2 (an ELF would start every core at its entry, at EL3).
     */
    public static String image(Plan plan) {
        return machine(plan) == Machine.RASPI4B ? "shyper.bin" : "shyper.elf";
    }

    /**
     * How QEMU's TCG runs the machine's cores: a host thread each (QEMU's default) or all in one thread, in turn. One
     * thread boots Linux faster on a host with fewer CPUs than the board has cores, where each of the guest's
     * inner-shareable TLB invalidations stops every core's thread (bench/README.md, "Boot overhead").
     */
    public enum Tcg {
        multi, single;  // lower case: they are what the user types
    }

    /** The command line that boots {@code image} (the file {@link #image} names); only for a plan {@link #canRun} accepts. */
    public static List<String> forPlan(Plan plan, Path image) {
        return forPlan(plan, image, Tcg.multi);
    }

    /** As {@link #forPlan(Plan, Path)}, with TCG's threads as {@code tcg} says. */
    public static List<String> forPlan(Plan plan, Path image, Tcg tcg) {
        BoardPlan b = plan.board();
        Machine m = machine(plan);
        if (m == null) throw new IllegalArgumentException("board " + b.name() + " is not a QEMU board");
        List<String> cmd = switch (m) {
            case VIRT -> aarch64(b, image);
            case RASPI4B -> raspi4b(plan, image);
            case RISCV_VIRT -> riscv64(b, image);
        };
        if (tcg == Tcg.single) cmd.addAll(1, List.of("-accel", "tcg,thread=single"));
        return cmd;
    }

    private static List<String> aarch64(BoardPlan b, Path elf) {
        InterruptControllerPlan.Kind gic = b.interruptController().kind();
        long ram = 0;
        for (BoardPlan.MemoryBank bank : b.dram()) ram += bank.size();
        String cpu = b.cpus().get(0).compatible().replace("arm,", "");
        return new ArrayList<>(List.of(binary(Machine.VIRT),
                "-machine", "virt,virtualization=on,gic-version=" + (gic == InterruptControllerPlan.Kind.GICV3 ? "3" : "2"),
                "-cpu", cpu, "-nic", "none",
                "-smp", String.valueOf(b.cpus().size()),
                "-m", (ram >> 20) + "M",
                "-nographic", "-no-reboot",
                "-kernel", elf.toString()));
    }

    /**
     * The model's cores, GIC and RAM are fixed. Serial 0 is the PL011, serial 1 the mini-UART: the console goes to the
     * terminal (with QEMU's monitor on Ctrl-A c, as -nographic does), the other nowhere.
     */
    private static List<String> raspi4b(Plan plan, Path bin) {
        List<String> cmd = new ArrayList<>(List.of(binary(Machine.RASPI4B), "-machine", "raspi4b", "-m", "2G", "-nographic"));
        int serial = consoleSerial(plan);
        for (int i = 0; i <= serial; i++) cmd.addAll(List.of("-serial", i == serial ? "mon:stdio" : "null"));
        cmd.addAll(List.of("-no-reboot", "-kernel", bin.toString()));
        return cmd;
    }

    /**
     * QEMU's riscv virt with the H extension (on in `-cpu rv64`) and QEMU's own OpenSBI (`-bios default`), which
     * enters the image in HS-mode. Its RAM is one bank from 0x8000_0000 to the end of the board's last DRAM bank.
     */
    private static List<String> riscv64(BoardPlan b, Path elf) {
        long end = RISCV_RAM_BASE;
        for (BoardPlan.MemoryBank m : b.dram()) end = Math.max(end, m.end());
        long mib = (end - RISCV_RAM_BASE + (1L << 20) - 1) >> 20;
        return new ArrayList<>(List.of(binary(Machine.RISCV_VIRT),
                "-machine", "virt", "-cpu", "rv64", "-nic", "none",
                "-smp", String.valueOf(b.cpus().size()),
                "-m", mib + "M",
                "-nographic", "-no-reboot", "-bios", "default",
                "-kernel", elf.toString()));
    }

    /** raspi4b's serial port of the hypervisor's console: 1 for the mini-UART (the AUX block), 0 for the PL011. */
    static int consoleSerial(Plan plan) {
        DevicePlan c = plan.board().device(plan.hypervisor().console());
        return c != null && c.compatible().contains("bcm2835-aux-uart") ? 1 : 0;
    }

    /**
     * The QEMU for a machine: `qemu-system-aarch64` or `qemu-system-riscv64` from PATH, or the program that
     * SHYPERC_QEMU_AARCH64 / SHYPERC_QEMU_RISCV64 names (another build of QEMU); SHYPERC_QEMU, the older name, still
     * picks the aarch64 one. raspi4b needs QEMU 9 or later: without either variable, the QEMU 10 that
     * tests/qemu10/fetch-qemu.sh sets up (scripts/install-deps.sh runs it) when it is there.
     */
    static String binary(Machine m) {
        BoardPlan.Arch arch = m == Machine.RISCV_VIRT ? BoardPlan.Arch.RISCV64 : BoardPlan.Arch.AARCH64;
        String chosen = System.getenv("SHYPERC_QEMU_" + arch.name());
        if ((chosen == null || chosen.isBlank()) && arch == BoardPlan.Arch.AARCH64) chosen = System.getenv("SHYPERC_QEMU");
        if (chosen != null && !chosen.isBlank()) return chosen;
        if (m == Machine.RASPI4B) {
            Path cached = qemu10();
            if (Files.isExecutable(cached)) return cached.toString();
        }
        return "qemu-system-" + arch.name().toLowerCase(Locale.ROOT);
    }

    static Path qemu10() {
        return Path.of(System.getProperty("user.home"), ".cache", "shyperc", "qemu10", "qemu-system-aarch64");
    }

    /** The Debian package with the QEMU for an architecture. */
    public static String debianPackage(String qemuProgram) {
        return qemuProgram.contains("riscv") ? "qemu-system-misc" : "qemu-system-arm";
    }

    /** One line telling the user what to do about QEMU's own start-up error {@code qemuLine}. */
    public static String fixFor(Plan plan, String qemuLine) {
        String l = qemuLine.toLowerCase(Locale.ROOT);
        if (machine(plan) == Machine.RASPI4B && l.contains("machine") && l.contains("raspi4b")) {
            String why = qemuLine.replaceFirst("^qemu-system-[a-z0-9_]+:\\s*", "");
            return "this QEMU has no Raspberry Pi 4 model (" + why + "): it needs QEMU 9 or later; scripts/install-deps.sh "
                    + "sets up Debian 13's under " + qemu10().getParent() + ", or point SHYPERC_QEMU_AARCH64 at one.";
        }
        return fixFor(qemuLine);
    }

    /** One line telling the user what to do about QEMU's own start-up error {@code qemuLine}. */
    public static String fixFor(String qemuLine) {
        String l = qemuLine.toLowerCase(java.util.Locale.ROOT);
        String why = qemuLine.replaceFirst("^qemu-system-[a-z0-9_]+:\\s*", "");
        String pkg = debianPackage(l);
        if (l.contains("romfile") || l.contains("firmware") || l.contains("bios"))
            return "it is missing a firmware file (" + why + "): install Debian's qemu-system-data and ipxe-qemu"
                    + (pkg.equals("qemu-system-misc") ? " (and opensbi)." : ".");
        if (l.contains("machine") || l.contains("property") || l.contains("cpu") || l.contains("gic-version"))
            return "this QEMU does not have what the board needs (" + why + "): use QEMU 7.2 or later "
                    + "(Debian: apt-get install " + pkg + ").";
        if (l.contains("memory") || l.contains("cannot allocate") || l.contains("-m "))
            return "not enough memory for the board's RAM (" + why + "): free memory or use a board with less DRAM.";
        return "QEMU said: " + why + " (shyperc is tested with Debian 12's " + pkg + " 7.2).";
    }
}
