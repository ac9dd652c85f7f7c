package org.shyperc.runtime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** An initramfs of a few files in the "newc" cpio format Linux unpacks (uncompressed). */
final class Cpio {
    private Cpio() { }

    static byte[] withExecutable(String name, byte[] data) {
        return withFiles(java.util.Map.of(name, data));
    }

    /** Regular files by name, all executable, in name order (deterministic). */
    static byte[] withFiles(java.util.Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int ino = 1;
        for (var e : new java.util.TreeMap<>(files).entrySet()) entry(out, ino++, e.getKey(), 0100755, e.getValue());
        entry(out, 0, "TRAILER!!!", 0, new byte[0]);
        while (out.size() % 512 != 0) out.write(0);
        return out.toByteArray();
    }

    private static void entry(ByteArrayOutputStream out, int ino, String name, int mode, byte[] data) {
        byte[] n = (name + "\0").getBytes(StandardCharsets.US_ASCII);
        String h = String.format("070701%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x",
                ino, mode, 0, 0, 1, 0, data.length, 0, 0, 0, 0, n.length, 0);
        out.writeBytes(h.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(n);
        pad(out);
        out.writeBytes(data);
        pad(out);
    }

    private static void pad(ByteArrayOutputStream out) {
        while (out.size() % 4 != 0) out.write(0);
    }
}
