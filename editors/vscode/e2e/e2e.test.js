// The extension in a real VS Code: code-server installs shyperc.vsix, headless Chromium (Debian's)
// opens a workspace with a .shy file that has an error, and the test checks what a person sees:
// the file highlighted by the extension's grammar, the diagnostic of the real `shyperc lsp` in the
// Problems panel, and the server's hover text. Screenshots go to cli/target/vscode-e2e/ (or
// $SHYPERC_E2E_OUT). Needs cli/target/shyperc.jar and ../shyperc.vsix (mvn verify builds both
// first), Chromium at /usr/bin/chromium (or $CHROMIUM) and `npm` to install the dependencies
// (install.js). A missing piece fails the test; nothing here skips.
"use strict";
const { describe, it, before, after } = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const http = require("node:http");
const net = require("node:net");
const os = require("node:os");
const path = require("node:path");
const { spawn, spawnSync } = require("node:child_process");
const { depsDir, install } = require("./install.js");

const ROOT = path.resolve(__dirname, "..", "..", "..");
const JAR = path.join(ROOT, "cli", "target", "shyperc.jar");
const VSIX = path.join(__dirname, "..", "shyperc.vsix");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const OUT = process.env.SHYPERC_E2E_OUT || path.join(ROOT, "cli", "target", "vscode-e2e");
const JAVA = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, "bin", "java") : "java";
// Without the background-networking switches Chromium keeps dialling out (component updates,
// sync, QUIC probes), which a closed network answers slowly or not at all.
const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const STEP = 60_000; // ms for any one thing to appear on a loaded two-core machine

const DEMO = `// shyperc's VS Code end-to-end test: \`rtcc\` is not a device of the board.
import "qemu-virt.shy"

system demo for qemu-virt {
    vm mvm : linux management {
        cpus [0]
        memory @ 0x8000_0000 size 512 MiB
        kernel "Image" @ 0x8020_0000
        passthrough rtcc
    }
    vm rt : baremetal {
        cpus [1, 2]
        memory @ 0x0 size 64 MiB at pa 0x7000_0000
        kernel "rt.bin" @ 0x0
        passthrough gpio
    }
}
`;

let tmp, server, serverLog = "", context, page, url;

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

function get(u) {
  return new Promise((resolve) => {
    http.get(u, (res) => { res.resume(); resolve(res.statusCode); }).on("error", () => resolve(0));
  });
}

async function until(what, probe, ms = STEP) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}\n--- code-server log ---\n${serverLog}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function shot(name) {
  const file = path.join(OUT, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(`screenshot: ${file}`);
}

function codeServer(deps) {
  return path.join(deps, "node_modules", "code-server", "out", "node", "entry.js");
}

describe("VS Code (code-server) with the shyperc extension", { timeout: 6 * STEP }, () => {
  before(async () => {
    for (const [what, file] of [["the language server jar (build cli first)", JAR],
      ["the extension (npm run package)", VSIX], ["Chromium (Debian's chromium)", CHROMIUM]]) {
      assert.ok(fs.existsSync(file), `${what} is missing: ${file}`);
    }
    const deps = install(); // already done by `npm test`/Maven; installs here when run alone
    const { chromium } = require(path.join(deps, "node_modules", "playwright-core"));
    fs.rmSync(OUT, { recursive: true, force: true });
    fs.mkdirSync(OUT, { recursive: true });

    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "shyperc-vscode-e2e-"));
    const ws = path.join(tmp, "workspace");
    const userData = path.join(tmp, "user-data");
    const extensions = path.join(tmp, "extensions");
    const config = path.join(tmp, "config.yaml");
    fs.mkdirSync(ws);
    fs.mkdirSync(path.join(userData, "User"), { recursive: true });
    fs.copyFileSync(path.join(ROOT, "boards", "qemu-virt.shy"), path.join(ws, "qemu-virt.shy"));
    fs.writeFileSync(path.join(ws, "demo.shy"), DEMO);
    fs.writeFileSync(config, "# The rest is on the command line; this file keeps code-server off ~/.config.\ndisable-telemetry: true\n");
    fs.writeFileSync(path.join(userData, "User", "settings.json"), JSON.stringify({
      "shyperc.command": [JAVA, "-jar", JAR, "lsp"],
      "workbench.startupEditor": "none",
      "workbench.tips.enabled": false,
      "security.workspace.trust.enabled": false,
      "telemetry.telemetryLevel": "off",
      "update.mode": "none",
      "extensions.autoCheckUpdates": false,
      "extensions.autoUpdate": false,
      "extensions.ignoreRecommendations": true,
      "git.enabled": false,
      "editor.hover.delay": 300,
    }, null, 2));
    // code-server keeps its own state under XDG folders; keep them in the scratch folder too.
    const env = { ...process.env, XDG_DATA_HOME: path.join(tmp, "xdg-data"), XDG_CONFIG_HOME: path.join(tmp, "xdg-config"),
      XDG_CACHE_HOME: path.join(tmp, "xdg-cache") };
    const common = ["--user-data-dir", userData, "--extensions-dir", extensions, "--config", config];

    const inst = spawnSync(process.execPath, [codeServer(deps), ...common, "--install-extension", VSIX],
      { env, encoding: "utf8", timeout: STEP });
    assert.strictEqual(inst.status, 0, `--install-extension failed:\n${inst.stdout}\n${inst.stderr}`);
    assert.match(inst.stdout, /shyperc.*successfully installed/, inst.stdout);

    const port = await freePort();
    server = spawn(process.execPath, [codeServer(deps), ...common, "--auth", "none", "--bind-addr", `127.0.0.1:${port}`,
      "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust", "--ignore-last-opened", ws],
    { env, stdio: ["ignore", "pipe", "pipe"] });
    for (const s of [server.stdout, server.stderr]) s.on("data", (d) => { serverLog += d; });
    let exited = null;
    server.on("exit", (code) => { exited = code; });
    await until("code-server to listen", async () => {
      if (exited !== null) throw new Error(`code-server exited with ${exited}\n${serverLog}`);
      return (await get(`http://127.0.0.1:${port}/healthz`)) === 200;
    });
    url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`;

    context = await chromium.launchPersistentContext(path.join(tmp, "chromium-profile"), {
      executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, viewport: { width: 1400, height: 850 },
    });
    page = context.pages()[0] || await context.newPage();
    page.setDefaultTimeout(STEP);
    await page.goto(url);
    await page.locator(".monaco-workbench").waitFor();
    // Open the file the way a person does: a click in the Explorer.
    await page.locator(".explorer-folders-view .monaco-list-row", { hasText: "demo.shy" }).click();
    await page.locator(".monaco-editor .view-line", { hasText: "passthrough rtcc" }).waitFor();
  });

  after(async () => {
    if (context) await context.close();
    if (server && server.exitCode === null) {
      server.kill("SIGTERM");
      await new Promise((r) => { server.once("exit", r); setTimeout(r, 10_000); });
    }
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("highlights the .shy file with the extension's grammar", async () => {
    // The language mode in the status bar is the extension's `shy` language...
    await page.locator("#status\\.editor\\.mode", { hasText: "Shy" }).waitFor();
    // ...and Monaco's tokens carry the grammar's colours: one <span class="mtkN"> per run of
    // tokens of one colour. The grammar's tokens arrive asynchronously; until then every span
    // is plain text (mtk1), so wait for the first line's comment to be coloured.
    const snapshot = () => page.$$eval(".monaco-editor .view-lines .view-line", (els) => els
      .map((l) => ({ top: parseFloat(l.style.top), tokens: [...l.querySelectorAll("span > span")]
        .map((s) => ({ text: s.textContent.replace(/\u00a0/g, " "), cls: [...s.classList].find((c) => /^mtk\d+$/.test(c)) })) }))
      .sort((a, b) => a.top - b.top));
    const classOf = (lines, lineStart, text) => {
      const line = lines.find((l) => l.tokens.map((t) => t.text).join("").trim().startsWith(lineStart));
      assert.ok(line, `no editor line starts with ${lineStart}`);
      const t = line.tokens.find((x) => x.text.trim() === text || (text === "//" && x.text.trim().startsWith("//")));
      assert.ok(t, `no token ${text} on line ${lineStart}: ${JSON.stringify(line.tokens)}`);
      return t.cls;
    };
    const lines = await until("the grammar's colours", async () => {
      const now = await snapshot();
      return classOf(now, "// shyperc's", "//") !== "mtk1" ? now : null;
    });
    await shot("1-highlighting");
    const token = (lineStart, text) => classOf(lines, lineStart, text);
    const comment = token("// shyperc's", "//");
    const importKw = token("import", "import");
    const str = token("import", "\"qemu-virt.shy\"");
    const vmKw = token("vm mvm", "vm");
    const vmName = token("vm mvm", "mvm");
    const number = token("memory @ 0x8000_0000", "0x8000_0000");
    const unit = token("memory @ 0x8000_0000", "MiB");
    const device = token("passthrough rtcc", "rtcc");
    console.log(`token classes: comment ${comment}, import ${importKw}, string ${str}, vm ${vmKw}, VM name ${vmName}, `
      + `number ${number}, unit ${unit}, device ${device}`);
    // Plain text is mtk1 throughout. The grammar leaves a device reference in the default colour
    // and gives comments, keywords, strings, numbers, units and declared names their own.
    assert.strictEqual(device, "mtk1", "a device reference is plain text");
    for (const [what, cls] of Object.entries({ comment, importKw, str, vmKw, vmName, number, unit })) {
      assert.notStrictEqual(cls, "mtk1", `${what} is not coloured`);
    }
    assert.strictEqual(new Set([comment, str, vmKw, vmName, number]).size, 5,
      `comment, string, keyword, VM name and number share colours: ${[comment, str, vmKw, vmName, number]}`);
  });

  it("lists the language server's diagnostic in the Problems panel", async () => {
    // The red squiggle under the misspelt device, then the Problems panel from the status bar.
    await page.locator(".monaco-editor .squiggly-error").first().waitFor();
    await page.locator("#status\\.problems").click();
    const row = page.locator(".markers-panel .monaco-list-row", { hasText: "SHY0203" });
    await row.waitFor();
    const text = await row.innerText();
    await shot("2-problems");
    console.log(`problems row: ${text.replace(/\s+/g, " ")}`);
    assert.match(text, /Board `qemu-virt` has no device `rtcc`\./);
    assert.match(text, /shyperc\s*\(?SHY0203\)?/); // source and code, drawn as shyperc(SHY0203)
    assert.match(text, /\[Ln 9, Col 21\]/);
    // The warnings for the missing kernels are there too, and nothing else is an error.
    const all = await page.locator(".markers-panel .monaco-list-row").allInnerTexts();
    assert.ok(all.some((t) => t.includes("SHY0701")), `no SHY0701 warning among ${all}`);
  });

  it("shows the server's hover text for a device", async () => {
    // Monaco draws a run of tokens of one colour as one <span>, so find the word's own box.
    const box = await page.evaluate(([lineText, word]) => {
      for (const line of document.querySelectorAll(".monaco-editor .view-lines .view-line")) {
        const text = line.textContent.replace(/\u00a0/g, " ");
        if (!text.includes(lineText)) continue;
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const at = n.textContent.replace(/\u00a0/g, " ").indexOf(word);
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(n, at);
          range.setEnd(n, at + word.length);
          const r = range.getBoundingClientRect();
          return { x: r.x, y: r.y, width: r.width, height: r.height };
        }
      }
      return null;
    }, ["passthrough gpio", "gpio"]);
    assert.ok(box, "the `gpio` of `passthrough gpio` is not on screen");
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const hover = page.locator(".monaco-hover .hover-contents", { hasText: "arm,pl061" });
    await hover.first().waitFor();
    const text = await hover.first().innerText();
    // The hover fades in; take the picture once it is opaque.
    await until("the hover to fade in", () => page.$eval(".monaco-hover",
      (h) => getComputedStyle(h).opacity === "1" && getComputedStyle(h.closest(".monaco-hover").parentElement).opacity === "1"));
    await page.waitForTimeout(300);
    await shot("3-hover");
    console.log(`hover: ${text.replace(/\s+/g, " ")}`);
    assert.match(text, /device gpio of board qemu-virt/);
    assert.match(text, /compatible: arm,pl061/);
    assert.match(text, /reg: 0x0903_0000/);
    assert.match(text, /owner: rt in demo/);
  });
});
