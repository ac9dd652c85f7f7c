package org.shyperc.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.bind.Loader;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.SharedModel;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.source.SourceFile;
import org.shyperc.dsl.source.SourceSpan;

/**
 * Which items a check leaves out. The corpus shows the outcome through the checks, which also filter on their own; this
 * asks {@link Failures} directly: a copy keeps what failed, an item failed under another code is still checked, a
 * passthrough or window goes with its device or shared region, and nothing failed means nothing may be left out.
 */
class FailuresTest {
    static final Path ROOT = Path.of(System.getProperty("shyperc.root", "..")).toAbsolutePath().normalize();
    static final SourceFile FILE = SourceFile.of("t.shy", "one\ntwo\nthree\n");
    static final SourceSpan ONE = SourceSpan.startOf(FILE);
    static final List<Code> OVERFLOW = List.of(Codes.ADDRESS_OVERFLOW);

    static Diagnostic error(Code code, SourceSpan at) {
        return Diagnostic.of(code, at, "A message.").build();
    }

    static SourceSpan other() {
        return SourceSpan.startOf(SourceFile.of("u.shy", "x"));
    }

    @Test
    void nothingFailedLeavesNothingOut() {
        Failures f = new Failures(List.of());
        assertFalse(f.mayLeaveOut(OVERFLOW));
        assertFalse(f.mayLeaveOut(List.of()));
        f.add(error(Codes.ZERO_SIZE, ONE));
        assertFalse(f.mayLeaveOut(OVERFLOW), "a code that is not a prerequisite");
        assertTrue(f.mayLeaveOut(List.of(Codes.ADDRESS_OVERFLOW, Codes.ZERO_SIZE)));
        assertTrue(new Failures(List.of(ONE)).mayLeaveOut(List.of()), "an unreadable item");
    }

    @Test
    void anItemFailedUnderAnotherCodeIsChecked() {
        Failures f = new Failures(List.of());
        SourceSpan b = other();
        f.add(error(Codes.ZERO_SIZE, ONE));
        f.add(error(Codes.ADDRESS_OVERFLOW, b)); // so the check may leave something out
        assertFalse(f.skips(ONE, OVERFLOW));
        assertTrue(f.skips(b, OVERFLOW));
        assertTrue(f.skips(ONE, List.of(Codes.NO_SUCH_CORE, Codes.ZERO_SIZE)));
    }

    @Test
    void warningsFailNothing() {
        Failures f = new Failures(List.of());
        f.add(Diagnostic.of(Codes.IMAGE_MISSING, ONE, "A message.").build());
        assertFalse(f.mayLeaveOut(List.of(Codes.IMAGE_MISSING)));
        assertFalse(f.skips(ONE, List.of(Codes.IMAGE_MISSING)));
    }

    @Test
    void aCopyKeepsWhatFailedAndLetsTheOriginalBe() {
        Failures f = new Failures(List.of());
        f.add(error(Codes.ADDRESS_OVERFLOW, ONE));
        Failures copy = f.copy();
        assertTrue(copy.skips(ONE, OVERFLOW));
        SourceSpan b = other();
        copy.add(error(Codes.ADDRESS_OVERFLOW, b));
        assertTrue(copy.skips(b, OVERFLOW));
        assertFalse(f.skips(b, OVERFLOW));
    }

    static final String SYSTEM = """
            import "tests/diagnostics/_lib/board.shy"
            system s for tb {
                vm a : baremetal {
                    cpus [0]
                    memory @ 0x0 size 32 MiB
                    kernel "tests/diagnostics/_lib/kernel.bin" @ 0x0
                    passthrough rtc
                }
                vm b : baremetal {
                    cpus [1]
                    memory @ 0x0 size 32 MiB
                    kernel "tests/diagnostics/_lib/kernel.bin" @ 0x0
                }
                shared z size 8 KiB {
                    a @ 0xd000_0000 rw
                    b @ 0x1000_0000 ro
                }
            }
            """;

    static Instance instance() {
        Compilation c = new Compiler(ROOT, Loader.Sources.DISK, Checks.ALL).compileSource(SourceFile.of("s.shy", SYSTEM));
        assertEquals(List.of(), c.diagnostics().stream().filter(Diagnostic::isError).toList());
        return c.instances().get(0).instance();
    }

    @Test
    void aPassthroughAndAWindowGoWithWhatTheyTakeTheirExtentFrom() {
        Instance in = instance();
        VmModel.Pt pt = in.vm("a").passthrough().get(0);
        SharedModel z = in.shared().get(0);
        SourceSpan window = z.mappings().get(1).span();
        Failures f = new Failures(List.of()).forInstance(in);
        f.add(error(Codes.ADDRESS_OVERFLOW, pt.device().span()));
        f.add(error(Codes.ADDRESS_OVERFLOW, z.span()));
        assertTrue(f.skips(pt.span(), OVERFLOW));
        assertTrue(f.skips(window, OVERFLOW));
        assertFalse(f.skips(pt.span(), List.of(Codes.ZERO_SIZE)));
        assertFalse(f.skips(in.vm("a").memory().get(0).span(), OVERFLOW));
        assertFalse(f.skips(z.mappings().get(0).span(), List.of(Codes.ZERO_SIZE)));
    }

    @Test
    void aWholeThatFailsAfterTheFirstQuestionStillTakesItsPartsWithIt() {
        Instance in = instance();
        VmModel.Pt pt = in.vm("a").passthrough().get(0);
        SharedModel z = in.shared().get(0);
        SourceSpan window = z.mappings().get(1).span();
        Failures f = new Failures(List.of()).forInstance(in);
        f.add(error(Codes.ADDRESS_OVERFLOW, in.vm("b").memory().get(0).span()));
        f.readyForSharing();
        assertFalse(f.skips(pt.span(), OVERFLOW));
        assertFalse(f.skips(window, OVERFLOW));
        // a later wave fails the device and the region: their parts follow, in this and in a copy
        f.add(error(Codes.ADDRESS_OVERFLOW, pt.device().span()));
        assertTrue(f.skips(pt.span(), OVERFLOW));
        assertFalse(f.skips(window, OVERFLOW));
        Failures copy = f.copy();
        copy.add(error(Codes.ADDRESS_OVERFLOW, z.span()));
        assertTrue(copy.skips(window, OVERFLOW));
        assertTrue(copy.skips(pt.span(), OVERFLOW));
        assertFalse(f.skips(window, OVERFLOW));
    }
}
