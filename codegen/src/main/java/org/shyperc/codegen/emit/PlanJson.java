package org.shyperc.codegen.emit;

import java.io.IOException;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.shyperc.codegen.output.Json;
import org.shyperc.codegen.output.Problem;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.codegen.output.Result;
import org.shyperc.plan.OmittedWhenNull;
import org.shyperc.plan.OmittedWhenEmpty;
import org.shyperc.plan.Lifecycle;
import org.shyperc.plan.Plan;

/**
 * plan.json: the Plan as JSON (schema: docs/plan.schema.json). Keys sorted; every 64-bit
 * quantity (addresses, sizes, MPIDRs, cells) a "0x…" string so no reader loses precision
 * past 2^53, and -1 ("none") stays a number; ints (IRQs, ids, indices) are numbers.
 */
public final class PlanJson {


    /** Only for reading; built on first use so writing never pays for it. */
    private static final class Reader {
        static final ObjectMapper MAPPER = JsonMapper.builder()
            .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
            .addModule(new SimpleModule("hex-longs")
                    .addDeserializer(Long.class, new HexDeserializer())
                    .addDeserializer(long.class, new HexDeserializer()))
            .build();
    }

    private PlanJson() { }

    /**
     * Written from the record components directly (sorted by name), not through databind's
     * bean introspection, which costs a cold build a quarter of a second.
     */
    public static String write(Plan plan) {
        return Json.write(node(plan));
    }

    private static JsonNode node(Object v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v == null) {
            return f.nullNode();
        }
        if (v instanceof Long l) {
            return l < 0 ? f.numberNode(l) : f.textNode("0x" + Long.toHexString(l));
        }
        if (v instanceof Integer i) {
            return f.numberNode(i);
        }
        if (v instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (v instanceof String str) {
            return f.textNode(str);
        }
        if (v instanceof Enum<?> e) {
            return f.textNode(e.name());
        }
        if (v instanceof List<?> list) {
            ArrayNode a = f.arrayNode();
            list.forEach(x -> a.add(node(x)));
            return a;
        }
        if (v instanceof Record r) {
            RecordComponent[] rc = r.getClass().getRecordComponents();
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            // a VM's lifecycle is written only where it differs from the default, and only its fields that do
            Object defaults = r instanceof Lifecycle ? Lifecycle.DEFAULT : null;
            for (RecordComponent c : rc) {
                try {
                    Object value = c.getAccessor().invoke(r);
                    // a feature's field stays out while unused, so older plans keep their bytes
                    if (value == null && c.isAnnotationPresent(OmittedWhenNull.class)) continue;
                    if (value instanceof List<?> l && l.isEmpty() && c.isAnnotationPresent(OmittedWhenEmpty.class)) continue;
                    if (value instanceof Lifecycle lc && lc.isDefault()) continue;
                    if (defaults != null && value.equals(c.getAccessor().invoke(defaults))) continue;
                    fields.put(c.getName(), node(value));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + c, e);
                }
            }
            ObjectNode o = f.objectNode();
            fields.forEach(o::set);
            return o;
        }
        throw new IllegalArgumentException("no JSON form for " + v.getClass());
    }

    public static Result<Plan> read(byte[] json) {
        try {
            Plan plan = Reader.MAPPER.readValue(json, Plan.class);
            // a bare `null` reads as no Plan at all, not as an error (found by PlanJsonFuzzTest)
            if (plan == null) return Result.fail(Problem.of(Codes.PLAN_JSON, "Not a plan.json: it holds `null`, not a Plan.",
                    "plan.json"));
            return Result.ok(plan);
        } catch (IOException e) {
            return Result.fail(Problem.of(Codes.PLAN_JSON, "Not a plan.json: " + e.getMessage().lines().findFirst()
                    .orElse("") , "plan.json"));
        }
    }

    private static final class HexDeserializer extends JsonDeserializer<Long> {
        @Override
        public Long deserialize(JsonParser p, DeserializationContext c) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                return p.getLongValue();
            }
            String s = p.getValueAsString();
            if (s == null || !s.startsWith("0x") || s.length() < 3) {
                throw c.weirdStringException(s, Long.class, "expected a \"0x…\" string");
            }
            try {
                return Long.parseUnsignedLong(s.substring(2), 16);
            } catch (NumberFormatException e) {
                throw c.weirdStringException(s, Long.class, "expected a \"0x…\" string");
            }
        }
    }
}
