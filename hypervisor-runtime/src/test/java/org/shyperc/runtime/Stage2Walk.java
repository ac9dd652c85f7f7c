package org.shyperc.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads VMSAv8-64 stage-2 translation tables as the MMU would (Arm ARM DDI 0487, D8.2-D8.3: the stage-2 translation
 * regime, 4 KiB granule; D8.5 the descriptor formats), written from the architecture and not from the runtime's C, so
 * that a mistake in how the runtime writes descriptors cannot hide in the same mistake in how they are read.
 *
 * <p>Only the 4 KiB granule without 52-bit addresses (FEAT_LPA2) is read: anything else is reported as unsupported.
 * Descriptor fields that must be zero and are not, blocks where the granule allows none, and the level-3 reserved
 * encoding are reported as anomalies rather than silently read one way.
 */
final class Stage2Walk {
    private Stage2Walk() { }

    /** 64-bit little-endian words of physical memory. */
    interface PhysicalMemory {
        long read64(long pa);
    }

    /**
     * A stage-2 leaf's attributes as its descriptor holds them: MemAttr[3:0] (bits 5:2, read as with
     * HCR_EL2.FWB = 0), S2AP (bits 7:6), SH (bits 9:8), AF (bit 10) and XN[1:0] (bits 54:53).
     */
    record Attributes(int memAttr, int s2ap, int sh, boolean af, int xn) {

        static Attributes normalWriteBack(boolean writable) {
            return new Attributes(0xf, writable ? 3 : 1, 3, true, 0);
        }

        static Attributes deviceNGnRE() {
            return deviceNGnRE(true);
        }

        static Attributes deviceNGnRE(boolean writable) {
            return new Attributes(0x1, writable ? 3 : 1, 0, true, 2);
        }

        /** Normal, outer and inner non-cacheable: outer shareable whatever SH says (D8.6.2), so SH says that. */
        static Attributes normalNonCacheable(boolean writable) {
            return new Attributes(0x5, writable ? 3 : 1, 2, true, 0);
        }

        boolean device() {
            return (memAttr >> 2) == 0;
        }

        String access() {
            return switch (s2ap) {
                case 0 -> "no access";
                case 1 -> "ro";
                case 2 -> "wo";
                default -> "rw";
            };
        }

        String memoryType() {
            if (device()) {
                return switch (memAttr & 3) {
                    case 0 -> "device-nGnRnE";
                    case 1 -> "device-nGnRE";
                    case 2 -> "device-nGRE";
                    default -> "device-GRE";
                };
            }
            String outer = cacheability(memAttr >> 2), inner = cacheability(memAttr & 3);
            return outer.equals(inner) ? "normal-" + outer : "normal-outer-" + outer + "-inner-" + inner;
        }

        private static String cacheability(int bits) {
            return switch (bits) {
                case 1 -> "nc";
                case 2 -> "wt";
                case 3 -> "wb";
                default -> "reserved";
            };
        }

        /**
         * What the attributes mean, as a comparable string. Shareability is part of it only for Normal memory: for
         * Device memory the architecture ignores SH (all Device memory is Outer Shareable).
         */
        String meaning() {
            String sharing = device() ? "" : switch (sh) {
                case 0 -> " non-shareable";
                case 2 -> " outer-shareable";
                case 3 -> " inner-shareable";
                default -> " reserved-shareability";
            };
            String exec = xn == 0 ? "" : xn == 2 ? " xn" : " xn=" + xn;
            return access() + " " + memoryType() + sharing + exec + (af ? "" : " access-flag-clear");
        }

        @Override
        public String toString() {
            return meaning();
        }
    }

    /** [ipa, ipa + size) translates to [pa, pa + size) with {@code attrs}; {@code label} says where it came from. */
    record Mapping(String label, long ipa, long pa, long size, Attributes attrs) {
        long ipaEnd() {
            return ipa + size;
        }

        boolean covers(long a) {
            return Long.compareUnsigned(a, ipa) >= 0 && Long.compareUnsigned(a, ipaEnd()) < 0;
        }

        long paAt(long a) {
            return pa + (a - ipa);
        }
    }

    /**
     * One VM's translation: its leaves in IPA order (label "L1 block", "L2 block", "L3 page"), the physical pages the
     * tables occupy, anything that does not follow the architecture, the IPA width and the level the walk starts at.
     */
    record Result(List<Mapping> leaves, List<Long> tablePages, List<String> anomalies, int ipaBits, int startLevel,
                  int vmid) {
        long count(String label) {
            return leaves.stream().filter(m -> m.label().equals(label)).count();
        }
    }

    private static final long OA_MASK = 0x0000_ffff_ffff_f000L;       // output address bits [47:12]
    private static final int GRANULE_SHIFT = 12;

    /** Bit position of the lowest IPA bit a level resolves (4 KiB granule: level 3 = 12, 2 = 21, 1 = 30, 0 = 39). */
    static int shift(int level) {
        return GRANULE_SHIFT + 9 * (3 - level);
    }

    /** Walks every entry reachable from VTTBR_EL2 under VTCR_EL2 (both as the core holds them). */
    static Result walk(long vtcr, long vttbr, PhysicalMemory mem) {
        List<String> anomalies = new ArrayList<>();
        int t0sz = (int) (vtcr & 0x3f);
        int sl0 = (int) ((vtcr >> 6) & 3);
        int tg0 = (int) ((vtcr >> 14) & 3);
        if (tg0 != 0) {
            throw new IllegalArgumentException("VTCR_EL2.TG0 = " + tg0 + ": only the 4 KiB granule is read");
        }
        int ipaBits = 64 - t0sz;
        int start = switch (sl0) {
            case 0 -> 2;
            case 1 -> 1;
            case 2 -> 0;
            default -> throw new IllegalArgumentException("VTCR_EL2.SL0 = 3 with a 4 KiB granule (level 3 start, FEAT_TTST)");
        };
        // The start level resolves the IPA bits above shift(start); more than 9 of them means concatenated tables
        // (at most 16), fewer than 1 or more than 13 is an inconsistent T0SZ/SL0 pair (D8.2.5).
        int topBits = ipaBits - shift(start);
        if (topBits < 1 || topBits > 13) {
            throw new IllegalArgumentException("VTCR_EL2 T0SZ " + t0sz + " (" + ipaBits + "-bit IPA) cannot start at level "
                    + start);
        }
        int entries = 1 << topBits;
        long rootBytes = Math.max(8L * entries, 4096);
        long root = vttbr & 0x0000_ffff_ffff_fffeL;
        if ((root & (rootBytes - 1)) != 0) {
            anomalies.add(String.format("VTTBR_EL2.BADDR 0x%x is not aligned to its %d-byte start table", root, rootBytes));
            root &= ~(rootBytes - 1);
        }
        List<Mapping> leaves = new ArrayList<>();
        List<Long> tables = new ArrayList<>();
        for (long p = root; p < root + rootBytes; p += 4096) {
            tables.add(p);
        }
        table(mem, start, root, 0, entries, leaves, tables, anomalies);
        Set<Long> seen = new HashSet<>();
        for (long t : tables) {
            if (!seen.add(t)) {
                anomalies.add(String.format("table page 0x%x is reached more than once", t));
            }
        }
        return new Result(List.copyOf(leaves), List.copyOf(tables), List.copyOf(anomalies), ipaBits, start,
                (int) (vttbr >>> 48));
    }

    private static void table(PhysicalMemory mem, int level, long base, long ipaBase, int entries, List<Mapping> leaves,
                              List<Long> tables, List<String> anomalies) {
        int shift = shift(level);
        for (int i = 0; i < entries; i++) {
            long d = mem.read64(base + 8L * i);
            long ipa = ipaBase + ((long) i << shift);
            if ((d & 1) == 0) {
                continue;                                       // invalid: translation fault
            }
            String where = String.format("level %d entry at PA 0x%x (IPA 0x%x)", level, base + 8L * i, ipa);
            if (level < 3 && (d & 2) != 0) {
                // Table descriptor: bits [63:59] are RES0 at stage 2 (no hierarchical attributes), [51:48] RES0
                // without 52-bit addresses.
                if ((d & 0xf80f_0000_0000_0000L) != 0) {
                    anomalies.add(String.format("%s: table descriptor 0x%x has RES0 bits set", where, d));
                }
                long next = d & OA_MASK;
                tables.add(next);
                table(mem, level + 1, next, ipa, 512, leaves, tables, anomalies);
                continue;
            }
            if (level == 3 && (d & 2) == 0) {
                anomalies.add(String.format("%s: 0x%x is the reserved level-3 encoding (faults)", where, d));
                continue;
            }
            if (level == 0) {
                anomalies.add(String.format("%s: 0x%x is a level-0 block, which the 4 KiB granule does not have", where, d));
                continue;
            }
            long oaMask = OA_MASK & ~((1L << shift) - 1);
            if ((d & OA_MASK & ~oaMask) != 0) {
                anomalies.add(String.format("%s: block 0x%x has output address bits below bit %d set", where, d, shift));
            }
            if ((d & 0x000f_0000_0000_0000L) != 0 || (d & (1L << 11)) != 0) {
                anomalies.add(String.format("%s: descriptor 0x%x has RES0 bits set", where, d));
            }
            Attributes a = new Attributes((int) ((d >> 2) & 0xf), (int) ((d >> 6) & 3), (int) ((d >> 8) & 3),
                    (d & (1L << 10)) != 0, (int) ((d >> 53) & 3));
            String label = level == 3 ? "L3 page" : "L" + level + " block";
            leaves.add(new Mapping(label, ipa, d & oaMask, 1L << shift, a));
        }
    }

    /**
     * Compares the translation the tables give with the one expected, over every IPA either side maps: each piece of
     * IPA space on which they disagree (mapped on one side only, to another PA, or with other attributes) is one
     * message. Empty when the two are the same translation, however differently split into blocks and pages.
     */
    static List<String> diff(List<Mapping> expected, List<Mapping> actual) {
        List<String> out = new ArrayList<>();
        TreeSet<Long> cuts = new TreeSet<>(Long::compareUnsigned);
        for (Mapping m : expected) {
            cuts.add(m.ipa());
            cuts.add(m.ipaEnd());
        }
        for (Mapping m : actual) {
            cuts.add(m.ipa());
            cuts.add(m.ipaEnd());
        }
        Index exp = new Index(sorted(expected)), act = new Index(sorted(actual));
        List<Mapping> e0 = exp.sorted;
        for (int i = 1; i < e0.size(); i++) {
            if (Long.compareUnsigned(e0.get(i).ipa(), e0.get(i - 1).ipaEnd()) < 0) {
                out.add(String.format("the plan maps IPA 0x%x twice: %s and %s", e0.get(i).ipa(), e0.get(i - 1).label(),
                        e0.get(i).label()));
            }
        }
        Long prev = null;
        for (long c : cuts) {
            if (prev != null) {
                long a = prev;
                Mapping e = exp.find(a), t = act.find(a);
                String range = String.format("IPA [0x%x, 0x%x)", a, c);
                if (e == null && t != null) {
                    out.add(String.format("%s: the tables map PA 0x%x %s, the plan maps nothing", range, t.paAt(a), t.attrs()));
                } else if (e != null && t == null) {
                    out.add(String.format("%s (%s): the plan maps PA 0x%x %s, the tables map nothing", range, e.label(),
                            e.paAt(a), e.attrs()));
                } else if (e != null && (e.paAt(a) != t.paAt(a) || !e.attrs().meaning().equals(t.attrs().meaning()))) {
                    out.add(String.format("%s (%s): the plan maps PA 0x%x %s, the tables PA 0x%x %s", range, e.label(),
                            e.paAt(a), e.attrs(), t.paAt(a), t.attrs()));
                }
            }
            prev = c;
        }
        return out;
    }

    private static List<Mapping> sorted(List<Mapping> ms) {
        List<Mapping> s = new ArrayList<>(ms);
        s.sort(Comparator.comparing(Mapping::ipa, Long::compareUnsigned));
        return s;
    }

    /**
     * Mappings in IPA order, searched by bisection (a VM's tables can hold tens of thousands of pages): the last
     * mapping that starts at or below an IPA and covers it. Overlaps (a plan mapping an IPA twice) are found too:
     * {@code reach[i]} is the highest end of mappings 0..i, so the search walks back only while one could still cover.
     */
    private static final class Index {
        final List<Mapping> sorted;
        final long[] reach;

        Index(List<Mapping> sorted) {
            this.sorted = sorted;
            reach = new long[sorted.size()];
            for (int i = 0; i < reach.length; i++) {
                long end = sorted.get(i).ipaEnd();
                reach[i] = i == 0 || Long.compareUnsigned(end, reach[i - 1]) > 0 ? end : reach[i - 1];
            }
        }

        Mapping find(long a) {
            int lo = 0, hi = sorted.size() - 1, last = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (Long.compareUnsigned(sorted.get(mid).ipa(), a) <= 0) {
                    last = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            for (int i = last; i >= 0 && Long.compareUnsigned(reach[i], a) > 0; i--) {
                if (sorted.get(i).covers(a)) {
                    return sorted.get(i);
                }
            }
            return null;
        }
    }

    /** Adjacent leaves that continue each other (IPA, PA and attributes) as one mapping, for reports. */
    static List<Mapping> runs(List<Mapping> leaves) {
        List<Mapping> out = new ArrayList<>();
        for (Mapping m : sorted(leaves)) {
            Mapping last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.ipaEnd() == m.ipa() && last.pa() + last.size() == m.pa()
                    && Objects.equals(last.attrs(), m.attrs())) {
                out.set(out.size() - 1, new Mapping("run", last.ipa(), last.pa(), last.size() + m.size(), last.attrs()));
            } else {
                out.add(new Mapping("run", m.ipa(), m.pa(), m.size(), m.attrs()));
            }
        }
        return out;
    }
}
