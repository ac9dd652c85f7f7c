package org.shyperc.codegen.rustshyper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.shyperc.codegen.Gens;
import org.shyperc.codegen.emit.BuildOutputs;
import org.shyperc.codegen.emit.PlanGens;
import org.shyperc.codegen.emit.TestPlans;
import org.shyperc.codegen.output.OutputTree;
import org.shyperc.codegen.output.Problem;
import org.shyperc.codegen.output.Result;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/** import(export(plan)), read back through the .shy grammar, gives the VMs of the plan. */
class RustShyperRoundTripTest {

    /**
     * What a Rust-Shyper JSON can carry of a VM, in the importer's terms: the VM on core 0 comes back
     * as the management VM, a network device with the MAC it was exported with.
     */
    static ImportedVm expected(Plan plan, VmPlan vm) {
        List<ImportedVm.Memory> mem = vm.memory().stream().map(r -> new ImportedVm.Memory(r.ipa(), r.size())).toList();
        List<ImportedVm.Passthrough> pt = vm.passthrough().stream()
                .map(p -> new ImportedVm.Passthrough(p.device(), p.ipa())).toList();
        List<ImportedVm.Virtio> virtio = new ArrayList<>();
        for (int i = 0; i < vm.virtio().size(); i++) {
            VmPlan.Virtio v = vm.virtio().get(i);
            virtio.add(new ImportedVm.Virtio(v.kind(), v.ipa(), v.size(), v.irq(),
                    v.disk() == null ? null : v.disk().firstSector(), v.disk() == null ? null : v.disk().sectors(),
                    v.peer() == null ? null : v.peer().vm(), v.peer() == null ? null : v.peer().console(),
                    v.kind().equals("net") ? VmJsonExporter.mac(vm, i) : List.of()));
        }
        return new ImportedVm(vm.name(), vm.kind() == VmPlan.Kind.LINUX ? "linux" : "baremetal", vm.cpus().contains(0), vm.cpus(), mem,
                RustShyperFormat.fileName(vm.kernel().path()), vm.kernel().ipa(), vm.dtbIpa(),
                vm.initrd() == null ? null : RustShyperFormat.fileName(vm.initrd().path()),
                vm.initrd() == null ? 0 : vm.initrd().ipa(), vm.bootargs(), pt, virtio, null);
    }

    /** The plan's VMs as the import gives them back: the one on core 0 first (it is Rust-Shyper's VM 0). */
    static List<ImportedVm> expected(Plan plan) {
        List<ImportedVm> out = new ArrayList<>();
        plan.vms().stream().filter(v -> v.cpus().contains(0)).forEach(v -> out.add(expected(plan, v)));
        plan.vms().stream().filter(v -> !v.cpus().contains(0)).forEach(v -> out.add(expected(plan, v)));
        return out;
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
        assertEquals(expected(plan), roundTrip(plan));
    }

    @Test
    void gicv3SystemSurvivesExportAndImport() {
        Plan plan = TestPlans.qemuVirtGicv3();
        assertEquals(expected(plan), roundTrip(plan));
    }

    @Test
    void randomSystemsSurviveExportAndImport() {
        Gens.qt(150).withShrinkCycles(300).forAll(PlanGens.plans()).checkAssert(plan ->
                assertEquals(expected(plan), roundTrip(plan)));
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
        assertEquals(List.of(Map.entry(Codes.RS_LIMIT, "rust-shyper/a-name-that-is-thirty-two-bytes!.json#/name")),
                problems.stream().filter(p -> p.code() == Codes.RS_LIMIT).map(p -> Map.entry(p.code(), p.location())).toList());
    }

    @Test
    void exportWarnsWithoutAManagementVmAndLeavesOutVirtioItLacks() {
        Plan demo = TestPlans.qemuVirtDemo();
        VmPlan mvm = demo.vms().get(0);
        VmPlan plain = new VmPlan(0, mvm.name(), mvm.kind(), false, mvm.cpus(), mvm.memory(), mvm.kernel(), mvm.initrd(),
                mvm.dtbIpa(), mvm.bootargs(), mvm.passthrough(), List.of(new VmPlan.Virtio("gpu", 0x0a00_3000L, 0x1000, 90)),
                mvm.console(), mvm.vgic(), List.of());
        Plan plan = new Plan("x", demo.board(), demo.hypervisor(), List.of(plain), List.of());
        List<Problem> problems = BuildOutputs.emit(plan, TestPlans.inputs()).problems();
        assertEquals(List.of(Codes.RS_VIRTIO_KIND, Codes.RS_NO_MANAGEMENT), problems.stream().map(Problem::code).toList());
    }
}
