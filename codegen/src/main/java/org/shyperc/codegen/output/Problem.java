package org.shyperc.codegen.output;

import java.util.Locale;
import java.util.Objects;
import org.shyperc.dsl.diag.Code;

/**
 * One problem found while reading foreign input (a DTB, a Rust-Shyper JSON file, a plan.json)
 * or exporting to a format with limits of its own. {@code code} comes from the one catalogue,
 * {@link org.shyperc.dsl.diag.Codes}, and sets the severity; {@code location} says where in the
 * input (a byte offset, a JSON pointer, a file name), never null.
 */
public record Problem(Code code, String message, String location) {

    public enum Severity { ERROR, WARNING }

    public Problem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(location, "location");
    }

    public static Problem of(Code code, String message, String location) {
        return new Problem(code, message, location);
    }

    public Severity severity() {
        return code.severity() == org.shyperc.dsl.diag.Severity.ERROR ? Severity.ERROR : Severity.WARNING;
    }

    /** The same problem found in {@code source} (e.g. the DTB file a reader's byte offset is in). */
    public Problem in(String source) {
        return new Problem(code, message, source + ": " + location);
    }

    /** `location: severity[CODE]: message`, as the CLI prints it. */
    @Override
    public String toString() {
        return location + ": " + severity().name().toLowerCase(Locale.ROOT) + "[" + code.id() + "]: " + message;
    }
}
