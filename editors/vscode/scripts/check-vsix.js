// Run after `npm run package`: the .vsix holds the manifest, grammar, language configuration,
// client and its runtime dependency, and none of the test tooling.
"use strict";
const assert = require("node:assert");
const path = require("node:path");
const yauzl = require("yauzl");

const vsix = path.join(__dirname, "..", "shyperc.vsix");
const names = [];
yauzl.open(vsix, { lazyEntries: true }, (err, zip) => {
  assert.ifError(err);
  zip.on("entry", (e) => { names.push(e.fileName); zip.readEntry(); });
  zip.on("end", () => {
    for (const want of ["extension/package.json", "extension/syntaxes/shy.tmLanguage.json",
      "extension/language-configuration.json", "extension/src/extension.js",
      "extension/node_modules/vscode-languageclient/package.json"]) {
      assert.ok(names.includes(want), `${want} missing from ${vsix}`);
    }
    for (const unwanted of ["extension/test/", "extension/e2e/", "extension/node_modules/vscode-textmate/", "extension/node_modules/@vscode/vsce/"]) {
      assert.ok(!names.some((n) => n.startsWith(unwanted)), `${unwanted} should not be packaged`);
    }
    console.log(`${path.basename(vsix)}: ${names.length} entries, contents as expected`);
  });
  zip.readEntry();
});
