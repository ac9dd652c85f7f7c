package org.shyperc.cli.cmd;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.shyperc.compiler.bind.BoardPath;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** `--board-path DIR` for every command that reads .shy files: where `import board "NAME"` looks first. */
public final class BoardPathOptions {
    @Option(names = "--board-path", paramLabel = "DIR",
            description = "Look for `import board \"NAME\"` as DIR/NAME.shy before SHYPERC_BOARD_PATH and the board library (repeatable).")
    List<Path> folders = new ArrayList<>();

    /** The folders given, SHYPERC_BOARD_PATH, then the library; a folder given that is not one is a usage error. */
    public BoardPath path(CommandLine cl) {
        for (Path f : folders) {
            if (!Files.isDirectory(f)) {
                throw new CommandLine.ParameterException(cl, "--board-path `" + f + "` is not a folder.");
            }
        }
        return BoardPath.fromEnvironment(folders);
    }

    /** The folders as given on the command line, to repeat them in a suggested command. */
    public List<Path> given() { return List.copyOf(folders); }
}
