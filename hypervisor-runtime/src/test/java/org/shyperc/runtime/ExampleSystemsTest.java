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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.codegen.image.ImageLinker;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/** The project's example systems, compiled by the real front end, linked with the runtime and booted. */
class ExampleSystemsTest {

    static final Path ROOT = Path.of(System.getProperty("shyperc.root", "..")).toAbsolutePath().normalize();

    static Plan compile(String example) {
        return compile(example, "system.shy");
    }

    static Plan compile(String example, String file) {
        Compilation c = Compiler.standard().compile(List.of(ROOT.resolve("examples").resolve(example).resolve(file)));
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
    void boardImagesLinkAtTheirLoadAddresses() {
        for (String example : List.of("rpi4", "jetson-tx2", "rk3588", "qemu-virt")) {
            Plan plan = compile(example);
            ImageLinker.LinkedImage img = link(example, plan);
            assertEquals(plan.hypervisor().loadAddress(), img.loadAddress(), example);
            System.out.printf("MEASURE %s image at 0x%x: %d bytes (runtime %d, blob %d)%n", example, img.loadAddress(),
                    img.bin().length, img.runtimeSize(), img.blobSize());
        }
    }
}
