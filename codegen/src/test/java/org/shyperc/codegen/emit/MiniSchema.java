package org.shyperc.codegen.emit;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The part of JSON Schema 2020-12 docs/plan.schema.json uses ($ref to #/$defs, type, enum,
 * pattern, properties, required, additionalProperties: false, items, oneOf, minimum,
 * maximum), enough to keep the schema and plan.json from drifting apart.
 */
final class MiniSchema {

    private final JsonNode root;

    MiniSchema(JsonNode root) {
        this.root = root;
    }

    List<String> validate(JsonNode value) {
        List<String> errors = new ArrayList<>();
        check(root, value, "", errors);
        return errors;
    }

    private void check(JsonNode schema, JsonNode v, String at, List<String> errors) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            check(root.at(ref.substring(1)), v, at, errors);
        }
        if (schema.has("type")) {
            List<String> types = new ArrayList<>();
            if (schema.get("type").isArray()) {
                schema.get("type").forEach(t -> types.add(t.asText()));
            } else {
                types.add(schema.get("type").asText());
            }
            if (types.stream().noneMatch(t -> is(t, v))) {
                errors.add(at + ": expected " + types + ", got " + v.getNodeType());
                return;
            }
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode e : schema.get("enum")) {
                found |= e.equals(v);
            }
            if (!found) {
                errors.add(at + ": " + v + " not in " + schema.get("enum"));
            }
        }
        if (schema.has("pattern") && v.isTextual() && !v.asText().matches(schema.get("pattern").asText())) {
            errors.add(at + ": \"" + v.asText() + "\" does not match " + schema.get("pattern").asText());
        }
        if (schema.has("minimum") && v.isNumber() && v.asLong() < schema.get("minimum").asLong()) {
            errors.add(at + ": below minimum");
        }
        if (schema.has("maximum") && v.isNumber() && v.asLong() > schema.get("maximum").asLong()) {
            errors.add(at + ": above maximum");
        }
        if (schema.has("oneOf")) {
            int ok = 0;
            for (JsonNode alt : schema.get("oneOf")) {
                List<String> e = new ArrayList<>();
                check(alt, v, at, e);
                ok += e.isEmpty() ? 1 : 0;
            }
            if (ok != 1) {
                errors.add(at + ": matches " + ok + " alternatives of oneOf, not exactly one");
            }
        }
        if (v.isObject()) {
            JsonNode props = schema.get("properties");
            if (schema.has("required")) {
                for (JsonNode r : schema.get("required")) {
                    if (!v.has(r.asText())) {
                        errors.add(at + ": missing " + r.asText());
                    }
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (props != null && props.has(f.getKey())) {
                    check(props.get(f.getKey()), f.getValue(), at + "/" + f.getKey(), errors);
                } else if (schema.has("additionalProperties") && !schema.get("additionalProperties").asBoolean(true)) {
                    errors.add(at + ": unexpected property " + f.getKey());
                }
            }
        }
        if (v.isArray() && schema.has("items")) {
            for (int i = 0; i < v.size(); i++) {
                check(schema.get("items"), v.get(i), at + "/" + i, errors);
            }
        }
    }

    private static boolean is(String type, JsonNode v) {
        return switch (type) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isTextual();
            case "integer" -> v.isIntegralNumber();
            case "number" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            case "null" -> v.isNull();
            default -> throw new IllegalArgumentException("schema type " + type);
        };
    }
}
