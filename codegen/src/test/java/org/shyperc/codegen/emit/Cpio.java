package org.shyperc.codegen.emit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A minimal "newc" cpio archive (what Linux unpacks as an initramfs), for the boot test's initrd. */
public final class Cpio {

    private Cpio() { }

    /** One regular file, then the trailer. */
    public static byte[] oneFile(String name, byte[] content, int mode) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        entry(out, name, content, 0100000 | mode, 1);
        entry(out, "TRAILER!!!", new byte[0], 0, 2);
        while (out.size() % 512 != 0) {
            out.write(0);
        }
        return out.toByteArray();
    }

    private static void entry(ByteArrayOutputStream out, String name, byte[] data, int mode, int ino) {
        byte[] n = (name + "\0").getBytes(StandardCharsets.US_ASCII);
        String header = String.format("070701%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x",
                ino, mode, 0, 0, 1, 0, data.length, 0, 0, 0, 0, n.length, 0);
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(n);
        pad4(out);
        out.writeBytes(data);
        pad4(out);
    }

    private static void pad4(ByteArrayOutputStream out) {
        while (out.size() % 4 != 0) {
            out.write(0);
        }
    }
}
