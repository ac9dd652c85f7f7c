package org.shyperc.cli.cmd;

import java.util.List;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Each command builds its picocli model by hand rather than through picocli's annotations:
 * reading those (reflection over every field and method, a proxy class per annotation type)
 * was the larger part of picocli's start-up in a cold `shyperc check` (docs/decisions.md,
 * "Start-up"). A command keeps the specs of its options and reads their values in `call`.
 */
public final class Specs {
    private Specs() { }

    /** The model of command {@code name}, which runs {@code command}; {@link #done} adds -h and -V. */
    public static CommandSpec command(Object command, String name, String... description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(name);
        spec.usageMessage().description(description);
        return spec;
    }

    /**
     * {@code spec} with -h/--help and -V/--version after its own options, as picocli's
     * mixinStandardHelpOptions adds them (without the annotated class it reads them from).
     */
    public static CommandSpec done(CommandSpec spec) {
        if (spec.findOption("--help") == null) {
            spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit.").build());
            spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).description("Print version information and exit.").build());
        }
        return spec;
    }

    /** Adds {@code option} to {@code spec}. */
    public static OptionSpec option(CommandSpec spec, OptionSpec.Builder option) {
        OptionSpec o = option.build();
        spec.addOption(o);
        return o;
    }

    /** Adds {@code parameter} to {@code spec}. */
    public static PositionalParamSpec positional(CommandSpec spec, PositionalParamSpec.Builder parameter) {
        PositionalParamSpec p = parameter.build();
        spec.addPositional(p);
        return p;
    }

    /** The values of a repeatable option or parameter: empty when it was not given. */
    public static <T> List<T> values(ArgSpec arg) {
        List<T> v = arg.getValue();
        return v == null ? List.of() : v;
    }

    /** Whether a flag was given. */
    public static boolean flag(OptionSpec option) {
        return Boolean.TRUE.equals(option.getValue());
    }
}
