package org.shyperc.compiler.checks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Names;
import org.shyperc.dsl.diag.WindowsPaths;

/**
 * SHY0701: guest image files exist and are readable. A warning by default so `check` runs
 * without build artefacts; `build` raises it to an error ({@code Compiler.forBuild()}).
 */
public final class ImageMissing implements Check {
    @Override
    public Code code() { return Codes.IMAGE_MISSING; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        Map<Path, String[]> seen = new HashMap<>(); // a big system's VMs often load one file: asked once
        // a folder's files, listed once: thousands of VMs whose images are missing from one folder listed it each
        Map<Path, Names.Index> folders = new HashMap<>();
        for (VmModel vm : in.vms()) {
            test(out, vm, "kernel", vm.kernel(), seen, folders);
            test(out, vm, "initrd", vm.initrd(), seen, folders);
        }
    }

    private static void test(Reporter out, VmModel vm, String what, VmModel.Payload p, Map<Path, String[]> seen,
                             Map<Path, Names.Index> folders) {
        if (p == null || p.size() >= 0) return;
        Path at = p.resolved();
        // only for an image that is missing: which case it is, and a file of a name close to it beside it
        String[] found = at == null ? new String[] {"cannot be read", null} : seen.get(at);
        if (found == null) { // no computeIfAbsent: a method reference would link the lambda machinery in a cold `check`
            found = why(at, folders);
            seen.put(at, found);
        }
        String why = found[0];
        var d = out.report(p.span(), "The " + what + " `" + p.path() + "` of vm `" + vm.name() + "` " + why + ".");
        if (at == null) {
            d.hint("The system was not read from disk, so the path has no folder to resolve in.");
            return;
        }
        String near = found[1];
        // `\t` or `\n` made a tab or a line break of a Windows path's backslashes (`"C:\\tools\\new"`): no file name has one
        String slashed = p.path().indexOf('\t') < 0 && p.path().indexOf('\n') < 0 ? null : WindowsPaths.slashedValue(p.path());
        if (slashed != null) {
            d.hint("The path holds a " + (p.path().indexOf('\t') >= 0 ? "tab" : "line break") + ": in a string `\\t` is a tab "
                    + "and `\\n` a line break. For a Windows path write `/` between its parts: `" + slashed + "`.");
            return;
        }
        String shell = shellSyntax(p.path());
        String where = at.toString().replace('\\', '/');
        if (shell != null && near == null) {
            d.hint("shyperc reads a path as written and does not expand `" + shell + "` as a shell does: write it relative "
                    + "to the system file's folder, or in full from `/`. It was looked for at `" + where + "`.");
            return;
        }
        d.hint((near == null ? "" : "Did you mean `" + near(p.path(), near) + "`? ")
                + "Paths are relative to the system file's folder; it was looked for at `" + where + "`.");
    }

    /**
     * What a shell would have expanded in a path, as written: a leading `~` (up to the first `/`), or the first
     * `$NAME` or `${NAME}`; null when there is none. A `$` not followed by a name is an ordinary character.
     */
    static String shellSyntax(String path) {
        if (path.startsWith("~")) {
            int slash = path.indexOf('/');
            return slash < 0 ? path : path.substring(0, slash);
        }
        for (int i = path.indexOf('$'); i >= 0 && i + 1 < path.length(); i = path.indexOf('$', i + 1)) {
            char c = path.charAt(i + 1);
            if (c == '{') {
                int close = path.indexOf('}', i);
                if (close > i + 2) return path.substring(i, close + 1);
            } else if (c == '_' || Character.isLetter(c)) {
                int end = i + 1;
                while (end < path.length() && (path.charAt(end) == '_' || Character.isLetterOrDigit(path.charAt(end)))) end++;
                return path.substring(i, end);
            }
        }
        return null;
    }

    /** { what is wrong with the file at {@code at}, a name close to it beside it or null }. */
    private static String[] why(Path at, Map<Path, Names.Index> folders) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(at, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return new String[] {"does not exist", sibling(at, folders)};
        } catch (IOException | SecurityException e) {
            return new String[] {"cannot be read", null};
        }
        return new String[] {attrs.isDirectory() ? "is a folder, not a file" : "cannot be read", null};
    }

    /** A file beside the missing one whose name is within two edits of its name (`helo.bin` for `hello.bin`), or null. */
    private static String sibling(Path missing, Map<Path, Names.Index> folders) {
        Path folder = missing.getParent();
        Path name = missing.getFileName();
        if (folder == null || name == null) return null;
        Names.Index files = folders.get(folder);
        if (files == null) {
            files = files(folder);
            folders.put(folder, files);
        }
        return files.closest(name.toString()).orElse(null);
    }

    /** The names of the regular files in {@code folder} (at most 1000), made ready for look-ups; none if it cannot be listed. */
    private static Names.Index files(Path folder) {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(folder)) return Names.Index.of(names);
        try (DirectoryStream<Path> in = Files.newDirectoryStream(folder)) {
            for (Path f : in) {
                if (names.size() >= 1000) break; // a huge folder: no suggestion rather than a slow check
                if (Files.isRegularFile(f)) names.add(f.getFileName().toString());
            }
        } catch (IOException | SecurityException | java.nio.file.DirectoryIteratorException e) {
            return Names.Index.of(List.of()); // a folder that cannot be listed, or fails while listed: no suggestion
        }
        return Names.Index.of(names); // the folder's order is the file system's: the closest, then by name
    }

    /** The path as written with its last part replaced by {@code name}. */
    private static String near(String written, String name) {
        int slash = Math.max(written.lastIndexOf('/'), written.lastIndexOf('\\'));
        return written.substring(0, slash + 1) + name;
    }
}
