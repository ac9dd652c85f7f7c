package org.shyperc.compiler.layout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.source.SourceSpan;
import org.shyperc.plan.BoardPlan;
import org.shyperc.plan.Colouring;

/**
 * Cache colouring in placement. First the colours: a VM's listed colours are its own; a share
 * ({@code colours N}) gets the first run of N consecutive colours no VM lists, the hypervisor does
 * not use and no earlier share got (consecutive colours are one run of pages per period), else the
 * lowest N such colours. Then the pages: every coloured region that does not pin its PA is laid in
 * one stretch of DRAM, the pool, period by period; a region starts at the first period from which
 * each of its colours is free (a cursor per colour), so VMs with different colours share periods and
 * VMs sharing a colour follow each other. The pool is then taken from free DRAM as one range,
 * aligned to the period. O(n) in the regions, times the at most 64 colours of a region.
 */
final class ColourLayout {
    private ColourLayout() { }

    /** The board's number of colours when colouring can be placed on it (aarch64, LLC described), else 0. */
    static int colours(BoardModel board) {
        BoardModel.Llc llc = board.hyp() == null ? null : board.hyp().llc();
        if (llc == null || board.arch() != BoardPlan.Arch.AARCH64) return 0;
        return llc.colours();
    }

    /** How many colours a VM's RAM is made of, before they are picked (0: not coloured, or not on this board). */
    static int k(BoardModel board, VmModel vm) {
        if (vm.colours() == null || colours(board) == 0) return 0;
        if (!vm.colours().picked().isEmpty()) return vm.colours().picked().size();
        return vm.colours().share() >= 0 ? vm.colours().share() : vm.colours().listed().size();
    }

    /** Bytes of DRAM a region takes: its stretch of periods when coloured, else its whole pages. */
    static long extent(BoardModel board, VmModel vm, VmModel.Mem m) {
        int k = k(board, vm);
        int n = colours(board);
        if (k <= 0 || k > n) return Layout.roundUp(m.size());
        return Colouring.periods(m.size(), k) * n * Colouring.PAGE;
    }

    /** VMs with their colours picked and their unpinned coloured RAM placed; problems go to {@code out}. */
    static List<VmModel> place(Instance in, FreeMap free, Predicate<SourceSpan> unreadable, List<Diagnostic> out) {
        BoardModel board = in.board();
        int n = colours(board);
        if (n == 0 || !anyColoured(in.vms())) return in.vms();
        long taken = 0;
        for (BoardModel.ColourRef c : board.hyp().colours()) if (c.colour() < n) taken |= 1L << c.colour();
        for (VmModel vm : in.vms()) {
            if (vm.colours() == null) continue;
            for (BoardModel.ColourRef c : vm.colours().listed()) if (c.colour() < n) taken |= 1L << c.colour();
        }
        List<VmModel> vms = new ArrayList<>(in.vms().size());
        for (VmModel vm : in.vms()) {
            VmModel.Colours c = vm.colours();
            if (c == null) {
                vms.add(vm);
                continue;
            }
            List<Integer> picked = new ArrayList<>();
            if (c.share() < 0) {
                boolean inRange = true;
                for (BoardModel.ColourRef r : c.listed()) inRange &= r.colour() < n;
                if (inRange) {
                    for (BoardModel.ColourRef r : c.listed()) picked.add(r.colour());
                    Collections.sort(picked);
                }
            } else if (c.share() >= 1 && c.share() <= n) {
                long got = pick(~taken & all(n), c.share(), n);
                if (got == 0) {
                    out.add(Diagnostic.of(Codes.COLOUR_EXHAUSTED, c.span(), "VM `" + vm.name() + "` asks for " + c.share()
                            + " colours, but only " + Long.bitCount(~taken & all(n)) + " of the board's " + n
                            + " are left.").hint("Ask for fewer, or list colours and mark them `shared` in both VMs.").build());
                } else {
                    taken |= got;
                    for (int i = 0; i < n; i++) if ((got & (1L << i)) != 0) picked.add(i);
                }
            }
            vms.add(vm.withColours(c.withPicked(picked)));
        }
        // the pool: a cursor (in periods) per colour
        long[] cursor = new long[n];
        List<long[]> starts = new ArrayList<>(); // {vm index, mem index, first period}
        for (int v = 0; v < vms.size(); v++) {
            VmModel vm = vms.get(v);
            if (vm.colours() == null || vm.colours().picked().isEmpty()) continue;
            List<Integer> cs = vm.colours().picked();
            for (int i = 0; i < vm.memory().size(); i++) {
                VmModel.Mem m = vm.memory().get(i);
                if (m.pinned() || m.size() == 0 || unreadable.test(m.span())) continue;
                long first = 0;
                for (int c : cs) first = Math.max(first, cursor[c]);
                long periods = Colouring.periods(m.size(), cs.size());
                for (int c : cs) cursor[c] = first + periods;
                starts.add(new long[] {v, i, first});
            }
        }
        long poolPeriods = 0;
        for (long c : cursor) poolPeriods = Math.max(poolPeriods, c);
        if (starts.isEmpty()) return vms;
        long period = n * Colouring.PAGE;
        long poolSize = poolPeriods * period;
        long align = Math.max(period, poolSize % Layout.BLOCK == 0 ? Layout.BLOCK : period);
        long pool = free.allocate(poolSize, align);
        if (pool == -1) {
            for (long[] s : starts) {
                VmModel vm = vms.get((int) s[0]);
                VmModel.Mem m = vm.memory().get((int) s[1]);
                out.add(Diagnostic.of(Codes.COLOUR_NO_ROOM, m.span(), "The coloured RAM of VM `" + vm.name() + "` ("
                        + Hex.size(m.size()) + " in " + vm.colours().picked().size() + " of " + n
                        + " colours) cannot be placed: the coloured VMs need " + Hex.size(poolSize)
                        + " of DRAM in one range, and the largest free range is " + Hex.size(free.largest()) + ".")
                        .related(vm.colours().span(), "its colours are given here")
                        .hint("Give coloured VMs more colours or less RAM; free DRAM: " + free.describe() + ".").build());
            }
            return vms;
        }
        // each VM's list copied once, not once per region
        java.util.Map<Integer, List<VmModel.Mem>> placed = new java.util.HashMap<>();
        for (long[] s : starts) {
            int v = (int) s[0];
            List<VmModel.Mem> mems = placed.get(v);
            if (mems == null) {
                mems = new ArrayList<>(vms.get(v).memory());
                placed.put(v, mems);
            }
            mems.set((int) s[1], mems.get((int) s[1]).placedAt(pool + s[2] * period));
        }
        for (java.util.Map.Entry<Integer, List<VmModel.Mem>> e : placed.entrySet()) {
            vms.set(e.getKey(), vms.get(e.getKey()).withMemory(e.getValue()));
        }
        return vms;
    }

    private static boolean anyColoured(List<VmModel> vms) {
        for (VmModel v : vms) if (v.colours() != null) return true;
        return false;
    }

    private static long all(int n) { return n == 64 ? -1L : (1L << n) - 1; }

    /** {@code k} of the free colours: the first run of k consecutive ones, else the lowest k; 0 when fewer are free. */
    static long pick(long free, int k, int n) {
        if (Long.bitCount(free) < k) return 0;
        for (int start = 0; start + k <= n; start++) {
            long run = (k == 64 ? -1L : ((1L << k) - 1)) << start;
            if ((free & run) == run) return run;
        }
        long got = 0;
        for (int i = 0; i < n && Long.bitCount(got) < k; i++) if ((free & (1L << i)) != 0) got |= 1L << i;
        return got;
    }
}
