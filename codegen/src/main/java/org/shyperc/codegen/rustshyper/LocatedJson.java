package org.shyperc.codegen.rustshyper;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.shyperc.codegen.output.Problem;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/**
 * One Rust-Shyper JSON file, read with the position of every value, and typed accessors that
 * accept exactly what the CLI's serde types accept (docs/rust-shyper.md): a `usize` is a JSON
 * integer of at least 0 (not a string, not a float, not negative), an `i32` fits 32 bits, an
 * address is a "0x…" string, a known key appears once. Anything else is a located problem
 * (`file:line:column #/pointer`), never an exception.
 */
final class LocatedJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    final List<Problem> problems = new ArrayList<>();
    String file;
    /** Line and column of the first token of the value at each JSON pointer. */
    private Map<String, int[]> positions = new HashMap<>();
    /** Pointers of keys that appear more than once in their object (the first occurrence is kept). */
    private Map<String, int[]> duplicates = new HashMap<>();
    private final Set<String> reportedDuplicates = new HashSet<>();

    /** Reads a whole document into a tree, recording where each value starts; the parser's own exceptions pass through. */
    JsonNode read(JsonParser p) throws IOException {
        positions = new HashMap<>();
        duplicates = new HashMap<>();
        reportedDuplicates.clear();
        JsonToken t = p.nextToken();
        if (t == null) {
            return null;
        }
        JsonNode root = value(p, "");
        if (p.nextToken() != null) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "trailing content after the JSON value");
        }
        return root;
    }

    private JsonNode value(JsonParser p, String pointer) throws IOException {
        JsonLocation at = p.currentTokenLocation();
        positions.put(pointer, new int[] {at.getLineNr(), at.getColumnNr()});
        switch (p.currentToken()) {
            case START_OBJECT -> {
                ObjectNode o = F.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonLocation keyAt = p.currentTokenLocation();
                    String child = pointer + "/" + escape(key);
                    p.nextToken();
                    if (o.has(key)) {
                        duplicates.putIfAbsent(child, new int[] {keyAt.getLineNr(), keyAt.getColumnNr()});
                        Map<String, int[]> kept = positions;
                        positions = new HashMap<>(); // the second value's positions are not the first's
                        value(p, child);
                        positions = kept;
                    } else {
                        o.set(key, value(p, child));
                    }
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = F.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(value(p, pointer + "/" + i++));
                }
                return a;
            }
            case VALUE_STRING -> {
                return F.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return F.numberNode(p.getBigIntegerValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                try {
                    return F.numberNode(p.getDecimalValue());
                } catch (NumberFormatException e) { // `1e9000000000`: Jackson refuses such exponents this way
                    throw new com.fasterxml.jackson.core.JsonParseException(p, "number out of range: " + p.getText());
                }
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return F.booleanNode(p.getBooleanValue());
            }
            case VALUE_NULL -> {
                return F.nullNode();
            }
            default -> throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected " + p.currentToken());
        }
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** The field a pointer names, for messages: `irq_id`, or `irq_list[0]` for an array entry. */
    private static String field(String pointer) {
        String last = unescape(pointer.substring(pointer.lastIndexOf('/') + 1));
        if (last.matches("[0-9]+") && pointer.lastIndexOf('/') > 0) {
            return field(pointer.substring(0, pointer.lastIndexOf('/'))) + "[" + last + "]";
        }
        return last;
    }

    private static String unescape(String segment) {
        return segment.replace("~1", "/").replace("~0", "~");
    }

    /**
     * The value of a field the CLI requires, or null after reporting it missing (at its parent
     * object) or given twice.
     */
    JsonNode require(JsonNode root, String pointer) {
        JsonNode n = optional(root, pointer);
        if (n == null) {
            report(Codes.RS_FORMAT, "Required field `" + field(pointer) + "` is missing.", pointer);
        }
        return n;
    }

    /** The value of a field that may be absent (null then); a key given twice is reported. */
    JsonNode optional(JsonNode root, String pointer) {
        int[] dup = duplicates.get(pointer);
        if (dup != null && reportedDuplicates.add(pointer)) {
            problems.add(Problem.of(Codes.RS_FORMAT, "`" + field(pointer) + "` is given twice in one object; Rust-Shyper's "
                    + "CLI refuses a duplicate field.", location(dup, pointer)));
        }
        JsonNode n = root.at(pointer);
        return n.isMissingNode() ? null : n;
    }

    String string(JsonNode root, String pointer) {
        JsonNode n = require(root, pointer);
        if (n == null) {
            return null;
        }
        if (!n.isTextual()) {
            report(Codes.RS_FORMAT, "`" + field(pointer) + "` must be a string, not " + describe(n) + ".", pointer);
            return null;
        }
        return n.asText();
    }

    JsonNode array(JsonNode root, String pointer) {
        JsonNode n = require(root, pointer);
        if (n != null && !n.isArray()) {
            report(Codes.RS_FORMAT, "`" + field(pointer) + "` must be an array, not " + describe(n) + ".", pointer);
            return null;
        }
        return n;
    }

    JsonNode object(JsonNode root, String pointer) {
        JsonNode n = require(root, pointer);
        if (n != null && !n.isObject()) {
            report(Codes.RS_FORMAT, "`" + field(pointer) + "` must be an object, not " + describe(n) + ".", pointer);
            return null;
        }
        return n;
    }

    /** A required `usize` (the CLI's IRQ numbers, counts, ids): a JSON integer from 0 to 2^64-1. */
    Long usize(JsonNode root, String pointer) {
        JsonNode n = require(root, pointer);
        return n == null ? null : integer(n, pointer, BigInteger.ZERO, U64_MAX, "an integer of 0 or more");
    }

    /** An optional `usize` (`cfg_num`); null when absent. {@code nullable}: JSON null is absent too (an `Option`). */
    Long optionalUsize(JsonNode root, String pointer, boolean nullable) {
        JsonNode n = optional(root, pointer);
        if (n == null || nullable && n.isNull()) {
            return null;
        }
        return integer(n, pointer, BigInteger.ZERO, U64_MAX, "an integer of 0 or more");
    }

    /** A required integer within [min, max] (`u32`, `i32`). */
    Long integer(JsonNode root, String pointer, long min, long max, String what) {
        JsonNode n = require(root, pointer);
        return n == null ? null : integer(n, pointer, BigInteger.valueOf(min), BigInteger.valueOf(max), what);
    }

    /** {@code n} as an integer in [min, max], or null after a problem at {@code pointer}. */
    Long integer(JsonNode n, String pointer, BigInteger min, BigInteger max, String what) {
        if (!n.isIntegralNumber()) {
            report(Codes.RS_FORMAT, "`" + field(pointer) + "` must be " + what + ", not " + describe(n)
                    + "; Rust-Shyper's CLI refuses it.", pointer);
            return null;
        }
        BigInteger v = n.bigIntegerValue();
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            report(Codes.RS_FORMAT, "`" + field(pointer) + "` is " + v + "; it must be " + what
                    + ", and Rust-Shyper's CLI refuses it.", pointer);
            return null;
        }
        return v.longValue();
    }

    /** What a JSON value is, for messages: `a string "34"`, `the number 80.0`. */
    static String describe(JsonNode n) {
        if (n.isTextual()) {
            String s = n.asText();
            return "a string \"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
        }
        if (n.isNumber()) {
            return "the number " + n.asText();
        }
        if (n.isBoolean()) {
            return n.asText();
        }
        if (n.isNull()) {
            return "null";
        }
        return n.isArray() ? "an array" : "an object";
    }

    /** An address or length: a JSON string "0x…", because the CLI strips two characters without looking. */
    Long hex(JsonNode root, String pointer) {
        JsonNode n = require(root, pointer);
        if (n == null) {
            return null;
        }
        String field = field(pointer);
        if (!n.isTextual()) {
            report(Codes.RS_FORMAT, "`" + field + "` must be a \"0x…\" string, not " + describe(n)
                    + "; Rust-Shyper reads addresses and lengths only as strings.", pointer);
            return null;
        }
        String s = n.asText().trim();
        if (s.equals("0")) {
            // The CLI's one special case: a bare "0" is zero.
            return 0L;
        }
        if (!s.startsWith("0x") && !s.startsWith("0X")) {
            report(Codes.RS_NUMBER, "`" + field + "` is \"" + s + "\" without \"0x\"; Rust-Shyper drops "
                    + "its first two characters unchecked and would read " + misread(s) + ".", pointer);
            return null;
        }
        String digits = s.substring(2).replaceFirst("^0+(?=.)", "");
        if (!digits.matches("[0-9a-fA-F]{1,16}")) {
            report(Codes.RS_NUMBER, "`" + field + "` is \"" + s + "\", not a 64-bit hexadecimal number.",
                    pointer);
            return null;
        }
        return Long.parseUnsignedLong(digits, 16);
    }

    /**
     * One `cfg_list` entry as the CLI reads it: a JSON integer of 0 or more, or a string in
     * hexadecimal ("0x…"), binary ("0b…") or decimal that fits 64 bits.
     */
    Long cfgEntry(JsonNode n, String pointer) {
        if (n.isTextual()) {
            String s = n.asText().trim();
            String digits = s.startsWith("0x") ? s.substring(2) : s.startsWith("0b") ? s.substring(2) : s;
            int radix = s.startsWith("0x") ? 16 : s.startsWith("0b") ? 2 : 10;
            try {
                BigInteger v = new BigInteger(digits, radix);
                if (!digits.startsWith("-") && !digits.startsWith("+") && v.compareTo(U64_MAX) <= 0) {
                    return v.longValue();
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            report(Codes.RS_FORMAT, "`" + field(pointer) + "` is \"" + s + "\", not a hexadecimal (\"0x…\"), binary (\"0b…\") or "
                    + "decimal 64-bit number; Rust-Shyper's CLI refuses it.", pointer);
            return null;
        }
        return integer(n, pointer, BigInteger.ZERO, U64_MAX, "an integer of 0 or more or a number string");
    }

    private static String misread(String s) {
        String rest = s.length() > 2 ? s.substring(2) : "";
        return rest.matches("[0-9a-fA-F]{1,16}") ? "0x" + rest.toLowerCase(Locale.ROOT) : "garbage";
    }

    int errorCount() {
        return (int) problems.stream().filter(p -> p.severity() == Problem.Severity.ERROR).count();
    }

    /** A problem at {@code pointer} in the current file; the code sets whether it is an error. */
    void report(Code code, String message, String pointer) {
        problems.add(Problem.of(code, message, where(pointer)));
    }

    /** `file:line:column #/pointer`: the value's place, or for a missing one its nearest present parent's. */
    String where(String pointer) {
        String p = pointer;
        int[] at = positions.get(p);
        while (at == null && !p.isEmpty()) {
            p = p.substring(0, p.lastIndexOf('/'));
            at = positions.get(p);
        }
        return location(at, pointer);
    }

    private String location(int[] at, String pointer) {
        return file + (at == null ? "" : ":" + at[0] + ":" + at[1]) + (pointer.isEmpty() ? "" : " #" + pointer);
    }

    /** A problem at a line and column the JSON parser gives (no pointer: the document did not parse). */
    void reportAt(Code code, String message, JsonLocation at) {
        problems.add(Problem.of(code, message, file + (at == null || at.getLineNr() < 1 ? ""
                : ":" + at.getLineNr() + ":" + at.getColumnNr())));
    }
}
