package org.shyperc.dsl.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.shyperc.dsl.Gens;
import org.shyperc.dsl.ast.Value;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.source.SourceFile;
import org.shyperc.dsl.source.SourceSpan;

/**
 * Numbers are read in place when they fit 62 bits and by a general path otherwise; both must give what the
 * number says. The reference here is BigInteger over the digits with every `_` removed.
 */
class LiteralsTest {
    private static final SourceFile FILE = SourceFile.of("n.shy", "");

    private static Value.IntLit read(String text, List<Diagnostic> diags) {
        return Literals.intLit(text, -1, new SourceSpan(FILE, 0, 0), diags);
    }

    private static BigInteger reference(String text) {
        String digits = text.replace("_", "");
        return digits.startsWith("0x") ? new BigInteger(digits.substring(2), 16) : new BigInteger(digits);
    }

    @Test
    void separatorsAnywhereAfterTheFirstDigitAreSkipped() {
        List<Diagnostic> diags = new ArrayList<>();
        assertEquals(BigInteger.valueOf(0x4000_0000L), read("0x4000_0000", diags).value());
        assertEquals(BigInteger.valueOf(1000), read("1_000", diags).value());
        assertEquals(BigInteger.valueOf(0x12), read("0x__1_2__", diags).value());
        assertEquals(new BigInteger("ffffffffffffffff", 16), read("0xffff_ffff_ffff_ffff", diags).value());
        assertEquals(new BigInteger("999999999999999999"), read("999_999_999_999_999_999", diags).value());
        assertEquals(List.of(), diags);
    }

    @Test
    void aHexPrefixWithOnlySeparatorsHasNoDigits() {
        List<Diagnostic> diags = new ArrayList<>();
        assertNull(read("0x__", diags));
        assertEquals(1, diags.size());
        assertEquals(Codes.BAD_TOKEN, diags.get(0).code());
    }

    @Test
    void twoToTheSixtyFourIsReportedWithSeparatorsToo() {
        List<Diagnostic> diags = new ArrayList<>();
        Value.IntLit lit = read("0x1_0000_0000_0000_0000", diags);
        assertEquals(BigInteger.ONE.shiftLeft(64), lit.value());
        assertEquals(Codes.INT_OVERFLOW, diags.get(0).code());
    }

    /** Digits and separators of every length around the fast path's limits (15 hex, 18 decimal digits). */
    private static final Gen<String> NUMBERS = Gens.fromRandom(r -> {
        boolean hex = r.nextBoolean();
        String alphabet = hex ? "0123456789abcdefABCDEF" : "0123456789";
        int digits = 1 + r.nextInt(hex ? 20 : 24);
        StringBuilder b = new StringBuilder(hex ? "0x" : "");
        for (int i = 0; i < digits; i++) {
            while (r.nextInt(4) == 0 && (hex || b.length() > 0)) b.append('_'); // a decimal starts with a digit
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        if (r.nextInt(4) == 0) b.append('_');
        return b.toString();
    });

    @Test
    void everyNumberReadsAsItsDigitsSay() {
        Gens.qt(5000).forAll(NUMBERS).checkAssert(text -> {
            List<Diagnostic> diags = new ArrayList<>();
            Value.IntLit lit = read(text, diags);
            BigInteger want = reference(text);
            assertEquals(want, lit.value(), text);
            assertEquals(want.bitLength() > 64, !diags.isEmpty(), text);
            assertTrue(want.bitLength() > 64 || lit.fits64(), text);
        });
    }
}
