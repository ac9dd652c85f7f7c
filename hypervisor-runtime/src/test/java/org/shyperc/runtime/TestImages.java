package org.shyperc.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.shyperc.codegen.devicetree.GuestDeviceTree;
import org.shyperc.codegen.fdt.Fdt;
import org.shyperc.codegen.fdt.FdtWriter;
import org.shyperc.codegen.image.ImageLinker;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/**
 * Links a test image: every VM runs a named test guest with the DTB codegen generates for it
 * (the guests find their console, GIC and bootargs there), as `shyperc build` does, with the test build of the
 * runtime (its test hypercalls: fault probe, trap counters, exit with a status).
 */
final class TestImages {
    private TestImages() { }

    static int gicVersion(Plan plan) {
        return plan.board().interruptController().kind() == org.shyperc.plan.InterruptControllerPlan.Kind.GICV3 ? 3 : 2;
    }

    static byte[] dtb(Plan plan, VmPlan vm) {
        return FdtWriter.write(Fdt.of(GuestDeviceTree.build(plan, vm, 0).toFdt()));
    }

    /** @param guests test guest binary by VM name */
    static ImageLinker.LinkedImage link(Plan plan, Map<String, String> guests) {
        return link(plan, guests, RuntimeImages.aarch64TestRuntime());
    }

    static ImageLinker.LinkedImage link(Plan plan, Map<String, String> guests, byte[] runtime) {
        return link(plan, guests, runtime, 0);
    }

    /** @param blobFlags the blob header's {@code BlobLayout.FLAG_*} bits */
    static ImageLinker.LinkedImage link(Plan plan, Map<String, String> guests, byte[] runtime, int blobFlags) {
        Map<String, ImageLinker.GuestPayloads> payloads = new TreeMap<>();
        for (VmPlan vm : plan.vms()) {
            payloads.put(vm.name(), new ImageLinker.GuestPayloads(RuntimeImages.aarch64Guest(guests.get(vm.name())),
                    dtb(plan, vm), null));
        }
        return ImageLinker.link(plan, runtime, payloads, blobFlags);
    }

    static Qemu.Result boot(Plan plan, Map<String, String> guests, Path dir, int timeoutSeconds)
            throws IOException, InterruptedException {
        link(plan, guests).write(dir);
        return Qemu.run(Qemu.hypervisorCommand(dir.resolve("shyper.elf"), gicVersion(plan)), timeoutSeconds);
    }

    /** The isolation system (attacker and victim), typing a line on the console when the attacker asks for one. */
    static Qemu.Result bootIsolation(Plan plan, Path dir, int timeoutSeconds) throws IOException, InterruptedException {
        link(plan, Map.of("attacker", "attacker", "victim", "victim")).write(dir);
        return Qemu.run(Qemu.hypervisorCommand(dir.resolve("shyper.elf"), gicVersion(plan)), timeoutSeconds,
                IsolationTest.TYPE_AFTER, "typed on the console\n");
    }
}
