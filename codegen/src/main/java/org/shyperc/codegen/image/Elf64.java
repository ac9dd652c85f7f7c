package org.shyperc.codegen.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Just enough of a little-endian ELF64 reader to link the runtime: segments, sections, symbols, RELA. */
public final class Elf64 {
    public static final int ET_EXEC = 2;
    public static final int ET_DYN = 3;
    public static final int EM_AARCH64 = 183;
    public static final int EM_RISCV = 243;
    public static final int PT_LOAD = 1;
    public static final int SHT_SYMTAB = 2;
    public static final int SHT_RELA = 4;
    public static final int R_AARCH64_NONE = 0;
    public static final int R_AARCH64_RELATIVE = 1027;
    public static final int R_RISCV_NONE = 0;
    public static final int R_RISCV_RELATIVE = 3;

    public record Segment(int type, int flags, long offset, long vaddr, long paddr, long filesz, long memsz, long align) { }
    public record Section(String name, int type, long addr, long offset, long size, int link, long entsize) { }
    public record Symbol(String name, long value, long size) { }
    public record Rela(long offset, int type, int symbol, long addend) { }

    private final ByteBuffer b;
    private final int type;
    private final int machine;
    private final long entry;
    private final List<Segment> segments = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();

    private Elf64(byte[] bytes) {
        b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 64 || b.getInt(0) != 0x464c457f) throw new IllegalArgumentException("not an ELF file");
        if (bytes[4] != 2 || bytes[5] != 1) throw new IllegalArgumentException("not a little-endian ELF64 file");
        type = Short.toUnsignedInt(b.getShort(16));
        machine = Short.toUnsignedInt(b.getShort(18));
        entry = b.getLong(24);
        long phoff = b.getLong(32);
        long shoff = b.getLong(40);
        int phentsize = Short.toUnsignedInt(b.getShort(54));
        int phnum = Short.toUnsignedInt(b.getShort(56));
        int shentsize = Short.toUnsignedInt(b.getShort(58));
        int shnum = Short.toUnsignedInt(b.getShort(60));
        int shstrndx = Short.toUnsignedInt(b.getShort(62));
        for (int i = 0; i < phnum; i++) {
            int o = (int) (phoff + (long) i * phentsize);
            segments.add(new Segment(b.getInt(o), b.getInt(o + 4), b.getLong(o + 8), b.getLong(o + 16), b.getLong(o + 24),
                    b.getLong(o + 32), b.getLong(o + 40), b.getLong(o + 48)));
        }
        List<long[]> raw = new ArrayList<>();
        for (int i = 0; i < shnum; i++) {
            int o = (int) (shoff + (long) i * shentsize);
            raw.add(new long[] {Integer.toUnsignedLong(b.getInt(o)), b.getInt(o + 4), b.getLong(o + 16), b.getLong(o + 24),
                    b.getLong(o + 32), b.getInt(o + 40), b.getLong(o + 56)});
        }
        long strOff = shnum > 0 ? raw.get(shstrndx)[3] : 0;
        for (long[] s : raw) {
            sections.add(new Section(cString(strOff + s[0]), (int) s[1], s[2], s[3], s[4], (int) s[5], s[6]));
        }
    }

    public static Elf64 parse(byte[] bytes) { return new Elf64(bytes); }

    public int type() { return type; }
    public int machine() { return machine; }
    public long entry() { return entry; }
    public List<Segment> segments() { return List.copyOf(segments); }
    public List<Section> sections() { return List.copyOf(sections); }

    public byte[] bytes(long offset, long size) {
        byte[] out = new byte[Math.toIntExact(size)];
        b.get(Math.toIntExact(offset), out);
        return out;
    }

    public List<Symbol> symbols() {
        List<Symbol> out = new ArrayList<>();
        for (Section s : sections) {
            if (s.type() != SHT_SYMTAB) continue;
            long strOff = sections.get(s.link()).offset();
            for (long o = s.offset(); o < s.offset() + s.size(); o += s.entsize()) {
                int io = (int) o;
                out.add(new Symbol(cString(strOff + Integer.toUnsignedLong(b.getInt(io))), b.getLong(io + 8), b.getLong(io + 16)));
            }
        }
        return out;
    }

    public long symbol(String name) {
        return symbols().stream().filter(s -> s.name().equals(name)).mapToLong(Symbol::value).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("runtime ELF has no symbol " + name));
    }

    public List<Rela> relocations() {
        List<Rela> out = new ArrayList<>();
        for (Section s : sections) {
            if (s.type() != SHT_RELA) continue;
            for (long o = s.offset(); o < s.offset() + s.size(); o += 24) {
                int io = (int) o;
                long info = b.getLong(io + 8);
                out.add(new Rela(b.getLong(io), (int) info, (int) (info >>> 32), b.getLong(io + 16)));
            }
        }
        return out;
    }

    private String cString(long offset) {
        int start = Math.toIntExact(offset);
        int end = start;
        while (b.get(end) != 0) end++;
        byte[] s = new byte[end - start];
        b.get(start, s);
        return new String(s, StandardCharsets.UTF_8);
    }
}
