package org.shyperc.compiler.checks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.io.FolderNames;
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
        for (VmModel vm : in.vms()) {
            test(out, vm, "kernel", vm.kernel(), seen);
            test(out, vm, "initrd", vm.initrd(), seen);
        }
    }

    private static void test(Reporter out, VmModel vm, String what, VmModel.Payload p, Map<Path, String[]> seen) {
        if (p == null || p.size() >= 0) return;
        Path at = p.resolved();
        // only for an image that is missing: which case it is, and a file of a name close to it beside it
        String[] found = at == null ? new String[] {"cannot be read", null} : seen.get(at);
        if (found == null) { // no computeIfAbsent: a method reference would link the lambda machinery in a cold `check`
            found = why(at);
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
    private static String[] why(Path at) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(at, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return new String[] {"does not exist", sibling(at)};
        } catch (IOException | SecurityException e) {
            return new String[] {"cannot be read", null};
        }
        return new String[] {attrs.isDirectory() ? "is a folder, not a file" : "cannot be read", null};
    }

    /**
     * A file beside the missing one whose name is within two edits of its name (`helo.bin` for `hello.bin`), or null. The
     * folder is listed once for all the VMs whose images are missing from it ({@link FolderNames}).
     */
    private static String sibling(Path missing) {
        Path folder = missing.getParent();
        Path name = missing.getFileName();
        if (folder == null || name == null) return null;
        return FolderNames.files(folder, "").closest(name.toString()).orElse(null);
    }

    /** The path as written with its last part replaced by {@code name}. */
    private static String near(String written, String name) {
        int slash = Math.max(written.lastIndexOf('/'), written.lastIndexOf('\\'));
        return written.substring(0, slash + 1) + name;
    }
}
