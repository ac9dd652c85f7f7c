package org.shyperc.dsl.parse;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.shyperc.dsl.ast.BoardDecl;
import org.shyperc.dsl.ast.BoardItem;
import org.shyperc.dsl.ast.ConsoleDecl;
import org.shyperc.dsl.ast.DeviceItem;
import org.shyperc.dsl.ast.Ident;
import org.shyperc.dsl.ast.Import;
import org.shyperc.dsl.ast.MemAttr;
import org.shyperc.dsl.ast.OnBlock;
import org.shyperc.dsl.ast.Setting;
import org.shyperc.dsl.ast.SharedDecl;
import org.shyperc.dsl.ast.ShyFile;
import org.shyperc.dsl.ast.SystemDecl;
import org.shyperc.dsl.ast.Value;
import org.shyperc.dsl.ast.VmDecl;
import org.shyperc.dsl.ast.VmItem;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.parser.ShyParser;
import org.shyperc.dsl.parser.ShyParser.*;
import org.shyperc.dsl.source.SourceFile;
import org.shyperc.dsl.source.SourceSpan;

/**
 * The one conversion from ANTLR's parse tree to immutable AST records. After a syntax error the
 * tree has holes; an item missing a required part is dropped (the parser already reported it)
 * rather than built with nulls the later stages would trip over.
 */
final class AstBuilder {
    private final SourceFile file;
    private final List<Diagnostic> diags;
    /** Tokens the parser's error recovery skipped, by token index. */
    private final java.util.Map<Integer, Token> skipped = new java.util.HashMap<>();

    AstBuilder(SourceFile file, List<Diagnostic> diags) {
        this.file = file;
        this.diags = diags;
    }

    static ShyFile empty(SourceFile file) {
        return new ShyFile(file, List.of(), List.of(), List.of(), new SourceSpan(file, 0, file.text().length()));
    }

    ShyFile file(FileContext ctx) {
        if (ctx == null) return empty(file);
        collectSkipped(ctx);
        List<Import> imports = new ArrayList<>();
        for (ImportDeclContext i : ctx.importDecl()) {
            Value.StrLit target = str(i.STRING());
            Import.Kind kind = i.BOARD() != null || misspeltBoard(i) ? Import.Kind.BOARD : Import.Kind.FILE;
            if (target != null) imports.add(new Import(kind, target, span(i)));
        }
        List<BoardDecl> boards = new ArrayList<>();
        List<SystemDecl> systems = new ArrayList<>();
        for (DeclContext d : ctx.decl()) {
            if (d.boardDecl() != null) add(boards, board(d.boardDecl()));
            if (d.systemDecl() != null) add(systems, system(d.systemDecl()));
        }
        return new ShyFile(file, imports, boards, systems, new SourceSpan(file, 0, file.text().length()));
    }

    // ---- boards ---------------------------------------------------------------------------

    private BoardDecl board(BoardDeclContext c) {
        Ident name = ident(c.name());
        if (name == null) return null;
        List<BoardItem> items = new ArrayList<>();
        for (BoardItemContext i : c.boardItem()) add(items, boardItem(i));
        return new BoardDecl(name, items, span(c));
    }

    private BoardItem boardItem(BoardItemContext c) {
        SourceSpan s = span(c);
        if (c instanceof BoardArchContext a) {
            Ident arch = ident(a.name());
            return arch == null ? null : new BoardItem.Arch(arch, s);
        }
        if (c instanceof BoardCompatibleContext a) {
            List<Value.StrLit> values = new ArrayList<>();
            for (TerminalNode t : a.STRING()) add(values, str(t));
            return values.isEmpty() ? null : new BoardItem.Compatible(values, s);
        }
        if (c instanceof BoardModelContext a) {
            Value.StrLit v = str(a.STRING());
            return v == null ? null : new BoardItem.Model(v, s);
        }
        if (c instanceof BoardCpusContext a) {
            Value.IntLit count = number(a.number());
            Ident method = ident(a.method);
            return count == null ? null
                    : new BoardItem.Cpus(count, str(a.STRING()), list(a.mpidr), method, list(a.release), s);
        }
        if (c instanceof BoardMemoryContext a) {
            Ident name = ident(a.name());
            Value.IntLit base = number(a.number(0));
            Value.IntLit size = number(a.number(1));
            return allSet(name, base, size) ? new BoardItem.Memory(name, base, size, s) : null;
        }
        if (c instanceof BoardGicContext a) {
            Ident version = ident(a.name());
            return version == null ? null : new BoardItem.Gic(version, settings(a.setting()), s);
        }
        if (c instanceof BoardPlicContext a) {
            Value.IntLit base = number(a.number(0));
            Value.IntLit size = number(a.number(1));
            return allSet(base, size) ? new BoardItem.Plic(base, size, settings(a.setting()), s) : null;
        }
        if (c instanceof BoardTimerContext a) {
            Value.ListLit irqs = list(a.list());
            return irqs == null ? null : new BoardItem.Timer(irqs, s);
        }
        if (c instanceof BoardDeviceContext a) {
            Ident name = ident(a.name());
            Value.StrLit compat = str(a.STRING());
            Value.IntLit base = number(a.number(0));
            Value.IntLit size = number(a.number(1));
            if (!allSet(name, compat, base, size)) return null;
            Value irq = null;
            if (a.irqSpec() != null) {
                irq = a.irqSpec().number() != null ? number(a.irqSpec().number()) : list(a.irqSpec().list());
            }
            List<DeviceItem> items = new ArrayList<>();
            for (DeviceItemContext d : a.deviceItem()) add(items, deviceItem(d));
            return new BoardItem.Device(name, compat, base, size, irq, items, s);
        }
        if (c instanceof BoardHypervisorContext a) {
            return new BoardItem.Hypervisor(settings(a.setting()), s);
        }
        return null;
    }

    private DeviceItem deviceItem(DeviceItemContext c) {
        SourceSpan s = span(c);
        if (c instanceof DeviceDtPathContext a) {
            Value.StrLit p = str(a.STRING());
            return p == null ? null : new DeviceItem.DtPath(p, s);
        }
        if (c instanceof DeviceDmaContext) return new DeviceItem.Dma(s);
        if (c instanceof DeviceIommuContext a) {
            Ident iommu = ident(a.name());
            return iommu == null ? null : new DeviceItem.Iommu(iommu, number(a.number()), s);
        }
        if (c instanceof DevicePropertyContext a) {
            Value.StrLit n = str(a.STRING());
            return n == null ? null : new DeviceItem.Property(n, a.value() == null ? null : value(a.value()), s);
        }
        return null;
    }

    private List<Setting> settings(List<SettingContext> cs) {
        List<Setting> out = new ArrayList<>();
        for (SettingContext c : cs) {
            if (c instanceof FrameSettingContext f) {
                Ident key = ident(f.name());
                Value.IntLit base = number(f.number(0));
                if (allSet(key, base)) out.add(new Setting.Frame(key, base, f.number().size() > 1 ? number(f.number(1)) : null, span(c)));
            } else if (c instanceof ValueSettingContext v) {
                Ident key = ident(v.name());
                Value value = value(v.value());
                if (allSet(key, value)) out.add(new Setting.Plain(key, value, span(c)));
            }
        }
        return out;
    }

    // ---- systems --------------------------------------------------------------------------

    private SystemDecl system(SystemDeclContext c) {
        if (c.name().isEmpty()) return null;
        Ident name = ident(c.name(0));
        if (name == null) return null;
        List<Ident> boards = new ArrayList<>();
        for (int i = 1; i < c.name().size(); i++) add(boards, ident(c.name(i)));
        List<VmDecl> vms = new ArrayList<>();
        List<SharedDecl> shared = new ArrayList<>();
        List<ConsoleDecl> consoles = new ArrayList<>();
        List<OnBlock> overrides = new ArrayList<>();
        for (SystemItemContext i : c.systemItem()) {
            if (i.vmDecl() != null) add(vms, vm(i.vmDecl()));
            if (i.sharedDecl() != null) add(shared, shared(i.sharedDecl()));
            if (i.consoleDecl() != null) add(consoles, console(i.consoleDecl()));
            if (i.onBlock() != null) add(overrides, on(i.onBlock()));
        }
        return new SystemDecl(name, boards, vms, shared, consoles, overrides, span(c));
    }

    private OnBlock on(OnBlockContext c) {
        Ident board = ident(c.name());
        if (board == null) return null;
        List<VmDecl> vms = new ArrayList<>();
        for (VmDeclContext v : c.vmDecl()) add(vms, vm(v));
        List<SharedDecl> shared = new ArrayList<>();
        for (SharedDeclContext v : c.sharedDecl()) add(shared, shared(v));
        List<ConsoleDecl> consoles = new ArrayList<>();
        for (ConsoleDeclContext v : c.consoleDecl()) add(consoles, console(v));
        return new OnBlock(board, vms, shared, consoles, span(c));
    }

    private ConsoleDecl console(ConsoleDeclContext c) {
        Ident vm = c.TO() == null || missing(c.TO().getSymbol()) ? null : ident(c.name());
        return vm == null ? null : new ConsoleDecl(vm, span(c));
    }

    private VmDecl vm(VmDeclContext c) {
        boolean named = !c.name().isEmpty() && (c.COLON() == null
                || c.name(0).getStart().getTokenIndex() < c.COLON().getSymbol().getTokenIndex());
        if (!named) {
            unnamed(c);
            if (c.name().isEmpty()) return null;
        }
        Ident name = ident(c.name(0));
        if (name == null) return null;
        // `vm : baremetal management {`: the header is read on, and later messages name the VM by its kind
        Ident kind = c.COLON() == null ? null : named ? (c.name().size() > 1 ? ident(c.name(1)) : null) : name;
        List<Ident> modifiers = new ArrayList<>();
        for (ModifierContext m : c.modifier()) add(modifiers, ident(m));
        List<VmItem> items = new ArrayList<>();
        for (VmItemContext i : c.vmItem()) add(items, vmItem(i));
        return new VmDecl(name, kind, modifiers, items, span(c));
    }

    private VmItem vmItem(VmItemContext c) {
        SourceSpan s = span(c);
        if (c instanceof VmCpusContext a) {
            Value.ListLit l = list(a.list());
            return l == null ? null : new VmItem.Cpus(l, s);
        }
        if (c instanceof VmMemoryContext a) {
            Value.IntLit ipa = number(a.number(0));
            Value.IntLit size = number(a.number(1));
            Value.IntLit pa = a.PA() != null ? number(a.number(2)) : null;
            if (a.PA() != null && pa == null) return null;
            return allSet(ipa, size) ? new VmItem.Memory(ipa, size, pa, memAttrs(a.memAttr()), s) : null;
        }
        if (c instanceof VmKernelContext a) {
            Value.StrLit path = str(a.STRING());
            Value.IntLit ipa = number(a.number(0));
            Value.IntLit entry = a.ENTRY() != null ? number(a.number(1)) : null;
            return allSet(path, ipa) ? new VmItem.Kernel(path, ipa, entry, s) : null;
        }
        if (c instanceof VmInitrdContext a) {
            Value.StrLit path = str(a.STRING());
            Value.IntLit ipa = number(a.number());
            return allSet(path, ipa) ? new VmItem.Initrd(path, ipa, s) : null;
        }
        if (c instanceof VmDtbContext a) {
            Value.IntLit ipa = number(a.number());
            return ipa == null ? null : new VmItem.Dtb(ipa, s);
        }
        if (c instanceof VmBootargsContext a) {
            Value.StrLit v = str(a.STRING());
            return v == null ? null : new VmItem.Bootargs(v, s);
        }
        if (c instanceof VmPassthroughContext a) {
            Ident dev = ident(a.name());
            return dev == null ? null : new VmItem.Passthrough(dev, a.number() == null ? null : number(a.number()),
                    memAttrs(a.memAttr()), s);
        }
        if (c instanceof VmPassthroughWindowContext a) {
            Value.IntLit ipa = number(a.number(0));
            Value.IntLit size = number(a.number(1));
            Value.IntLit pa = a.PA() != null ? number(a.number(2)) : null;
            if (a.PA() != null && pa == null) return null;
            return allSet(ipa, size) ? new VmItem.PassthroughWindow(ipa, size, pa, memAttrs(a.memAttr()), s) : null;
        }
        if (c instanceof VmVirtioContext a) {
            Ident kind = ident(a.name());
            Value.IntLit ipa = number(a.number(0));
            boolean hasSize = a.SIZE() != null;
            Value.IntLit size = hasSize ? number(a.number(1)) : null;
            Value.IntLit irq = number(a.number(hasSize ? 2 : 1));
            return allSet(kind, ipa, irq) ? new VmItem.Virtio(kind, ipa, size, irq, settings(a.setting()), s) : null;
        }
        if (c instanceof VmConsoleContext a) {
            Value.IntLit ipa = number(a.number());
            return ipa == null ? null : new VmItem.Console(ipa, s);
        }
        // cache colouring
        if (c instanceof VmColoursContext a) {
            Value v = a.list() != null ? list(a.list()) : number(a.number());
            return v == null ? null : new VmItem.Colours(v, a.SHARED() != null, s);
        }
        if (c instanceof VmOnContext a) {
            Ident event = ident(a.event);
            Ident policy = ident(a.policy);
            return allSet(event, policy) ? new VmItem.On(event, policy, s) : null;
        }
        if (c instanceof VmStartContext a) {
            Ident mode = ident(a.startMode);
            return mode == null ? null : new VmItem.Start(mode, s);
        }
        if (c instanceof VmWatchdogContext a) {
            Value.IntLit period = number(a.number());
            Ident unit = ident(a.unitName);
            return allSet(period, unit) ? new VmItem.Watchdog(period, unit, s) : null;
        }
        return null;
    }

    private SharedDecl shared(SharedDeclContext c) {
        Ident name = ident(c.name());
        Value.IntLit size = number(c.number(0));
        Value.IntLit pa = c.PA() != null ? number(c.number(1)) : null;
        if (!allSet(name, size)) return null;
        List<SharedDecl.Mapping> maps = new ArrayList<>();
        for (SharedMapContext m : c.sharedMap()) {
            Ident vm = ident(m.name());
            Value.IntLit ipa = number(m.number());
            if (allSet(vm, ipa) && m.access() != null && m.access().exception == null) {
                maps.add(new SharedDecl.Mapping(vm, ipa, m.access().RW() != null, span(m)));
            }
        }
        List<SharedDecl.Doorbell> bells = new ArrayList<>();
        for (DoorbellContext d : c.doorbell()) {
            Ident from = ident(d.from);
            Ident to = ident(d.to);
            Value.IntLit irq = number(d.number());
            if (allSet(from, to, irq) && (d.TO() != null || d.WITH() != null)) {
                bells.add(new SharedDecl.Doorbell(from, to, d.WITH() != null, irq, span(d)));
            }
        }
        return new SharedDecl(name, size, pa, memAttrs(c.memAttr()), maps, span(c), bells);
    }

    /** The attributes that could be read; `hugepages` without a readable size is left out (its error is reported). */
    private List<MemAttr> memAttrs(List<MemAttrContext> cs) {
        List<MemAttr> out = new ArrayList<>();
        for (MemAttrContext c : cs) {
            if (c.NOCACHE() != null) out.add(new MemAttr(MemAttr.Kind.NOCACHE, null, span(c)));
            else if (c.DEVICE() != null) out.add(new MemAttr(MemAttr.Kind.DEVICE, null, span(c)));
            else if (c.HUGEPAGES() != null) {
                Value.IntLit size = number(c.number());
                if (size != null) out.add(new MemAttr(MemAttr.Kind.HUGEPAGES, size, span(c)));
            }
        }
        return out;
    }

    // ---- values ---------------------------------------------------------------------------

    private Value value(ValueContext c) {
        if (c == null) return null;
        if (c.number() != null) return number(c.number());
        if (c.STRING() != null) return str(c.STRING());
        if (c.list() != null) return list(c.list());
        if (c.name() != null) {
            Ident n = ident(c.name());
            return n == null ? null : new Value.NameRef(n);
        }
        return null;
    }

    private Value.ListLit list(ListContext c) {
        if (c == null || c.RBRACK() == null || missing(c.RBRACK().getSymbol())) return null;
        List<Value> items = new ArrayList<>();
        for (ListItemContext i : c.listItem()) {
            if (i instanceof RangeItemContext r) {
                Value.IntLit from = number(r.number(0));
                Value.IntLit to = number(r.number(1));
                if (allSet(from, to)) items.add(new Value.RangeLit(from, to, span(r)));
            } else if (i instanceof ValueItemContext v) {
                add(items, value(v.value()));
            }
        }
        return new Value.ListLit(items, span(c));
    }

    private Value.IntLit number(NumberContext c) {
        if (c == null || c.INT() == null || missing(c.INT().getSymbol())) return null;
        int unit = c.unit() == null ? -1 : c.unit().getStart().getType();
        SourceSpan span = span(c);
        if (c.INT().getSymbol() instanceof Signs.Unread) {
            unit = ShyParser.IDENT; // `-1`, `0x1000-1`: Signs reported it, and its statement is left unchecked
        } else if (unit == -1) {
            Token word = skippedWordAfter(c.INT().getSymbol(), inList(c));
            if (word != null) {
                unit = ShyParser.IDENT; // Value.Unit.UNKNOWN: reported already, its statement is left unchecked
                span = clamp(span.start(), word.getStopIndex() + 1);
            }
        }
        return Literals.intLit(c.INT().getText(), unit, span, diags);
    }

    /**
     * The word right after a number on the same line, when error recovery skipped it: `16 MB`,
     * `2 gib`. It is taken for a unit the parser could not read, so the number is not mistaken for
     * a plain byte count and judged (a 16-byte region would be misaligned, too small...).
     */
    private Token skippedWordAfter(Token number, boolean inList) {
        Token next = skipped.get(number.getTokenIndex() + 1);
        // a number too (`@ 0x4000 0000`): one number with a space in it, which is no value to judge; in a list
        // (`[2 3]`) a comma is missing between two good values
        boolean split = next != null && next.getType() == ShyParser.INT && !inList;
        if (next == null || next.getType() != ShyParser.IDENT && !split || next.getStartIndex() < 0) return null;
        return file.line(next.getStartIndex()) == file.line(number.getStartIndex()) ? next : null;
    }

    private static boolean inList(NumberContext c) {
        org.antlr.v4.runtime.tree.ParseTree p = c.getParent();
        return p instanceof RangeItemContext || p instanceof ShyParser.ValueContext && p.getParent() instanceof ValueItemContext;
    }

    private void collectSkipped(org.antlr.v4.runtime.tree.ParseTree t) {
        if (t instanceof org.antlr.v4.runtime.tree.ErrorNode e) {
            Token tok = e.getSymbol();
            if (tok != null && tok.getTokenIndex() >= 0) skipped.put(tok.getTokenIndex(), tok);
            return;
        }
        for (int i = 0; i < t.getChildCount(); i++) collectSkipped(t.getChild(i));
    }

    private Value.StrLit str(TerminalNode t) {
        if (t == null || missing(t.getSymbol())) return null;
        SourceSpan span = span(t.getSymbol());
        return new Value.StrLit(Literals.unescape(t.getText(), span, diags), span);
    }

    /**
     * `vm : baremetal {` or `vm {`: the grammar lets the name go so that the header after it is read as written (the
     * recovery took the kind for the name and then stumbled on each modifier: two errors and the modifiers lost); the
     * one error is said here, where the `:` or `{` stands for the name.
     */
    private void unnamed(VmDeclContext c) {
        Token at = c.COLON() != null ? c.COLON().getSymbol() : c.LBRACE() != null ? c.LBRACE().getSymbol() : null;
        if (at == null || missing(at)) return;   // the recovery's: the parser reported what is wrong there
        StringBuilder header = new StringBuilder("vm NAME : ");
        boolean kind = c.COLON() != null && !c.name().isEmpty();   // then the one name is the kind, after the `:`
        header.append(kind ? c.name(0).getText() : "KIND");
        for (ModifierContext m : c.modifier()) header.append(' ').append(m.getText());
        diags.add(Diagnostic.of(Codes.SYNTAX, span(at), "The `vm` has no name: `" + at.getText() + "` follows `vm`.")
                .hint("Give the VM a name of its own: `" + header + " {`" + (kind ? "" : ", KIND `linux` or `baremetal`") + ".")
                .build());
    }

    private Ident ident(ParserRuleContext c) {     // a `name` or a `modifier`
        // a `modifier` the recovery supplied (`on fault` and the block's `}`) has no token of its own
        if (c == null || c.getStart() == null || missing(c.getStart()) || c.exception != null || c.getChildCount() == 0) return null;
        // `vm : baremetal`: the recovery deleted the `:` into the name, which was then `:baremetal`; the name is its word
        if (c.getChildCount() > 1) {
            for (int i = c.getChildCount() - 1; i >= 0; i--) {
                if (c.getChild(i) instanceof TerminalNode t && !(t instanceof org.antlr.v4.runtime.tree.ErrorNode)) {
                    return missing(t.getSymbol()) ? null : new Ident(t.getText(), span(t.getSymbol()));
                }
            }
            return null;
        }
        return new Ident(c.getText(), span(c));
    }

    /**
     * `import boards "qemu-virt"`: the recovery dropped the word, and the import became a file import of `qemu-virt`,
     * two more errors (no such file, no such board) for one slip. A word the syntax error already offered `board` for
     * is read as `board`, as a near keyword is elsewhere.
     */
    private static boolean misspeltBoard(ImportDeclContext i) {
        for (int k = 0; k < i.getChildCount(); k++) {
            if (i.getChild(k) instanceof org.antlr.v4.runtime.tree.ErrorNode e
                    && org.shyperc.dsl.diag.Names.closest(e.getText(), List.of("board")).isPresent()) return true;
        }
        return false;
    }

    // ---- helpers --------------------------------------------------------------------------

    private static boolean missing(Token t) {
        return t == null || t.getTokenIndex() < 0 || t.getStartIndex() < 0 || t.getStartIndex() > t.getStopIndex();
    }

    private static boolean allSet(Object... parts) {
        for (Object p : parts) if (p == null) return false;
        return true;
    }

    private static <T> void add(List<T> list, T item) {
        if (item != null) list.add(item);
    }

    private SourceSpan span(ParserRuleContext c) {
        Token a = c.getStart();
        Token b = c.getStop();
        int start = a == null || a.getStartIndex() < 0 ? 0 : a.getStartIndex();
        int end = b == null || b.getStopIndex() < 0 ? start : b.getStopIndex() + 1;
        return clamp(start, Math.max(start, end));
    }

    private SourceSpan span(Token t) {
        return clamp(t.getStartIndex(), t.getStopIndex() + 1);
    }

    private SourceSpan clamp(int start, int end) {
        int len = file.text().length();
        int s = Math.max(0, Math.min(start, len));
        return new SourceSpan(file, s, Math.max(s, Math.min(end, len)));
    }

}
