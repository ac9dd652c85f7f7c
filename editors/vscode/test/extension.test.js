// The client's activation without VS Code: a stand-in `vscode` module records what the
// extension asks for, and vscode-languageclient's LanguageClient is replaced by a recorder,
// so the test sees the server command and document selector the real client would get.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const Module = require("node:module");

function loadExtension(configured) {
  const started = [];
  const fakeVscode = {
    workspace: { getConfiguration: (section) => ({ get: (key) => (section === "shyperc" && key === "command" ? configured : undefined) }) },
  };
  class RecordingClient {
    constructor(id, name, server, options) { Object.assign(this, { id, name, server, options }); started.push(this); }
    start() { this.running = true; return Promise.resolve(); }
    stop() { this.running = false; return Promise.resolve(); }
  }
  const original = Module._load;
  Module._load = function (request, parent, isMain) {
    if (request === "vscode") return fakeVscode;
    if (request === "vscode-languageclient/node") return { LanguageClient: RecordingClient };
    return original.call(this, request, parent, isMain);
  };
  try {
    delete require.cache[require.resolve("../src/extension.js")];
    return { extension: require("../src/extension.js"), started };
  } finally {
    Module._load = original;
  }
}

test("activation starts `shyperc lsp` for .shy files on disk", async () => {
  const { extension, started } = loadExtension(undefined);
  const context = { subscriptions: [] };
  await extension.activate(context);
  assert.strictEqual(started.length, 1);
  assert.deepStrictEqual(started[0].server, { command: "shyperc", args: ["lsp"] });
  assert.deepStrictEqual(started[0].options.documentSelector, [{ scheme: "file", language: "shy" }]);
  assert.ok(started[0].running);
  await extension.deactivate();
  assert.ok(!started[0].running);
});

test("the shyperc.command setting replaces the server command", async () => {
  const { extension, started } = loadExtension(["java", "-jar", "/opt/shyperc.jar", "lsp"]);
  await extension.activate({ subscriptions: [] });
  assert.deepStrictEqual(started[0].server, { command: "java", args: ["-jar", "/opt/shyperc.jar", "lsp"] });
});

test("the manifest wires the language, grammar and configuration together", () => {
  const pkg = require("../package.json");
  const lang = pkg.contributes.languages[0];
  assert.deepStrictEqual(lang.extensions, [".shy"]);
  assert.strictEqual(pkg.contributes.grammars[0].language, lang.id);
  assert.strictEqual(pkg.contributes.grammars[0].scopeName, require("../syntaxes/shy.tmLanguage.json").scopeName);
  const conf = require("../language-configuration.json");
  assert.strictEqual(conf.comments.lineComment, "//");
  assert.deepStrictEqual(conf.brackets, [["{", "}"], ["[", "]"]]);
});
