package org.shyperc.codegen.output;

/**
 * One problem found while reading foreign input (a DTB, a Rust-Shyper JSON file).
 * {@code code} names the rule and never changes once released; {@code location} says
 * where in the input (a byte offset, a JSON pointer, a file name), never null.
 */
public record Problem(String code, Severity severity, String message, String location) {

    public enum Severity { ERROR, WARNING }

    public static Problem error(String code, String message, String location) {
        return new Problem(code, Severity.ERROR, message, location);
    }

    public static Problem warning(String code, String message, String location) {
        return new Problem(code, Severity.WARNING, message, location);
    }

    @Override
    public String toString() {
        return location + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + "[" + code + "]: " + message;
    }
}
