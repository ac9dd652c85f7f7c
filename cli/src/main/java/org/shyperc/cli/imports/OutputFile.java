package org.shyperc.cli.imports;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.shyperc.cli.io.AtomicFile;
import org.shyperc.codegen.output.Problem;
import org.shyperc.compiler.bind.Loader;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.io.IoReasons;
import org.shyperc.dsl.io.InputFiles;

/** Reading the foreign input of an import, and writing its .shy text to a file or to standard output. */
final class OutputFile {
    private OutputFile() { }

    /**
     * Writes {@code text} to {@code file} (whole or not at all; links and permissions kept), or
     * to standard output when {@code file} is null. False after saying on {@code err} why not.
     */
    static boolean write(Path file, String text, PrintWriter stdout, PrintWriter err) {
        if (file == null) {
            stdout.print(text);
            stdout.flush(); // a failure here is Main's to report: standard output is checked
            return true;
        }
        try {
            AtomicFile.write(file, text.getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (IOException e) {
            err.println("shyperc: cannot write `" + file + "`: " + IoReasons.of(e) + ".");
            return false;
        }
    }

    /**
     * True, after saying so on {@code err}, when {@code file} (the `-o` given, or null) is one of {@code inputs}: asked
     * before anything is read, as `-o vm.json` for `-o vm.shy` replaced the config being imported, its only copy.
     */
    static boolean overInput(Path file, List<Path> inputs, PrintWriter err) {
        if (file == null || !Files.exists(file)) return false;
        Path out = Loader.identity(file.toAbsolutePath());
        for (Path in : inputs) {
            if (in != null && out.equals(Loader.identity(in.toAbsolutePath()))) {
                err.println("shyperc: cannot write `" + file + "`: it is `" + in + "`, an input of this import, which it "
                        + "would replace; write the .shy file elsewhere.");
                return true;
            }
        }
        return false;
    }

    /**
     * The bytes of an input file of at most {@code limit} bytes, or null after printing a problem
     * (SHY0106) on {@code err}: missing, a folder, a FIFO or device, too large, unreadable.
     */
    static byte[] read(Path file, long limit, String what, PrintWriter err) {
        InputFiles.Read read = InputFiles.read(file, file.toString(), limit, what);
        if (read.ok()) return read.bytes();
        err.println(Problem.of(Codes.IO, read.problem(), file.toString()));
        if (read.hint() != null) err.println(file + ": help[" + Codes.IO.id() + "]: " + read.hint());
        err.flush();
        return null;
    }
}
