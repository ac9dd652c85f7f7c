package org.shyperc.cli.lsp;

import java.util.List;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.services.WorkspaceService;

/** Nothing to configure; a file changed on disk (a board saved elsewhere) re-checks the open documents that read it. */
final class ShyWorkspaceService implements WorkspaceService {
    private final ShyTextDocumentService documents;

    ShyWorkspaceService(ShyTextDocumentService documents) { this.documents = documents; }

    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) { }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) { documents.filesChanged(params.getChanges() == null ? List.of() : params.getChanges()); }
}
