package org.shyperc.cli.cmd;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.shyperc.cli.lsp.OneLineLog;
import org.shyperc.cli.lsp.ServerLauncher;
import org.shyperc.cli.lsp.ShyLanguageServer;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** `shyperc lsp`: the language server on standard input and output. */
public final class LspCommand implements Callable<Integer> {
    private final CommandSpec spec = Specs.command(this, "lsp", "Run the language server (LSP over standard input and output) for editors.");
    private final OptionSpec debounceOption = Specs.option(spec, OptionSpec.builder("--debounce").paramLabel("MS").type(long.class)
            .defaultValue("150").description("Milliseconds of quiet after an edit before diagnostics are recomputed (default: ${DEFAULT-VALUE})."));
    private final BoardPathOptions boardPath = new BoardPathOptions(spec);

    public CommandSpec spec() { return Specs.done(spec); }

    @Override
    public Integer call() throws Exception {
        long debounce = debounceOption.getValue();
        if (debounce < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "`--debounce` is a number of milliseconds, 0 or more, not "
                    + debounce + ".");
        }
        InputStream in = System.in;
        OutputStream out = System.out;
        // Standard output carries the protocol: anything else printed there would corrupt it.
        System.setOut(new PrintStream(System.err, true));
        OneLineLog.install();
        ShyLanguageServer[] server = new ShyLanguageServer[1];
        server[0] = new ShyLanguageServer(Path.of("").toAbsolutePath(), boardPath.path(spec.commandLine()), debounce,
                () -> System.exit(server[0].isShutdown() ? 0 : 1));
        Launcher<LanguageClient> launcher = ServerLauncher.create(server[0], in, out);
        server[0].connect(launcher.getRemoteProxy());
        launcher.startListening().get(); // returns when the client closes the stream
        return 0;
    }
}
