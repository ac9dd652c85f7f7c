package org.shyperc.compiler.checks;

import java.util.Locale;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.source.SourceSpan;

/**
 * SHY0213 (warning): a system, board or VM named as a Windows device (`con`, `nul`, `com1`, ...), which the build would
 * make a folder or file of: `con.dts` is the console there, not a file. A name has no dot, so the name is the whole
 * base name Windows looks at. A system on several boards repeats its findings, which are reported once.
 */
public final class ReservedFileNames implements Check {

    @Override
    public Code code() { return Codes.RESERVED_FILE_NAME; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        test(out, "system", in.system(), in.systemSpan(), "its output folder `" + in.system() + "/`");
        test(out, "board", in.board().name(), in.board().span(), "the output folder `" + in.system() + "/" + in.board().name()
                + "/` of system `" + in.system() + "`");
        for (VmModel vm : in.vms()) {
            test(out, "vm", vm.name(), vm.span(), "its outputs `" + vm.name() + ".dts`, `" + vm.name() + ".dtb` and `rust-shyper/"
                    + vm.name() + ".json`");
        }
    }

    /**
     * Microsoft's "Naming Files, Paths, and Namespaces": con, prn, aux, nul, com0-com9, lpt0-lpt9, in any case, with any
     * extension. By hand, not a regex: compiling one links lambdas, which a cold `check` does not pay for
     * (docs/decisions.md, "Start-up"; LauncherFirstUseTest).
     */
    static boolean reserved(String lower) {
        if (lower.equals("con") || lower.equals("prn") || lower.equals("aux") || lower.equals("nul")) return true;
        return lower.length() == 4 && (lower.startsWith("com") || lower.startsWith("lpt"))
                && lower.charAt(3) >= '0' && lower.charAt(3) <= '9';
    }

    private static void test(Reporter out, String what, String name, SourceSpan span, String outputs) {
        if (!reserved(name.toLowerCase(Locale.ROOT))) return;
        out.report(span, "The name of " + what + " `" + name + "` is a device name on Windows (`" + name.toUpperCase(Locale.ROOT)
                + "`, with any extension): there " + outputs + " cannot be created.")
                .hint("Rename it (`" + name + "-" + what + "`, say): the build is fine on Linux and macOS, but a system shared "
                        + "with others should build the same everywhere.");
    }
}
