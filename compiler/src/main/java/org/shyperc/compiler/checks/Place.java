package org.shyperc.compiler.checks;

import java.util.function.Supplier;
import org.shyperc.dsl.source.SourceSpan;

/**
 * Something that occupies an address range, with the words to name it in a message and the span
 * to point at: "the RAM of vm `rt`", "device `uart0`". Used as the owner in {@code Intervals}.
 */
record Place(String owner, Supplier<String> label, long base, long size, SourceSpan span) {

    /** What it is, in words; built only when a message needs it (checks visit 100k places). */
    String what() { return label.get(); }

    long end() { return Addr.end(base, size); }

    /** Of two places in conflict, the one declared later comes first: it is where the problem is reported. */
    static Place[] laterFirst(Place a, Place b) {
        return a.span().compareTo(b.span()) >= 0 ? new Place[] {a, b} : new Place[] {b, a};
    }

    /** "the RAM of vm `rt` (0x7000_0000..0x7400_0000)". */
    String describe() { return what() + " (" + Addr.range(base, size) + ")"; }
}
