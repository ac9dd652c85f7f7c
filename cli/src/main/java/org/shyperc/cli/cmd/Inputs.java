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
import org.shyperc.dsl.source.SourceSpan;

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
        if (!hasStdin(files)) return Compiler.standard();
        Path cwd = Path.of("").toAbsolutePath();
        Path stdin = cwd.resolve(STDIN);
        Result<SourceFile> read = SourceLoader.loadStdin(System.in, STDIN, stdin);
        return new Compiler(cwd, new StdinOrDisk(stdin, read), Checks.ALL);
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

    private static boolean hasStdin(List<Path> files) {
        for (Path f : files) {
            if (isStdin(f)) return true;
        }
        return false;
    }

    /** Standard input, read once, at its stand-in path; the disk for every other path. */
    private static final class StdinOrDisk implements Loader.Sources {
        private final Path stdin;
        private final Result<SourceFile> read;

        StdinOrDisk(Path stdin, Result<SourceFile> read) {
            this.stdin = stdin;
            this.read = read;
        }

        @Override
        public Result<SourceFile> load(Path absolute, String displayPath, SourceSpan from) {
            return absolute.equals(stdin) ? read : SourceLoader.load(absolute, displayPath, from);
        }
    }
}
