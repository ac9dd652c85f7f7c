package org.shyperc.codegen.rustshyper;

import java.util.List;
import org.shyperc.compiler.layout.Hex;
import org.shyperc.dsl.ast.Import;
import org.shyperc.dsl.parse.ShyCharacters;

/** Writes imported VMs as .shy text (dsl/.../Shy.g4): one `system … for <board>` with one `vm` each. */
public final class ShySystemWriter {

    private ShySystemWriter() { }

    /**
     * @param boardImport path for the `import` line (relative to where the .shy file will be), or null to
     *                    leave the board to the includer
     */
    public static String write(String system, String board, String boardImport, List<ImportedVm> vms) {
        return write(system, board, Import.Kind.FILE, boardImport, vms, null);
    }

    /**
     * As above; {@code kind} {@link Import.Kind#BOARD} writes `import board "NAME"` with {@code boardImport}
     * the name; {@code consoleTo} the VM `console to` hands the board's console to, or null. The text is in
     * the canonical layout `shyperc fmt` writes.
     */
    public static String write(String system, String board, Import.Kind kind, String boardImport, List<ImportedVm> vms,
                               String consoleTo) {
        StringBuilder b = new StringBuilder();
        b.append("// Imported by shyperc from Rust-Shyper VM configs: ")
                .append(String.join(", ", vms.stream().map(ImportedVm::sourceFile).toList())).append(".\n");
        b.append("// Rust-Shyper does not state physical RAM addresses: shyperc places them.\n");
        if (boardImport != null) {
            b.append(kind == Import.Kind.BOARD ? "import board " : "import ").append(quote(boardImport)).append("\n");
        }
        b.append("\nsystem ").append(system).append(" for ").append(board).append(" {\n");
        if (consoleTo != null) {
            b.append("    // the config passes through the board's console: Rust-Shyper shares it with the VM\n");
            b.append("    console to ").append(consoleTo).append("\n\n");
        }
        for (int i = 0; i < vms.size(); i++) {
            ImportedVm vm = vms.get(i);
            if (i > 0) {
                b.append('\n');
            }
            b.append("    // from ").append(vm.sourceFile()).append(vm.management() ? ", on core 0: the management VM" : "")
                    .append('\n');
            b.append("    vm ").append(vm.name()).append(" : ").append(vm.kind()).append(vm.management() ? " management" : "")
                    .append(" {\n");
            b.append("        cpus [").append(String.join(", ", vm.cpus().stream().map(String::valueOf).toList()))
                    .append("]\n");
            for (ImportedVm.Memory m : vm.memory()) {
                b.append("        memory @ ").append(address(m.ipa())).append(" size ").append(size(m.size())).append('\n');
            }
            b.append("        kernel ").append(quote(vm.kernelFile())).append(" @ ").append(address(vm.kernelIpa())).append('\n');
            if (vm.initrdFile() != null) {
                b.append("        initrd ").append(quote(vm.initrdFile())).append(" @ ").append(address(vm.initrdIpa()))
                        .append('\n');
            }
            if (vm.dtbIpa() != 0) {
                b.append("        dtb @ ").append(address(vm.dtbIpa())).append('\n');
            }
            if (!vm.bootargs().isEmpty()) {
                b.append("        bootargs ").append(quote(vm.bootargs())).append('\n');
            }
            for (ImportedVm.Passthrough p : vm.passthrough()) {
                if (p.isWindow()) {
                    b.append("        passthrough @ ").append(address(p.ipa())).append(" size ").append(size(p.size()));
                    if (p.pa() != p.ipa()) b.append(" at pa ").append(address(p.pa()));
                } else {
                    b.append("        passthrough ").append(p.device()).append(" @ ").append(address(p.ipa()));
                }
                b.append(fromComment(p)).append('\n');
            }
            for (ImportedVm.Virtio v : vm.virtio()) {
                b.append("        virtio ").append(v.kind()).append(" @ ").append(address(v.ipa())).append(" size ")
                        .append(size(v.size())).append(" irq ").append(v.irq());
                List<String> settings = new java.util.ArrayList<>();
                if (v.sectors() != null) {
                    settings.add("first-sector " + Long.toUnsignedString(v.firstSector()));
                    settings.add("sectors " + Long.toUnsignedString(v.sectors()));
                }
                if (v.peer() != null) {
                    settings.add("peer " + v.peer());
                    if (v.peerConsole() != null) settings.add("peer-console @ " + address(v.peerConsole()));
                }
                if (!v.mac().isEmpty()) settings.add("mac " + quote(org.shyperc.compiler.model.MacAddress.format(v.mac())));
                if (settings.isEmpty()) {
                    b.append('\n');
                } else {
                    b.append(" {\n");
                    settings.forEach(x -> b.append("            ").append(x).append('\n'));
                    b.append("        }\n");
                }
            }
            b.append("    }\n");
        }
        return b.append("}\n").toString();
    }

    /** An address as the language writes it (0x0a00_2000). */
    public static String address(long v) {
        return Hex.of(v);
    }

    /** A size in the largest binary unit that divides it exactly, else hex. */
    public static String size(long v) {
        String[] units = {"TiB", "GiB", "MiB", "KiB"};
        int[] shifts = {40, 30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << shifts[i];
            if (v > 0 && v % unit == 0) {   // 2^63 and above print in hex
                return (v / unit) + " " + units[i];
            }
        }
        return address(v);
    }

    /**
     * A passthrough's name in the Rust-Shyper config where the .shy file says otherwise (`serial1` imported as board
     * device `uart2`, a window's `peripherals`): a comment, so the rename is not silent. Only a plain name (letters,
     * digits, `_.@:,+-`, at most 64): a name from the JSON with a line break in it would end the comment and write
     * .shy text of its own.
     */
    static String fromComment(ImportedVm.Passthrough p) {
        String n = p.from();
        if (n == null || n.equals(p.device()) || n.isEmpty() || n.length() > 64 || !n.matches("[A-Za-z0-9_.@:,+-]+")) return "";
        return " // `" + n + "` in the Rust-Shyper config";
    }

    public static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                // .shy strings have no escape for other control characters and hold none raw (SHY0107), nor a
                // bidirectional-text control (SHY0108); nor NUL, which no output could carry (Rust-Shyper's own
                // C strings end there).
                default -> b.append(writtenAsQuestionMark(ch) ? '?' : ch);
            }
        }
        return b.append('"').toString();
    }

    /**
     * A character {@link #quote} cannot write in a .shy string: a control character but the line break and the tab,
     * or a bidirectional-text control.
     */
    public static boolean writtenAsQuestionMark(char ch) {
        return ch != '\n' && ShyCharacters.refused(ch);
    }
}
