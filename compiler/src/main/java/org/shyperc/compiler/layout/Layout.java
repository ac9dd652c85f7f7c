package org.shyperc.compiler.layout;

import java.util.ArrayList;
import java.util.List;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.SharedModel;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.diag.Result;

/**
 * Places the physical address of every region that does not pin one: first fit in address
 * order over DRAM minus the hypervisor and every pinned region, 2 MiB aligned when the size
 * is a multiple of 2 MiB (so the runtime can map it with blocks), else 4 KiB. VMs in
 * declaration order, their regions in source order, then shared regions: deterministic.
 */
public final class Layout {
    public static final long PAGE = 4096;
    public static final long BLOCK = 2L << 20;

    private Layout() { }

    public static Result<Instance> place(Instance in) {
        return place(in, span -> false);
    }

    /**
     * The same, leaving out what {@code unreadable} says could not be read (a region whose size is
     * unknown stays unplaced, a DRAM bank whose extent is unknown offers no room).
     */
    public static Result<Instance> place(Instance in, java.util.function.Predicate<org.shyperc.dsl.source.SourceSpan> unreadable) {
        return place(in, unreadable, Integer.MAX_VALUE);
    }

    /** The same, the VMs' mapping lists made in parallel from {@code parallelFrom} items ({@link VmMaps}). */
    public static Result<Instance> place(Instance in, java.util.function.Predicate<org.shyperc.dsl.source.SourceSpan> unreadable,
            int parallelFrom) {
        List<Diagnostic> out = new ArrayList<>();
        BoardModel board = in.board();
        FreeMap free = new FreeMap();
        for (BoardModel.Bank b : board.dram()) {
            long end = b.base() + b.size();
            if (Long.compareUnsigned(end, b.base()) > 0 && !unreadable.test(b.span())) free.add(b.base(), end);
        }
        free.remove(board.hyp().reserveBase(), board.hyp().reserveEnd());
        for (VmModel vm : in.vms()) {
            for (VmModel.Mem m : vm.memory()) {
                if (m.pinned() && !unreadable.test(m.span())) free.remove(m.pa(), m.pa() + ColourLayout.extent(board, vm, m));
            }
        }
        for (SharedModel s : in.shared()) {
            if (s.pinned() && !unreadable.test(s.span())) free.remove(s.pa(), s.pa() + roundUp(s.size()));
        }

        // cache colouring: coloured VMs' colours, and their RAM in one stretch of DRAM, first
        List<VmModel> coloured = ColourLayout.place(in, free, unreadable, out);
        List<VmModel> vms = new ArrayList<>();
        for (VmModel vm : coloured) {
            if (ColourLayout.k(board, vm) > 0) {
                vms.add(vm);
                continue;
            }
            List<VmModel.Mem> placed = new ArrayList<>();
            for (VmModel.Mem m : vm.memory()) {
                if (m.pinned() || m.size() == 0 || unreadable.test(m.span())) {
                    placed.add(m);
                    continue;
                }
                long align = m.hugepage() > 0 ? Math.max(m.hugepage(), alignFor(m.size())) : alignFor(m.size());
                long pa = free.allocate(roundUp(m.size()), align);
                if (pa == -1 && m.hugepage() > 0 && free.peek(roundUp(m.size()), PAGE) != -1) {
                    out.add(unaligned(m, vm, free, in));
                } else if (pa == -1) {
                    out.add(exhausted(m.span(), "RAM of VM `" + vm.name() + "`", m.size(), free, in));
                }
                placed.add(m.placedAt(pa));
            }
            vms.add(vm.withMemory(placed));
        }
        List<SharedModel> shared = new ArrayList<>();
        for (SharedModel s : in.shared()) {
            if (s.pinned() || s.size() == 0 || unreadable.test(s.span())) {
                shared.add(s);
                continue;
            }
            long pa = free.allocate(roundUp(s.size()), alignFor(s.size()));
            if (pa == -1) out.add(exhausted(s.span(), "shared region `" + s.name() + "`", s.size(), free, in));
            shared.add(s.placedAt(pa));
        }
        return new Result<>(VmMaps.of(in.with(vms, shared), parallelFrom), out);
    }

    private static Diagnostic exhausted(org.shyperc.dsl.source.SourceSpan span, String what, long size, FreeMap free,
                                        Instance in) {
        Diagnostic.Builder d = Diagnostic.of(Codes.DRAM_EXHAUSTED, span, "There is no free DRAM for the " + Hex.size(size) + " "
                        + what + " on board `" + in.board().name() + "`; the largest free range is "
                        + Hex.size(free.largest()) + ".")
                .hint("Free DRAM: " + free.describe() + ". Shrink a region, or pin it with `at pa`.");
        // every bank is named: when one could not be read, running out of DRAM is a follow-on
        for (BoardModel.Bank b : in.board().dram()) d.related(b.span(), "the DRAM bank `" + b.name() + "` is declared here");
        return d.build();
    }

    /** SHY1405: there is room for the region, but none aligned for the blocks it asks for. */
    private static Diagnostic unaligned(VmModel.Mem m, VmModel vm, FreeMap free, Instance in) {
        return Diagnostic.of(Codes.HUGEPAGE_NO_ROOM, m.hugepageSpan() != null ? m.hugepageSpan() : m.span(), "There is no free DRAM "
                        + "aligned to " + Hex.size(m.hugepage()) + " for the " + Hex.size(m.size()) + " RAM of VM `" + vm.name()
                        + "` on board `" + in.board().name() + "`, which asks for " + Hex.size(m.hugepage()) + " blocks.")
                .hint("Free DRAM: " + free.describe() + ". Ask for smaller blocks, or pin the region with `at pa` on a multiple of "
                        + Hex.size(m.hugepage()) + ".")
                .related(m.span(), "the RAM is declared here").build();
    }

    /**
     * DRAM still free once every region of a placed instance is taken: what hints offer
     * ("the next free 2 MiB-aligned PA is …"). Regions that failed placement are skipped.
     */
    public static FreeMap freeAfter(Instance in) {
        return freeAfter(in, null);
    }

    /** The same, as if the region declared at {@code moving} were not there: where could it go instead? */
    public static FreeMap freeAfter(Instance in, org.shyperc.dsl.source.SourceSpan moving) {
        FreeMap free = new FreeMap();
        for (BoardModel.Bank b : in.board().dram()) {
            long end = b.base() + b.size();
            if (Long.compareUnsigned(end, b.base()) > 0) free.add(b.base(), end);
        }
        free.remove(in.board().hyp().reserveBase(), in.board().hyp().reserveEnd());
        for (VmModel vm : in.vms()) {
            for (VmModel.Mem m : vm.memory()) {
                if ((m.pinned() || m.pa() != -1) && !m.span().equals(moving)) {
                    free.remove(m.pa(), m.pa() + ColourLayout.extent(in.board(), vm, m));
                }
            }
        }
        for (SharedModel s : in.shared()) {
            if ((s.pinned() || s.pa() != -1) && !s.span().equals(moving)) free.remove(s.pa(), s.pa() + roundUp(s.size()));
        }
        return free;
    }

    /** cache colouring: the board's number of colours where colouring is placed (aarch64, LLC described), else 0. */
    public static int colourCount(BoardModel board) { return ColourLayout.colours(board); }

    /** cache colouring: the colouring of a VM's RAM region once its colours are picked, else null (not coloured). */
    public static org.shyperc.plan.Colouring colouring(BoardModel board, VmModel vm, VmModel.Mem m) {
        int n = ColourLayout.colours(board);
        if (n == 0 || vm.colours() == null || vm.colours().picked().isEmpty()) return null;
        return org.shyperc.plan.Colouring.of(vm.colours().picked(), n, vm.colours().shared(), m.size());
    }

    /** cache colouring: the bytes of DRAM a region takes from its PA: its stretch when coloured, else its whole pages. */
    public static long extent(BoardModel board, VmModel vm, VmModel.Mem m) {
        return ColourLayout.extent(board, vm, m);
    }

    public static long roundUp(long size) {
        long r = (size + PAGE - 1) & -PAGE;
        return Long.compareUnsigned(r, size) < 0 ? size : r;
    }

    public static long alignFor(long size) {
        return size % BLOCK == 0 ? BLOCK : PAGE;
    }
}
