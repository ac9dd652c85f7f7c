package org.shyperc.cli.cmd;

import java.util.concurrent.Callable;
import org.shyperc.cli.Main;
import picocli.CommandLine.Model.CommandSpec;

/** `shyperc man`: the manual page shyperc(1) in roff, from the CLI's own model. */
public final class ManCommand implements Callable<Integer> {
    private final CommandSpec spec = Specs.command(this, "man", "Print the manual page shyperc(1) (roff).",
            "View it with `shyperc man | man -l -`, or install it as man1/shyperc.1.");

    public CommandSpec spec() { return Specs.done(spec); }

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(ManPage.of(Main.commandLine()));
        spec.commandLine().getOut().flush();
        return Main.OK;
    }
}
