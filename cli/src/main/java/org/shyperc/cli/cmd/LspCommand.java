package org.shyperc.cli.cmd;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.shyperc.cli.lsp.ShyLanguageServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `shyperc lsp`: the language server on standard input and output. */
@Command(name = "lsp", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = "Run the language server (LSP over standard input and output) for editors.")
public final class LspCommand implements Callable<Integer> {
    @Option(names = "--debounce", paramLabel = "MS", defaultValue = "150",
            description = "Milliseconds of quiet after an edit before diagnostics are recomputed (default: ${DEFAULT-VALUE}).")
    long debounce;

    @Mixin
    BoardPathOptions boardPath = new BoardPathOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        InputStream in = System.in;
        OutputStream out = System.out;
        // Standard output carries the protocol: anything else printed there would corrupt it.
        System.setOut(new PrintStream(System.err, true));
        ShyLanguageServer[] server = new ShyLanguageServer[1];
        server[0] = new ShyLanguageServer(Path.of("").toAbsolutePath(), boardPath.path(spec.commandLine()), debounce,
                () -> System.exit(server[0].isShutdown() ? 0 : 1));
        Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(server[0], in, out);
        server[0].connect(launcher.getRemoteProxy());
        launcher.startListening().get(); // returns when the client closes the stream
        return 0;
    }
}
