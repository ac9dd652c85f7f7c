package org.shyperc.cli.cmd;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.shyperc.compiler.bind.BoardPath;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** `--board-path DIR` for every command that reads .shy files: where `import board "NAME"` looks first. */
public final class BoardPathOptions {
    private final OptionSpec folders;

    /** Adds --board-path to {@code spec}. */
    public BoardPathOptions(CommandSpec spec) {
        folders = Specs.option(spec, OptionSpec.builder("--board-path").paramLabel("DIR").type(List.class).auxiliaryTypes(Path.class)
                .description("Look for `import board \"NAME\"` as DIR/NAME.shy before SHYPERC_BOARD_PATH and the board library (repeatable)."));
    }

    /** The folders given, SHYPERC_BOARD_PATH, then the library; a folder given that is not one is a usage error. */
    public BoardPath path(CommandLine cl) {
        List<Path> folders = given();
        for (Path f : folders) {
            if (!Files.isDirectory(f)) {
                throw new CommandLine.ParameterException(cl, "--board-path `" + f + "` is not a folder.");
            }
        }
        return BoardPath.fromEnvironment(folders);
    }

    /** The folders as given on the command line, to repeat them in a suggested command. */
    public List<Path> given() { return List.copyOf(Specs.<Path>values(folders)); }
}
