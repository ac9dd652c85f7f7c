package org.shyperc.codegen.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Our JSON printer writes what Jackson reads back as the same tree. */
class JsonTest {

    @Property(tries = 300)
    void anyStringSurvives(@ForAll String s) throws IOException {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put(s, s).putArray("a").add(s).add(-1L).add(Long.MAX_VALUE).add(true).addNull();
        o.putObject("empty");
        JsonNode back = Json.mapper().readTree(Json.write(o));
        // Compared as compact text: -1 reads back as an int node where we built a long one.
        assertEquals(o.toString(), back.toString());
    }

    @Test
    void layoutIsOneValuePerLine() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("a", 1).putArray("b").add("x");
        o.putArray("c");
        assertEquals("{\n  \"a\": 1,\n  \"b\": [\n    \"x\"\n  ],\n  \"c\": []\n}\n", Json.write(o));
    }
}
