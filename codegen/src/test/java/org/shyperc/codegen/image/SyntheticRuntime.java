package org.shyperc.codegen.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A tiny stand-in for the runtime ELF (the real one is built in hypervisor-runtime, which depends on
 * codegen): a static PIE at 0 with one PT_LOAD, a symbol table holding __blob_start and RELA relocations.
 */
final class SyntheticRuntime {
    private SyntheticRuntime() { }

    static final int FILESZ = 0x100;
    static final int MEMSZ = 0x1800;            // bss to 0x1800, so the blob goes at 0x2000
    static final int RELOC_AT = 0x10;
    static final long RELOC_ADDEND = 0x1234;

    static byte[] elf(int relocType) {
        ByteBuffer b = ByteBuffer.allocate(0x1000).order(ByteOrder.LITTLE_ENDIAN);
        byte[] shstr = "\0.text\0.rela.dyn\0.symtab\0.strtab\0.shstrtab\0".getBytes(StandardCharsets.US_ASCII);
        byte[] str = "\0__blob_start\0".getBytes(StandardCharsets.US_ASCII);
        int text = 0x200, rela = 0x300, sym = 0x340, strtab = 0x380, shstrtab = 0x3a0, sh = 0x400;
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        b.position(16);
        b.putShort((short) Elf64.ET_DYN).putShort((short) Elf64.EM_AARCH64).putInt(1).putLong(0).putLong(64).putLong(sh)
                .putInt(0).putShort((short) 64).putShort((short) 56).putShort((short) 1).putShort((short) 64)
                .putShort((short) 6).putShort((short) 5);
        b.position(64);                          // PT_LOAD
        b.putInt(Elf64.PT_LOAD).putInt(7).putLong(text).putLong(0).putLong(0).putLong(FILESZ).putLong(MEMSZ).putLong(0x1000);
        for (int i = 0; i < FILESZ; i++) b.put(text + i, (byte) (i + 1));
        b.position(rela);
        b.putLong(RELOC_AT).putLong(relocType).putLong(RELOC_ADDEND);
        b.position(sym + 24);                    // symbol 1 (symbol 0 is null)
        b.putInt(1).put((byte) 0x10).put((byte) 0).putShort((short) 0xfff1).putLong(0x2000).putLong(0);
        b.put(strtab, str);
        b.put(shstrtab, shstr);
        b.position(sh + 64);
        section(b, 1, 1, 6, 0, text, FILESZ, 0, 0);           // .text
        section(b, 7, Elf64.SHT_RELA, 2, 0, rela, 24, 0, 24); // .rela.dyn
        section(b, 17, Elf64.SHT_SYMTAB, 0, 0, sym, 48, 4, 24);
        section(b, 25, 3, 0, 0, strtab, str.length, 0, 0);
        section(b, 33, 3, 0, 0, shstrtab, shstr.length, 0, 0);
        return b.array();
    }

    private static void section(ByteBuffer b, int name, int type, long flags, long addr, long off, long size, int link, long entsize) {
        b.putInt(name).putInt(type).putLong(flags).putLong(addr).putLong(off).putLong(size).putInt(link).putInt(0)
                .putLong(8).putLong(entsize);
    }
}
