package org.shyperc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.codegen.devicetree.GuestDeviceTree;
import org.shyperc.codegen.fdt.Fdt;
import org.shyperc.codegen.fdt.FdtWriter;
import org.shyperc.codegen.image.ImageLinker;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/** The project's example systems, compiled by the real front end, linked with the runtime and booted. */
class ExampleSystemsTest {

    static final Path ROOT = Path.of(System.getProperty("shyperc.root", "..")).toAbsolutePath().normalize();

    static Plan compile(String example) {
        Compilation c = Compiler.standard().compile(List.of(ROOT.resolve("examples").resolve(example).resolve("system.shy")));
        assertFalse(c.hasErrors(), c.diagnostics().toString());
        return c.instances().get(0).plan();
    }

    /** Kernel and initrd files as the example names them, relative to its folder; a stand-in where one is absent. */
    static ImageLinker.LinkedImage link(String example, Plan plan) {
        return link(example, plan, RuntimeImages.aarch64Runtime());
    }

    static ImageLinker.LinkedImage link(String example, Plan plan, byte[] runtime) {
        Path dir = ROOT.resolve("examples").resolve(example);
        Map<String, ImageLinker.GuestPayloads> payloads = new TreeMap<>();
        for (VmPlan vm : plan.vms()) {
            byte[] initrd = vm.initrd() == null ? null : read(dir.resolve(vm.initrd().path()));
            payloads.put(vm.name(), new ImageLinker.GuestPayloads(read(dir.resolve(vm.kernel().path())),
                    TestImages.dtb(plan, vm), initrd));
        }
        return ImageLinker.link(plan, runtime, payloads);
    }

    private static byte[] read(Path p) {
        try {
            return Files.exists(p) ? Files.readAllBytes(p) : RuntimeImages.aarch64Guest("hello");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void qemuVirtBaremetalBootsEveryVmOnEachOfItsCores(@TempDir Path dir) throws Exception {
        Plan plan = compile("qemu-virt-baremetal");
        link("qemu-virt-baremetal", plan).write(dir);
        Qemu.Result r = Qemu.run(dir.resolve("shyper.elf"), 60);
        String out = r.output();
        assertFalse(r.timedOut(), out);
        for (VmPlan vm : plan.vms()) {
            for (int v = 0; v < vm.cpus().size(); v++) {
                assertTrue(r.lines().contains("[" + vm.name() + "] vcpu " + v + ": hello (mpidr 0x8000000" + v + ", el1)"), out);
                assertTrue(r.lines().contains("[" + vm.name() + "] vcpu " + v + ": 3 timer ticks"), out);
            }
            assertTrue(r.lines().contains("shyper: vm " + vm.name() + " stopped: SYSTEM_OFF"), out);
        }
        assertEquals(0, r.exitCode(), out);
    }

    @Test
    void theIsolationExampleContainsEveryAttack(@TempDir Path dir) throws Exception {
        Plan plan = compile("qemu-virt-isolation");
        assertEquals(TestPlans.ATTACKER_ARGS, plan.vm("attacker").bootargs(), "the example and TestPlans.isolation() differ");
        link("qemu-virt-isolation", plan, RuntimeImages.aarch64TestRuntime()).write(dir);
        Qemu.Result r = Qemu.run(Qemu.hypervisorCommand(dir.resolve("shyper.elf")), 120, IsolationTest.TYPE_AFTER,
                "typed on the console\n");
        String out = r.output();
        assertFalse(r.timedOut(), out);
        for (String attack : IsolationTest.ATTACKS) {
            assertTrue(r.lines().contains("[attacker] CONTAINED " + attack), "attack " + attack + " not contained:\n" + out);
        }
        assertFalse(out.contains("ESCAPED") || out.contains("ALERT"), out);
        assertEquals(0, r.exitCode(), out);
    }

    @Test
    void qemuRiscv64BaremetalBootsEveryVmOnEachOfItsHarts(@TempDir Path dir) throws Exception {
        Plan plan = compile("qemu-riscv64-baremetal");
        Path ex = ROOT.resolve("examples/qemu-riscv64-baremetal");
        Map<String, ImageLinker.GuestPayloads> payloads = new TreeMap<>();
        for (VmPlan vm : plan.vms()) {
            payloads.put(vm.name(), new ImageLinker.GuestPayloads(RuntimeImages.riscv64Guest("hello"), TestImages.dtb(plan, vm), null));
            assertTrue(ex.resolve(vm.kernel().path()).normalize().endsWith("target/riscv64/guests/hello.bin"), vm.kernel().path());
        }
        ImageLinker.link(plan, RuntimeImages.riscv64Runtime(), payloads).write(dir);
        // The board's DRAM ends at 0x2_8000_0000: QEMU's RAM from 0x8000_0000 is 8 GiB (allocated as used).
        Qemu.Result r = Qemu.run(Qemu.riscvCommand(dir.resolve("shyper.elf"), "8G"), 60);
        String out = r.output();
        assertFalse(r.timedOut(), out);
        for (VmPlan vm : plan.vms()) {
            for (int v = 0; v < vm.cpus().size(); v++) {
                assertTrue(r.lines().contains("[" + vm.name() + "] vcpu " + v + ": hello (hart " + v + ", s-mode)"), out);
                assertTrue(r.lines().contains("[" + vm.name() + "] vcpu " + v + ": 3 timer ticks"), out);
            }
            assertTrue(r.lines().contains("shyper: vm " + vm.name() + " stopped: SBI system shutdown"), out);
        }
        assertEquals(0, r.exitCode(), out);
    }

    @Test
    void theRiscv64IsolationExampleContainsEveryAttack(@TempDir Path dir) throws Exception {
        Plan plan = compile("qemu-riscv64-isolation");
        assertEquals(RiscvPlans.ATTACKER_ARGS, plan.vm("attacker").bootargs(), "the example and RiscvPlans.isolation() differ");
        assertEquals(RiscvPlans.VICTIM_ARGS, plan.vm("victim").bootargs(), "the example and RiscvPlans.isolation() differ");
        Map<String, ImageLinker.GuestPayloads> payloads = new TreeMap<>();
        for (VmPlan vm : plan.vms()) {
            payloads.put(vm.name(), new ImageLinker.GuestPayloads(RuntimeImages.riscv64Guest(vm.name()), TestImages.dtb(plan, vm), null));
        }
        ImageLinker.link(plan, RuntimeImages.riscv64TestRuntime(), payloads).write(dir);
        Qemu.Result r = Qemu.run(Qemu.riscvCommand(dir.resolve("shyper.elf"), "8G"), 150);
        String out = r.output();
        assertFalse(r.timedOut(), out);
        for (String attack : RiscvIsolationTest.ATTACKS) {
            assertTrue(r.lines().contains("[attacker] CONTAINED " + attack), "attack " + attack + " not contained:\n" + out);
        }
        assertFalse(out.contains("ESCAPED") || out.contains("ALERT"), out);
        assertEquals(0, r.exitCode(), out);
    }

    /**
     * examples/qemu-riscv64 as the front end compiles it: its two Linux VMs get Debian 13's riscv64 kernel and an
     * initramfs (the test /init and the virtio-mmio module, for the guest's virtio console), `rt` the bare-metal hello.
     */
    @Test
    @Tag("linux")
    void qemuRiscv64ExampleBootsBothLinuxVmsToUserSpaceBesideABareMetalVm(@TempDir Path dir) throws Exception {
        Plan plan = compile("qemu-riscv64");
        Map<String, byte[]> files = new TreeMap<>();
        files.put("virtio_mmio.ko", RiscvLinuxGuestTest.virtioMmioModule());
        files.put("init", RuntimeImages.riscv64LinuxInit());
        byte[] initrd = Cpio.withFiles(files);
        byte[] kernel = Files.readAllBytes(RiscvLinuxGuestTest.kernel());
        Map<String, ImageLinker.GuestPayloads> payloads = new TreeMap<>();
        for (VmPlan vm : plan.vms()) {
            boolean linux = vm.kind() == VmPlan.Kind.LINUX;
            assertEquals(linux, vm.initrd() != null, vm.name());
            payloads.put(vm.name(), linux
                    ? new ImageLinker.GuestPayloads(kernel, FdtWriter.write(Fdt.of(GuestDeviceTree.build(plan, vm, initrd.length).toFdt())), initrd)
                    : new ImageLinker.GuestPayloads(RuntimeImages.riscv64Guest("hello"), TestImages.dtb(plan, vm), null));
        }
        ImageLinker.link(plan, RuntimeImages.riscv64Runtime(), payloads).write(dir);
        Qemu.Result r = Qemu.run(Qemu.riscvCommand(dir.resolve("shyper.elf"), "8G"), 300);
        String out = r.output();
        assertFalse(r.timedOut(), out);
        for (String vm : List.of("mvm", "guest")) {
            assertTrue(r.lines().stream().anyMatch(l -> l.startsWith("[" + vm + "] [    0.000000] Linux version 6.")), out);
            assertTrue(r.lines().stream().anyMatch(l -> l.startsWith("[" + vm + "] ") && l.contains("init: hello from Linux user space under shyper")),
                    vm + " did not reach user space:\n" + out);
            assertTrue(r.lines().contains("shyper: vm " + vm + " stopped: SBI system shutdown"), out);
        }
        assertTrue(out.contains("smp: Brought up 1 node, 2 CPUs"), out);
        assertTrue(r.lines().contains("[rt] vcpu 0: hello (hart 0, s-mode)"), out);
        assertTrue(r.lines().contains("[rt] vcpu 0: 3 timer ticks"), out);
        assertTrue(r.lines().contains("shyper: vm rt stopped: SBI system shutdown"), out);
        System.out.printf("MEASURE examples/qemu-riscv64: mvm user space %d ms, guest user space %d ms, whole run %d ms%n",
                userSpaceMillis(r, "mvm"), userSpaceMillis(r, "guest"), r.millis());
        assertEquals(0, r.exitCode(), out);
    }

    private static long userSpaceMillis(Qemu.Result r, String vm) {
        return r.timed().stream().filter(l -> l.text().startsWith("[" + vm + "] ") && l.text().contains("init: hello"))
                .mapToLong(Qemu.Line::millis).findFirst().orElse(-1);
    }

    @Test
    void boardImagesLinkAtTheirLoadAddresses() {
        for (String example : List.of("rpi4", "jetson-tx2", "rk3588", "qemu-virt", "qemu-riscv64")) {
            Plan plan = compile(example);
            ImageLinker.LinkedImage img = example.equals("qemu-riscv64")
                    ? link(example, plan, RuntimeImages.riscv64Runtime()) : link(example, plan);
            assertEquals(plan.hypervisor().loadAddress(), img.loadAddress(), example);
            System.out.printf("MEASURE %s image at 0x%x: %d bytes (runtime %d, blob %d)%n", example, img.loadAddress(),
                    img.bin().length, img.runtimeSize(), img.blobSize());
        }
    }
}
