package org.shyperc.codegen.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.shyperc.codegen.Gens;

/** Our JSON printer writes what Jackson reads back as the same tree. */
class JsonTest {

    @Test
    void anyStringSurvives() {
        Gens.qt(300).withShrinkCycles(1000).forAll(Gens.anyString()).checkAssert(s -> {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put(s, s).putArray("a").add(s).add(-1L).add(Long.MAX_VALUE).add(true).addNull();
            o.putObject("empty");
            JsonNode back = readBack(Json.write(o));
            // Compared as compact text: -1 reads back as an int node where we built a long one.
            assertEquals(o.toString(), back.toString());
        });
    }

    private static JsonNode readBack(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void layoutIsOneValuePerLine() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("a", 1).putArray("b").add("x");
        o.putArray("c");
        assertEquals("{\n  \"a\": 1,\n  \"b\": [\n    \"x\"\n  ],\n  \"c\": []\n}\n", Json.write(o));
    }
}
