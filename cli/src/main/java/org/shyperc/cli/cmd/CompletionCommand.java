package org.shyperc.cli.cmd;

import java.util.concurrent.Callable;
import org.shyperc.cli.Main;
import picocli.AutoComplete;
import picocli.CommandLine.Model.CommandSpec;

/** `shyperc completion`: a bash (and zsh, through bashcompinit) completion script from the CLI's own model. */
public final class CompletionCommand implements Callable<Integer> {
    private final CommandSpec spec = Specs.command(this, "completion", "Print a completion script for bash and zsh.",
            "Save it as /etc/bash_completion.d/shyperc, or use it with `source <(shyperc completion)`. zsh needs "
                    + "`autoload -U +X bashcompinit && bashcompinit` first.");

    public CommandSpec spec() { return Specs.done(spec); }

    @Override
    public Integer call() {
        // A fresh model of the whole command line, so every command and option is in the script.
        spec.commandLine().getOut().print(AutoComplete.bash("shyperc", Main.commandLine()));
        spec.commandLine().getOut().flush();
        return Main.OK;
    }
}
