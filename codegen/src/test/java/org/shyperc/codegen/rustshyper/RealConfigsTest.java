package org.shyperc.codegen.rustshyper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.codegen.emit.BuildOutputs;
import org.shyperc.codegen.emit.Examples;
import org.shyperc.codegen.emit.Golden;
import org.shyperc.codegen.output.OutputTree;
import org.shyperc.codegen.output.Problem;
import org.shyperc.codegen.output.Result;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.lower.Lower;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.dsl.ast.Import;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.plan.Plan;

/**
 * Configs shaped like Rust-Shyper's own examples (src/test/resources/rustshyper-real, written for
 * these tests from docs/rust-shyper.md): an RK3588 guest that passes through uart2, the
 * hypervisor's console, and a window of peripherals, with a virtio disk, network and console; a
 * QEMU riscv64 guest on the PLIC with the same devices, alone and with a management VM for its
 * console's peer. Each imports, checks without errors, and exports again with every field .shy
 * can say unchanged; every loss is a warning.
 */
class RealConfigsTest {

    static final String DIR = "rustshyper-real";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static BoardModel libraryBoard(String name) {
        Compilation c = Compiler.standard().compile(List.of(Examples.root().resolve("boards/" + name + ".shy")));
        assertFalse(c.hasErrors(), c.diagnostics().toString());
        return c.program().boards().stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow();
    }

    record Outcome(Result<RustShyperImporter.Imported> imported, Compilation checked, Plan plan, OutputTree exported) { }

    /** Imports the files for a library board, checks the result where it would be written, exports it again. */
    Outcome roundTrip(String board, String... files) throws IOException {
        BoardModel b = libraryBoard(board);
        List<RustShyperImporter.Input> in = new ArrayList<>();
        for (String f : files) {
            in.add(new RustShyperImporter.Input(f, Files.readAllBytes(Golden.source(DIR + "/" + f))));
        }
        Result<RustShyperImporter.Imported> r = RustShyperImporter.importVms(in, Lower.board(b), b.hyp().console(),
                "imported", Import.Kind.BOARD, board);
        assertNotNull(r.value(), r.problems().toString());
        Path shy = dir.resolve("imported.shy");
        Files.writeString(shy, r.value().shy());
        Compilation c = Compiler.standard().compile(List.of(shy));
        List<Diagnostic> errors = c.diagnostics().stream().filter(Diagnostic::isError).toList();
        assertEquals(List.of(), errors, r.value().shy());
        Plan plan = c.instances().get(0).plan();
        return new Outcome(r, c, plan, BuildOutputs.emitAll(plan, Examples.inputs(plan)));
    }

    static List<String> codes(List<Problem> problems) {
        return problems.stream().map(p -> p.code().id()).toList();
    }

    static JsonNode read(String f) throws IOException {
        return JSON.readTree(Files.readAllBytes(Golden.source(DIR + "/" + f)));
    }

    /** Every emulated device by base IPA: type, length, IRQ and cfg_list as numbers. */
    static Map<Long, List<Object>> emulated(JsonNode vm) {
        Map<Long, List<Object>> out = new TreeMap<>();
        for (JsonNode d : vm.at("/emulated_device/emulated_device_list")) {
            List<Long> cfg = new ArrayList<>();
            d.path("cfg_list").forEach(x -> cfg.add(x.isTextual() ? number(x.asText()) : x.asLong()));
            String type = d.get("type").asText();
            boolean intc = type.endsWith("GICD") || type.endsWith("GICR") || type.endsWith("PLIC");
            // an interrupt controller's irq_id and cfg_list mean nothing to the hypervisor
            out.put(number(d.get("base_ipa").asText()), List.of(type, number(d.get("length").asText()),
                    intc ? 0L : d.get("irq_id").asLong(), intc ? List.of() : cfg));
        }
        return out;
    }

    /** Every passthrough region: [pa, ipa, length], by PA (their order means nothing to Rust-Shyper). */
    static List<List<Long>> regions(JsonNode vm) {
        List<List<Long>> out = new ArrayList<>();
        for (JsonNode d : vm.at("/passthrough_device/passthrough_device_list")) {
            out.add(List.of(number(d.get("base_pa").asText()), number(d.get("base_ipa").asText()),
                    number(d.get("length").asText())));
        }
        out.sort((a, b) -> Long.compareUnsigned(a.get(0), b.get(0)));
        return out;
    }

    static long number(String s) {
        String t = s.trim();
        return t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
    }

    /** The fields .shy carries unchanged. */
    static void sameVm(JsonNode want, JsonNode got) {
        for (String p : List.of("/name", "/type", "/cmdline", "/image/kernel_filename", "/image/kernel_load_ipa",
                "/image/device_tree_load_ipa", "/memory/region", "/cpu/num", "/cpu/allocate_bitmap", "/cpu/master")) {
            JsonNode w = want.at(p);
            JsonNode g = got.at(p);
            if (p.equals("/memory/region")) {
                assertEquals(w.size(), g.size(), p);
                for (int i = 0; i < w.size(); i++) {
                    assertEquals(number(w.get(i).get("ipa_start").asText()), number(g.get(i).get("ipa_start").asText()), p);
                    assertEquals(number(w.get(i).get("length").asText()), number(g.get(i).get("length").asText()), p);
                }
            } else if (p.endsWith("bitmap")) {
                assertEquals(Long.parseLong(w.asText().substring(2), 2), Long.parseLong(g.asText().substring(2), 2), p);
            } else if (p.endsWith("ipa")) {
                assertEquals(number(w.asText()), number(g.asText()), p);
            } else {
                assertEquals(w, g, p);
            }
        }
        assertEquals(emulated(want), emulated(got));
    }

    @Test
    void rk3588GuestWithTheHypervisorsUartAndAPeripheralWindow() throws IOException {
        Outcome o = roundTrip("rk3588", "rk3588-guest.json");
        String shy = o.imported().value().shy();
        assertTrue(shy.contains("    console to guest-os-1\n"), shy);
        assertTrue(shy.contains("        passthrough uart2 @ 0xfeb5_0000 // `serial1` in the Rust-Shyper config\n"), shy);
        assertTrue(shy.contains("        passthrough @ 0xfb00_0000 size 54 MiB // `peripherals` in the Rust-Shyper config\n"), shy);
        assertTrue(shy.contains("            first-sector 0\n            sectors 8192000\n"), shy);
        assertTrue(shy.contains("            mac \"74:56:aa:0f:47:d1\"\n"), shy);
        // Every loss is a warning: the overlay file "-", the guest's console peer (VM 0, the management VM,
        // whose config is not imported), the vtimer PPI Rust-Shyper lists with the UART and the UART's own
        // IRQ it does not (.shy routes a device's interrupts).
        assertEquals(List.of("SHY0911", "SHY0914", "SHY0914"), codes(o.imported().problems()),
                o.imported().problems().toString());
        JsonNode want = read("rk3588-guest.json");
        JsonNode got = JSON.readTree(o.exported().get("rust-shyper/guest-os-1.json"));
        // the console's peer was lost (a warning): it goes out with no peer
        JsonNode wantNoPeer = want.deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) wantNoPeer.at("/emulated_device/emulated_device_list/4/cfg_list"))
                .removeAll().add(0).add(0);
        sameVm(wantNoPeer, got);
        assertEquals(regions(want), regions(got));
        // the virtual timer PPI goes back into a passthrough's irq_list (Rust-Shyper's own config has it on serial1):
        // the import left it out, and Rust-Shyper injects it only into a VM that lists it
        assertTrue(got.at("/passthrough_device/passthrough_device_list/0/irq_list").toString().startsWith("[27,"), got.toString());
        // the check names what the export cannot carry: no management VM here, a console with no peer
        assertTrue(o.checked().diagnostics().stream().anyMatch(d -> d.code().id().equals("SHY0918")));
        assertTrue(o.checked().diagnostics().stream().anyMatch(d -> d.code().id().equals("SHY0921")));
    }

    @Test
    void riscvGuestOnThePlic() throws IOException {
        Outcome o = roundTrip("qemu-riscv64", "riscv-guest.json");
        assertEquals(List.of("SHY0914"), codes(o.imported().problems()), o.imported().problems().toString());
        JsonNode want = read("riscv-guest.json");
        JsonNode got = JSON.readTree(o.exported().get("rust-shyper/guest-os-1.json"));
        JsonNode wantNoPeer = want.deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) wantNoPeer.at("/emulated_device/emulated_device_list/3/cfg_list"))
                .removeAll().add(0).add(0);
        sameVm(wantNoPeer, got);
    }

    /** With the management VM's config too, the consoles' peers resolve both ways and the round trip is exact. */
    @Test
    void riscvGuestAndItsManagementVmKeepTheirConsolesPeers() throws IOException {
        Outcome o = roundTrip("qemu-riscv64", "riscv-guest.json", "riscv-mvm.json");
        String shy = o.imported().value().shy();
        assertTrue(shy.contains("    vm mvm : linux management {"), shy);
        assertTrue(shy.indexOf("vm mvm") < shy.indexOf("vm guest-os-1"), "the management VM is VM 0: first");
        assertTrue(shy.contains("            peer mvm\n            peer-console @ 0x4000_1000\n"), shy);
        assertEquals(List.of(), codes(o.imported().problems()), o.imported().problems().toString());
        sameVm(read("riscv-guest.json"), JSON.readTree(o.exported().get("rust-shyper/guest-os-1.json")));
        sameVm(read("riscv-mvm.json"), JSON.readTree(o.exported().get("rust-shyper/mvm.json")));
        assertEquals(regions(read("riscv-mvm.json")), regions(JSON.readTree(o.exported().get("rust-shyper/mvm.json"))));
        // and the management VM's def file exists, for the board's name in Rust-Shyper
        assertNotNull(o.exported().get("rust-shyper/qemu_riscv64_def.rs"));
    }
}
