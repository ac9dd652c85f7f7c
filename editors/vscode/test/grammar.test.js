// Tokenises every example and board with the extension's TextMate grammar (vscode-textmate +
// vscode-oniguruma, the engine VS Code uses) and checks the scopes of comments, strings, sized
// numbers and statement keywords against a small independent reading of each line.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const vsctm = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

const ROOT = path.resolve(__dirname, "../../..");
const GRAMMAR = path.join(__dirname, "../syntaxes/shy.tmLanguage.json");
// The grammar's keyword tokens (Shy.g4); names may also be spelled like these.
const KEYWORDS = new Set(("import board system for on vm arch compatible model cpus mpidr enable-method memory size gic plic timer irq "
  + "device dt-path dma iommu stream property hypervisor at pa kernel entry initrd dtb bootargs passthrough virtio "
  + "console shared rw ro to "
  + "doorbell with "
  // memory attributes
  + "nocache hugepages "
  // cache colouring
  + "colours "
  // VM lifecycle
  + "start watchdog").split(" "));
const UNITS = ["KiB", "MiB", "GiB", "TiB"];

async function loadGrammar() {
  const wasm = fs.readFileSync(path.join(path.dirname(require.resolve("vscode-oniguruma")), "onig.wasm")).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) => scope === "source.shy"
      ? vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR, "utf8"), GRAMMAR) : null,
  });
  return registry.loadGrammar("source.shy");
}

function shyFiles() {
  const out = [];
  for (const dir of ["boards", "examples"]) {
    const walk = (d) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith(".shy")) out.push(p);
      }
    };
    walk(path.join(ROOT, dir));
  }
  return out.sort();
}

function tokenize(grammar, text) {
  let stack = vsctm.INITIAL;
  return text.split("\n").map((line) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return { line, tokens: r.tokens };
  });
}

/** The scopes of the token covering column `col`. */
function scopesAt(tokens, col) {
  const t = tokens.find((x) => x.startIndex <= col && col < x.endIndex);
  return t ? t.scopes : [];
}

/** Independent reading of one line: string ranges, the comment start, in a block comment or not. */
function readLine(line, inBlock) {
  const strings = [];
  let comment = -1;
  let i = 0;
  const blockRanges = [];
  let blockStart = inBlock ? 0 : -1;
  while (i < line.length) {
    if (blockStart >= 0) {
      const end = line.indexOf("*/", i);
      if (end < 0) { blockRanges.push([blockStart, line.length]); return { strings, comment, blockRanges, inBlock: true }; }
      blockRanges.push([blockStart, end + 2]);
      blockStart = -1;
      i = end + 2;
    } else if (line.startsWith("//", i)) { comment = i; break; }
    else if (line.startsWith("/*", i)) { blockStart = i; i += 2; }
    else if (line[i] === "\"") {
      let j = i + 1;
      while (j < line.length && line[j] !== "\"") j += line[j] === "\\" ? 2 : 1;
      strings.push([i, Math.min(j + 1, line.length)]);
      i = j + 1;
    } else i++;
  }
  if (blockStart >= 0) blockRanges.push([blockStart, line.length]);
  return { strings, comment, blockRanges, inBlock: blockStart >= 0 };
}

test("every board and example tokenises with the right scopes", async () => {
  const grammar = await loadGrammar();
  const files = shyFiles();
  assert.ok(files.length >= 2, "no .shy files found under boards/ and examples/");
  const counts = { comment: 0, string: 0, sized: 0, keyword: 0 };
  for (const file of files) {
    let inBlock = false;
    for (const [n, { line, tokens }] of tokenize(grammar, fs.readFileSync(file, "utf8")).entries()) {
      const where = `${path.relative(ROOT, file)}:${n + 1}`;
      const r = readLine(line, inBlock);
      inBlock = r.inBlock;
      if (r.comment >= 0) {
        for (let c = r.comment; c < line.length; c++) {
          assert.ok(scopesAt(tokens, c).some((s) => s.startsWith("comment.line.double-slash")), `${where}:${c + 1} not a comment`);
        }
        counts.comment++;
      }
      for (const [a, b] of r.blockRanges) {
        for (let c = a; c < b; c++) assert.ok(scopesAt(tokens, c).some((s) => s.startsWith("comment.block")), `${where}:${c + 1}`);
        counts.comment++;
      }
      for (const [a, b] of r.strings) {
        for (let c = a; c < b; c++) {
          assert.ok(scopesAt(tokens, c).includes("string.quoted.double.shy"), `${where}:${c + 1} not in a string`);
        }
        counts.string++;
      }
      let code = r.comment >= 0 ? line.slice(0, r.comment) : line;
      for (const [a, b] of [...r.strings, ...r.blockRanges]) code = code.slice(0, a) + " ".repeat(b - a) + code.slice(b);
      for (const m of code.matchAll(/(?<![\w-])(0x[0-9a-fA-F_]+|0b[01_]+|[0-9][0-9_]*)\s*(KiB|MiB|GiB|TiB)(?![\w-])/g)) {
        assert.ok(scopesAt(tokens, m.index).includes("constant.numeric.integer.shy"), `${where}: ${m[0]} number`);
        const unitAt = m.index + m[0].length - m[2].length;
        assert.ok(scopesAt(tokens, unitAt).includes("keyword.other.unit.shy"), `${where}: ${m[0]} unit`);
        counts.sized++;
      }
      const first = /^\s*([A-Za-z_][\w-]*)/.exec(code);
      if (first && !UNITS.includes(first[1])) {
        const col = first[0].length - first[1].length;
        const isKeyword = scopesAt(tokens, col).some((s) => s.startsWith("keyword.") || s.startsWith("storage."));
        assert.strictEqual(isKeyword, KEYWORDS.has(first[1]), `${where}: \`${first[1]}\` keyword scope is ${isKeyword}`);
        if (isKeyword) counts.keyword++;
      }
    }
  }
  for (const [what, n] of Object.entries(counts)) assert.ok(n > 0, `no ${what} was checked`);
  console.log(`checked ${files.length} files:`, counts);
});

test("each kind of token gets its scope", async () => {
  const grammar = await loadGrammar();
  const line = "device virtio-mmio0 \"virtio,\\\"mmio\" @ 0x0a00_0000 size 4KiB irq [48..55, 0b101] { dma } /* b */ // c";
  const { tokens } = tokenize(grammar, line)[0];
  const scopeOf = (text, nth = 0) => {
    let at = -1;
    for (let k = 0; k <= nth; k++) at = line.indexOf(text, at + 1);
    return scopesAt(tokens, at);
  };
  assert.ok(scopeOf("device").includes("storage.type.shy"));
  assert.ok(scopeOf("virtio-mmio0").includes("entity.name.type.shy"));
  assert.ok(scopeOf("\\\"").includes("constant.character.escape.shy"));
  assert.ok(scopeOf("0x0a00").includes("constant.numeric.hex.shy"));
  assert.ok(scopeOf("4KiB").includes("constant.numeric.integer.shy"));
  assert.ok(scopeOf("KiB").includes("keyword.other.unit.shy"));
  assert.ok(scopeOf("..").includes("keyword.operator.range.shy"));
  assert.ok(scopeOf("0b101").includes("constant.numeric.binary.shy"));
  assert.ok(scopeOf("dma").includes("keyword.other.shy"));
  assert.ok(scopeOf("/* b */").includes("comment.block.shy"));
  assert.ok(scopeOf("// c").includes("comment.line.double-slash.shy"));
  assert.ok(!scopeOf("mmio0").some((s) => s.startsWith("keyword")), "part of a hyphenated name is not a keyword");

  const vm = tokenize(grammar, "vm mvm : linux management {")[0].tokens;
  const at = (text) => scopesAt(vm, "vm mvm : linux management {".indexOf(text));
  assert.ok(at("linux").includes("support.type.vm-kind.shy"));
  assert.ok(at("management").includes("storage.modifier.management.shy"));
  const imp = "import board \"rpi4\" // library";
  const impTokens = tokenize(grammar, imp)[0].tokens;
  const inImport = (text) => scopesAt(impTokens, imp.indexOf(text));
  assert.ok(inImport("import").includes("keyword.control.import.shy"));
  assert.ok(inImport("board").includes("keyword.control.import.shy"), "`board` in `import board` is part of the import");
  assert.ok(inImport("rpi4").includes("string.quoted.double.shy"));
  assert.ok(!inImport("rpi4").some((s) => s.startsWith("entity.name")), "the board's name is a string, not a declaration");
  const decl = tokenize(grammar, "board rpi4 {")[0].tokens;
  assert.ok(scopesAt(decl, 0).includes("storage.type.shy"), "a board declaration is unchanged");
  const key = tokenize(grammar, "    hyp-interface @ 0x0803_0000 size 64 KiB")[0].tokens;
  assert.ok(scopesAt(key, 4).includes("variable.other.key.shy"));
});
