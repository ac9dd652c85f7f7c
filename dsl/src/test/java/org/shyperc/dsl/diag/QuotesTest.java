package org.shyperc.dsl.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.shyperc.dsl.source.SourceFile;
import org.shyperc.dsl.source.SourceSpan;

/** A message quoting a huge name is a line, not a page: each quoted part cut at {@link Quotes#LIMIT} characters. */
class QuotesTest {
    @Test
    void aHugeQuotedNameIsCutAndTheRestOfTheSentenceKept() {
        String name = "d".repeat(100_000);
        String m = Quotes.bounded("Board `b` has no device `" + name + "`; did you mean `" + name + "x`?");
        String cut = "d".repeat(Quotes.LIMIT - 1) + "…";
        assertEquals("Board `b` has no device `" + cut + "`; did you mean `" + cut + "`?", m);
    }

    @Test
    void quotedPartsUpToTheLimitAndUnquotedTextAreKept() {
        String path = "/p".repeat(Quotes.LIMIT / 2);
        String exact = "The kernel `" + path + "` does not exist.";
        assertSame(exact, Quotes.bounded(exact));
        String unquoted = "x".repeat(10_000) + " and a ` lone backtick";
        assertSame(unquoted, Quotes.bounded(unquoted));
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String name = "a".repeat(Quotes.LIMIT - 2) + "\uD83D\uDE00" + "b".repeat(50);
        String m = Quotes.bounded("`" + name + "`");
        assertTrue(m.endsWith("a…`"), m);
    }

    @Test
    void aTabOrLineBreakInAMessageIsShownAsItsEscape() {
        assertEquals("The kernel `images\\tiny\\new.bin\\r` is missing.", Quotes.oneLine("The kernel `images\tiny\new.bin\r` is missing."));
        String plain = "No `tab` here.";
        assertSame(plain, Quotes.oneLine(plain));
        SourceFile f = SourceFile.of("x.shy", "vm x");
        Diagnostic d = Diagnostic.of(Codes.UNKNOWN_NAME, new SourceSpan(f, 3, 4), "No VM `a\nb`.").build();
        assertEquals("No VM `a\\nb`.", d.message());
    }

    @Test
    void everyDiagnosticIsBounded() {
        SourceFile f = SourceFile.of("x.shy", "vm x");
        Diagnostic d = Diagnostic.of(Codes.UNKNOWN_NAME, new SourceSpan(f, 3, 4), "No VM `" + "v".repeat(5000) + "`.")
                .hint("Did you mean `" + "v".repeat(5000) + "w`?").build();
        assertEquals(Quotes.LIMIT + 9, d.message().length());
        assertEquals(5000 + 17, d.hint().length()); // hints whole: a quick fix takes its text from one
        Diagnostic withRelated = Diagnostic.of(Codes.DUPLICATE, new SourceSpan(f, 3, 4), "VM `x` is declared twice.")
                .related(new SourceSpan(f, 0, 1), "the VM `" + "v".repeat(5000) + "` is declared here").build();
        assertEquals(Quotes.LIMIT + 26, withRelated.related().get(0).message().length());
    }
}
