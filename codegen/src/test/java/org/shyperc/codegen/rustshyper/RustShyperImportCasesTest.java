package org.shyperc.codegen.rustshyper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.shyperc.codegen.emit.Golden;
import org.shyperc.codegen.emit.TestPlans;
import org.shyperc.codegen.output.Result;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.parse.DslParser;
import org.shyperc.dsl.source.SourceFile;

/**
 * Each src/test/resources/rustshyper-import/<case>.json is imported alone for the QEMU
 * virt board; <case>.expected holds the problems, a `---` line and the .shy text.
 */
class RustShyperImportCasesTest {

    static final String DIR = "rustshyper-import";

    static Stream<String> cases() throws IOException {
        try (Stream<Path> s = Files.list(Golden.source(DIR))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList().stream();
        }
    }

    static String render(Result<RustShyperImporter.Imported> r) {
        String problems = r.problems().stream().map(Object::toString).collect(Collectors.joining("\n"));
        return problems + (problems.isEmpty() ? "" : "\n") + "---\n"
                + (r.value() == null ? "(no output)\n" : r.value().shy());
    }

    static Result<RustShyperImporter.Imported> importFiles(String... names) throws IOException {
        List<RustShyperImporter.Input> in = new ArrayList<>();
        for (String n : names) {
            in.add(new RustShyperImporter.Input(n + ".json", Files.readAllBytes(Golden.source(DIR + "/" + n + ".json"))));
        }
        return RustShyperImporter.importVms(in, TestPlans.qemuVirt(), "imported", "../boards/qemu-virt.shy");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void importMatchesExpectation(String name) throws IOException {
        Result<RustShyperImporter.Imported> r = importFiles(name);
        Golden.check(Golden.source(DIR + "/" + name + ".expected"), render(r).getBytes(StandardCharsets.UTF_8));
        if (r.value() != null) {
            assertEquals(List.of(), ShyTestReader.parse(r.value().shy()).syntaxErrors());
            // and what the parser refuses beyond the grammar: control and bidirectional-text characters (SHY0107/8)
            assertEquals(List.of(), DslParser.parse(SourceFile.of(name + ".shy", r.value().shy())).diagnostics());
        }
    }

    /** The config's name beside a renamed passthrough: only a plain name, else nothing (it would end the comment). */
    @Test
    void aConfigsNameIsWrittenBesideARenamedPassthroughOnlyWhenPlain() {
        assertEquals(" // `serial1` in the Rust-Shyper config",
                ShySystemWriter.fromComment(new ImportedVm.Passthrough("uart2", 0xfeb5_0000L).from("serial1")));
        assertEquals(" // `peripherals` in the Rust-Shyper config",
                ShySystemWriter.fromComment(ImportedVm.Passthrough.window(0xfb00_0000L, 0xfb00_0000L, 1 << 20).from("peripherals")));
        assertEquals("", ShySystemWriter.fromComment(new ImportedVm.Passthrough("uart2", 0).from("uart2")));
        assertEquals("", ShySystemWriter.fromComment(new ImportedVm.Passthrough("uart2", 0)));
        assertEquals("", ShySystemWriter.fromComment(new ImportedVm.Passthrough("uart2", 0).from("x\n    vm evil : baremetal {")));
        assertEquals("", ShySystemWriter.fromComment(new ImportedVm.Passthrough("uart2", 0).from("a".repeat(65))));
    }

    @Test
    void severalFilesBecomeOneSystem() throws IOException {
        Result<RustShyperImporter.Imported> r = importFiles("readme-template", "clean-baremetal");
        assertNotNull(r.value(), r.problems().toString());
        List<ImportedVm> vms = ShyTestReader.vms(r.value().shy());
        assertEquals(List.of("guest-os-1", "rt"), vms.stream().map(ImportedVm::name).toList());
        assertEquals(List.of(2), vms.get(0).cpus());
        assertEquals(List.of(1, 2), vms.get(1).cpus());
        assertEquals(List.of(new ImportedVm.Passthrough("rtc", 0x0901_0000L)), vms.get(1).passthrough());
        assertTrue(r.value().shy().contains("system imported for qemu-virt {"), r.value().shy());
    }

    @Test
    void sameNameTwiceIsAnError() throws IOException {
        Result<RustShyperImporter.Imported> r = importFiles("clean-baremetal", "clean-baremetal");
        assertEquals(List.of(Codes.RS_VM_NAME), r.problems().stream().map(p -> p.code()).toList());
    }
}
