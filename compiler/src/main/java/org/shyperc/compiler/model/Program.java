package org.shyperc.compiler.model;

import java.util.List;
import org.shyperc.dsl.ast.ShyFile;

/** Everything one run read and bound: the files (roots and imports), their boards and system instances. */
public record Program(List<ShyFile> files, List<BoardModel> boards, List<Instance> instances) {
    public Program {
        files = List.copyOf(files);
        boards = List.copyOf(boards);
        instances = List.copyOf(instances);
    }
}
