package org.shyperc.codegen.rustshyper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.shyperc.codegen.emit.BuildOutputs;
import org.shyperc.codegen.emit.Examples;
import org.shyperc.codegen.output.OutputTree;
import org.shyperc.plan.BoardPlan;
import org.shyperc.plan.Plan;

/**
 * The management VM's def file is what each Rust-Shyper platform's build and MVM loader expect
 * (docs/rust-shyper.md): named as `src/config/mod.rs` includes it, with the kernel image name
 * the loader dispatches on, the Pi 4's GIC where the hypervisor moves it, RK3588's board hook.
 */
class MvmDefPlatformTest {

    /**
     * The def file of each board, by board name: from the example named after the board (examples/qemu-virt for
     * qemu-virt), else from the first example that has one (another example on the same board may have a management VM
     * too, and `qemu-virt-doorbell` sorts before `qemu-virt/`).
     */
    static Map<String, String> defs() {
        Map<String, String> out = new TreeMap<>();
        Examples.systems().forEach(s -> {
            for (Plan p : Examples.plans(s)) {
                OutputTree t = BuildOutputs.emitAll(p, Examples.inputs(p));
                String name = MvmDefExporter.fileName(p);
                if (name != null && t.files().containsKey("rust-shyper/" + name)) {
                    String key = p.board().name() + " " + name;
                    if (s.getParent().getFileName().toString().equals(p.board().name())) out.put(key, t.text("rust-shyper/" + name));
                    else out.putIfAbsent(key, t.text("rust-shyper/" + name));
                }
            }
        });
        return out;
    }

    @Test
    void filesAreNamedAsRustShypersConfigModuleIncludesThem() {
        assertEquals(List.of("jetson-tx2 tx2_def.rs", "qemu-riscv64 qemu_riscv64_def.rs", "qemu-virt qemu_def.rs",
                "qemu-virt-gicv3 qemu_def.rs", "rk3588 rk3588_def.rs", "rpi4 pi4_def.rs"), List.copyOf(defs().keySet()));
    }

    @Test
    void theMvmLoaderFindsItsKernelOnTx2AndRk3588() {
        Map<String, String> d = defs();
        assertTrue(d.get("jetson-tx2 tx2_def.rs").contains("kernel_img_name: Some(\"L4T\"),"));
        assertTrue(d.get("rk3588 rk3588_def.rs").contains("kernel_img_name: Some(\"Linux-5.10\"),"));
        // elsewhere any non-empty name loads the linked image
        assertTrue(d.get("qemu-virt qemu_def.rs").contains("kernel_img_name: Some(\"Image\"),"), d.get("qemu-virt qemu_def.rs"));
    }

    @Test
    void thePi4MvmMapsItsGicWhereTheHypervisorMovesIt() {
        String def = defs().get("rpi4 pi4_def.rs");
        // GICD 0xff841000 and GICC 0xff842000 | 0xF_0000_0000; the GICV frame stays at its PA
        assertTrue(def.contains("base_ipa: 0xfff841000,"), def);
        assertTrue(def.contains("PassthroughRegion { ipa: 0xfff842000, pa: 0xff846000,"), def);
        assertTrue(def.contains("addr_region: VmRegion { ipa_start: 0xfff841000,"), def);
        assertFalse(def.contains("ipa: 0xff842000,"), def);
    }

    @Test
    void rk3588ProvidesTheBoardHookAndTakesOutWhatTheMvmDoesNotOwn() {
        String def = defs().get("rk3588 rk3588_def.rs");
        assertTrue(def.contains("pub fn patch_fdt(tree: &mut ::fdt::binding::FdtBuf) -> crate::error::Result<()> {"), def);
        // the MVM owns core 0 (MPIDR 0): every other core goes, and so does the devices it does not own
        assertTrue(def.contains("\"/cpus/cpu@100\\0\","), def);
        assertTrue(def.contains("\"/cpus/cpu@700\\0\","), def);
        assertFalse(def.contains("\"/cpus/cpu@0\\0\","), def);
        assertTrue(def.contains("\"/serial@feb50000\\0\","), def); // the hypervisor's console
        assertFalse(def.contains("\"/serial@feba0000\\0\","), def); // uart7, the MVM's own
    }

    @Test
    void aBoardRustShyperHasNoSupportForGetsNoRustShyperFiles() {
        Plan p = Examples.plans(Examples.root().resolve("examples/qemu-virt/system.shy")).get(0);
        BoardPlan b = p.board();
        BoardPlan other = new BoardPlan("acme", b.arch(), List.of("acme,board"), b.model(), b.cpus(), b.dram(),
                b.interruptController(), b.timerIrqs(), b.devices());
        Plan plan = new Plan(p.system(), other, p.hypervisor(), p.vms(), p.shared());
        OutputTree t = BuildOutputs.emitAll(plan, Examples.inputs(plan));
        assertTrue(t.files().keySet().stream().noneMatch(f -> f.startsWith("rust-shyper/")), t.files().keySet().toString());
    }
}
