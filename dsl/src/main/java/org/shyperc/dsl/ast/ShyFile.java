package org.shyperc.dsl.ast;

import java.util.List;
import org.shyperc.dsl.source.SourceFile;
import org.shyperc.dsl.source.SourceSpan;

/** One parsed file: its imports, boards and systems, in source order. */
public record ShyFile(SourceFile source, List<Import> imports, List<BoardDecl> boards, List<SystemDecl> systems,
                      SourceSpan span) implements Node {
    public ShyFile {
        imports = List.copyOf(imports);
        boards = List.copyOf(boards);
        systems = List.copyOf(systems);
    }
}
