package org.shyperc.codegen.devicetree;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

/**
 * A typed device-tree property value. The type decides how the DTS prints it; the
 * encoding to DTB bytes is the same one dtc uses, so both outputs describe one tree.
 */
public sealed interface DtValue {

    byte[] encode();

    /** A boolean property: present, no value. */
    record Empty() implements DtValue {
        public byte[] encode() {
            return new byte[0];
        }
    }

    /** A string list: each string NUL-terminated. */
    record Strings(List<String> values) implements DtValue {
        public Strings {
            values = List.copyOf(values);
        }

        public byte[] encode() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (String s : values) {
                out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
                out.write(0);
            }
            return out.toByteArray();
        }
    }

    /** 32-bit big-endian cells; a cell may be a reference to a labelled node (its phandle). */
    record Cells(List<Cell> values) implements DtValue {
        public Cells {
            values = List.copyOf(values);
        }

        public byte[] encode() {
            ByteBuffer b = ByteBuffer.allocate(values.size() * 4);
            values.forEach(c -> b.putInt((int) c.value()));
            return b.array();
        }
    }

    /** Raw bytes (dtc's [ab cd] form), for properties copied from a real DTB that are neither. */
    record Bytes(byte[] values) implements DtValue {
        public Bytes {
            values = values.clone();
        }

        public byte[] encode() {
            return values.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(b.values, values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }

    /** One cell: a number, or {@code &label} resolving to that node's phandle. */
    record Cell(long value, String ref) {
        public static Cell of(long v) {
            if (v < 0 || v > 0xffff_ffffL) {
                throw new IllegalArgumentException("cell out of 32-bit range: " + v);
            }
            return new Cell(v, null);
        }
    }
}
