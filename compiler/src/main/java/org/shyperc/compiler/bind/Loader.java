package org.shyperc.compiler.bind;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.shyperc.dsl.ast.Import;
import org.shyperc.dsl.ast.ShyFile;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.diag.Result;
import org.shyperc.dsl.parse.DslParser;
import org.shyperc.dsl.parse.SourceLoader;
import org.shyperc.dsl.source.SourceFile;
import org.shyperc.dsl.source.SourceSpan;

/**
 * Reads the root files and everything they import, each file once, imports resolved relative
 * to the importing file. Files come back with imports before importers; cycles are reported
 * at the import that closes them.
 */
public final class Loader {

    /** Where text comes from: the disk by default, open editor buffers in the language server. */
    public interface Sources {
        Result<SourceFile> load(Path absolute, String displayPath, SourceSpan from);

        Sources DISK = SourceLoader::load;
    }

    private final Path base;
    private final Sources sources;
    private final Map<Path, ShyFile> done = new HashMap<>();
    private final LinkedHashSet<Path> stack = new LinkedHashSet<>();
    private final List<ShyFile> order = new ArrayList<>();
    private final List<Diagnostic> diags = new ArrayList<>();

    /** {@code base} is the folder display paths are relative to (the working directory). */
    public Loader(Path base, Sources sources) {
        this.base = base.toAbsolutePath().normalize();
        this.sources = sources;
    }

    public Result<List<ShyFile>> load(List<Path> roots) {
        for (Path r : roots) visit(r.toAbsolutePath().normalize(), null);
        return new Result<>(order, diags);
    }

    private void visit(Path abs, SourceSpan from) {
        if (done.containsKey(abs)) return;
        if (stack.contains(abs)) {
            List<String> cycle = new ArrayList<>();
            boolean in = false;
            for (Path p : stack) {
                if (p.equals(abs)) in = true;
                if (in) cycle.add("`" + display(p) + "`");
            }
            cycle.add("`" + display(abs) + "`");
            diags.add(Diagnostic.of(Codes.IMPORT_CYCLE, from, "This import closes a cycle: "
                    + String.join(" imports ", cycle) + ".")
                    .hint("Move what both files need into a third file that each imports.").build());
            return;
        }
        Result<SourceFile> src = sources.load(abs, display(abs), from);
        diags.addAll(src.diagnostics());
        if (src.value() == null) return;
        Result<ShyFile> parsed = DslParser.parse(src.value());
        diags.addAll(parsed.diagnostics());
        ShyFile file = parsed.value();
        if (from == null && file.imports().isEmpty() && file.boards().isEmpty() && file.systems().isEmpty()
                && parsed.diagnostics().stream().noneMatch(Diagnostic::isError)) {
            // an empty root is almost always the wrong file given; an empty import is harmless
            diags.add(Diagnostic.of(Codes.MISSING, SourceSpan.startOf(file.source()), "`" + display(abs)
                    + "` declares no board and no system.").hint("Is this the file you meant to check?").build());
        }
        stack.add(abs);
        Path folder = abs.getParent();
        for (Import imp : file.imports()) {
            String rel = imp.path().value();
            Path target;
            try {
                target = folder.resolve(rel).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                diags.add(Diagnostic.of(Codes.IMPORT_NOT_FOUND, imp.path().span(), "`" + rel
                        + "` is not a valid path.").build());
                continue;
            }
            visit(target, imp.path().span());
        }
        stack.remove(abs);
        done.put(abs, file);
        order.add(file);
    }

    private String display(Path abs) {
        if (abs.startsWith(base)) {
            String rel = base.relativize(abs).toString();
            return rel.isEmpty() ? abs.toString() : rel.replace('\\', '/');
        }
        return abs.toString().replace('\\', '/');
    }
}
