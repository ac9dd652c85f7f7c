package org.shyperc.codegen.rustshyper;

import java.util.ArrayList;
import java.util.List;

import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.shyperc.dsl.parser.ShyLexer;
import org.shyperc.dsl.parser.ShyParser;

/**
 * Test-only reader of the .shy text codegen writes, on the project's own grammar, until the
 * lead's front end (binder to Plan) lands; then the round trip should go through it.
 */
public final class ShyTestReader {

    public record Parsed(ShyParser.FileContext tree, List<String> syntaxErrors) { }

    private ShyTestReader() { }

    public static Parsed parse(String text) {
        List<String> errors = new ArrayList<>();
        BaseErrorListener listener = new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> r, Object sym, int line, int col, String msg, RecognitionException e) {
                errors.add(line + ":" + col + ": " + msg);
            }
        };
        ShyLexer lexer = new ShyLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        lexer.addErrorListener(listener);
        ShyParser parser = new ShyParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.addErrorListener(listener);
        return new Parsed(parser.file(), errors);
    }

    /** The VMs of the first system, as ImportedVm values (sourceFile left null). */
    public static List<ImportedVm> vms(String text) {
        Parsed p = parse(text);
        if (!p.syntaxErrors().isEmpty()) {
            throw new AssertionError("syntax errors: " + p.syntaxErrors() + "\n" + text);
        }
        List<ImportedVm> out = new ArrayList<>();
        for (ShyParser.DeclContext d : p.tree().decl()) {
            if (d.systemDecl() == null) {
                continue;
            }
            for (ShyParser.SystemItemContext item : d.systemDecl().systemItem()) {
                if (item.vmDecl() != null) {
                    out.add(vm(item.vmDecl()));
                }
            }
        }
        return out;
    }

    private static ImportedVm vm(ShyParser.VmDeclContext v) {
        String name = v.name(0).getText();
        String kind = v.name().size() > 1 ? v.name(1).getText() : null;
        boolean management = v.modifier().stream().anyMatch(m -> m.getText().equals("management"));
        List<Integer> cpus = new ArrayList<>();
        List<ImportedVm.Memory> memory = new ArrayList<>();
        List<ImportedVm.Passthrough> pt = new ArrayList<>();
        List<ImportedVm.Virtio> virtio = new ArrayList<>();
        String kernel = null;
        long kernelIpa = 0;
        long dtb = 0;
        String initrd = null;
        long initrdIpa = 0;
        String bootargs = "";
        for (ShyParser.VmItemContext item : v.vmItem()) {
            if (item instanceof ShyParser.VmCpusContext c) {
                for (ShyParser.ListItemContext li : c.list().listItem()) {
                    cpus.add((int) number(((ShyParser.ValueItemContext) li).value().number()));
                }
            } else if (item instanceof ShyParser.VmMemoryContext m) {
                memory.add(new ImportedVm.Memory(number(m.number(0)), number(m.number(1))));
            } else if (item instanceof ShyParser.VmKernelContext k) {
                kernel = string(k.STRING().getText());
                kernelIpa = number(k.number(0));
            } else if (item instanceof ShyParser.VmInitrdContext i) {
                initrd = string(i.STRING().getText());
                initrdIpa = number(i.number());
            } else if (item instanceof ShyParser.VmDtbContext d) {
                dtb = number(d.number());
            } else if (item instanceof ShyParser.VmBootargsContext b) {
                bootargs = string(b.STRING().getText());
            } else if (item instanceof ShyParser.VmPassthroughContext p) {
                pt.add(new ImportedVm.Passthrough(p.name().getText(), number(p.number())));
            } else if (item instanceof ShyParser.VmPassthroughWindowContext w) {
                long ipa = number(w.number(0));
                pt.add(ImportedVm.Passthrough.window(ipa, w.PA() != null ? number(w.number(2)) : ipa, number(w.number(1))));
            } else if (item instanceof ShyParser.VmVirtioContext vi) {
                Long first = null;
                Long sectors = null;
                String peer = null;
                Long peerConsole = null;
                List<Integer> mac = List.of();
                for (ShyParser.SettingContext st : vi.setting()) {
                    if (st instanceof ShyParser.ValueSettingContext vs) {
                        switch (vs.name().getText()) {
                            case "first-sector" -> first = number(vs.value().number());
                            case "sectors" -> sectors = number(vs.value().number());
                            case "peer" -> peer = vs.value().name().getText();
                            case "mac" -> mac = org.shyperc.compiler.model.MacAddress.parse(string(vs.value().STRING().getText()));
                            default -> throw new AssertionError("virtio setting " + vs.getText());
                        }
                    } else if (st instanceof ShyParser.FrameSettingContext fs) {
                        peerConsole = number(fs.number(0));
                    }
                }
                virtio.add(new ImportedVm.Virtio(vi.name().getText(), number(vi.number(0)), number(vi.number(1)),
                        (int) number(vi.number(2)), first, sectors, peer, peerConsole, mac));
            }
        }
        return new ImportedVm(name, kind, management, cpus, memory, kernel, kernelIpa, dtb, initrd, initrdIpa, bootargs, pt,
                virtio, null);
    }

    static long number(ShyParser.NumberContext n) {
        String t = n.INT().getText().replace("_", "");
        long v = t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16)
                : t.startsWith("0b") ? Long.parseUnsignedLong(t.substring(2), 2) : Long.parseLong(t);
        if (n.unit() != null) {
            v <<= switch (n.unit().getText()) {
                case "KiB" -> 10;
                case "MiB" -> 20;
                case "GiB" -> 30;
                default -> 40;
            };
        }
        return v;
    }

    static String string(String token) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i < token.length() - 1; i++) {
            char ch = token.charAt(i);
            if (ch == '\\') {
                char e = token.charAt(++i);
                b.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case '0' -> '\0';
                    default -> e;
                });
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }
}
