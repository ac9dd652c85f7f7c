package org.shyperc.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.shyperc.codegen.image.ImageLinker;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/** Links a test image: every VM runs a named test guest with a DTB that carries its bootargs. */
final class TestImages {
    private TestImages() { }

    record Guest(String binary, String bootargs) { }

    static ImageLinker.LinkedImage link(Plan plan, Map<String, Guest> guests) {
        Map<String, ImageLinker.GuestPayloads> payloads = new TreeMap<>();
        for (VmPlan vm : plan.vms()) {
            Guest g = guests.get(vm.name());
            payloads.put(vm.name(), new ImageLinker.GuestPayloads(RuntimeImages.aarch64Guest(g.binary()),
                    TestDtb.withBootargs(g.bootargs()), null));
        }
        return ImageLinker.link(plan, RuntimeImages.aarch64Runtime(), payloads);
    }

    static Qemu.Result boot(Plan plan, Map<String, Guest> guests, Path dir, int timeoutSeconds)
            throws IOException, InterruptedException {
        link(plan, guests).write(dir);
        return Qemu.run(dir.resolve("shyper.elf"), timeoutSeconds);
    }
}
