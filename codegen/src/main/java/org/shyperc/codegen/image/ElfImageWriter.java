package org.shyperc.codegen.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Wraps a flat image in an ELF64 executable with one PT_LOAD at the load address (what QEMU -kernel loads). */
public final class ElfImageWriter {
    private ElfImageWriter() { }

    static final int DATA_OFFSET = 0x1000;

    public static byte[] wrap(byte[] bin, long load) {
        return wrap(bin, load, Elf64.EM_AARCH64);
    }

    /** @param machine the ELF machine of the runtime inside ({@link Elf64#EM_AARCH64} or {@link Elf64#EM_RISCV}) */
    public static byte[] wrap(byte[] bin, long load, int machine) {
        ByteBuffer b = ByteBuffer.allocate(DATA_OFFSET + bin.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        b.position(16);
        b.putShort((short) Elf64.ET_EXEC).putShort((short) machine).putInt(1);
        b.putLong(load);              // e_entry: the runtime starts at its first byte
        b.putLong(64);                // e_phoff
        b.putLong(0);                 // e_shoff: no sections
        b.putInt(0);                  // e_flags
        b.putShort((short) 64).putShort((short) 56).putShort((short) 1); // ehsize, phentsize, phnum
        b.putShort((short) 64).putShort((short) 0).putShort((short) 0);  // shentsize, shnum, shstrndx
        b.putInt(Elf64.PT_LOAD).putInt(7);      // RWX: one segment holds code, data, blob and payloads
        b.putLong(DATA_OFFSET).putLong(load).putLong(load);
        b.putLong(bin.length).putLong(bin.length).putLong(0x1000);
        b.position(DATA_OFFSET);
        b.put(bin);
        return b.array();
    }
}
