// The VS Code side of shyperc: starts `shyperc lsp` (setting `shyperc.command`) for .shy files.
// Everything else (diagnostics, hover, definition, completion, outline, formatting, rename)
// comes from the server, which runs the same compiler as `shyperc check`.
"use strict";
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("shyperc").get("command") || ["shyperc", "lsp"];
  const server = { command: command[0], args: command.slice(1) };
  client = new LanguageClient("shyperc", "shyperc", server, {
    documentSelector: [{ scheme: "file", language: "shy" }],
  });
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
