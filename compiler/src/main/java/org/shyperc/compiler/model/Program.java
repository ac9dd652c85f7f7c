package org.shyperc.compiler.model;

import java.util.List;
import java.util.Set;
import org.shyperc.dsl.ast.ShyFile;
import org.shyperc.dsl.source.SourceSpan;

/**
 * Everything one run read and bound: the files (roots and imports), their boards and system
 * instances, and the spans of the items the binder could not read as written (a size in `MB`, an
 * address with a unit). Those were reported and are kept as well as they could be read; every
 * check leaves them out, and their placement is not attempted.
 */
public record Program(List<ShyFile> files, List<BoardModel> boards, List<Instance> instances, Set<SourceSpan> unreadable) {
    public Program {
        files = List.copyOf(files);
        boards = List.copyOf(boards);
        instances = List.copyOf(instances);
        unreadable = Set.copyOf(unreadable);
    }
}
