package org.shyperc.cli.lsp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.bind.Loader;
import org.shyperc.compiler.layout.Hex;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.SharedModel;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.ast.Node;
import org.shyperc.dsl.ast.ShyFile;
import org.shyperc.dsl.ast.SystemDecl;
import org.shyperc.dsl.ast.VmDecl;
import org.shyperc.dsl.ast.VmItem;
import org.shyperc.dsl.source.SourceSpan;

/**
 * Hover text from the bound and placed model: for a VM's memory region its IPA range, the
 * PA the compiler placed it at and its owner; for a kernel or initrd where it loads; for a device its compatible, registers, IRQs
 * and the VM it is passed through to; for VMs, shared regions and boards a summary; for an
 * import the file it reads and the boards in it.
 */
final class Hovers {
    private Hovers() { }

    static Hover at(Analysis a, int offset) {
        SymbolIndex.Symbol s = a.index().at(a.source(), offset);
        SymbolIndex.ImportLink imp = a.index().importAt(a.source(), offset);
        String text = null;
        SourceSpan span = null;
        if (imp != null) {
            text = imported(a.compilation(), imp);
            span = imp.at();
        } else if (s != null) {
            text = describe(a.compilation(), s);
            span = identAt(a, s, offset);
        } else {
            VmItem item = vmItemAt(a, offset);
            if (item instanceof VmItem.Memory mem) {
                text = region(a.compilation(), mem);
                span = mem.span();
            } else if (item instanceof VmItem.Kernel || item instanceof VmItem.Initrd) {
                text = payload(a.compilation(), item);
                span = item.span();
            }
        }
        if (text == null) return null;
        return new Hover(new MarkupContent(MarkupKind.MARKDOWN, text), span == null ? null : Positions.range(span));
    }

    /** An import: the file it reads (for `import board`, where on the board path) and the boards that file declares. */
    private static String imported(Compilation c, SymbolIndex.ImportLink imp) {
        ShyFile target = null;
        Path key = Loader.identity(imp.target());
        for (ShyFile f : c.files()) {
            if (f.source().path() != null && Loader.identity(f.source().path()).equals(key)) target = f;
        }
        String where = target != null ? target.source().displayPath() : imp.target().toString();
        List<String> lines = new ArrayList<>();
        lines.add(imp.imp().isBoard() ? "**board** `" + imp.imp().target().value() + "` from the board path: `" + where + "`"
                : "**file** `" + where + "`");
        if (target != null) {
            for (var decl : target.boards()) {
                lines.add("");
                lines.add(board(c, decl.name().text()));
            }
        }
        return String.join("\n", lines);
    }

    private static SourceSpan identAt(Analysis a, SymbolIndex.Symbol s, int offset) {
        for (var id : a.index().occurrences(s)) {
            if (id.span().file() == a.source() && id.span().contains(offset)) return id.span();
        }
        return null;
    }

    private static String describe(Compilation c, SymbolIndex.Symbol s) {
        return switch (s.kind()) {
            case DEVICE -> device(c, s);
            case VM -> vm(c, s);
            case SHARED -> shared(c, s);
            case BOARD -> board(c, s.name());
            case MEMORY -> "**DRAM bank** `" + s.name() + "` of board `" + s.scope() + "`";
            case SYSTEM -> "**system** `" + s.name() + "`";
        };
    }

    private static String device(Compilation c, SymbolIndex.Symbol s) {
        BoardModel board = boardModel(c, s.scope());
        BoardModel.Device d = board == null ? null : board.device(s.name());
        if (d == null) return "**device** `" + s.name() + "` of board `" + s.scope() + "`";
        List<String> lines = new ArrayList<>();
        lines.add("**device** `" + d.name() + "` of board `" + board.name() + "`");
        lines.add("");
        lines.add("- compatible: `" + d.compatible() + "`");
        lines.add("- reg: " + Hex.of(d.base()) + ".." + Hex.of(d.end() - 1) + " (" + Hex.size(d.size()) + ")");
        lines.add("- IRQs: " + (d.irqs().isEmpty() ? "none"
                : String.join(", ", d.irqs().stream().map(i -> Integer.toString(i.id())).toList())));
        if (d.dma()) lines.add("- DMA-capable" + (d.iommu() == null ? ", no IOMMU stream" : ", IOMMU `" + d.iommu() + "`"));
        List<String> owners = new ArrayList<>();
        for (Compilation.Placed p : c.instances()) {
            if (!p.instance().board().name().equals(board.name())) continue;
            for (VmModel vm : p.instance().vms()) {
                for (VmModel.Pt pt : vm.passthrough()) {
                    if (pt.device().name().equals(d.name())) owners.add("`" + vm.name() + "` in `" + p.instance().system() + "`");
                }
            }
        }
        if (board.hyp() != null && d.name().equals(board.hyp().console())) {
            owners.add(owners.isEmpty() ? "the hypervisor (its console)" : "the hypervisor (its console, which it shares)");
        }
        lines.add("- owner: " + (owners.isEmpty() ? "none (not passed through)" : String.join(", ", owners)));
        return String.join("\n", lines);
    }

    private static String vm(Compilation c, SymbolIndex.Symbol s) {
        List<String> lines = new ArrayList<>();
        lines.add("**VM** `" + s.name() + "` in system `" + s.scope() + "`");
        for (Compilation.Placed p : c.instances()) {
            Instance in = p.instance();
            VmModel vm = in.system().equals(s.scope()) ? in.vm(s.name()) : null;
            if (vm == null) continue;
            lines.add("");
            lines.add("on `" + in.board().name() + "`: " + String.valueOf(vm.kind()).toLowerCase(java.util.Locale.ROOT)
                    + (vm.management() ? ", management" : "") + ", cores "
                    + vm.cpus().stream().map(r -> Integer.toString(r.core())).toList());
            for (VmModel.Mem m : vm.memory()) lines.add("- RAM " + regionLine(m));
            for (VmModel.Window w : vm.windows()) {
                lines.add("- passthrough window " + Hex.of(w.pa()) + ".." + Hex.of(w.pa() + w.size() - 1) + " at IPA " + Hex.of(w.ipa()));
            }
            for (VmModel.Pt pt : vm.passthrough()) {
                lines.add("- passthrough `" + pt.device().name() + "` at IPA " + Hex.of(pt.ipa())
                        + (pt.window() != null ? " (in the window)" : ""));
            }
            if (in.consoleOwner() != null && in.consoleOwner().vm().equals(vm.name())) {
                lines.add("- the board's console is handed to it (`console to`)");
            }
        }
        return String.join("\n", lines);
    }

    private static String shared(Compilation c, SymbolIndex.Symbol s) {
        List<String> lines = new ArrayList<>();
        lines.add("**shared region** `" + s.name() + "` in system `" + s.scope() + "`");
        for (Compilation.Placed p : c.instances()) {
            if (!p.instance().system().equals(s.scope())) continue;
            for (SharedModel sh : p.instance().shared()) {
                if (!sh.name().equals(s.name())) continue;
                lines.add("");
                lines.add("on `" + p.instance().board().name() + "`: " + Hex.size(sh.size()) + " at PA "
                        + (sh.pa() < 0 ? "(not placed)" : Hex.of(sh.pa()) + ".." + Hex.of(sh.paEnd() - 1))
                        + (sh.pinned() ? " (pinned)" : " (placed by shyperc)"));
                for (SharedModel.Mapping m : sh.mappings()) {
                    lines.add("- `" + m.vm() + "` at IPA " + Hex.of(m.ipa()) + (m.writable() ? " rw" : " ro"));
                }
            }
        }
        return String.join("\n", lines);
    }

    private static String board(Compilation c, String name) {
        BoardModel b = boardModel(c, name);
        if (b == null) return "**board** `" + name + "`";
        List<String> lines = new ArrayList<>();
        lines.add("**board** `" + b.name() + "`" + (b.arch() == null ? "" : ", " + b.arch().toString().toLowerCase(java.util.Locale.ROOT)));
        lines.add("");
        lines.add("- " + b.cores().size() + " cores");
        for (BoardModel.Bank bank : b.dram()) {
            lines.add("- DRAM `" + bank.name() + "` " + Hex.of(bank.base()) + ".." + Hex.of(bank.end() - 1) + " (" + Hex.size(bank.size()) + ")");
        }
        lines.add("- " + b.devices().size() + " devices");
        return String.join("\n", lines);
    }

    /** A VM `memory` statement: its IPA range and, per board, where the compiler placed it. */
    private static String region(Compilation c, VmItem.Memory mem) {
        List<String> lines = new ArrayList<>();
        for (Compilation.Placed p : c.instances()) {
            for (VmModel vm : p.instance().vms()) {
                for (VmModel.Mem m : vm.memory()) {
                    if (m.span().file() != mem.span().file() || m.span().start() != mem.span().start()) continue;
                    if (lines.isEmpty()) lines.add("**RAM** of VM `" + vm.name() + "`");
                    lines.add("- on `" + p.instance().board().name() + "`: " + regionLine(m));
                }
            }
        }
        return lines.isEmpty() ? null : String.join("\n", lines);
    }

    private static String regionLine(VmModel.Mem m) {
        return "IPA " + Hex.of(m.ipa()) + ".." + Hex.of(m.ipaEnd() - 1) + " (" + Hex.size(m.size()) + ") → PA "
                + (m.pa() < 0 ? "not placed" : Hex.of(m.pa()) + ".." + Hex.of(m.paEnd() - 1)
                + (m.pinned() ? " (pinned)" : " (placed by shyperc)"));
    }

    /** A kernel or initrd: where it loads (IPA and, through the VM's RAM, PA) and its size on disk. */
    private static String payload(Compilation c, VmItem item) {
        List<String> lines = new ArrayList<>();
        for (Compilation.Placed p : c.instances()) {
            for (VmModel vm : p.instance().vms()) {
                for (VmModel.Payload pl : new VmModel.Payload[] {vm.kernel(), vm.initrd()}) {
                    if (pl == null || pl.span().file() != item.span().file() || pl.span().start() != item.span().start()) continue;
                    if (lines.isEmpty()) {
                        lines.add("**" + (item instanceof VmItem.Kernel ? "kernel" : "initrd") + "** of VM `" + vm.name() + "`: `"
                                + pl.resolved() + "`" + (pl.size() < 0 ? " (not found)" : ", " + Hex.size(pl.size())));
                    }
                    String pa = "outside the VM's RAM";
                    for (VmModel.Mem m : vm.memory()) {
                        if (m.pa() >= 0 && Long.compareUnsigned(pl.ipa() - m.ipa(), m.size()) < 0) pa = Hex.of(m.pa() + (pl.ipa() - m.ipa()));
                    }
                    lines.add("- on `" + p.instance().board().name() + "`: IPA " + Hex.of(pl.ipa()) + " → PA " + pa
                            + (item instanceof VmItem.Kernel ? ", entry " + Hex.of(pl.entry()) : ""));
                }
            }
        }
        return lines.isEmpty() ? null : String.join("\n", lines);
    }

    private static VmItem vmItemAt(Analysis a, int offset) {
        for (SystemDecl sys : a.root().systems()) {
            List<VmDecl> vms = new ArrayList<>(sys.vms());
            sys.overrides().forEach(o -> vms.addAll(o.vms()));
            for (VmDecl vm : vms) {
                if (!inside(vm, offset)) continue;
                for (VmItem item : vm.items()) if (inside(item, offset)) return item;
            }
        }
        return null;
    }

    private static boolean inside(Node n, int offset) { return n.span().contains(offset); }

    private static BoardModel boardModel(Compilation c, String name) {
        for (BoardModel b : c.program().boards()) if (b.name().equals(name)) return b;
        return null;
    }
}
