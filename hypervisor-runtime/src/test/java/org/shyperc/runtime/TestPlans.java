package org.shyperc.runtime;

import java.util.ArrayList;
import java.util.List;
import org.shyperc.plan.BoardPlan;
import org.shyperc.plan.DevicePlan;
import org.shyperc.plan.HypervisorPlan;
import org.shyperc.plan.InterruptControllerPlan;
import org.shyperc.plan.InterruptControllerPlan.Frame;
import org.shyperc.plan.Plan;
import org.shyperc.plan.SharedPlan;
import org.shyperc.plan.VmPlan;

/** Hand-made Plans for QEMU virt (GICv2, 4 x A57, 2 GiB), as the compiler would lower them. */
final class TestPlans {
    private TestPlans() { }

    static final long MIB = 1L << 20;

    static DevicePlan device(String name, String compat, long base, int irq) {
        return new DevicePlan(name, compat, base, 0x1000, List.of(irq), null, false, null, -1, List.of());
    }

    static BoardPlan qemuVirt() {
        List<BoardPlan.CpuPlan> cpus = new ArrayList<>();
        for (int i = 0; i < 4; i++) cpus.add(new BoardPlan.CpuPlan(i, i, "arm,cortex-a57"));
        return new BoardPlan("qemu-virt", BoardPlan.Arch.AARCH64, List.of("linux,dummy-virt"), "QEMU virt", cpus,
                List.of(new BoardPlan.MemoryBank("dram", 0x4000_0000L, 2048 * MIB)),
                new InterruptControllerPlan(InterruptControllerPlan.Kind.GICV2,
                        new Frame(0x0800_0000L, 0x10000), new Frame(0x0801_0000L, 0x2000),
                        new Frame(0x0803_0000L, 0x2000), new Frame(0x0804_0000L, 0x2000), null, null,
                        25, 288, List.of("arm,cortex-a15-gic")),
                List.of(29, 30, 27, 26),
                List.of(device("uart0", "arm,pl011", 0x0900_0000L, 33), device("rtc", "arm,pl031", 0x0901_0000L, 34)));
    }

    static HypervisorPlan hypervisor(long loadAddress) {
        // as boards/qemu-virt.shy: stage 2 in pages (`stage2-blocks off`)
        return new HypervisorPlan(0x4000_0000L, 32 * MIB, loadAddress, "uart0", 26, 1, 64).withoutStage2Blocks();
    }

    /** A bare-metal VM: RAM at IPA 0x4000_0000 (64 MiB) backed at {@code pa}, kernel at its start, DTB near its end. */
    static VmPlan vm(int id, String name, List<Integer> cpus, long pa, List<VmPlan.Passthrough> pt,
                     List<VmPlan.SharedWindow> shared) {
        return vm(id, name, cpus, 0x4000_0000L, pa, pt, shared);
    }

    /** The same VM with its console and virtual GIC elsewhere in its IPA space (vexpress-like addresses). */
    static VmPlan movedDevices(VmPlan v) {
        return new VmPlan(v.id(), v.name(), v.kind(), v.management(), v.cpus(), v.memory(), v.kernel(), v.initrd(),
                v.dtbIpa(), v.bootargs(), v.passthrough(), v.virtio(), new VmPlan.Console("arm,pl011", 0x1c09_0000L, 0x1000),
                new VmPlan.VirtualGic(0x2c00_1000L, 0x1000, 0x2c00_2000L, 0x2000, 0, 0), v.sharedWindows());
    }

    /** The same VM with other bootargs (the test guests read "key=hex" words from /chosen/bootargs). */
    static VmPlan bootargs(VmPlan v, String bootargs) {
        // windows and the mapping list (with its memory attributes) kept: bootargs change neither
        return new VmPlan(v.id(), v.name(), v.kind(), v.management(), v.cpus(), v.memory(), v.kernel(), v.initrd(),
                v.dtbIpa(), bootargs, v.passthrough(), v.virtio(), v.console(), v.vgic(), v.sharedWindows(), v.windows(),
                v.mappings());
    }

    /** The same VM with these emulated virtio devices (its windows and mappings made again). */
    static VmPlan withVirtio(VmPlan v, VmPlan.Virtio... devices) {
        return new VmPlan(v.id(), v.name(), v.kind(), v.management(), v.cpus(), v.memory(), v.kernel(), v.initrd(),
                v.dtbIpa(), v.bootargs(), v.passthrough(), List.of(devices), v.console(), v.vgic(), v.sharedWindows());
    }

    /** The same with RAM at {@code ipa}. */
    static VmPlan vm(int id, String name, List<Integer> cpus, long ipa, long pa, List<VmPlan.Passthrough> pt,
                     List<VmPlan.SharedWindow> shared) {
        return new VmPlan(id, name, VmPlan.Kind.BAREMETAL, false, cpus,
                List.of(new VmPlan.Region(ipa, pa, 64 * MIB)),
                new VmPlan.Image("guests/" + name + ".bin", ipa, ipa), null, ipa + 63 * MIB, "",
                pt, List.of(), new VmPlan.Console("arm,pl011", 0x0900_0000L, 0x1000),
                new VmPlan.VirtualGic(0x0800_0000L, 0x10000, 0x0801_0000L, 0x2000, 0, 0), shared);
    }

    /**
     * The isolation system: "attacker" (cores 1 and 2, RAM at IPA 0x8000_0000, owning the PL061 GPIO and its SPI 39,
     * a virtio console) beside "victim" (the boot core 0, where console input and unrouted interrupts arrive; owns the
     * PL031 RTC and its SPI 34), sharing the page "chan0" and the page "notice" (read-only for the attacker), each with
     * bootargs naming the addresses the guests use.
     */
    static Plan isolation() {
        long chanPa = 0x5c00_0000L, roPa = 0x5c00_1000L;
        VmPlan a = vm(0, "attacker", List.of(1, 2), 0x8000_0000L, 0x5800_0000L,
                List.of(new VmPlan.Passthrough("gpio", 0x0903_0000L, 0x0903_0000L, 0x1000, List.of(39))),
                List.of(new VmPlan.SharedWindow("chan0", 0x9000_0000L, chanPa, 0x1000, true),
                        new VmPlan.SharedWindow("notice", 0x9100_0000L, roPa, 0x1000, false)));
        VmPlan attacker = new VmPlan(a.id(), a.name(), a.kind(), a.management(), a.cpus(), a.memory(), a.kernel(), a.initrd(),
                a.dtbIpa(), ATTACKER_ARGS, a.passthrough(), List.of(new VmPlan.Virtio("console", 0x0a00_4000L, 0x1000, 80)),
                a.console(), a.vgic(), a.sharedWindows());
        VmPlan victim = bootargs(vm(1, "victim", List.of(0), 0x4000_0000L, 0x5000_0000L,
                List.of(new VmPlan.Passthrough("rtc", 0x0901_0000L, 0x0901_0000L, 0x1000, List.of(34))),
                List.of(new VmPlan.SharedWindow("chan0", 0x4800_0000L, chanPa, 0x1000, true),
                        new VmPlan.SharedWindow("notice", 0x4900_0000L, roPa, 0x1000, true))), VICTIM_ARGS);
        return plan("isolation", List.of(attacker, victim), List.of(
                new SharedPlan("chan0", chanPa, 0x1000, List.of(new SharedPlan.Mapping("attacker", 0x9000_0000L, true),
                        new SharedPlan.Mapping("victim", 0x4800_0000L, true))),
                new SharedPlan("notice", roPa, 0x1000, List.of(new SharedPlan.Mapping("attacker", 0x9100_0000L, false),
                        new SharedPlan.Mapping("victim", 0x4900_0000L, true)))));
    }

    static final String ATTACKER_ARGS = "shm=0x90000000 victim_ram=0x50000000 hyp=0x40080000 victim_dev=0x09010000 "
            + "unassigned=0x0a000000 spi=0x22 table=0x83000000 ro=0x91000000 gpio=0x09030000 own_spi=0x27 virtio=0x0a004000";
    static final String VICTIM_ARGS = "shm=0x48000000 rtc=0x09010000 ro=0x49000000";

    /** The same system on QEMU virt with a GICv3 (gic-version=3): redistributors instead of GICC/GICH/GICV. */
    static Plan onGicv3(Plan p) {
        BoardPlan b = p.board();
        BoardPlan v3 = new BoardPlan("qemu-virt-gicv3", b.arch(), b.compatible(), b.model(), b.cpus(), b.dram(),
                new InterruptControllerPlan(InterruptControllerPlan.Kind.GICV3, new Frame(0x0800_0000L, 0x10000), null, null,
                        null, new Frame(0x080A_0000L, 0xF6_0000L), null, 25, 288, List.of("arm,gic-v3")),
                b.timerIrqs(), b.devices());
        List<VmPlan> vms = new ArrayList<>();
        for (VmPlan v : p.vms()) {
            vms.add(new VmPlan(v.id(), v.name(), v.kind(), v.management(), v.cpus(), v.memory(), v.kernel(), v.initrd(),
                    v.dtbIpa(), v.bootargs(), v.passthrough(), v.virtio(), v.console(),
                    new VmPlan.VirtualGic(0x0800_0000L, 0x10000, 0, 0, 0x080A_0000L, v.cpus().size() * 0x20000L),
                    v.sharedWindows()).withLifecycle(v.lifecycle()));
        }
        return new Plan(p.system(), v3, p.hypervisor(), vms, p.shared(), p.doorbells());
    }

    /**
     * QEMU's Raspberry Pi 4 (raspi4b): 4 x Cortex-A72 started from the spin table at 0xd8 (no PSCI), RAM below the
     * VideoCore's 64 MiB at 0x3c000000 and 1 GiB above it, the GIC-400 (224 interrupt lines), the PL011 on serial 0 and the
     * mini-UART on serial 1; the hypervisor at the bottom of RAM (its reservation holds the spin table), loaded at 0x80000.
     * As boards/rpi4-qemu.shy says.
     */
    static BoardPlan raspi4b() {
        List<BoardPlan.CpuPlan> cpus = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            cpus.add(new BoardPlan.CpuPlan(i, i, "arm,cortex-a72", BoardPlan.EnableMethod.SPIN_TABLE, 0xd8 + 8L * i));
        }
        return new BoardPlan("rpi4-qemu", BoardPlan.Arch.AARCH64, List.of("raspberrypi,4-model-b", "brcm,bcm2711"),
                "Raspberry Pi 4 Model B", cpus,
                List.of(new BoardPlan.MemoryBank("low", 0, 0x3c00_0000L), new BoardPlan.MemoryBank("high", 0x4000_0000L, 1024 * MIB)),
                new InterruptControllerPlan(InterruptControllerPlan.Kind.GICV2,
                        new Frame(0xff84_1000L, 0x1000), new Frame(0xff84_2000L, 0x2000),
                        new Frame(0xff84_4000L, 0x2000), new Frame(0xff84_6000L, 0x2000), null, null,
                        25, 224, List.of("arm,gic-400")),
                List.of(29, 30, 27, 26),
                List.of(device("uart0", "arm,pl011", 0xfe20_1000L, 153), device("sdhost", "brcm,bcm2835-sdhost", 0xfe20_2000L, 152),
                        device("aux-uart", "brcm,bcm2835-aux-uart", 0xfe21_5000L, 125)));
    }

    /** The same plan on raspi4b: its board and hypervisor, every VM's console and virtual GIC at the board's addresses. */
    static Plan onRaspi4b(Plan p, String console) {
        BoardPlan b = raspi4b();
        DevicePlan c = b.device(console);
        List<VmPlan> vms = new ArrayList<>();
        for (VmPlan v : p.vms()) {
            vms.add(new VmPlan(v.id(), v.name(), v.kind(), v.management(), v.cpus(), v.memory(), v.kernel(), v.initrd(),
                    v.dtbIpa(), v.bootargs(), v.passthrough(), v.virtio(), new VmPlan.Console(c.compatible(), c.base(), c.size()),
                    new VmPlan.VirtualGic(0xff84_1000L, 0x1000, 0xff84_2000L, 0x2000, 0, 0), v.sharedWindows()));
        }
        return new Plan(p.system(), b, new HypervisorPlan(0, 128 * MIB, 0x8_0000L, console, 26, 1, -1).withoutStage2Blocks(), vms, p.shared(),
                p.doorbells());
    }

    static Plan plan(String system, List<VmPlan> vms, List<SharedPlan> shared) {
        return new Plan(system, qemuVirt(), hypervisor(0x4008_0000L), vms, shared);
    }
}
