package org.shyperc.dsl.parse;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;
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
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.parser.ShyParser;
import org.shyperc.dsl.source.SourceFile;
import org.shyperc.dsl.source.SourceSpan;

/**
 * The fast path from tokens to AST for input without syntax errors: recursive descent over
 * Shy.g4's rules, building the same records the AstBuilder builds from ANTLR's tree, without a
 * parse tree. At the first token the grammar would not accept here (or a choice it cannot make
 * with one token of lookahead) it gives up with {@link Bail}, and {@link DslParser} parses with
 * ANTLR, whose error recovery and "expected …" messages it does not try to copy.
 * FastParserMatchesAntlrTest holds the two to the same AST.
 */
final class FastParser {
    /** Not an error: "let ANTLR do it". Stackless, it is cheap to throw. */
    static final class Bail extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Bail() { super(null, null, false, false); }
    }

    private static final Bail BAIL = new Bail();

    private final SourceFile file;
    private final Scanner sc;
    private final List<Diagnostic> diags;
    /** Where the last consumed token ends (exclusive): the end of a rule's span. */
    private int lastEnd;
    private int depth;

    /**
     * Reads tokens straight from a scanner, one ahead, never holding them all: a 100k-device
     * file would otherwise keep millions of token objects alive through the parse.
     */
    FastParser(SourceFile file, List<Diagnostic> diags) {
        this(file, diags, 0);
    }

    /** A parser from offset {@code from} on, for a part of a large file ({@link ParseAhead}). */
    FastParser(SourceFile file, List<Diagnostic> diags, int from) {
        this.file = file;
        this.sc = new Scanner(file.text(), file.displayPath(), from);
        this.diags = diags;
        scanNext();
    }

    /** Parts of this file other threads parse ahead; null when there are none. */
    private ParseAhead ahead;
    /** Where the next of them starts: one comparison an item while none is reached. */
    private int aheadAt = Integer.MAX_VALUE;

    /** A part's: whether it is no longer wanted, asked once an item of a board or a VM (null: never). */
    private java.util.function.BooleanSupplier stop;

    /** Gives up a part no longer wanted (it was passed, or the parse is over) without parsing it to its end. */
    private void stopIfCancelled() {
        if (stop != null && stop.getAsBoolean()) throw BAIL;
    }

    /** Takes the parts {@code ahead} parses wherever this parser arrives at one. */
    FastParser with(ParseAhead ahead) {
        this.ahead = ahead;
        this.aheadAt = ahead == null ? Integer.MAX_VALUE : ahead.nextOffset();
        return this;
    }

    /**
     * Where this parser stands at the first token of a part of this loop's kind, moves past the part and
     * returns its items, for the caller to add; null when there is no such part here, or it is to be parsed
     * here after all.
     */
    private List<Object> spliced(ParseAhead.Kind kind) {
        ParseAhead.Piece piece = ahead.take(sc.start, kind);
        aheadAt = ahead.nextOffset();
        if (piece == null) return null;
        if (piece == ParseAhead.FAILED) throw BAIL; // parsed from this very state: this parser would fail the same way
        diags.addAll(piece.diags());
        sc.seek(piece.end());
        scanNext();
        lastEnd = piece.lastEnd();
        return piece.items();
    }

    /**
     * A part: declarations or items of {@code kind} from here until one starts at or after {@code limit}, or the
     * run ends; null if cancelled on the way.
     */
    ParseAhead.Piece piece(ParseAhead.Kind kind, int limit, java.util.function.BooleanSupplier cancelled) {
        stop = cancelled;
        List<Object> items = new ArrayList<>();
        while (sc.start < limit && !cancelled.getAsBoolean()) {
            Object item = switch (kind) {
                case TOP -> topDecl();
                case BOARD -> at(ShyParser.RBRACE) ? null : boardItem();
                case SYSTEM -> systemItem();
            };
            if (item == null) break;
            items.add(item);
        }
        return cancelled.getAsBoolean() ? null : new ParseAhead.Piece(items, sc.start, lastEnd, diags);
    }

    ShyFile file() {
        List<Import> imports = new ArrayList<>();
        while (at(ShyParser.IMPORT)) {
            int start = begin();
            Import.Kind kind = optional(ShyParser.BOARD) ? Import.Kind.BOARD : Import.Kind.FILE;
            Value.StrLit target = string();
            optional(ShyParser.SEMI);
            imports.add(new Import(kind, target, span(start)));
        }
        List<BoardDecl> boards = new ArrayList<>();
        List<SystemDecl> systems = new ArrayList<>();
        while (true) {
            List<Object> part = sc.start >= aheadAt ? spliced(ParseAhead.Kind.TOP) : null;
            if (part != null) {
                for (Object d : part) addDecl(d, boards, systems);
                continue;
            }
            Object d = topDecl();
            if (d == null) break;
            addDecl(d, boards, systems);
        }
        expect(Token.EOF);
        return new ShyFile(file, imports, boards, systems, new SourceSpan(file, 0, file.text().length()));
    }

    private static void addDecl(Object d, List<BoardDecl> boards, List<SystemDecl> systems) {
        if (d instanceof BoardDecl b) boards.add(b);
        else systems.add((SystemDecl) d);
    }

    /** The board or system declared here; null where no declaration starts. */
    private Object topDecl() {
        if (at(ShyParser.BOARD)) return board();
        if (at(ShyParser.SYSTEM)) return system();
        return null;
    }

    // ---- boards ---------------------------------------------------------------------------

    private BoardDecl board() {
        int start = begin();
        Ident name = name();
        expect(ShyParser.LBRACE);
        List<BoardItem> items = new ArrayList<>();
        while (!at(ShyParser.RBRACE)) {
            List<Object> part = sc.start >= aheadAt ? spliced(ParseAhead.Kind.BOARD) : null;
            if (part != null) {
                for (Object i : part) items.add((BoardItem) i);
                continue;
            }
            stopIfCancelled();
            items.add(boardItem());
        }
        advance();
        return new BoardDecl(name, items, span(start));
    }

    private BoardItem boardItem() {
        int start = sc.start;
        switch (type()) {
            case ShyParser.ARCH -> {
                advance();
                Ident arch = name();
                optional(ShyParser.SEMI);
                return new BoardItem.Arch(arch, span(start));
            }
            case ShyParser.COMPATIBLE -> {
                advance();
                List<Value.StrLit> values = new ArrayList<>();
                values.add(string());
                while (optional(ShyParser.COMMA)) values.add(string());
                optional(ShyParser.SEMI);
                return new BoardItem.Compatible(values, span(start));
            }
            case ShyParser.MODEL -> {
                advance();
                Value.StrLit v = string();
                optional(ShyParser.SEMI);
                return new BoardItem.Model(v, span(start));
            }
            case ShyParser.CPUS -> {
                advance();
                Value.IntLit count = number();
                Value.StrLit compat = at(ShyParser.STRING) ? string() : null;
                Value.ListLit mpidr = optional(ShyParser.MPIDR) ? list() : null;
                Ident method = null;
                Value.ListLit release = null;
                if (optional(ShyParser.ENABLE_METHOD)) {
                    method = name();
                    if (at(ShyParser.LBRACK)) release = list();
                }
                optional(ShyParser.SEMI);
                return new BoardItem.Cpus(count, compat, mpidr, method, release, span(start));
            }
            case ShyParser.MEMORY -> {
                advance();
                Ident name = name();
                expect(ShyParser.AT);
                Value.IntLit base = number();
                expect(ShyParser.SIZE);
                Value.IntLit size = number();
                optional(ShyParser.SEMI);
                return new BoardItem.Memory(name, base, size, span(start));
            }
            case ShyParser.GIC -> {
                advance();
                Ident version = name();
                return new BoardItem.Gic(version, settings(false), span(start));
            }
            case ShyParser.PLIC -> {
                advance();
                expect(ShyParser.AT);
                Value.IntLit base = number();
                expect(ShyParser.SIZE);
                Value.IntLit size = number();
                List<Setting> settings = at(ShyParser.LBRACE) ? settings(false) : List.of();
                return new BoardItem.Plic(base, size, settings, span(start));
            }
            case ShyParser.TIMER -> {
                advance();
                expect(ShyParser.IRQ);
                Value.ListLit irqs = list();
                optional(ShyParser.SEMI);
                return new BoardItem.Timer(irqs, span(start));
            }
            case ShyParser.DEVICE -> {
                return device();
            }
            case ShyParser.HYPERVISOR -> {
                advance();
                return new BoardItem.Hypervisor(settings(false), span(start));
            }
            default -> throw BAIL;
        }
    }

    private BoardItem.Device device() {
        int start = begin();
        Ident name = name();
        Value.StrLit compat = string();
        expect(ShyParser.AT);
        Value.IntLit base = number();
        expect(ShyParser.SIZE);
        Value.IntLit size = number();
        Value irq = null;
        if (optional(ShyParser.IRQ)) irq = at(ShyParser.LBRACK) ? list() : number();
        List<DeviceItem> items = new ArrayList<>();
        if (optional(ShyParser.LBRACE)) {
            while (!at(ShyParser.RBRACE)) items.add(deviceItem());
            advance();
        }
        optional(ShyParser.SEMI);
        return new BoardItem.Device(name, compat, base, size, irq, items, span(start));
    }

    private DeviceItem deviceItem() {
        int start = sc.start;
        switch (type()) {
            case ShyParser.DT_PATH -> {
                advance();
                Value.StrLit p = string();
                optional(ShyParser.SEMI);
                return new DeviceItem.DtPath(p, span(start));
            }
            case ShyParser.DMA -> {
                advance();
                optional(ShyParser.SEMI);
                return new DeviceItem.Dma(span(start));
            }
            case ShyParser.IOMMU -> {
                advance();
                Ident iommu = name();
                Value.IntLit stream = optional(ShyParser.STREAM) ? number() : null;
                optional(ShyParser.SEMI);
                return new DeviceItem.Iommu(iommu, stream, span(start));
            }
            case ShyParser.PROPERTY -> {
                advance();
                Value.StrLit name = string();
                Value value = null;
                int ty = type();
                if (ty == ShyParser.DT_PATH || ty == ShyParser.DMA || ty == ShyParser.IOMMU || ty == ShyParser.PROPERTY) {
                    // A keyword that starts the next item could also be a name value. Followed by a
                    // string, `property` or `dt-path` can only start an item (no item starts with a
                    // string), which is what ANTLR predicts too; other cases are left to ANTLR.
                    if (ty == ShyParser.DMA || ty == ShyParser.IOMMU || sc.peek() != ShyParser.STRING) throw BAIL;
                } else if (startsValue(ty)) {
                    value = value();
                }
                optional(ShyParser.SEMI);
                return new DeviceItem.Property(name, value, span(start));
            }
            default -> throw BAIL;
        }
    }

    /**
     * {@code { setting* }}: a frame ({@code key @ base (size s)?}) or a value ({@code key value}). A word that starts a
     * statement of the enclosing block (a `vm`'s, or the board's) is never a setting: ANTLR's recovery reports it.
     */
    private List<Setting> settings(boolean inVm) {
        expect(ShyParser.LBRACE);
        List<Setting> out = new ArrayList<>();
        while (!at(ShyParser.RBRACE)) {
            if (inVm ? startsVmItem(type()) : startsBoardStatement(type())) throw BAIL;
            int start = sc.start;
            Ident key = name();
            if (optional(ShyParser.AT)) {
                Value.IntLit base = number();
                Value.IntLit size = optional(ShyParser.SIZE) ? number() : null;
                optional(ShyParser.SEMI);
                out.add(new Setting.Frame(key, base, size, span(start)));
            } else {
                Value v = value();
                optional(ShyParser.SEMI);
                out.add(new Setting.Plain(key, v, span(start)));
            }
        }
        advance();
        return out;
    }

    // ---- systems --------------------------------------------------------------------------

    private SystemDecl system() {
        int start = begin();
        Ident name = name();
        expect(ShyParser.FOR);
        List<Ident> boards = new ArrayList<>();
        boards.add(name());
        while (optional(ShyParser.COMMA)) boards.add(name());
        expect(ShyParser.LBRACE);
        List<VmDecl> vms = new ArrayList<>();
        List<SharedDecl> shared = new ArrayList<>();
        List<ConsoleDecl> consoles = new ArrayList<>();
        List<OnBlock> overrides = new ArrayList<>();
        while (true) {
            List<Object> part = sc.start >= aheadAt ? spliced(ParseAhead.Kind.SYSTEM) : null;
            if (part != null) {
                for (Object i : part) addSystemItem(i, vms, shared, consoles, overrides);
                continue;
            }
            Object item = systemItem();
            if (item == null) break;
            addSystemItem(item, vms, shared, consoles, overrides);
        }
        expect(ShyParser.RBRACE);
        return new SystemDecl(name, boards, vms, shared, consoles, overrides, span(start));
    }

    private static void addSystemItem(Object i, List<VmDecl> vms, List<SharedDecl> shared, List<ConsoleDecl> consoles,
                                      List<OnBlock> overrides) {
        if (i instanceof VmDecl v) vms.add(v);
        else if (i instanceof SharedDecl d) shared.add(d);
        else if (i instanceof ConsoleDecl c) consoles.add(c);
        else overrides.add((OnBlock) i);
    }

    /** The VM, shared region, console hand-over or `on` block that starts here; null where none does. */
    private Object systemItem() {
        if (at(ShyParser.VM)) return vm();
        if (at(ShyParser.SHARED)) return shared();
        if (at(ShyParser.CONSOLE)) return console();
        if (at(ShyParser.ON)) return on();
        return null;
    }

    private OnBlock on() {
        int start = begin();
        Ident board = name();
        expect(ShyParser.LBRACE);
        List<VmDecl> vms = new ArrayList<>();
        List<SharedDecl> shared = new ArrayList<>();
        List<ConsoleDecl> consoles = new ArrayList<>();
        while (true) {
            if (at(ShyParser.VM)) vms.add(vm());
            else if (at(ShyParser.SHARED)) shared.add(shared());
            else if (at(ShyParser.CONSOLE)) consoles.add(console());
            else break;
        }
        expect(ShyParser.RBRACE);
        return new OnBlock(board, vms, shared, consoles, span(start));
    }

    /** {@code console to VM}. */
    private ConsoleDecl console() {
        int start = begin();
        expect(ShyParser.TO);
        Ident vm = name();
        optional(ShyParser.SEMI);
        return new ConsoleDecl(vm, span(start));
    }

    private VmDecl vm() {
        int start = begin();
        Ident name = name();
        Ident kind = null;
        List<Ident> modifiers = new ArrayList<>();
        if (optional(ShyParser.COLON)) {
            kind = name();
            while (!at(ShyParser.LBRACE)) {
                modifiers.add(plainName());             // a header missing its `{`: ANTLR says so
            }
        }
        expect(ShyParser.LBRACE);
        List<VmItem> items = new ArrayList<>();
        stopIfCancelled();
        while (!at(ShyParser.RBRACE)) items.add(vmItem());
        advance();
        return new VmDecl(name, kind, modifiers, items, span(start));
    }

    private VmItem vmItem() {
        int start = sc.start;
        switch (type()) {
            case ShyParser.CPUS -> {
                advance();
                Value.ListLit cpus = list();
                optional(ShyParser.SEMI);
                return new VmItem.Cpus(cpus, span(start));
            }
            case ShyParser.MEMORY -> {
                advance();
                expect(ShyParser.AT);
                Value.IntLit ipa = number();
                expect(ShyParser.SIZE);
                Value.IntLit size = number();
                Value.IntLit pa = null;
                if (optional(ShyParser.ATW)) {
                    expect(ShyParser.PA);
                    pa = number();
                }
                List<MemAttr> attrs = memAttrs();
                optional(ShyParser.SEMI);
                return new VmItem.Memory(ipa, size, pa, attrs, span(start));
            }
            case ShyParser.KERNEL -> {
                advance();
                Value.StrLit path = string();
                expect(ShyParser.AT);
                Value.IntLit ipa = number();
                Value.IntLit entry = optional(ShyParser.ENTRY) ? number() : null;
                optional(ShyParser.SEMI);
                return new VmItem.Kernel(path, ipa, entry, span(start));
            }
            case ShyParser.INITRD -> {
                advance();
                Value.StrLit path = string();
                expect(ShyParser.AT);
                Value.IntLit ipa = number();
                optional(ShyParser.SEMI);
                return new VmItem.Initrd(path, ipa, span(start));
            }
            case ShyParser.DTB -> {
                advance();
                expect(ShyParser.AT);
                Value.IntLit ipa = number();
                optional(ShyParser.SEMI);
                return new VmItem.Dtb(ipa, span(start));
            }
            case ShyParser.BOOTARGS -> {
                advance();
                Value.StrLit v = string();
                optional(ShyParser.SEMI);
                return new VmItem.Bootargs(v, span(start));
            }
            case ShyParser.PASSTHROUGH -> {
                advance();
                if (optional(ShyParser.AT)) {
                    Value.IntLit ipa = number();
                    expect(ShyParser.SIZE);
                    Value.IntLit size = number();
                    Value.IntLit pa = null;
                    if (optional(ShyParser.ATW)) {
                        expect(ShyParser.PA);
                        pa = number();
                    }
                    List<MemAttr> attrs = memAttrs();
                    optional(ShyParser.SEMI);
                    return new VmItem.PassthroughWindow(ipa, size, pa, attrs, span(start));
                }
                Ident dev = name();
                Value.IntLit ipa = optional(ShyParser.AT) ? number() : null;
                List<MemAttr> attrs = memAttrs();
                optional(ShyParser.SEMI);
                return new VmItem.Passthrough(dev, ipa, attrs, span(start));
            }
            case ShyParser.VIRTIO -> {
                advance();
                Ident kind = name();
                expect(ShyParser.AT);
                Value.IntLit ipa = number();
                Value.IntLit size = optional(ShyParser.SIZE) ? number() : null;
                expect(ShyParser.IRQ);
                Value.IntLit irq = number();
                List<Setting> settings = at(ShyParser.LBRACE) ? settings(true) : List.of();
                optional(ShyParser.SEMI);
                return new VmItem.Virtio(kind, ipa, size, irq, settings, span(start));
            }
            case ShyParser.CONSOLE -> {
                advance();
                expect(ShyParser.AT);
                Value.IntLit ipa = number();
                optional(ShyParser.SEMI);
                return new VmItem.Console(ipa, span(start));
            }
            // cache colouring
            case ShyParser.COLOURS -> {
                advance();
                Value v;
                if (at(ShyParser.LBRACK)) v = list();
                else v = number();
                boolean shared = optional(ShyParser.SHARED);
                optional(ShyParser.SEMI);
                return new VmItem.Colours(v, shared, span(start));
            }
            case ShyParser.ON -> {
                advance();
                Ident event = plainName();
                Ident policy = plainName();
                optional(ShyParser.SEMI);
                return new VmItem.On(event, policy, span(start));
            }
            case ShyParser.START -> {
                advance();
                Ident mode = plainName();
                optional(ShyParser.SEMI);
                return new VmItem.Start(mode, span(start));
            }
            case ShyParser.WATCHDOG -> {
                advance();
                Value.IntLit period = number();
                Ident unit = plainName();
                optional(ShyParser.SEMI);
                return new VmItem.Watchdog(period, unit, span(start));
            }
            default -> throw BAIL;
        }
    }

    private SharedDecl shared() {
        int start = begin();
        Ident name = name();
        expect(ShyParser.SIZE);
        Value.IntLit size = number();
        Value.IntLit pa = null;
        if (optional(ShyParser.ATW)) {
            expect(ShyParser.PA);
            pa = number();
        }
        List<MemAttr> attrs = memAttrs();
        expect(ShyParser.LBRACE);
        List<SharedDecl.Mapping> maps = new ArrayList<>();
        List<SharedDecl.Doorbell> bells = new ArrayList<>();
        while (!at(ShyParser.RBRACE)) {
            int m = sc.start;
            Ident vm = name();
            if (vm.text().equals("doorbell") && !at(ShyParser.AT)) {
                // `doorbell FROM to|with TO irq N` (a VM called `doorbell` maps with `@` next)
                Ident from = name();
                boolean both;
                if (optional(ShyParser.TO)) both = false;
                else if (optional(ShyParser.WITH)) both = true;
                else throw BAIL;
                Ident to = name();
                expect(ShyParser.IRQ);
                Value.IntLit irq = number();
                optional(ShyParser.SEMI);
                bells.add(new SharedDecl.Doorbell(from, to, both, irq, span(m)));
                continue;
            }
            expect(ShyParser.AT);
            Value.IntLit ipa = number();
            boolean writable;
            if (optional(ShyParser.RW)) writable = true;
            else if (optional(ShyParser.RO)) writable = false;
            else throw BAIL;
            optional(ShyParser.SEMI);
            maps.add(new SharedDecl.Mapping(vm, ipa, writable, span(m)));
        }
        advance();
        return new SharedDecl(name, size, pa, attrs, maps, span(start), bells);
    }

    /** {@code memAttr*}: {@code nocache}, {@code device}, {@code hugepages SIZE}. */
    private List<MemAttr> memAttrs() {
        List<MemAttr> out = null; // most statements have none: no list made for them
        while (true) {
            int start = sc.start;
            MemAttr a;
            if (optional(ShyParser.NOCACHE)) a = new MemAttr(MemAttr.Kind.NOCACHE, null, span(start));
            else if (optional(ShyParser.DEVICE)) a = new MemAttr(MemAttr.Kind.DEVICE, null, span(start));
            else if (optional(ShyParser.HUGEPAGES)) a = new MemAttr(MemAttr.Kind.HUGEPAGES, number(), span(start));
            else return out == null ? List.of() : out;
            if (out == null) out = new ArrayList<>(2);
            out.add(a);
        }
    }

    // ---- values ---------------------------------------------------------------------------

    private static boolean startsValue(int ty) {
        return ty == ShyParser.INT || ty == ShyParser.STRING || ty == ShyParser.LBRACK || isName(ty);
    }

    private Value value() {
        int ty = type();
        if (ty == ShyParser.INT) return number();
        if (ty == ShyParser.STRING) return string();
        if (ty == ShyParser.LBRACK) return list();
        return new Value.NameRef(name());
    }

    private Value.ListLit list() {
        int start = sc.start;
        expect(ShyParser.LBRACK);
        if (++depth > DslParser.MAX_DEPTH) throw BAIL; // the lexer refuses such input first; never overflow

        List<Value> items = new ArrayList<>();
        if (!at(ShyParser.RBRACK)) {
            items.add(listItem());
            while (optional(ShyParser.COMMA)) {
                if (at(ShyParser.RBRACK)) break; // trailing comma
                items.add(listItem());
            }
        }
        expect(ShyParser.RBRACK);
        depth--;
        return new Value.ListLit(items, span(start));
    }

    private Value listItem() {
        if (at(ShyParser.INT)) {
            int start = sc.start;
            Value.IntLit from = number();
            if (optional(ShyParser.DOTDOT)) {
                Value.IntLit to = number();
                return new Value.RangeLit(from, to, span(start));
            }
            return from;
        }
        if (!startsValue(type())) throw BAIL;
        return value();
    }

    private Value.IntLit number() {
        if (!at(ShyParser.INT)) throw BAIL;
        int start = sc.start;
        int end = sc.stop + 1;
        advance();
        int unit = -1;
        int ty = type();
        if (ty == ShyParser.KIB || ty == ShyParser.MIB || ty == ShyParser.GIB || ty == ShyParser.TIB) {
            unit = ty;
            advance();
        }
        Value.IntLit lit = Literals.intLit(sc.source(), start, end, unit, file, start, Math.max(start, lastEnd), diags);
        if (lit == null) throw BAIL; // no digits: the AstBuilder's way of dropping the item applies
        return lit;
    }

    private Value.StrLit string() {
        if (!at(ShyParser.STRING)) throw BAIL;
        Value.StrLit v;
        if (!sc.needsUnescape()) { // no escapes, no control characters: the text between the quotes, shared
            v = new Value.StrLit(sc.sharedString(), file, sc.start, sc.stop + 1);
        } else {
            SourceSpan span = tokenSpan();
            v = new Value.StrLit(Literals.unescape(sc.text(), span, diags), span);
        }
        advance();
        return v;
    }

    /** A word that starts a board statement and is never a setting's name (`compatible` is a GIC's and a PLIC's too). */
    static boolean startsBoardStatement(int type) {
        return switch (type) {
            case ShyParser.ARCH, ShyParser.MODEL, ShyParser.CPUS, ShyParser.MEMORY, ShyParser.GIC, ShyParser.PLIC,
                 ShyParser.TIMER, ShyParser.DEVICE, ShyParser.HYPERVISOR -> true;
            default -> false;
        };
    }

    /** The words that start a VM statement, which Shy.g4's `modifier` leaves out. */
    static boolean startsVmItem(int ty) {
        return switch (ty) {
            case ShyParser.CPUS, ShyParser.MEMORY, ShyParser.KERNEL, ShyParser.INITRD, ShyParser.DTB, ShyParser.BOOTARGS,
                 ShyParser.PASSTHROUGH, ShyParser.VIRTIO, ShyParser.CONSOLE, ShyParser.COLOURS, ShyParser.ON,
                 ShyParser.START, ShyParser.WATCHDOG -> true;
            default -> false;
        };
    }

    /** Shy.g4's `modifier`: a name that is not a word starting a VM statement (ANTLR reports such a one). */
    private Ident plainName() {
        if (startsVmItem(type())) throw BAIL;
        return name();
    }

    private Ident name() {
        if (!isName(type())) throw BAIL;
        Ident n = new Ident(sc.sharedName(), file, sc.start, sc.stop + 1);
        advance();
        return n;
    }

    /** Token types a `name` accepts: IDENT and every keyword, but not the size units (Shy.g4's `keyword` rule). */
    private static final boolean[] NAME = names();

    private static boolean[] names() {
        // the lexer's literals (the same token types) from its .tokens file: ShyParser's or ShyLexer's
        // vocabulary would deserialize an ATN, which a file without errors never needs
        String[] literals = TokenLiterals.BY_TYPE;
        boolean[] out = new boolean[literals.length];
        out[ShyParser.IDENT] = true;
        for (int ty = 1; ty < literals.length; ty++) {
            String lit = literals[ty];
            boolean unit = ty == ShyParser.KIB || ty == ShyParser.MIB || ty == ShyParser.GIB || ty == ShyParser.TIB;
            if (lit != null && Character.isLetter(lit.charAt(1)) && !unit) out[ty] = true;
        }
        return out;
    }

    private static boolean isName(int ty) {
        return ty > 0 && ty < NAME.length && NAME[ty];
    }

    // ---- tokens ---------------------------------------------------------------------------

    private void scanNext() {
        int ty = sc.scan();
        // a bad token means a lexical error: ANTLR's path reports it
        if (ty == ShyParser.ERROR_CHAR || ty == ShyParser.UNTERMINATED_STRING || ty == ShyParser.UNTERMINATED_COMMENT) {
            throw BAIL;
        }
    }

    private void advance() {
        lastEnd = sc.stop + 1;
        scanNext();
    }

    /** Consumes the current token and returns where it starts. */
    private int begin() {
        int start = sc.start;
        advance();
        return start;
    }

    private int type() { return sc.type; }

    private boolean at(int ty) { return sc.type == ty; }

    private boolean optional(int ty) {
        if (sc.type != ty) return false;
        advance();
        return true;
    }

    private void expect(int ty) {
        if (sc.type != ty) throw BAIL;
        if (ty != Token.EOF) advance();
    }

    /** From offset {@code start} to the end of the last token consumed, like a rule context's span. */
    private SourceSpan span(int start) {
        return new SourceSpan(file, start, Math.max(start, lastEnd));
    }

    private SourceSpan tokenSpan() {
        return new SourceSpan(file, sc.start, sc.stop + 1);
    }
}
