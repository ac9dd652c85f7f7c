package org.shyperc.codegen.emit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;
import org.shyperc.codegen.Gens;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/** Random Plans on the QEMU virt board: 1-4 VMs, varied memory, images, virtio, passthrough, bootargs. */
public final class PlanGens {

    private PlanGens() { }

    public static Gen<Plan> plans() {
        Gen<String> names = Gens.stringsOf("abcdefghijklmnopqrstuvwxyz", 1, 8).map(s -> "vm" + s);
        Gen<String> bootargs = Gens.stringsBetween(' ', '~', 0, 40);
        Gen<Integer> vmCount = Generate.range(1, 4);
        return vmCount.zip(distinct(names, 4), SourceDSL.lists().of(bootargs).ofSize(4),
                SourceDSL.lists().of(Generate.range(0, 255)).ofSize(16), SourceDSL.lists().of(Generate.booleans()).ofSize(4),
                (n, vmNames, args, nums, flags) -> {
                    List<VmPlan> vms = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        long ipa = 0x4000_0000L + nums.get(i) * 0x20_0000L;
                        long size = (1 + nums.get(i + 4) % 64) * TestPlans.MIB;
                        List<VmPlan.Passthrough> pt = flags.get(i) && i == 0
                                ? List.of(new VmPlan.Passthrough("rtc", 0x0901_0000L, 0x0901_0000L, 0x1000, List.of(34)))
                                : List.of();
                        List<VmPlan.Virtio> virtio = new ArrayList<>();
                        String[] kinds = {"blk", "net", "console"};
                        for (int k = 0; k < nums.get(i + 8) % 3; k++) {
                            virtio.add(new VmPlan.Virtio(kinds[(nums.get(i + 12) + k) % 3], 0x0a00_0000L + k * 0x1000L,
                                    0x1000, 48 + k));
                        }
                        VmPlan.Image initrd = flags.get(i) ? new VmPlan.Image("images/initrd.gz", ipa + size / 2, ipa + size / 2)
                                : null;
                        vms.add(new VmPlan(i, vmNames.get(i), flags.get((i + 1) % 4) ? VmPlan.Kind.LINUX : VmPlan.Kind.BAREMETAL,
                                i == 0, List.of(i), List.of(new VmPlan.Region(ipa, 0x5000_0000L + i * 0x400_0000L, size)),
                                new VmPlan.Image("images/Image", ipa + 0x8_0000L, ipa + 0x8_0000L), initrd, ipa, args.get(i),
                                pt, virtio, new VmPlan.Console("arm,pl011", 0x0900_0000L, 0x1000),
                                new VmPlan.VirtualGic(0x0800_0000L, 0x1000, 0x0801_0000L, 0x2000, 0, 0), List.of()));
                    }
                    return new Plan("random", TestPlans.qemuVirt(), TestPlans.hypervisor(), vms, List.of());
                });
    }

    /** {@code n} different values: a value already drawn is drawn again. */
    private static <T> Gen<List<T>> distinct(Gen<T> values, int n) {
        return in -> {
            Set<T> out = new LinkedHashSet<>();
            while (out.size() < n) out.add(values.generate(in));
            return List.copyOf(out);
        };
    }
}
