package org.shyperc.codegen.fdt;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.shyperc.codegen.output.Problem;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.codegen.output.Result;

/**
 * Reads a DTB. Every offset and length is checked against the blob before use, so a
 * truncated or corrupt blob gives a Result with one error saying what is wrong and
 * where; no exception escapes.
 */
public final class FdtReader {

    /** Deeper nesting than this is corruption, not a device tree (and would blow the stack). */
    static final int MAX_DEPTH = 64;

    private final byte[] blob;
    private int structStart;
    private int structEnd;
    private int stringsStart;
    private int stringsEnd;
    private int pos;

    private FdtReader(byte[] blob) {
        this.blob = blob;
    }

    public static Result<Fdt> read(byte[] blob) {
        try {
            return Result.ok(new FdtReader(blob).parse());
        } catch (Corrupt c) {
            return Result.fail(Problem.of(c.code, c.getMessage(), String.format("byte 0x%x", c.offset)));
        }
    }

    private static final class Corrupt extends Exception {
        private static final long serialVersionUID = 1L;
        final Code code;
        final long offset;

        Corrupt(Code code, long offset, String message) {
            super(message, null, false, false);
            this.code = code;
            this.offset = offset;
        }
    }

    private Fdt parse() throws Corrupt {
        if (blob.length < FdtFormat.HEADER_SIZE) {
            throw new Corrupt(Codes.FDT_TRUNCATED, blob.length, "The blob is " + blob.length
                    + " bytes long, shorter than the 40-byte device-tree header.");
        }
        ByteBuffer h = ByteBuffer.wrap(blob);
        int magic = h.getInt(0);
        if (magic != FdtFormat.MAGIC) {
            throw new Corrupt(Codes.FDT_MAGIC, 0, String.format(
                    "This is not a device-tree blob: magic is 0x%08x, expected 0xd00dfeed.", magic));
        }
        long total = Integer.toUnsignedLong(h.getInt(4));
        long offStruct = Integer.toUnsignedLong(h.getInt(8));
        long offStrings = Integer.toUnsignedLong(h.getInt(12));
        long offRsv = Integer.toUnsignedLong(h.getInt(16));
        int version = h.getInt(20);
        int lastCompatible = h.getInt(24);
        long bootCpu = Integer.toUnsignedLong(h.getInt(28));
        long sizeStrings = Integer.toUnsignedLong(h.getInt(32));
        // size_dt_struct came with version 17; a version 16 blob's structure block runs to the strings.
        long sizeStruct = version >= 17 ? Integer.toUnsignedLong(h.getInt(36)) : offStrings - offStruct;
        if (total > blob.length) {
            throw new Corrupt(Codes.FDT_TRUNCATED, blob.length, "The blob is truncated: its header says " + total
                    + " bytes, but only " + blob.length + " are there.");
        }
        if (version < FdtFormat.LAST_COMPATIBLE_VERSION || lastCompatible > FdtFormat.VERSION) {
            throw new Corrupt(Codes.FDT_VERSION, 20, "Unsupported device-tree version " + version
                    + " (last compatible " + lastCompatible + "); versions 16 and 17 are read.");
        }
        checkBlock("memory reservation map", offRsv, 16, total, 8);
        checkBlock("structure block", offStruct, sizeStruct, total, 4);
        checkBlock("strings block", offStrings, sizeStrings, total, 1);
        structStart = (int) offStruct;
        structEnd = (int) (offStruct + sizeStruct);
        stringsStart = (int) offStrings;
        stringsEnd = (int) (offStrings + sizeStrings);

        List<Fdt.Reservation> rsv = new ArrayList<>();
        long at = offRsv;
        while (true) {
            if (at + 16 > total) {
                throw new Corrupt(Codes.FDT_TRUNCATED, at, "The memory reservation map has no terminating entry.");
            }
            long addr = h.getLong((int) at);
            long size = h.getLong((int) at + 8);
            at += 16;
            if (addr == 0 && size == 0) {
                break;
            }
            rsv.add(new Fdt.Reservation(addr, size));
        }

        pos = structStart;
        int token = nextToken();
        if (token != FdtFormat.BEGIN_NODE) {
            throw new Corrupt(Codes.FDT_TOKEN, pos - 4, "The structure block does not start with the root node.");
        }
        FdtNode root = node(0);
        token = nextToken();
        if (token != FdtFormat.END) {
            throw new Corrupt(Codes.FDT_TOKEN, pos - 4, String.format(
                    "Expected the end token after the root node, found 0x%x.", token));
        }
        return new Fdt(rsv, bootCpu, root);
    }

    private void checkBlock(String what, long off, long size, long total, int align) throws Corrupt {
        if (off % align != 0) {
            throw new Corrupt(Codes.FDT_BLOCK, off, "The " + what + " is not " + align + "-byte aligned.");
        }
        // size < 0: a version 16 blob whose strings come before its structure block (the size is their distance)
        if (off < FdtFormat.HEADER_SIZE || size < 0 || off > total || off + size > total) {
            throw new Corrupt(Codes.FDT_BLOCK, off, String.format(
                    "The %s (offset 0x%x, 0x%x bytes) lies outside the %d-byte blob.", what, off, size, total));
        }
    }

    /** Reads a node whose BEGIN_NODE token was just consumed. */
    private FdtNode node(int depth) throws Corrupt {
        if (depth > MAX_DEPTH) {
            throw new Corrupt(Codes.FDT_TOO_DEEP, pos, "Nodes are nested more than " + MAX_DEPTH + " deep.");
        }
        int nameEnd = nul(pos, structEnd, "node name");
        String name = new String(blob, pos, nameEnd - pos, StandardCharsets.UTF_8);
        pos = align4(nameEnd + 1);
        if (depth > 0 && name.isEmpty()) {
            throw new Corrupt(Codes.FDT_NAME, pos, "A node other than the root has an empty name.");
        }
        List<FdtProperty> props = new ArrayList<>();
        List<FdtNode> children = new ArrayList<>();
        while (true) {
            int tokenAt = pos;
            int token = nextToken();
            switch (token) {
                case FdtFormat.PROP -> {
                    if (!children.isEmpty()) {
                        throw new Corrupt(Codes.FDT_TOKEN, tokenAt, "Node '" + name + "' has a property after a subnode.");
                    }
                    long len = Integer.toUnsignedLong(readInt());
                    long nameOff = Integer.toUnsignedLong(readInt());
                    if (pos + len > structEnd) {
                        throw new Corrupt(Codes.FDT_TRUNCATED, tokenAt, "A property of node '" + name
                                + "' runs past the end of the structure block.");
                    }
                    if (nameOff >= stringsEnd - stringsStart) {
                        throw new Corrupt(Codes.FDT_NAME, tokenAt, "A property of node '" + name
                                + "' names string offset " + nameOff + ", outside the strings block.");
                    }
                    String propName = cString(stringsStart + (int) nameOff, stringsEnd, "property name");
                    byte[] value = new byte[(int) len];
                    System.arraycopy(blob, pos, value, 0, (int) len);
                    pos = align4(pos + (int) len);
                    props.add(new FdtProperty(propName, value));
                }
                case FdtFormat.BEGIN_NODE -> children.add(node(depth + 1));
                case FdtFormat.END_NODE -> {
                    return new FdtNode(name, props, children);
                }
                case FdtFormat.NOP -> { }
                default -> throw new Corrupt(Codes.FDT_TOKEN, tokenAt, String.format(
                        "Unexpected token 0x%x inside node '%s'.", token, name));
            }
        }
    }

    private int nextToken() throws Corrupt {
        return readInt();
    }

    private int readInt() throws Corrupt {
        if (pos + 4 > structEnd) {
            throw new Corrupt(Codes.FDT_TRUNCATED, pos, "The structure block ends in the middle of the tree.");
        }
        int v = ((blob[pos] & 0xff) << 24) | ((blob[pos + 1] & 0xff) << 16) | ((blob[pos + 2] & 0xff) << 8)
                | (blob[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    private String cString(int start, int limit, String what) throws Corrupt {
        return new String(blob, start, nul(start, limit, what) - start, StandardCharsets.UTF_8);
    }

    private int nul(int start, int limit, String what) throws Corrupt {
        for (int i = start; i < limit; i++) {
            if (blob[i] == 0) {
                return i;
            }
        }
        throw new Corrupt(Codes.FDT_TRUNCATED, start, "A " + what + " is not NUL-terminated before the end of its block.");
    }

    private static int align4(int v) {
        return (v + 3) & ~3;
    }
}
