package org.shyperc.runtime;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The physical GIC distributor's SPI state as QEMU holds it: for each SPI whether it is enabled and which cores it
 * is routed to (board core indices).
 *
 * <p>GICv3: read from QEMU through the monitor ({@code xp} on GICD_ISENABLER and GICD_IROUTER). GICv2: QEMU 7.2
 * cannot be asked (its GICv2 model looks up the calling CPU on every distributor access and crashes when the monitor
 * or the gdbstub, which have none, read it), so the state is rebuilt from QEMU's trace of every distributor write
 * ({@code -trace gic_dist_write}) starting from the reset state (all disabled, no targets), and checked against
 * every value QEMU traced for a read of an SPI enable register ({@code gic_dist_read}) on the way.
 */
record Distributor(int lines, boolean[] enabled, List<TreeSet<Integer>> targets, List<String> problems) {

    /** GICD_IROUTER<n>.IRM: the SPI may go to any core. */
    private static final long IRM = 1L << 31;

    static Distributor readGicv3(Qmp qmp, long gicd, int lines, Map<Integer, Long> mpidrOfCore) throws IOException {
        boolean[] enabled = new boolean[lines];
        List<TreeSet<Integer>> targets = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<Long> en = qmp.readRegisters(gicd + 0x104, lines / 32 - 1, 4);
        for (int i = 32; i < lines; i++) {
            enabled[i] = ((en.get(i / 32 - 1) >>> (i % 32)) & 1) != 0;
        }
        List<Long> router = qmp.readRegisters(gicd + 0x6000 + 8 * 32, lines - 32, 8);
        for (int i = 0; i < lines; i++) {
            TreeSet<Integer> t = new TreeSet<>();
            if (i >= 32) {
                long r = router.get(i - 32);
                for (Map.Entry<Integer, Long> c : mpidrOfCore.entrySet()) {
                    long m = c.getValue();
                    long aff = ((m >>> 32) & 0xff) << 32 | (m & 0xff_ffffL);
                    if ((r & IRM) != 0 || (r & ~IRM) == aff) {
                        t.add(c.getKey());
                    }
                }
            }
            targets.add(t);
        }
        return new Distributor(lines, enabled, targets, problems);
    }

    private static final Pattern WRITE = Pattern.compile("gic_dist_write dist write at 0x([0-9a-f]+) size (\\d+): 0x([0-9a-f]+)");
    private static final Pattern READ = Pattern.compile("gic_dist_read dist read at 0x([0-9a-f]+) size (\\d+): 0x([0-9a-f]+)");

    /** Replays QEMU's trace of GICv2 distributor accesses (log lines, in order). CPU interface n is core n. */
    static Distributor replayGicv2(List<String> trace, int lines) {
        boolean[] enabled = new boolean[lines];
        int[] target = new int[lines];
        List<String> problems = new ArrayList<>();
        int writes = 0, checkedReads = 0;
        for (String line : trace) {
            Matcher w = WRITE.matcher(line);
            if (w.find()) {
                writes++;
                int off = Integer.parseInt(w.group(1), 16), size = Integer.parseInt(w.group(2));
                long v = Long.parseUnsignedLong(w.group(3), 16);
                for (int b = 0; b < size; b++) {
                    int o = off + b, byteVal = (int) ((v >>> (8 * b)) & 0xff);
                    if ((o >= 0x104 && o < 0x180) || (o >= 0x184 && o < 0x200)) {  // I[SC]ENABLER of SPIs
                        boolean set = o < 0x180;
                        for (int bit = 0; bit < 8; bit++) {
                            int irq = ((o & 0x7f) * 8) + bit;
                            if ((byteVal >> bit & 1) != 0 && irq < lines) {
                                enabled[irq] = set;
                            }
                        }
                    } else if (o >= 0x820 && o < 0x800 + lines) {              // ITARGETSR of SPIs
                        target[o - 0x800] = byteVal;
                    }
                }
                continue;
            }
            Matcher r = READ.matcher(line);
            if (r.find()) {
                int off = Integer.parseInt(r.group(1), 16), size = Integer.parseInt(r.group(2));
                long v = Long.parseUnsignedLong(r.group(3), 16);
                if (size == 4 && off >= 0x104 && off < 0x100 + lines / 8 && (off & 3) == 0) {
                    checkedReads++;
                    long model = 0;
                    for (int bit = 0; bit < 32; bit++) {
                        model |= (enabled[(off - 0x100) * 8 + bit] ? 1L : 0L) << bit;
                    }
                    if (model != v) {
                        problems.add(String.format("the replayed GICD_ISENABLER at 0x%x is 0x%x but QEMU read 0x%x", off, model, v));
                    }
                }
            }
        }
        if (writes == 0) {
            problems.add("QEMU traced no distributor write (was it started with -trace gic_dist_write?)");
        }
        List<TreeSet<Integer>> targets = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            TreeSet<Integer> t = new TreeSet<>();
            for (int c = 0; c < 8; c++) {
                if (i >= 32 && (target[i] >> c & 1) != 0) {
                    t.add(c);
                }
            }
            targets.add(t);
        }
        System.out.printf("MEASURE GICv2 distributor replayed from %d traced writes, checked against %d traced reads%n",
                writes, checkedReads);
        return new Distributor(lines, enabled, targets, problems);
    }
}
