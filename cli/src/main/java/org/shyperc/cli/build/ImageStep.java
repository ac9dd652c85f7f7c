package org.shyperc.cli.build;

import java.util.LinkedHashMap;
import java.util.Map;
import org.shyperc.codegen.emit.BuildInputs;
import org.shyperc.codegen.image.BlobFlags;
import org.shyperc.codegen.image.ImageLinker;
import org.shyperc.codegen.output.OutputTree;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.source.SourceSpan;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;
import org.shyperc.runtime.RuntimeImages;

/** Links shyper.bin/.elf from the prebuilt runtime, the plan and the guest payloads. */
final class ImageStep {
    private ImageStep() { }

    /**
     * Adds the image to {@code tree}, or returns why it cannot be linked. Only a generated device tree
     * larger than the room the checks kept for it is known this late; everything else the linker
     * could refuse, the checks of the shyper image refused first (a failure there is a bug, and is
     * thrown as one).
     */
    static Diagnostic link(Plan plan, BuildInputs inputs, OutputTree tree, SourceSpan systemSpan) {
        return link(plan, inputs, tree, systemSpan, false, false, false);
    }

    /**
     * @param testHooks link the runtime's test build (its test hypercalls, docs/runtime.md) instead of the production one
     * @param trapStats set the blob's flag that makes the runtime print its trap counters at power-off
     * @param zeroRam   set the blob's flag that makes the runtime zero every VM's RAM at boot, on QEMU's machines too
     *                  (every other board has it by default: {@link BlobFlags})
     */
    static Diagnostic link(Plan plan, BuildInputs inputs, OutputTree tree, SourceSpan systemSpan, boolean testHooks,
                           boolean trapStats, boolean zeroRam) {
        // the runtime keeps its console: no image with `console to` (SHY1110)
        if (!org.shyperc.compiler.targets.ShyperImage.builtFor(plan)) return null;
        Map<String, ImageLinker.GuestPayloads> guests = new LinkedHashMap<>();
        for (VmPlan vm : plan.vms()) {
            byte[] dtb = tree.get(vm.name() + ".dtb");
            if (dtb != null && dtb.length > ImageLinker.DTB_MAX) {
                return Diagnostic.of(Codes.IMAGE_TOO_BIG, systemSpan, "The image of `" + plan.system() + "` on `"
                        + plan.board().name() + "` cannot be linked: the device tree of vm `" + vm.name() + "` is "
                        + dtb.length + " bytes, more than the " + (ImageLinker.DTB_MAX >> 10) + " KiB kept for it.")
                        .hint("Its devices make it so large: pass fewer devices through, or give it fewer virtio devices.")
                        .build();
            }
            guests.put(vm.name(), new ImageLinker.GuestPayloads(inputs.files().get(vm.kernel().path()),
                    dtb, vm.initrd() == null ? null : inputs.files().get(vm.initrd().path())));
        }
        byte[] runtime = RuntimeImages.runtimeFor(plan.board().arch(), testHooks);
        ImageLinker.LinkedImage image = ImageLinker.link(plan, runtime, guests, BlobFlags.of(plan.board(), trapStats, zeroRam));
        tree.put("shyper.bin", image.bin());
        tree.put("shyper.elf", image.elf());
        return null;
    }
}
