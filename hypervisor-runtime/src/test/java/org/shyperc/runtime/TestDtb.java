package org.shyperc.runtime;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A minimal flattened device tree (root + /chosen/bootargs) for the test guests, which read only
 * bootargs. Real systems get their DTBs from the codegen DTB emitter.
 */
final class TestDtb {
    private TestDtb() { }

    static byte[] withBootargs(String bootargs) {
        ByteArrayOutputStream st = new ByteArrayOutputStream();
        byte[] strings = "bootargs\0".getBytes(StandardCharsets.US_ASCII);
        token(st, 1); name(st, "");
        token(st, 1); name(st, "chosen");
        byte[] val = (bootargs + "\0").getBytes(StandardCharsets.US_ASCII);
        token(st, 3); token(st, val.length); token(st, 0);
        st.writeBytes(val);
        pad(st);
        token(st, 2);
        token(st, 2);
        token(st, 9);
        byte[] struct = st.toByteArray();
        int rsvOff = 40, structOff = rsvOff + 16, stringsOff = structOff + struct.length;
        int total = stringsOff + strings.length;
        ByteBuffer b = ByteBuffer.allocate((total + 7) & ~7);
        b.putInt(0xd00dfeed).putInt(b.capacity()).putInt(structOff).putInt(stringsOff).putInt(rsvOff)
                .putInt(17).putInt(16).putInt(0).putInt(strings.length).putInt(struct.length);
        b.putLong(0).putLong(0);
        b.put(struct).put(strings);
        return b.array();
    }

    private static void token(ByteArrayOutputStream o, int v) {
        o.writeBytes(ByteBuffer.allocate(4).putInt(v).array());
    }

    private static void name(ByteArrayOutputStream o, String n) {
        o.writeBytes((n + "\0").getBytes(StandardCharsets.US_ASCII));
        pad(o);
    }

    private static void pad(ByteArrayOutputStream o) {
        while (o.size() % 4 != 0) o.write(0);
    }
}
