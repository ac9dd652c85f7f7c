package org.shyperc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.codegen.image.ImageLinker;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/** The riscv64 runtime on QEMU riscv virt (H extension, OpenSBI): bare-metal VMs, each on its own harts. */
class RiscvBootTest {

    static final Map<String, String> HELLO = Map.of("alpha", "hello", "beta", "hello", "gamma", "hello");

    static ImageLinker.LinkedImage link(Plan plan, Map<String, String> guests, byte[] runtime) {
        Map<String, ImageLinker.GuestPayloads> payloads = new TreeMap<>();
        for (VmPlan vm : plan.vms()) {
            payloads.put(vm.name(), new ImageLinker.GuestPayloads(RuntimeImages.riscv64Guest(guests.get(vm.name())),
                    TestImages.dtb(plan, vm), null));
        }
        return ImageLinker.link(plan, runtime, payloads);
    }

    static Qemu.Result boot(Plan plan, Map<String, String> guests, Path dir, int timeoutSeconds) throws Exception {
        link(plan, guests, RuntimeImages.riscv64TestRuntime()).write(dir);
        return Qemu.run(Qemu.riscvCommand(dir.resolve("shyper.elf")), timeoutSeconds);
    }

    @Test
    void everyVmPrintsFromEachOfItsHartsAndTheMachinePowersOff(@TempDir Path dir) throws Exception {
        Qemu.Result r = boot(RiscvPlans.threeVms(), HELLO, dir, 60);
        String out = r.output();
        assertFalse(r.timedOut(), out);
        assertTrue(out.contains("shyper: system demo, 3 VMs on 4 harts"), out);
        for (String line : List.of("[alpha] vcpu 0: hello (hart 0, s-mode)", "[alpha] vcpu 0: 3 timer ticks",
                "[beta] vcpu 0: hello (hart 0, s-mode)", "[beta] vcpu 1: hello (hart 1, s-mode)",
                "[beta] vcpu 0: 3 timer ticks", "[beta] vcpu 1: 3 timer ticks", "[beta] all 2 vcpus done",
                "[gamma] vcpu 0: hello (hart 0, s-mode)", "[gamma] all 1 vcpus done",
                "shyper: vm alpha stopped: SBI system shutdown", "shyper: vm beta stopped: SBI system shutdown",
                "shyper: vm gamma stopped: SBI system shutdown", "shyper: every VM has stopped, powering off (status 0)")) {
            assertTrue(r.lines().contains(line), "missing \"" + line + "\" in:\n" + out);
        }
        assertEquals(0, r.exitCode(), out);
    }
}
