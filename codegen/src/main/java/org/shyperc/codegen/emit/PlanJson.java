package org.shyperc.codegen.emit;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.shyperc.codegen.output.Problem;
import org.shyperc.codegen.output.Result;
import org.shyperc.plan.Plan;

/**
 * plan.json: the Plan as JSON (schema: docs/plan.schema.json). Keys sorted; every 64-bit
 * quantity (addresses, sizes, MPIDRs, cells) a "0x…" string so no reader loses precision
 * past 2^53, and -1 ("none") stays a number; ints (IRQs, ids, indices) are numbers.
 */
public final class PlanJson {

    public static final String BAD_PLAN_JSON = "PLJ001";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .addModule(new SimpleModule("hex-longs")
                    .addSerializer(Long.class, new HexSerializer())
                    .addSerializer(long.class, new HexSerializer())
                    .addDeserializer(Long.class, new HexDeserializer())
                    .addDeserializer(long.class, new HexDeserializer()))
            .build();

    private PlanJson() { }

    public static String write(Plan plan) {
        DefaultIndenter nl = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter().withObjectIndenter(nl).withArrayIndenter(nl)
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        try {
            return MAPPER.writer(pp).writeValueAsString(plan) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Result<Plan> read(byte[] json) {
        try {
            return Result.ok(MAPPER.readValue(json, Plan.class));
        } catch (IOException e) {
            return Result.fail(Problem.error(BAD_PLAN_JSON, "Not a plan.json: " + e.getMessage().lines().findFirst()
                    .orElse("") , "plan.json"));
        }
    }

    private static final class HexSerializer extends JsonSerializer<Long> {
        @Override
        public void serialize(Long v, JsonGenerator g, SerializerProvider p) throws IOException {
            if (v < 0) {
                g.writeNumber(v);
            } else {
                g.writeString("0x" + Long.toHexString(v));
            }
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
