package org.shyperc.codegen.output;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON text every emitter writes the same way: keys in the tree's order, one value per
 * line, '\n' on every platform, a final newline. The printer walks Jackson's node tree
 * itself: databind's writer machinery costs a cold build about 0.1 s of class loading.
 */
public final class Json {

    /** For reading (tests, tools); built on first use, so writing never pays for databind. */
    public static ObjectMapper mapper() {
        return Reader.MAPPER;
    }

    private static final class Reader {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private Json() { }

    public static String write(JsonNode node) {
        return write(node, 2);
    }

    public static String write(JsonNode node, int indent) {
        StringBuilder b = new StringBuilder();
        value(b, node, indent, 0);
        return b.append('\n').toString();
    }

    private static void value(StringBuilder b, JsonNode n, int indent, int depth) {
        if (n.isObject()) {
            if (n.isEmpty()) {
                b.append("{}");
                return;
            }
            b.append('{');
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                newline(b, indent, depth + 1);
                string(b, f.getKey());
                b.append(": ");
                value(b, f.getValue(), indent, depth + 1);
                if (it.hasNext()) {
                    b.append(',');
                }
            }
            newline(b, indent, depth);
            b.append('}');
        } else if (n.isArray()) {
            if (n.isEmpty()) {
                b.append("[]");
                return;
            }
            b.append('[');
            for (int i = 0; i < n.size(); i++) {
                newline(b, indent, depth + 1);
                value(b, n.get(i), indent, depth + 1);
                if (i + 1 < n.size()) {
                    b.append(',');
                }
            }
            newline(b, indent, depth);
            b.append(']');
        } else if (n.isTextual()) {
            string(b, n.textValue());
        } else if (n.isIntegralNumber()) {
            b.append(n.bigIntegerValue());
        } else if (n.isBoolean()) {
            b.append(n.booleanValue());
        } else if (n.isNull()) {
            b.append("null");
        } else {
            throw new IllegalArgumentException("emitters write no " + n.getNodeType() + " values");
        }
    }

    private static void newline(StringBuilder b, int indent, int depth) {
        b.append('\n');
        b.append(" ".repeat(indent * depth));
    }

    static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    public static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
