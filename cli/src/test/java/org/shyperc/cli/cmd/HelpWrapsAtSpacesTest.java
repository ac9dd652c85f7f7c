package org.shyperc.cli.cmd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shyperc.cli.Main;
import picocli.CommandLine;

/**
 * `--help` wraps its text at spaces only: picocli's line breaking also broke after a `.` inside a word, so a reader saw
 * "into one ." and "shy system." on two lines, and "/etc/bash_completion." and "d/shyperc" (a walkthrough found both).
 * Every word of every command's description must come out whole.
 */
class HelpWrapsAtSpacesTest {
    @Test
    void everyWordOfEveryDescriptionIsWholeInTheHelp() {
        List<CommandLine> all = new ArrayList<>();
        collect(Main.commandLine(), all);
        assertTrue(all.size() > 10, "the commands: " + all.size());
        for (CommandLine c : all) {
            String shown = " " + c.getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ") + " ";
            List<String> texts = new ArrayList<>(List.of(c.getCommandSpec().usageMessage().description()));
            // a command's list of subcommands shows the first line of each one's description
            for (CommandLine sub : c.getSubcommands().values()) {
                String[] d = sub.getCommandSpec().usageMessage().description();
                if (d.length > 0) texts.add(String.format(d[0]).split("\\R")[0]);
            }
            for (String text : texts) {
                for (String word : String.format(text).split("\\s+")) {
                    if (word.isEmpty()) continue;
                    assertTrue(shown.contains(" " + word + " ") || shown.contains(" " + word + "\n"),
                            c.getCommandName() + ": `" + word + "` is broken in its --help:\n" + c.getUsageMessage(CommandLine.Help.Ansi.OFF));
                }
            }
        }
    }

    private static void collect(CommandLine c, List<CommandLine> out) {
        out.add(c);
        for (CommandLine sub : c.getSubcommands().values()) if (!out.contains(sub)) collect(sub, out);
    }
}
