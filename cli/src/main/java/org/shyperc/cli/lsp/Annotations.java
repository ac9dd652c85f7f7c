package org.shyperc.cli.lsp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.lsp4j.DocumentLink;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintKind;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.layout.Hex;
import org.shyperc.compiler.model.SharedModel;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.ast.BoardDecl;
import org.shyperc.dsl.ast.BoardItem;
import org.shyperc.dsl.ast.Node;
import org.shyperc.dsl.ast.OnBlock;
import org.shyperc.dsl.ast.SharedDecl;
import org.shyperc.dsl.ast.ShyFile;
import org.shyperc.dsl.ast.SystemDecl;
import org.shyperc.dsl.source.SourceSpan;

/**
 * What the editor shows beside the text: inlay hints with the PA shyperc placed each unpinned
 * region at (per board), folding ranges for every block, and links from import strings.
 */
final class Annotations {
    private Annotations() { }

    /** `→ PA 0x4800_0000` after each VM memory line and shared region the compiler placed. */
    static List<InlayHint> placedAddresses(Analysis a) {
        Map<Integer, Map<String, Long>> byEnd = new TreeMap<>(); // span end -> board -> PA
        Map<Integer, SourceSpan> spans = new TreeMap<>();
        for (Compilation.Placed p : a.compilation().instances()) {
            String board = p.instance().board().name();
            for (VmModel vm : p.instance().vms()) {
                for (VmModel.Mem m : vm.memory()) {
                    if (!m.pinned() && m.pa() >= 0 && m.span().file() == a.source()) {
                        byEnd.computeIfAbsent(m.span().end(), k -> new TreeMap<>()).put(board, m.pa());
                        spans.put(m.span().end(), m.span());
                    }
                }
            }
            for (SharedModel sh : p.instance().shared()) {
                if (!sh.pinned() && sh.pa() >= 0 && sh.span().file() == a.source()) {
                    int end = headerEnd(a.root(), sh.span());
                    byEnd.computeIfAbsent(end, k -> new TreeMap<>()).put(board, sh.pa());
                    spans.put(end, sh.span());
                }
            }
        }
        List<InlayHint> out = new ArrayList<>();
        for (var e : byEnd.entrySet()) {
            Map<String, Long> pas = e.getValue();
            String label = pas.size() == 1 ? "→ PA " + Hex.of(pas.values().iterator().next())
                    : "→ PA " + String.join(", ", pas.entrySet().stream().map(x -> x.getKey() + " " + Hex.of(x.getValue())).toList());
            InlayHint h = new InlayHint(Positions.position(a.source(), e.getKey()), Either.forLeft(label));
            h.setKind(InlayHintKind.Type);
            h.setPaddingLeft(true);
            h.setTooltip("Placed by shyperc; pin it with `at pa`.");
            out.add(h);
        }
        return out;
    }

    /** After `shared NAME size S (at pa P)?`: the header of the declaration the model's span points into. */
    private static int headerEnd(ShyFile root, SourceSpan modelSpan) {
        List<SharedDecl> all = new ArrayList<>();
        for (SystemDecl s : root.systems()) {
            all.addAll(s.shared());
            s.overrides().forEach(o -> all.addAll(o.shared()));
        }
        for (SharedDecl d : all) {
            if (d.span().contains(modelSpan.start())) return (d.pa() != null ? d.pa() : d.size()).span().end();
        }
        return modelSpan.end();
    }

    static List<FoldingRange> folds(ShyFile f) {
        List<FoldingRange> out = new ArrayList<>();
        for (BoardDecl b : f.boards()) {
            fold(b, out);
            for (BoardItem item : b.items()) {
                if (item instanceof BoardItem.Gic || item instanceof BoardItem.Hypervisor
                        || item instanceof BoardItem.Plic || item instanceof BoardItem.Device) fold(item, out);
            }
        }
        for (SystemDecl s : f.systems()) {
            fold(s, out);
            s.vms().forEach(vm -> fold(vm, out));
            s.shared().forEach(sh -> fold(sh, out));
            for (OnBlock on : s.overrides()) {
                fold(on, out);
                on.vms().forEach(vm -> fold(vm, out));
                on.shared().forEach(sh -> fold(sh, out));
            }
        }
        return out;
    }

    private static void fold(Node n, List<FoldingRange> out) {
        int first = n.span().line() - 1;
        int last = n.span().endLine() - 1;
        if (last > first) out.add(new FoldingRange(first, last));
    }

    static List<DocumentLink> imports(Analysis a) {
        List<DocumentLink> out = new ArrayList<>();
        for (var imp : a.root().imports()) {
            var link = a.index().importAt(a.source(), imp.target().span().start());
            if (link != null) out.add(new DocumentLink(Positions.range(imp.target().span()), LibraryFiles.uri(link.target())));
        }
        return out;
    }

}
