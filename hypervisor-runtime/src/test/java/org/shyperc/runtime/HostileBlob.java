package org.shyperc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import org.shyperc.abi.BlobLayout;
import org.shyperc.abi.StructDef;
import org.shyperc.codegen.image.ImageLinker;

/**
 * Edits the config blob inside a linked image through {@link BlobLayout}'s offsets and recomputes its CRC, so the
 * runtime sees a well-formed blob that says something hostile.
 */
final class HostileBlob {
    private final byte[] bin;
    private final int blob;
    private final ByteBuffer bb;

    /** The runtime refused the blob for {@code why}, said so, ran no guest and powered off with status 2 (both architectures). */
    static void refused(Qemu.Result r, String why) {
        String out = r.output();
        assertFalse(r.timedOut(), out);
        assertTrue(out.contains("shyper: config blob refused: " + why), "expected \"" + why + "\" in:\n" + out);
        assertTrue(out.contains("shyper: cannot start without a valid config blob; powering off (status 2)"), out);
        assertFalse(out.contains("[attacker]") || out.contains("[victim]"), "a guest ran:\n" + out);
        assertEquals(2, r.exitCode(), out);
    }

    HostileBlob(ImageLinker.LinkedImage img) {
        this.bin = img.bin().clone();
        this.blob = (int) img.blobOffset();
        this.bb = ByteBuffer.wrap(bin).order(ByteOrder.LITTLE_ENDIAN);
    }

    long header(String field) { return get(blob, BlobLayout.HEADER.field(field)); }

    HostileBlob header(String field, long value) { return put(blob, BlobLayout.HEADER.field(field), value); }

    /** Field of entry {@code index} of the table whose offset the header's {@code <table>_off} gives. */
    long get(StructDef table, int index, String field) { return get(entry(table, index), table.field(field)); }

    HostileBlob set(StructDef table, int index, String field, long value) {
        return put(entry(table, index), table.field(field), value);
    }

    /** Index in the region table of VM {@code vm}'s region {@code n}. */
    int region(int vm, int n) { return (int) get(BlobLayout.VM, vm, "first_region") + n; }

    byte[] bin() {
        int crcAt = blob + BlobLayout.HEADER.field("crc32").offset();
        bb.putInt(crcAt, 0);
        CRC32 crc = new CRC32();
        crc.update(bin, blob, (int) header("total_size"));
        bb.putInt(crcAt, (int) crc.getValue());
        return bin;
    }

    private int entry(StructDef table, int index) {
        String name = table == BlobLayout.CPU ? "cpu" : table == BlobLayout.VM ? "vm" : table == BlobLayout.DRAM ? "dram"
                : table == BlobLayout.REGION ? "region" : table == BlobLayout.IRQ ? "irq"
                : table == BlobLayout.DOORBELL ? "doorbell" : "payload";
        return blob + (int) header(name + "_off") + index * table.size();
    }

    private long get(int at, StructDef.Field f) {
        return switch (f.type()) {
            case U32 -> Integer.toUnsignedLong(bb.getInt(at + f.offset()));
            case U64 -> bb.getLong(at + f.offset());
            default -> throw new IllegalArgumentException(f.name() + " is not a number");
        };
    }

    private HostileBlob put(int at, StructDef.Field f, long value) {
        switch (f.type()) {
            case U32 -> bb.putInt(at + f.offset(), (int) value);
            case U64 -> bb.putLong(at + f.offset(), value);
            default -> throw new IllegalArgumentException(f.name() + " is not a number");
        }
        return this;
    }
}
