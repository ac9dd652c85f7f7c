package org.shyperc.codegen.fdt;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a DTB (version 17): header, memory reservation map (8-byte aligned), structure
 * block (4-byte aligned tokens), strings block (each property name stored once).
 * Same tree, same bytes.
 */
public final class FdtWriter {

    private FdtWriter() { }

    public static byte[] write(Fdt fdt) {
        Map<String, Integer> strings = new LinkedHashMap<>();
        ByteArrayOutputStream stringsBlock = new ByteArrayOutputStream();
        ByteArrayOutputStream struct = new ByteArrayOutputStream();
        writeNode(fdt.root(), struct, strings, stringsBlock);
        putInt(struct, FdtFormat.END);

        int rsvOffset = FdtFormat.HEADER_SIZE;                     // already 8-aligned
        int rsvSize = (fdt.reservations().size() + 1) * 16;
        int structOffset = rsvOffset + rsvSize;
        int stringsOffset = structOffset + struct.size();
        int total = stringsOffset + stringsBlock.size();

        ByteBuffer out = ByteBuffer.allocate(total);
        out.putInt(FdtFormat.MAGIC);
        out.putInt(total);
        out.putInt(structOffset);
        out.putInt(stringsOffset);
        out.putInt(rsvOffset);
        out.putInt(FdtFormat.VERSION);
        out.putInt(FdtFormat.LAST_COMPATIBLE_VERSION);
        out.putInt((int) fdt.bootCpuid());
        out.putInt(stringsBlock.size());
        out.putInt(struct.size());
        for (Fdt.Reservation r : fdt.reservations()) {
            out.putLong(r.address());
            out.putLong(r.size());
        }
        out.putLong(0);
        out.putLong(0);
        out.put(struct.toByteArray());
        out.put(stringsBlock.toByteArray());
        return out.array();
    }

    private static void writeNode(FdtNode node, ByteArrayOutputStream struct, Map<String, Integer> strings,
                                  ByteArrayOutputStream stringsBlock) {
        putInt(struct, FdtFormat.BEGIN_NODE);
        byte[] name = node.name().getBytes(StandardCharsets.UTF_8);
        struct.writeBytes(name);
        struct.write(0);
        pad(struct);
        for (FdtProperty p : node.properties()) {
            Integer off = strings.get(p.name());
            if (off == null) {
                off = stringsBlock.size();
                strings.put(p.name(), off);
                stringsBlock.writeBytes(p.name().getBytes(StandardCharsets.UTF_8));
                stringsBlock.write(0);
            }
            putInt(struct, FdtFormat.PROP);
            putInt(struct, p.length());
            putInt(struct, off);
            struct.writeBytes(p.value());
            pad(struct);
        }
        for (FdtNode child : node.children()) {
            writeNode(child, struct, strings, stringsBlock);
        }
        putInt(struct, FdtFormat.END_NODE);
    }

    private static void putInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    private static void pad(ByteArrayOutputStream out) {
        while (out.size() % 4 != 0) {
            out.write(0);
        }
    }
}
