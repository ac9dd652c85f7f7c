package org.shyperc.compiler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shyperc.dsl.ast.ShyFile;
import org.shyperc.dsl.ast.SystemDecl;
import org.shyperc.dsl.ast.VmDecl;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.source.SourceFile;
import org.shyperc.dsl.source.SourceSpan;

/**
 * The loader's and parser's errors, and the files' VMs, made ready for the follow-on filters' questions, which they
 * ask once per finding: looked through each time, 20,000 imports not found beside 20,000 findings made each question
 * a walk of 20,000 errors, and a file of 20,000 VMs made "which VM holds this place" a walk of all of them.
 */
final class EarlyErrors {
    /** By file, the starts of the errors that mean the parser dropped text, ascending. */
    private final Map<SourceFile, int[]> lossy = new IdentityHashMap<>();
    /** By file, the starts of the unreadable characters (SHY0102), ascending. */
    private final Map<SourceFile, int[]> badTokens = new IdentityHashMap<>();
    /** Block comments never closed: what they took of their file is read for names. */
    private final List<Diagnostic> unclosedComments = new ArrayList<>();
    private final List<ShyFile> files;
    /** By file, its systems' VMs in order of their start, made at the first question about a place. */
    private Map<SourceFile, List<VmDecl>> vms;

    EarlyErrors(List<Diagnostic> early, Set<Code> lossyCodes, List<ShyFile> files) {
        this.files = files;
        Map<SourceFile, List<Integer>> l = new IdentityHashMap<>(), b = new IdentityHashMap<>();
        for (Diagnostic d : early) {
            if (d.isError() && lossyCodes.contains(d.code())) add(l, d);
            if (d.code() == Codes.BAD_TOKEN) {
                add(b, d);
                if (org.shyperc.dsl.parse.DslParser.unclosedComment(d)) unclosedComments.add(d);
            }
        }
        sorted(l, lossy);
        sorted(b, badTokens);
    }

    private static void add(Map<SourceFile, List<Integer>> m, Diagnostic d) {
        List<Integer> starts = m.get(d.span().file());
        if (starts == null) {
            starts = new ArrayList<>();
            m.put(d.span().file(), starts);
        }
        starts.add(d.span().start());
    }

    private static void sorted(Map<SourceFile, List<Integer>> from, Map<SourceFile, int[]> to) {
        for (Map.Entry<SourceFile, List<Integer>> e : from.entrySet()) {
            int[] a = new int[e.getValue().size()];
            for (int i = 0; i < a.length; i++) a[i] = e.getValue().get(i);
            Arrays.sort(a);
            to.put(e.getKey(), a);
        }
    }

    /** The errors of block comments never closed. */
    List<Diagnostic> unclosedComments() {
        return java.util.Collections.unmodifiableList(unclosedComments);
    }

    /** Whether the parser dropped text in any file. */
    boolean anyLossy() {
        return !lossy.isEmpty();
    }

    /** Whether the parser dropped text anywhere in {@code file}. */
    boolean lossy(SourceFile file) {
        return lossy.containsKey(file);
    }

    /** Whether such an error starts within {@code span} (ends included). */
    boolean lossyIn(SourceSpan span) {
        return startsWithin(lossy.get(span.file()), span);
    }

    /** Whether an unreadable character starts within {@code span} (ends included). */
    boolean badTokenIn(SourceSpan span) {
        return startsWithin(badTokens.get(span.file()), span);
    }

    private static boolean startsWithin(int[] starts, SourceSpan span) {
        if (starts == null) return false;
        int i = Arrays.binarySearch(starts, span.start());
        if (i < 0) i = -i - 1;
        else while (i > 0 && starts[i - 1] == span.start()) i--;
        return i < starts.length && starts[i] <= span.end();
    }

    /** The VM declaration of a system that holds {@code span}'s start, or null: the first in file order. */
    VmDecl vmHolding(SourceSpan span) {
        if (vms == null) vms = vmsByFile(files);
        List<VmDecl> inFile = vms.get(span.file());
        if (inFile == null) return null;
        // the last VM starting at or before the place, and the one before it (spans may touch): the first that holds it
        int lo = 0, hi = inFile.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (inFile.get(mid).span().start() <= span.start()) lo = mid + 1;
            else hi = mid;
        }
        for (int i = Math.max(0, lo - 2); i < lo; i++) {
            if (inFile.get(i).span().contains(span.start())) return inFile.get(i);
        }
        return null;
    }

    private static Map<SourceFile, List<VmDecl>> vmsByFile(List<ShyFile> files) {
        Map<SourceFile, List<VmDecl>> out = new IdentityHashMap<>();
        for (ShyFile f : files) {
            for (SystemDecl s : f.systems()) {
                for (VmDecl vm : s.vms()) {
                    List<VmDecl> inFile = out.get(vm.span().file());
                    if (inFile == null) {
                        inFile = new ArrayList<>();
                        out.put(vm.span().file(), inFile);
                    }
                    inFile.add(vm);
                }
            }
        }
        for (List<VmDecl> l : out.values()) l.sort(BY_START);
        return out;
    }

    private static final java.util.Comparator<VmDecl> BY_START = new ByStart();

    private static final class ByStart implements java.util.Comparator<VmDecl> {
        @Override
        public int compare(VmDecl a, VmDecl b) { return Integer.compare(a.span().start(), b.span().start()); }
    }
}
