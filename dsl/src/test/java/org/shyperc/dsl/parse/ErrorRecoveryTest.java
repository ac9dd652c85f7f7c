package org.shyperc.dsl.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shyperc.dsl.ast.ShyFile;
import org.shyperc.dsl.ast.Value;
import org.shyperc.dsl.ast.VmDecl;
import org.shyperc.dsl.ast.VmItem;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.diag.Result;
import org.shyperc.dsl.source.SourceFile;

/** After a syntax error the parser goes on with the next statement, and keeps what it read. */
class ErrorRecoveryTest {

    private static Result<ShyFile> parse(String vmBody) {
        String text = """
                system s for b {
                    vm a : linux {
                %s
                    }
                    vm b : baremetal { cpus [1] }
                }
                """.formatted(vmBody);
        return DslParser.parse(SourceFile.of("r.shy", text));
    }

    private static List<String> items(Result<ShyFile> r, int vm) {
        VmDecl v = r.value().systems().get(0).vms().get(vm);
        return v.items().stream().map(i -> i.span().text()).toList();
    }

    private static List<String> errors(Result<ShyFile> r) {
        return r.diagnostics().stream().map(d -> d.code().id() + " " + d.span().location()).toList();
    }

    @Test
    void anUnknownFirstStatementIsSkippedAndTheBlockGoesOn() {
        Result<ShyFile> r = parse("""
                        autostart true
                        cpus [0]
                        memory @ 0x8000_0000 size 64 MiB
                """);
        assertEquals(List.of("SHY0101 r.shy:3:9"), errors(r));
        assertEquals(List.of("cpus [0]", "memory @ 0x8000_0000 size 64 MiB"), items(r, 0));
        assertEquals(List.of("cpus [1]"), items(r, 1), "the VM after it is read too");
    }

    @Test
    void aStrayBlockIsSkippedWhole() {
        Result<ShyFile> r = parse("""
                        cpus [0]
                        autostart { when boot; retries 3 }
                        memory @ 0x8000_0000 size 64 MiB
                """);
        assertEquals(List.of("SHY0101 r.shy:4:9"), errors(r));
        assertEquals(List.of("cpus [0]", "memory @ 0x8000_0000 size 64 MiB"), items(r, 0));
        assertEquals(List.of("cpus [1]"), items(r, 1));
    }

    @Test
    void aWordAfterANumberIsAnUnknownUnit() {
        Result<ShyFile> r = parse("""
                        memory @ 0x8000_0000 size 16 MB
                        memory @ 0x9000_0000 size 16
                        bogus
                """);
        Diagnostic d = r.diagnostics().get(0);
        assertEquals(List.of("SHY0101 r.shy:3:38", "SHY0101 r.shy:5:9"), errors(r));
        assertEquals("Sizes use binary units: write `MiB`.", d.hint());
        List<VmItem> items = r.value().systems().get(0).vms().get(0).items();
        Value.IntLit unknown = ((VmItem.Memory) items.get(0)).size();
        assertEquals(Value.Unit.UNKNOWN, unknown.unit());
        assertEquals(16, unknown.bits(), "the bare number, never 16 MiB");
        assertEquals("16 MB", unknown.span().text());
        assertEquals(Value.Unit.NONE, ((VmItem.Memory) items.get(1)).size().unit(), "a word on the next line is not a unit");
    }

    @Test
    void aSignedNumberIsOneErrorAndLeftUnread() {
        Result<ShyFile> r = parse("""
                        cpus [0-1]
                        memory @ -1 size 16 MiB+16 MiB
                """);
        assertEquals(List.of("SHY0102 r.shy:3:15", "SHY0102 r.shy:4:18", "SHY0102 r.shy:4:26"), errors(r));
        List<VmItem> items = r.value().systems().get(0).vms().get(0).items();
        assertEquals("[0-1]", ((VmItem.Cpus) items.get(0)).cpus().span().text());
        Value.RangeLit range = (Value.RangeLit) ((VmItem.Cpus) items.get(0)).cpus().items().get(0);
        assertEquals(List.of(0L, 1L), List.of(range.from().bits(), range.to().bits()), "`0-1` is read as the range it means");
        VmItem.Memory m = (VmItem.Memory) items.get(1);
        assertEquals(Value.Unit.UNKNOWN, m.ipa().unit(), "reported, so left unchecked");
        assertEquals("-1", m.ipa().span().text());
        assertEquals(1, m.ipa().bits());
        assertEquals(Value.Unit.UNKNOWN, m.size().unit());
        assertEquals("16 MiB", m.size().span().text());
        assertEquals(List.of("cpus [1]"), items(r, 1), "the next VM is read as before");
    }

    @Test
    void aUnitInTheWrongCaseGetsAHint() {
        Result<ShyFile> r = parse("""
                        memory @ 0x8000_0000 size 64 mib
                """);
        assertEquals("Units are written `KiB`, `MiB`, `GiB` and `TiB`: write `MiB`.", r.diagnostics().get(0).hint());
    }
}
