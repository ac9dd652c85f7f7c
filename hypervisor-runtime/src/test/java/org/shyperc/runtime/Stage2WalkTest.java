package org.shyperc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The independent stage-2 reader on tables written by hand from the architecture's descriptor formats. */
class Stage2WalkTest {

    static final long ROOT = 0x4100_0000L, L2 = 0x4100_1000L, L3 = 0x4100_2000L;
    /** T0SZ 25 (39-bit IPA), SL0 = 1 (start at level 1), TG0 = 4 KiB. */
    static final long VTCR = 25 | (1L << 6);
    static final long VTTBR = (7L << 48) | ROOT;
    static final long RAM = 0xf << 2 | 3 << 6 | 3 << 8 | 1 << 10;                  // Normal WB, rw, inner, AF
    static final long DEVICE = 0x1 << 2 | 3 << 6 | 1 << 10 | 1L << 54;             // Device-nGnRE, rw, AF, XN

    final Map<Long, Long> words = new HashMap<>();

    Stage2Walk.Result walk() {
        return Stage2Walk.walk(VTCR, VTTBR, pa -> words.getOrDefault(pa, 0L));
    }

    /** IPA 0x4000_0000: a 2 MiB block of RAM at PA 0x8000_0000, then a page of a device at PA 0x0900_0000. */
    void tables() {
        words.put(ROOT + 8 * 1, L2 | 3);
        words.put(L2 + 8 * 0, 0x8000_0000L | RAM | 1);
        words.put(L2 + 8 * 1, L3 | 3);
        words.put(L3 + 8 * 0, 0x0900_0000L | DEVICE | 3);
    }

    static final List<Stage2Walk.Mapping> PLAN = List.of(
            new Stage2Walk.Mapping("memory", 0x4000_0000L, 0x8000_0000L, 0x20_0000, Stage2Walk.Attributes.normalWriteBack(true)),
            new Stage2Walk.Mapping("passthrough uart", 0x4020_0000L, 0x0900_0000L, 0x1000, Stage2Walk.Attributes.deviceNGnRE()));

    @Test
    void readsBlocksPagesAndTheirAttributes() {
        tables();
        Stage2Walk.Result r = walk();
        assertEquals(List.of(), r.anomalies());
        assertEquals(39, r.ipaBits());
        assertEquals(1, r.startLevel());
        assertEquals(7, r.vmid());
        assertEquals(List.of(ROOT, L2, L3), r.tablePages());
        assertEquals(2, r.leaves().size());
        Stage2Walk.Mapping block = r.leaves().get(0), page = r.leaves().get(1);
        assertEquals("L2 block", block.label());
        assertEquals(0x4000_0000L, block.ipa());
        assertEquals(0x8000_0000L, block.pa());
        assertEquals(0x20_0000L, block.size());
        assertEquals("rw normal-wb inner-shareable", block.attrs().meaning());
        assertEquals("L3 page", page.label());
        assertEquals(0x4020_0000L, page.ipa());
        assertEquals("rw device-nGnRE xn", page.attrs().meaning());
        assertEquals(List.of(), Stage2Walk.diff(PLAN, r.leaves()));
    }

    @Test
    void theSameTranslationInPagesInsteadOfABlockIsNoDifference() {
        words.put(ROOT + 8, L2 | 3);
        words.put(L2, L3 | 3);
        for (int i = 0; i < 512; i++) {
            words.put(L3 + 8L * i, (0x8000_0000L + 4096L * i) | RAM | 3);
        }
        Stage2Walk.Result r = walk();
        assertEquals(512, r.count("L3 page"));
        assertEquals(List.of(), Stage2Walk.diff(PLAN.subList(0, 1), r.leaves()));
        assertEquals(1, Stage2Walk.runs(r.leaves()).size());
    }

    @Test
    void namesAnExtraPageAMissingOneAnotherPaAndOtherAttributes() {
        tables();
        words.put(L3 + 8 * 5, 0x4008_0000L | RAM | 3);                    // extra: the hypervisor's image
        words.put(L3, 0x0900_1000L | DEVICE | 3);                           // the device page points elsewhere
        words.put(L2, 0x8000_0000L | (RAM & ~(3L << 6) | 1 << 6) | 1);      // RAM read-only
        List<String> d = Stage2Walk.diff(PLAN, walk().leaves());
        assertEquals(List.of(
                "IPA [0x40000000, 0x40200000) (memory): the plan maps PA 0x80000000 rw normal-wb inner-shareable, "
                        + "the tables PA 0x80000000 ro normal-wb inner-shareable",
                "IPA [0x40200000, 0x40201000) (passthrough uart): the plan maps PA 0x9000000 rw device-nGnRE xn, "
                        + "the tables PA 0x9001000 rw device-nGnRE xn",
                "IPA [0x40205000, 0x40206000): the tables map PA 0x40080000 rw normal-wb inner-shareable, the plan maps nothing"), d);
        words.clear();
        assertEquals(List.of("IPA [0x40000000, 0x40200000) (memory): the plan maps PA 0x80000000 rw normal-wb "
                + "inner-shareable, the tables map nothing", "IPA [0x40200000, 0x40201000) (passthrough uart): the plan "
                + "maps PA 0x9000000 rw device-nGnRE xn, the tables map nothing"), Stage2Walk.diff(PLAN, walk().leaves()));
    }

    @Test
    void aPlanMappingAnIpaTwiceIsNamedAndTheLaterMappingCountsWhereTheyOverlap() {
        Stage2Walk.Attributes rw = Stage2Walk.Attributes.normalWriteBack(true);
        List<Stage2Walk.Mapping> plan = List.of(new Stage2Walk.Mapping("memory", 0x4000_0000L, 0x8000_0000L, 0x10_0000, rw),
                new Stage2Walk.Mapping("shared x", 0x4000_2000L, 0x9000_0000L, 0x1000, rw));
        List<Stage2Walk.Mapping> tables = List.of(new Stage2Walk.Mapping("L2 block", 0x4000_0000L, 0x8000_0000L, 0x10_0000, rw));
        assertEquals(List.of("the plan maps IPA 0x40002000 twice: memory and shared x",
                "IPA [0x40002000, 0x40003000) (shared x): the plan maps PA 0x90000000 rw normal-wb inner-shareable, the "
                        + "tables PA 0x80002000 rw normal-wb inner-shareable"), Stage2Walk.diff(plan, tables));
    }

    @Test
    void deviceMemoryIgnoresShareabilityButNotExecutability() {
        Stage2Walk.Attributes dev = Stage2Walk.Attributes.deviceNGnRE();
        assertEquals(dev.meaning(), new Stage2Walk.Attributes(1, 3, 3, true, 2).meaning());
        assertTrue(new Stage2Walk.Attributes(1, 3, 0, true, 0).meaning().endsWith("device-nGnRE"));
        assertEquals("rw device-nGnRnE xn", new Stage2Walk.Attributes(0, 3, 0, true, 2).meaning());
        assertEquals("rw normal-wb non-shareable", new Stage2Walk.Attributes(0xf, 3, 0, true, 0).meaning());
        assertEquals("no access normal-outer-wb-inner-nc inner-shareable access-flag-clear",
                new Stage2Walk.Attributes(0xd, 0, 3, false, 0).meaning());
    }

    @Test
    void reportsWhatTheArchitectureDoesNotAllow() {
        tables();
        long empty = 0x4100_3000L;
        words.put(L3 + 8 * 1, 0x0900_1000L | DEVICE | 1);                  // level-3 reserved encoding
        words.put(L2 + 8 * 2, 0x8020_1000L | RAM | 1);                     // block with output bits below 2 MiB
        words.put(ROOT + 8 * 2, empty | 3 | (1L << 63));                    // table with a RES0 upper bit
        words.put(ROOT + 8 * 3, empty | 3);                                 // the same table again
        List<String> a = walk().anomalies();
        assertEquals(4, a.size(), a.toString());
        assertTrue(a.get(0).contains("level 3 entry at PA 0x41002008 (IPA 0x40201000): 0x400000090014c5 is the reserved "
                + "level-3 encoding"), a.toString());
        assertTrue(a.get(1).contains("output address bits below bit 21"), a.toString());
        assertTrue(a.get(2).contains("table descriptor 0x8000000041003003 has RES0 bits set"), a.toString());
        assertTrue(a.get(3).contains("table page 0x41003000 is reached more than once"), a.toString());
    }

    @Test
    void refusesGranulesItDoesNotRead() {
        assertThrows(IllegalArgumentException.class, () -> Stage2Walk.walk(VTCR | (1L << 14), VTTBR, pa -> 0));
        assertThrows(IllegalArgumentException.class, () -> Stage2Walk.walk(25 | (3L << 6), VTTBR, pa -> 0));
        assertThrows(IllegalArgumentException.class, () -> Stage2Walk.walk(16 | (1L << 6), VTTBR, pa -> 0));
    }

    @Test
    void aTwoLevelStartConcatenatesTables() {
        // T0SZ 24 (40-bit IPA) starting at level 1: two concatenated level-1 tables, 8 KiB aligned.
        words.put(ROOT + 8 * 512, 0x8000_0000L | RAM | 1);                 // entry 512: IPA 512 GiB, a 1 GiB block
        Stage2Walk.Result r = Stage2Walk.walk(24 | (1L << 6), ROOT, pa -> words.getOrDefault(pa, 0L));
        assertEquals(40, r.ipaBits());
        assertEquals(List.of(ROOT, ROOT + 4096), r.tablePages());
        assertEquals(1, r.leaves().size());
        assertEquals(512L << 30, r.leaves().get(0).ipa());
        assertEquals("L1 block", r.leaves().get(0).label());
        assertEquals(1L << 30, r.leaves().get(0).size());
    }
}
