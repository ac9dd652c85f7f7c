package org.shyperc.codegen.rustshyper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.shyperc.codegen.emit.BuildOutputs;
import org.shyperc.codegen.emit.Examples;
import org.shyperc.codegen.output.OutputTree;
import org.shyperc.codegen.output.Result;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/**
 * The round trip at the Plan level, through the real front end: compile an example,
 * export its VMs as Rust-Shyper JSON, import those into .shy, compile that, and get the
 * same VMs back in everything Rust-Shyper's JSON can say (it has no PAs, no management
 * flag, and keeps only file names of images).
 */
class RustShyperFrontEndRoundTripTest {

    @TempDir
    Path dir;

    static Stream<Arguments> instances() {
        return Examples.systems().flatMap(s -> Examples.plans(s).stream()
                .map(p -> Arguments.of(Examples.root().relativize(s).toString(), p.board().name(), p)));
    }

    /**
     * A VM as Rust-Shyper JSON can carry it: a network device with the MAC it is exported with, and the
     * VM on core 0 as the management VM (Rust-Shyper's VM 0 is always it).
     */
    record Carried(String name, VmPlan.Kind kind, boolean management, List<Integer> cpus, List<List<Long>> memory, String kernel,
                   long kernelIpa, String initrd, long initrdIpa, long dtbIpa, String bootargs,
                   List<VmPlan.Passthrough> passthrough, List<VmPlan.Window> windows, List<VmPlan.Virtio> virtio) {
        static Carried of(VmPlan vm) {
            List<VmPlan.Virtio> virtio = new ArrayList<>();
            for (int i = 0; i < vm.virtio().size(); i++) {
                VmPlan.Virtio v = vm.virtio().get(i);
                virtio.add(new VmPlan.Virtio(v.kind(), v.ipa(), v.size(), v.irq(), v.disk(), v.peer(),
                        v.kind().equals("net") ? VmJsonExporter.mac(vm, i) : List.of()));
            }
            return new Carried(vm.name(), vm.kind(), vm.management() || vm.cpus().contains(0), vm.cpus(),
                    vm.memory().stream().map(r -> List.of(r.ipa(), r.size())).toList(),
                    RustShyperFormat.fileName(vm.kernel().path()), vm.kernel().ipa(),
                    vm.initrd() == null ? null : RustShyperFormat.fileName(vm.initrd().path()),
                    vm.initrd() == null ? 0 : vm.initrd().ipa(), vm.dtbIpa(), vm.bootargs() == null ? "" : vm.bootargs(),
                    vm.passthrough(), vm.windows(), virtio);
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("instances")
    void importOfExportCompilesToTheSameVms(String system, String board, Plan plan) throws IOException {
        OutputTree out = BuildOutputs.emitAll(plan, Examples.inputs(plan));
        List<RustShyperImporter.Input> jsons = new ArrayList<>();
        for (VmPlan vm : plan.vms()) {
            jsons.add(new RustShyperImporter.Input(vm.name() + ".json", out.get("rust-shyper/" + vm.name() + ".json")));
        }
        Path boardFile = Examples.root().resolve("boards/" + board + ".shy");
        // a board the example brings itself (examples/qemu-virt-coloured/boards: the hypervisor's colours)
        if (!Files.exists(boardFile)) boardFile = Examples.root().resolve(system).getParent().resolve("boards/" + board + ".shy");
        Result<RustShyperImporter.Imported> imported = RustShyperImporter.importVms(jsons, plan.board(),
                plan.system(), boardFile.toString());
        assertFalse(imported.hasErrors(), imported.problems().toString());
        // the files in the order of their ids: no console pairs up with a file in another's place (SHY0923)
        assertFalse(imported.problems().stream().anyMatch(p -> p.code() == org.shyperc.dsl.diag.Codes.RS_VM_ORDER), imported.problems().toString());

        Path shy = dir.resolve("imported.shy");
        Files.writeString(shy, imported.value().shy());
        Compilation c = Compiler.standard().compile(List.of(shy));
        assertFalse(c.hasErrors(), c.diagnostics() + "\n" + imported.value().shy());
        Plan back = c.instances().stream().map(Compilation.Placed::plan)
                .filter(p -> p.board().name().equals(board)).findFirst().orElseThrow();
        // the import lists VMs as Rust-Shyper numbers them (the management VM first), so compare by name
        assertEquals(byName(plan), byName(back));

        // and Rust-Shyper gets the same files again: the management VM's def (with its VM id 0), each
        // VM's JSON with the same ids in its consoles' peers and the same MACs
        OutputTree again = BuildOutputs.emitAll(back, Examples.inputs(back));
        for (String f : out.files().keySet()) {
            if (!f.startsWith("rust-shyper/")) continue;
            String first = out.text(f);
            String second = again.text(f);
            assertEquals(f.endsWith("_def.rs") ? withoutSystem(first, plan.system()) : first,
                    f.endsWith("_def.rs") ? withoutSystem(second, back.system()) : second, f);
        }
        // a system without a management VM but a VM on core 0 gains one: Rust-Shyper's VM 0 is its MVM
        boolean gained = plan.vms().stream().noneMatch(VmPlan::management);
        assertEquals(out.files().keySet().stream().filter(f -> f.startsWith("rust-shyper/")).toList(),
                again.files().keySet().stream().filter(f -> f.startsWith("rust-shyper/") && !(gained && f.endsWith("_def.rs")))
                        .toList());
    }

    /** A def file names its system (the import keeps the name), board and header: compared without them. */
    private static String withoutSystem(String def, String system) {
        return def.replace(system, "SYSTEM");
    }

    private static List<Carried> byName(Plan plan) {
        return plan.vms().stream().map(Carried::of).sorted(java.util.Comparator.comparing(Carried::name)).toList();
    }
}
