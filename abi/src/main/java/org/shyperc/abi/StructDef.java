package org.shyperc.abi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One C struct of the config blob: ordered fields with explicit padding, little-endian.
 * Offsets are computed here once; both the C header and the Java serialiser read them from here.
 */
public final class StructDef {

    public enum Type {
        U32(4, "uint32_t"), U64(8, "uint64_t"), CHARS(1, "char");
        final int unit;
        final String cType;
        Type(int unit, String cType) { this.unit = unit; this.cType = cType; }
    }

    /** A field; for CHARS, {@code count} is the array length (NUL-terminated string). */
    public record Field(String name, Type type, int count, int offset, String comment) {
        public int size() { return type.unit * count; }
    }

    private final String cName;
    private final String comment;
    private final List<Field> fields = new ArrayList<>();
    private final Map<String, Field> byName = new LinkedHashMap<>();
    private int size;

    StructDef(String cName, String comment) {
        this.cName = cName;
        this.comment = comment;
    }

    StructDef u32(String name, String comment) { return add(name, Type.U32, 1, comment); }
    StructDef u64(String name, String comment) { return add(name, Type.U64, 1, comment); }
    StructDef chars(String name, int n, String comment) { return add(name, Type.CHARS, n, comment); }

    private StructDef add(String name, Type type, int count, String comment) {
        // No implicit padding: C and Java must agree without relying on compiler rules.
        if (size % type.unit != 0) {
            throw new IllegalStateException(cName + "." + name + " is misaligned at " + size);
        }
        Field f = new Field(name, type, count, size, comment);
        fields.add(f);
        byName.put(name, f);
        size += f.size();
        return this;
    }

    StructDef done() {
        if (size % 8 != 0) throw new IllegalStateException(cName + " size " + size + " is not a multiple of 8");
        return this;
    }

    public String cName() { return cName; }
    public String comment() { return comment; }
    public List<Field> fields() { return Collections.unmodifiableList(fields); }
    public int size() { return size; }

    public Field field(String name) {
        Field f = byName.get(name);
        if (f == null) throw new IllegalArgumentException("no field " + cName + "." + name);
        return f;
    }

    /** A zero-filled instance to set fields on by name. */
    public Instance instance() { return new Instance(); }

    public final class Instance {
        private final ByteBuffer buf = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);

        public Instance set(String name, long value) {
            Field f = field(name);
            switch (f.type) {
                case U32 -> {
                    if (value < 0 || value > 0xFFFF_FFFFL) {
                        throw new IllegalArgumentException(cName + "." + name + " = " + value + " does not fit 32 bits");
                    }
                    buf.putInt(f.offset, (int) value);
                }
                case U64 -> buf.putLong(f.offset, value);
                default -> throw new IllegalArgumentException(cName + "." + name + " is not a number");
            }
            return this;
        }

        public Instance set(String name, String value) {
            Field f = field(name);
            if (f.type != Type.CHARS) throw new IllegalArgumentException(cName + "." + name + " is not a string");
            byte[] b = value.getBytes(StandardCharsets.UTF_8);
            if (b.length >= f.count) {
                throw new IllegalArgumentException(cName + "." + name + " \"" + value + "\" is longer than "
                        + (f.count - 1) + " bytes");
            }
            buf.put(f.offset, b);
            return this;
        }

        public byte[] bytes() { return buf.array().clone(); }
    }
}
