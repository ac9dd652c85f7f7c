package org.shyperc.compiler.checks;

import java.util.Locale;
import java.util.regex.Pattern;
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
    /** Microsoft's "Naming Files, Paths, and Namespaces": these, in any case, with any extension. */
    private static final Pattern RESERVED = Pattern.compile("con|prn|aux|nul|com[0-9]|lpt[0-9]");

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

    private static void test(Reporter out, String what, String name, SourceSpan span, String outputs) {
        if (!RESERVED.matcher(name.toLowerCase(Locale.ROOT)).matches()) return;
        out.report(span, "The name of " + what + " `" + name + "` is a device name on Windows (`" + name.toUpperCase(Locale.ROOT)
                + "`, with any extension): there " + outputs + " cannot be created.")
                .hint("Rename it (`" + name + "-" + what + "`, say): the build is fine on Linux and macOS, but a system shared "
                        + "with others should build the same everywhere.");
    }
}
