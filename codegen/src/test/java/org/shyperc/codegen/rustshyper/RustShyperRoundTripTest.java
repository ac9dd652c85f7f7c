package org.shyperc.codegen.rustshyper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.shyperc.codegen.emit.BuildOutputs;
import org.shyperc.codegen.emit.TestPlans;
import org.shyperc.codegen.output.OutputTree;
import org.shyperc.codegen.output.Problem;
import org.shyperc.codegen.output.Result;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/** import(export(plan)), read back through the .shy grammar, gives the VMs of the plan. */
class RustShyperRoundTripTest {

    /** What a Rust-Shyper JSON can carry of a VM, in the importer's terms. */
    static ImportedVm expected(VmPlan vm) {
        List<ImportedVm.Memory> mem = vm.memory().stream().map(r -> new ImportedVm.Memory(r.ipa(), r.size())).toList();
        List<ImportedVm.Passthrough> pt = vm.passthrough().stream()
                .map(p -> new ImportedVm.Passthrough(p.device(), p.ipa())).toList();
        List<ImportedVm.Virtio> virtio = vm.virtio().stream()
                .map(v -> new ImportedVm.Virtio(v.kind(), v.ipa(), v.size(), v.irq())).toList();
        return new ImportedVm(vm.name(), vm.kind() == VmPlan.Kind.LINUX ? "linux" : "baremetal", vm.cpus(), mem,
                RustShyperFormat.fileName(vm.kernel().path()), vm.kernel().ipa(), vm.dtbIpa(),
                vm.initrd() == null ? null : RustShyperFormat.fileName(vm.initrd().path()),
                vm.initrd() == null ? 0 : vm.initrd().ipa(), vm.bootargs(), pt, virtio, null);
    }

    static List<ImportedVm> roundTrip(Plan plan) {
        OutputTree out = BuildOutputs.emitAll(plan, TestPlans.inputs());
        List<RustShyperImporter.Input> inputs = new ArrayList<>();
        for (VmPlan vm : plan.vms()) {
            String path = "rust-shyper/" + vm.name() + ".json";
            inputs.add(new RustShyperImporter.Input(vm.name() + ".json", out.get(path)));
        }
        Result<RustShyperImporter.Imported> r = RustShyperImporter.importVms(inputs, plan.board(), plan.system(),
                "../boards/" + plan.board().name() + ".shy");
        assertFalse(r.hasErrors(), r.problems().toString());
        return ShyTestReader.vms(r.value().shy());
    }

    @Test
    void demoSystemSurvivesExportAndImport() {
        Plan plan = TestPlans.qemuVirtDemo();
        assertEquals(plan.vms().stream().map(RustShyperRoundTripTest::expected).toList(), roundTrip(plan));
    }

    @Test
    void gicv3SystemSurvivesExportAndImport() {
        Plan plan = TestPlans.qemuVirtGicv3();
        assertEquals(plan.vms().stream().map(RustShyperRoundTripTest::expected).toList(), roundTrip(plan));
    }

    @Property(tries = 150)
    void randomSystemsSurviveExportAndImport(@ForAll("plans") Plan plan) {
        assertEquals(plan.vms().stream().map(RustShyperRoundTripTest::expected).toList(), roundTrip(plan));
    }

    @Provide
    Arbitrary<Plan> plans() {
        Arbitrary<String> names = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz").ofMinLength(1)
                .ofMaxLength(8).map(s -> "vm" + s);
        Arbitrary<String> bootargs = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40);
        Arbitrary<Integer> vmCount = Arbitraries.integers().between(1, 4);
        return Combinators.combine(vmCount, names.list().ofSize(4).uniqueElements(), bootargs.list().ofSize(4),
                Arbitraries.integers().between(0, 255).list().ofSize(16), Arbitraries.of(true, false).list().ofSize(4))
                .as((n, vmNames, args, nums, flags) -> {
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

    @Test
    void exportWarnsAboutNamesRustShyperCannotHold() {
        Plan demo = TestPlans.qemuVirtDemo();
        VmPlan mvm = demo.vms().get(0);
        VmPlan longName = new VmPlan(0, "a-name-that-is-thirty-two-bytes!", mvm.kind(), true, mvm.cpus(), mvm.memory(),
                mvm.kernel(), mvm.initrd(), mvm.dtbIpa(), mvm.bootargs(), mvm.passthrough(), mvm.virtio(), mvm.console(),
                mvm.vgic(), List.of());
        Plan plan = new Plan("x", demo.board(), demo.hypervisor(), List.of(longName), List.of());
        List<Problem> problems = BuildOutputs.emit(plan, TestPlans.inputs()).problems();
        assertEquals(List.of(Map.entry("RSX001", "rust-shyper/a-name-that-is-thirty-two-bytes!.json#/name")),
                problems.stream().map(p -> Map.entry(p.code(), p.location())).toList());
    }
}
