package org.shyperc.codegen.emit;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.shyperc.plan.BoardPlan;
import org.shyperc.plan.BoardPlan.CpuPlan;
import org.shyperc.plan.BoardPlan.MemoryBank;
import org.shyperc.plan.DevicePlan;
import org.shyperc.plan.HypervisorPlan;
import org.shyperc.plan.InterruptControllerPlan;
import org.shyperc.plan.InterruptControllerPlan.Frame;
import org.shyperc.plan.Plan;
import org.shyperc.plan.SharedPlan;
import org.shyperc.plan.VmPlan;
import org.shyperc.plan.VmPlan.Console;
import org.shyperc.plan.VmPlan.Image;
import org.shyperc.plan.VmPlan.Passthrough;
import org.shyperc.plan.VmPlan.Region;
import org.shyperc.plan.VmPlan.SharedWindow;
import org.shyperc.plan.VmPlan.VirtualGic;
import org.shyperc.plan.VmPlan.Virtio;

/** Plans written by hand, as the lead's front end would lower them, for codegen tests. */
public final class TestPlans {

    public static final long KIB = 1024;
    public static final long MIB = 1024 * KIB;
    public static final long GIB = 1024 * MIB;

    private TestPlans() { }

    /** Golden cases by name: each gets a folder under src/test/resources/golden/. */
    public static Map<String, Supplier<Plan>> cases() {
        Map<String, Supplier<Plan>> m = new TreeMap<>();
        m.put("qemu-virt-demo", TestPlans::qemuVirtDemo);
        m.put("qemu-virt-gicv3", TestPlans::qemuVirtGicv3);
        m.put("linux-boot", TestPlans::linuxBoot);
        m.put("linux-boot-gicv3", TestPlans::linuxBootGicv3);
        return m;
    }

    /** Input files the cases name (contents stand in for real payloads). */
    public static BuildInputs inputs() {
        return BuildInputs.of("0.1.0-test")
                .with("demo.shy", "system demo for qemu-virt { }\n".getBytes())
                .with("images/Image", new byte[4096])
                .with("images/initrd.gz", new byte[0x12345])
                .with("guests/rt.bin", new byte[512])
                .with("images/initrd.cpio", bootInitrd());
    }

    /** A real initramfs whose /init is not a program: Linux unpacks it, then fails to run it. */
    public static byte[] bootInitrd() {
        return Cpio.oneFile("init", "#!/nonexistent\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0755);
    }

    public static BoardPlan qemuVirt() {
        return qemuVirt(InterruptControllerPlan.Kind.GICV2);
    }

    public static BoardPlan qemuVirt(InterruptControllerPlan.Kind gic) {
        List<CpuPlan> cpus = List.of(new CpuPlan(0, 0, "arm,cortex-a57"), new CpuPlan(1, 1, "arm,cortex-a57"),
                new CpuPlan(2, 2, "arm,cortex-a57"), new CpuPlan(3, 3, "arm,cortex-a57"));
        InterruptControllerPlan ic = gic == InterruptControllerPlan.Kind.GICV2
                ? new InterruptControllerPlan(gic, new Frame(0x0800_0000L, 64 * KIB), new Frame(0x0801_0000L, 8 * KIB),
                        new Frame(0x0803_0000L, 8 * KIB), new Frame(0x0804_0000L, 8 * KIB), null, null, 25, 288,
                        List.of("arm,cortex-a15-gic"))
                : new InterruptControllerPlan(gic, new Frame(0x0800_0000L, 64 * KIB), null, null, null,
                        new Frame(0x080a_0000L, 0xf60000L), null, 25, 288, List.of("arm,gic-v3"));
        List<DevicePlan> devices = List.of(
                new DevicePlan("uart0", "arm,pl011", 0x0900_0000L, 4 * KIB, List.of(33), null, false, null, -1, List.of()),
                new DevicePlan("rtc", "arm,pl031", 0x0901_0000L, 4 * KIB, List.of(34), null, false, null, -1, List.of()));
        return new BoardPlan(gic == InterruptControllerPlan.Kind.GICV2 ? "qemu-virt" : "qemu-virt-gicv3",
                BoardPlan.Arch.AARCH64, List.of("linux,dummy-virt"), "QEMU virt", cpus,
                List.of(new MemoryBank("dram", 0x4000_0000L, 2 * GIB)), ic, List.of(29, 30, 27, 26), devices);
    }

    public static HypervisorPlan hypervisor() {
        return new HypervisorPlan(0x4000_0000L, 32 * MIB, 0x4008_0000L, "uart0", 26, 1, 64);
    }

    static VirtualGic vgicV2() {
        return new VirtualGic(0x0800_0000L, 0x1000, 0x0801_0000L, 0x2000, 0, 0);
    }

    public static Plan qemuVirtDemo() {
        VmPlan mvm = new VmPlan(0, "mvm", VmPlan.Kind.LINUX, true, List.of(0),
                List.of(new Region(0x8000_0000L, 0x4200_0000L, 512 * MIB)),
                new Image("images/Image", 0x8020_0000L, 0x8020_0000L),
                new Image("images/initrd.gz", 0x8400_0000L, 0x8400_0000L),
                0x8000_0000L, "earlycon console=ttyAMA0 root=/dev/ram",
                List.of(new Passthrough("rtc", 0x0901_0000L, 0x0901_0000L, 4 * KIB, List.of(34))),
                List.of(new Virtio("console", 0x0a00_2000L, 0x1000, 50), new Virtio("net", 0x0a00_3000L, 0x1000, 51)),
                new Console("arm,pl011", 0x0900_0000L, 4 * KIB), vgicV2(),
                List.of(new SharedWindow("chan0", 0xc000_0000L, 0x7c00_0000L, 2 * MIB, true)));
        VmPlan rt = new VmPlan(1, "rt", VmPlan.Kind.BAREMETAL, false, List.of(1, 2),
                List.of(new Region(0x0, 0x7000_0000L, 64 * MIB)),
                new Image("guests/rt.bin", 0x0, 0x0), null, 0x03f0_0000L, "",
                List.of(), List.of(), new Console("arm,pl011", 0x0900_0000L, 4 * KIB), vgicV2(),
                List.of(new SharedWindow("chan0", 0x1000_0000L, 0x7c00_0000L, 2 * MIB, false)));
        SharedPlan chan0 = new SharedPlan("chan0", 0x7c00_0000L, 2 * MIB,
                List.of(new SharedPlan.Mapping("mvm", 0xc000_0000L, true), new SharedPlan.Mapping("rt", 0x1000_0000L, false)));
        return new Plan("demo", qemuVirt(), hypervisor(), List.of(mvm, rt), List.of(chan0));
    }

    public static Plan qemuVirtGicv3() {
        VirtualGic vgic = new VirtualGic(0x0800_0000L, 64 * KIB, 0, 0, 0x080a_0000L, 2 * 128 * KIB);
        VmPlan vm = new VmPlan(0, "guest", VmPlan.Kind.LINUX, true, List.of(0, 1),
                List.of(new Region(0x4000_0000L, 0x4400_0000L, 256 * MIB), new Region(0x1_0000_0000L, 0x6000_0000L, 256 * MIB)),
                new Image("images/Image", 0x4020_0000L, 0x4020_0000L), null, 0x4000_0000L,
                "console=ttyAMA0",
                List.of(new Passthrough("uart0", 0x0900_0000L, 0x0900_0000L, 4 * KIB, List.of(33))),
                List.of(new Virtio("blk", 0x0a00_0000L, 0x200, 48)),
                new Console("arm,pl011", 0x0902_0000L, 4 * KIB), vgic, List.of());
        HypervisorPlan hv = new HypervisorPlan(0x4000_0000L, 32 * MIB, 0x4008_0000L, "rtc", 26, 1, 64);
        return new Plan("v3", qemuVirt(InterruptControllerPlan.Kind.GICV3), hv, List.of(vm), List.of());
    }

    /** {@code plan} with its first VM's bootargs replaced. */
    public static Plan withBootargs(Plan plan, String bootargs) {
        VmPlan vm = plan.vms().get(0);
        VmPlan changed = new VmPlan(vm.id(), vm.name(), vm.kind(), vm.management(), vm.cpus(), vm.memory(), vm.kernel(),
                vm.initrd(), vm.dtbIpa(), bootargs, vm.passthrough(), vm.virtio(), vm.console(), vm.vgic(),
                vm.sharedWindows(), vm.windows());
        List<VmPlan> vms = new java.util.ArrayList<>(plan.vms());
        vms.set(0, changed);
        return new Plan(plan.system(), plan.board(), plan.hypervisor(), vms, plan.shared());
    }

    /** The same VM on QEMU virt with gic-version=3: distributor and redistributors for its two vCPUs. */
    public static Plan linuxBootGicv3() {
        Plan v2 = linuxBoot();
        VmPlan vm = v2.vms().get(0);
        VmPlan v3 = new VmPlan(vm.id(), vm.name(), vm.kind(), vm.management(), vm.cpus(), vm.memory(), vm.kernel(),
                vm.initrd(), vm.dtbIpa(), vm.bootargs(), vm.passthrough(), vm.virtio(), vm.console(),
                new VirtualGic(0x0800_0000L, 64 * KIB, 0, 0, 0x080a_0000L, 2 * 128 * KIB), vm.sharedWindows());
        return new Plan("boot", qemuVirt(InterruptControllerPlan.Kind.GICV3), hypervisor(), List.of(v3), List.of());
    }

    /**
     * The VM the Linux boot test runs on bare QEMU virt with -m 1G -smp 2: RAM 0x48000000 +
     * 384 MiB, two vCPUs, an initramfs at 0x50000000, the RTC passed through, a virtio node.
     */
    public static Plan linuxBoot() {
        VmPlan vm = new VmPlan(0, "linux", VmPlan.Kind.LINUX, true, List.of(0, 1),
                List.of(new Region(0x4800_0000L, 0x4800_0000L, 384 * MIB)),
                new Image("images/Image", 0x4820_0000L, 0x4820_0000L),
                new Image("images/initrd.cpio", 0x5000_0000L, 0x5000_0000L), 0x4800_0000L,
                "earlycon console=ttyAMA0 panic=-1 shyperc.test=dtb-from-shyperc",
                // QEMU's own PL031 at its real address, so Linux has a real device behind the node.
                List.of(new Passthrough("rtc", 0x0901_0000L, 0x0901_0000L, 4 * KIB, List.of(34))),
                List.of(new Virtio("blk", 0x0a00_3e00L, 0x200, 79)),
                new Console("arm,pl011", 0x0900_0000L, 4 * KIB), vgicV2(), List.of());
        return new Plan("boot", qemuVirt(), hypervisor(), List.of(vm), List.of());
    }
}
