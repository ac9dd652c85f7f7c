package org.shyperc.codegen.fdt;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** One property of a flattened device tree: a name and its raw big-endian value. */
public final class FdtProperty {

    private final String name;
    private final byte[] value;

    public FdtProperty(String name, byte[] value) {
        this.name = name;
        this.value = value.clone();
    }

    public String name() {
        return name;
    }

    public byte[] value() {
        return value.clone();
    }

    public int length() {
        return value.length;
    }

    /** The value as 32-bit cells, or null if its length is not a multiple of 4. */
    public long[] cells() {
        if (value.length % 4 != 0) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(value);
        long[] out = new long[value.length / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = Integer.toUnsignedLong(b.getInt());
        }
        return out;
    }

    /**
     * The value as a list of NUL-terminated printable strings, or null if it is not one
     * (the same test dtc uses to decide how to print a property).
     */
    public List<String> strings() {
        if (value.length == 0 || value[value.length - 1] != 0) {
            return null;
        }
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < value.length; i++) {
            byte c = value[i];
            if (c == 0) {
                if (i == start) {
                    return null;
                }
                out.add(new String(value, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            } else if (c < 0x20 || c > 0x7e) {
                return null;
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FdtProperty p && p.name.equals(name) && Arrays.equals(p.value, value);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return name + " = [" + HexFormat.of().formatHex(value) + "]";
    }
}
