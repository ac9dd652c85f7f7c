package org.shyperc.codegen.uboot;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * U-Boot's legacy image format (include/image.h): a 64-byte big-endian header with two
 * CRC-32s. Written with time stamp 0, so the same script gives the same bytes; `mkimage`
 * with SOURCE_DATE_EPOCH=0 writes the identical file.
 */
public final class LegacyImage {

    static final int MAGIC = 0x27051956;
    static final int HEADER_SIZE = 64;
    static final int NAME_SIZE = 32;
    static final byte OS_LINUX = 5;
    static final byte TYPE_SCRIPT = 6;
    static final byte COMP_NONE = 0;

    /** The header's architecture (IH_ARCH_*), and the name `mkimage -A` takes for it. */
    public enum Arch {
        ARM64(22, "arm64"), RISCV(26, "riscv");

        final byte code;
        private final String mkimageName;

        Arch(int code, String mkimageName) {
            this.code = (byte) code;
            this.mkimageName = mkimageName;
        }

        public String mkimageName() { return mkimageName; }
    }

    private LegacyImage() { }

    /**
     * A script image: the data is a "multi-file" list (each length as a big-endian word,
     * then a zero word) followed by the script, which is how `source` finds it.
     */
    public static byte[] script(Arch arch, String name, byte[] script) {
        ByteBuffer data = ByteBuffer.allocate(8 + script.length);
        data.putInt(script.length).putInt(0).put(script);
        return image(arch, name, TYPE_SCRIPT, data.array());
    }

    static byte[] image(Arch arch, String name, byte type, byte[] data) {
        ByteBuffer h = ByteBuffer.allocate(HEADER_SIZE + data.length);
        h.putInt(MAGIC);
        h.putInt(0);                       // header CRC, filled in below
        h.putInt(0);                       // time: 0 for reproducible output
        h.putInt(data.length);
        h.putInt(0);                       // load address (unused by scripts)
        h.putInt(0);                       // entry point
        h.putInt(crc(data, 0, data.length));
        h.put(OS_LINUX).put(arch.code).put(type).put(COMP_NONE);
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        h.put(n, 0, Math.min(n.length, NAME_SIZE));
        h.position(HEADER_SIZE);
        h.put(data);
        byte[] out = h.array();
        ByteBuffer.wrap(out).putInt(4, crc(out, 0, HEADER_SIZE));
        return out;
    }

    private static int crc(byte[] b, int off, int len) {
        CRC32 c = new CRC32();
        c.update(b, off, len);
        return (int) c.getValue();
    }
}
