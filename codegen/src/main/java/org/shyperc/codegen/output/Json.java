package org.shyperc.codegen.output;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON text every emitter writes the same way: 2-space indent, '\n' on every platform, final newline. */
public final class Json {

    /** Keeps object keys in insertion order: each emitter decides its own (sorted, or a format's own order). */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() { }

    public static String write(JsonNode node) {
        return write(node, 2);
    }

    public static String write(JsonNode node, int indent) {
        DefaultIndenter nl = new DefaultIndenter(" ".repeat(indent), "\n");
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter().withObjectIndenter(nl).withArrayIndenter(nl)
                .withSeparators(com.fasterxml.jackson.core.util.Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(com.fasterxml.jackson.core.util.Separators.Spacing.AFTER));
        try {
            return MAPPER.writer(pp).without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValueAsString(node) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
