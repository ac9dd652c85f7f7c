package org.shyperc.cli.lsp;

import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.services.WorkspaceService;

/** Nothing to configure yet; files on disk are re-read on every analysis. */
final class ShyWorkspaceService implements WorkspaceService {
    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) { }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) { }
}
