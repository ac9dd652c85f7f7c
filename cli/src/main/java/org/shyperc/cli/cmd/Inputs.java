package org.shyperc.cli.cmd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.bind.Loader;
import org.shyperc.compiler.check.Checks;
import org.shyperc.dsl.diag.Result;
import org.shyperc.dsl.parse.SourceLoader;
import org.shyperc.dsl.source.SourceFile;

/**
 * The FILE arguments of `check` and `build`. `-` is standard input, shown as `<stdin>`; it stands
 * in the working directory, so its imports and guest images resolve relative to that, as they
 * would for a file there.
 */
public final class Inputs {
    private Inputs() { }

    public static final String STDIN = "<stdin>";

    /** The compiler for these arguments: reads the disk, and standard input once if `-` is among them. */
    public static Compiler compiler(List<Path> files) {
        if (files.stream().noneMatch(Inputs::isStdin)) return Compiler.standard();
        Path cwd = Path.of("").toAbsolutePath();
        Path stdin = cwd.resolve(STDIN);
        Result<SourceFile> read = SourceLoader.loadStdin(System.in, STDIN, stdin);
        Loader.Sources sources = (abs, display, from) -> abs.equals(stdin) ? read : SourceLoader.load(abs, display, from);
        return new Compiler(cwd, sources, Checks.ALL);
    }

    /** The paths the compiler is given: `-` becomes the stand-in path of standard input. */
    public static List<Path> paths(List<Path> files) {
        List<Path> out = new ArrayList<>(files.size());
        for (Path f : files) out.add(isStdin(f) ? Path.of("").toAbsolutePath().resolve(STDIN) : f);
        return out;
    }

    private static boolean isStdin(Path p) {
        return p.toString().equals("-");
    }
}
