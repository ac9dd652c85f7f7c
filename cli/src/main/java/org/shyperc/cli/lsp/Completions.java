package org.shyperc.cli.lsp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.shyperc.compiler.model.BoardModel;
import org.shyperc.dsl.ast.SystemDecl;
import org.shyperc.dsl.ast.VmDecl;
import org.shyperc.dsl.ast.VmItem;
import org.shyperc.dsl.source.SourceFile;

/**
 * Completion: the statements a block allows at the start of a line, the keywords that
 * continue a statement, units after a number, and names from the compiled files: devices
 * of the system's boards after `passthrough` (and the hypervisor's `console`), boards after
 * `for`/`on`, VMs at the start of a shared region's mapping, VM kinds after `:`, and the
 * boards of the board path inside `import board "`. Inside any other string there is nothing to offer.
 */
final class Completions {
    private Completions() { }

    static final Map<String, List<String>> STATEMENTS = Map.ofEntries(Map.entry("virtio blk", List.of("first-sector", "sectors")),
            Map.entry("virtio console", List.of("peer", "peer-console")),
            Map.entry("virtio net", List.of("mac")),
            Map.entry("virtio", List.of("first-sector", "sectors", "peer", "peer-console", "mac")),
            Map.entry("", List.of("import", "board", "system")),
            Map.entry("board", List.of("arch", "compatible", "model", "cpus", "memory", "gic", "plic", "timer", "device", "hypervisor")),
            Map.entry("device", List.of("dt-path", "dma", "iommu", "property")),
            Map.entry("gic", List.of("compatible", "distributor", "cpu-interface", "hyp-interface", "virtual-cpu-interface",
                    "redistributor", "maintenance-irq", "lines")),
            Map.entry("plic", List.of("compatible", "lines")),
            Map.entry("hypervisor", List.of("reserve", "load", "console", "timer-irq", "ipi-sgi", "hypercall-irq", "stage2-blocks",
                    // cache colouring
                    "llc-size", "llc-ways", "llc-line", "colours")),
            Map.entry("system", List.of("vm", "shared", "console", "on")),
            Map.entry("on", List.of("vm", "shared", "console")),
            Map.entry("vm", List.of("cpus", "memory", "kernel", "initrd", "dtb", "bootargs", "passthrough", "virtio", "console",
                    // cache colouring
                    "colours",
                    // VM lifecycle
                    "on", "start", "watchdog")));

    /** Keywords that may follow inside a statement, by the statement's first word. */
    private static final Map<String, List<String>> CONTINUATIONS = Map.of(
            "memory", List.of("size", "at", "pa", "hugepages"),
            "device", List.of("size", "irq"),
            "kernel", List.of("entry"),
            "virtio", List.of("size", "irq"),
            "passthrough", List.of("size", "at", "pa", "nocache", "device"),
            "cpus", List.of("mpidr", "enable-method"),
            "shared", List.of("size", "at", "pa", "nocache", "device"),
            "iommu", List.of("stream"),
            "timer", List.of("irq"),
            "import", List.of("board"));

    static final List<String> UNITS = List.of("KiB", "MiB", "GiB", "TiB");

    /** The start of a line up to the cursor inside `import board "…`: group 1 is the name typed so far. */
    private static final Pattern BOARD_NAME = Pattern.compile("\\s*import\\s+board\\s*\"([^\"\\\\]*)");

    static List<CompletionItem> at(Analysis a, int offset) {
        String line = a.text().substring(SourceFile.lineStart(a.text(), offset), offset);
        Matcher board = BOARD_NAME.matcher(line);
        if (board.matches()) return boards(a, offset, board.group(1).length());
        if (insideString(line)) return List.of(); // a path, a compatible, bootargs: nothing to offer
        CompletionContext ctx = CompletionContext.at(a.text(), offset);
        List<CompletionItem> out = new ArrayList<>();
        String prev = ctx.previous();
        String block = ctx.block();
        if (prev.matches("(0x[0-9a-fA-F_]+|0b[01_]+|[0-9][0-9_]*)") && !ctx.lineWords().get(0).equals("cpus")) {
            UNITS.forEach(u -> out.add(item(u, CompletionItemKind.Unit, "binary unit")));
        } else if (prev.equals("passthrough") && block.equals("vm")) {
            out.addAll(passthroughDevices(a, offset));
        } else if (prev.equals("passthrough") || (block.equals("hypervisor") && prev.equals("console"))) {
            devices(a, offset).forEach(d -> out.add(item(d, CompletionItemKind.Reference, "device")));
        } else if ((block.equals("system") || block.equals("on")) && prev.equals("console")) {
            out.add(item("to", CompletionItemKind.Keyword, "hand the board's console to a VM"));
        } else if (prev.equals("to") || (block.startsWith("virtio") && prev.equals("peer"))) {
            vms(a, offset).forEach(v -> out.add(item(v, CompletionItemKind.Variable, "VM")));
        } else if (block.equals("vm") && prev.equals("on")) { // VM lifecycle
            List.of("fault", "off", "reset").forEach(e -> out.add(item(e, CompletionItemKind.Keyword, "event of the VM")));
        } else if (block.equals("vm") && ctx.lineWords().size() == 2 && ctx.lineWords().get(0).equals("on")) {
            List.of("restart", "halt", "stop-system").forEach(p -> out.add(item(p, CompletionItemKind.Keyword, "policy")));
        } else if (block.equals("vm") && prev.equals("start")) {
            List.of("boot", "waiting").forEach(m -> out.add(item(m, CompletionItemKind.Keyword, "when the VM starts")));
        } else if (prev.equals("for") || prev.equals("on") || (ctx.lineWords().contains("for") && prev.equals(","))) {
            a.index().symbols(SymbolIndex.Kind.BOARD).forEach(b -> out.add(item(b.name(), CompletionItemKind.Module, "board")));
        } else if (prev.equals(":")) {
            List.of("linux", "baremetal").forEach(k -> out.add(item(k, CompletionItemKind.EnumMember, "VM kind")));
        } else if (ctx.lineWords().size() >= 3 && ctx.lineWords().get(0).equals("vm") && ctx.lineWords().contains(":")) {
            out.add(item("management", CompletionItemKind.Keyword, "the management VM"));
        } else if (block.equals("shared") && (prev.equals("doorbell") || prev.equals("with"))) {
            vms(a, offset).forEach(v -> out.add(item(v, CompletionItemKind.Variable, "VM")));   // doorbells (issue 13)
        } else if (ctx.statementStart() && block.equals("shared")) {
            vms(a, offset).forEach(v -> out.add(item(v, CompletionItemKind.Variable, "VM")));
            out.add(item("doorbell", CompletionItemKind.Keyword, "a VM of the region may interrupt another"));
        } else if (ctx.statementStart()) {
            STATEMENTS.getOrDefault(block, List.of()).forEach(k -> out.add(item(k, CompletionItemKind.Keyword, null)));
        } else if (block.equals("shared") && ctx.lineWords().contains("@")) {
            List.of("rw", "ro").forEach(k -> out.add(item(k, CompletionItemKind.Keyword, "access")));
        } else {
            CONTINUATIONS.getOrDefault(ctx.lineWords().get(0), List.of())
                    .forEach(k -> out.add(item(k, CompletionItemKind.Keyword, null)));
        }
        return out;
    }

    /** The boards on the board path, each replacing what was typed of the name. */
    private static List<CompletionItem> boards(Analysis a, int offset, int typed) {
        List<CompletionItem> out = new ArrayList<>();
        Range typedRange = new Range(Positions.position(a.source(), offset - typed), Positions.position(a.source(), offset));
        for (String name : a.index().boardPath().names()) {
            CompletionItem item = item(name, CompletionItemKind.Module, "board");
            item.setTextEdit(Either.forLeft(new TextEdit(typedRange, name)));
            out.add(item);
        }
        return out;
    }

    /** Whether the end of {@code line} is inside a string (a `//` comment outside one ends the code). */
    private static boolean insideString(String line) {
        boolean in = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (in && c == '\\') i++;
            else if (c == '"') in = !in;
            else if (!in && c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/') return false;
        }
        return in;
    }

    /** Devices of the boards of the system around the cursor (all known boards outside one). */
    private static Set<String> devices(Analysis a, int offset) {
        Set<String> boards = new LinkedHashSet<>();
        SystemDecl sys = systemAt(a, offset);
        if (sys != null) sys.boards().forEach(b -> boards.add(b.text()));
        Set<String> out = new LinkedHashSet<>();
        for (SymbolIndex.Symbol s : a.index().symbols(SymbolIndex.Kind.DEVICE)) {
            if (boards.isEmpty() || boards.contains(s.scope())) out.add(s.name());
        }
        return out;
    }

    /**
     * The devices a VM may take, first; then, labelled and last, those another VM of the system passes through
     * (SHY0501) and the hypervisor's console (SHY0503, unless the system hands it over with `console to`): offered
     * all the same, since moving a device between VMs starts by naming it, but no longer looking as good as the rest.
     */
    private static List<CompletionItem> passthroughDevices(Analysis a, int offset) {
        SystemDecl sys = systemAt(a, offset);
        Map<String, String> owner = new HashMap<>();
        Set<String> consoles = new HashSet<>();
        if (sys != null) {
            for (VmDecl vm : sys.vms()) {
                if (vm.span().contains(offset)) continue;
                for (VmItem item : vm.items()) {
                    if (item instanceof VmItem.Passthrough p) owner.putIfAbsent(p.device().text(), vm.name().text());
                }
            }
            Set<String> boards = new HashSet<>();
            sys.boards().forEach(b -> boards.add(b.text()));
            if (sys.consoles().isEmpty() && a.compilation() != null && a.compilation().program() != null) {
                for (BoardModel b : a.compilation().program().boards()) {
                    if (boards.contains(b.name()) && b.hyp() != null && b.hyp().console() != null) consoles.add(b.hyp().console());
                }
            }
        }
        List<CompletionItem> out = new ArrayList<>();
        for (String d : devices(a, offset)) {
            CompletionItem item = item(d, CompletionItemKind.Reference, "device");
            if (consoles.contains(d)) {
                item.setDetail("the hypervisor's console: `console to VM` in the system hands it over");
                item.setSortText("2 " + d);
            } else if (owner.containsKey(d)) {
                item.setDetail("passed through to vm `" + owner.get(d) + "`");
                item.setSortText("1 " + d);
            } else {
                item.setSortText("0 " + d);
            }
            out.add(item);
        }
        return out;
    }

    private static Set<String> vms(Analysis a, int offset) {
        Set<String> out = new LinkedHashSet<>();
        SystemDecl sys = systemAt(a, offset);
        if (sys != null) for (VmDecl vm : sys.vms()) if (!vm.unnamed()) out.add(vm.name().text());
        return out;
    }

    private static SystemDecl systemAt(Analysis a, int offset) {
        if (a.root() == null) return null;
        for (SystemDecl s : a.root().systems()) if (s.span().contains(offset)) return s;
        return a.root().systems().size() == 1 ? a.root().systems().get(0) : null;
    }

    private static CompletionItem item(String label, CompletionItemKind kind, String detail) {
        CompletionItem item = new CompletionItem(label);
        item.setKind(kind);
        if (detail != null) item.setDetail(detail);
        return item;
    }
}
