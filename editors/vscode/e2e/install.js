// Installs this folder's package-lock.json (code-server and playwright-core) once per lock and
// Node.js major into ~/.cache/shyperc/vscode-e2e/<key>, where e2e.test.js finds it. code-server
// builds native modules on install (about two minutes on two cores), so a clean checkout must
// not pay that on every `mvn verify`; a changed lock or Node.js major installs afresh.
//
// code-server's install needs three things its defaults do not give on a machine that reaches
// only the npm registry and Debian:
// - ripgrep: @vscode/ripgrep downloads rg from GitHub unless its download cache
//   ($TMPDIR/vscode-ripgrep-cache-<version>/) already holds the archive; we put Debian's rg
//   (package `ripgrep`) there, so VS Code searches with it.
// - Node.js: code-server 4.89.1 is built for Node 18 and refuses another major unless
//   FORCE_NODE_VERSION names it; Node 20 runs it (checked by this test).
// - kerberos 2.0.1 (VS Code's proxy authentication) compiles against Node's current N-API
//   headers only with the opt-out macros Node provides for older node-addon-api code.
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { execFileSync } = require("node:child_process");

const RIPGREP_PACKAGE = "1.15.9"; // @vscode/ripgrep in code-server 4.89.1's lib/vscode shrinkwrap
const RIPGREP_ASSET = "ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz";

function major() {
  return Number(process.versions.node.split(".")[0]);
}

function depsDir() {
  const lock = fs.readFileSync(path.join(__dirname, "package-lock.json"));
  const key = crypto.createHash("sha256").update(lock).update(`node${major()}-${process.arch}`)
    .digest("hex").slice(0, 16);
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(cache, "shyperc", "vscode-e2e", key);
}

const MARKER = ".installed";

function installed() {
  return fs.existsSync(path.join(depsDir(), MARKER));
}

function which(cmd) {
  for (const dir of (process.env.PATH || "").split(path.delimiter)) {
    const p = path.join(dir, cmd);
    try { fs.accessSync(p, fs.constants.X_OK); return p; } catch { /* next */ }
  }
  return null;
}

function install() {
  const target = depsDir();
  if (installed()) {
    console.log(`vscode-e2e: dependencies already installed in ${target}`);
    return target;
  }
  if (process.arch !== "x64") throw new Error(`vscode-e2e: ripgrep is seeded for x64 only, not ${process.arch}`);
  const rg = which("rg");
  if (!rg) throw new Error("vscode-e2e: `rg` is not on PATH; install Debian's `ripgrep` (scripts/install-deps.sh does)");
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Install beside the target and rename at the end: a concurrent build or an interrupted one
  // never leaves a half-installed folder where the test looks.
  const work = fs.mkdtempSync(`${target}.tmp-`);
  try {
    for (const f of ["package.json", "package-lock.json"]) fs.copyFileSync(path.join(__dirname, f), path.join(work, f));
    const tmp = path.join(work, ".tmp");
    const rgCache = path.join(tmp, `vscode-ripgrep-cache-${RIPGREP_PACKAGE}`);
    const stage = path.join(tmp, "rg-stage");
    fs.mkdirSync(rgCache, { recursive: true });
    fs.mkdirSync(stage);
    fs.symlinkSync(rg, path.join(stage, "rg"));
    execFileSync("tar", ["czf", path.join(rgCache, RIPGREP_ASSET), "-C", stage, "rg"]);
    const env = {
      ...process.env,
      TMPDIR: tmp,
      CXXFLAGS: `${process.env.CXXFLAGS || ""} -DNODE_API_EXPERIMENTAL_NOGC_ENV_OPT_OUT -DNODE_API_EXPERIMENTAL_BASIC_ENV_OPT_OUT`.trim(),
      npm_config_unsafe_perm: "true", // code-server's postinstall insists on it when run as root
    };
    if (major() !== 18) env.FORCE_NODE_VERSION = String(major());
    const started = Date.now();
    console.log(`vscode-e2e: npm ci in ${work} (Node ${process.versions.node}); builds code-server's native modules`);
    execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: work, env, stdio: "inherit" });
    const rgLink = path.join(work, "node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg");
    if (!fs.existsSync(rgLink)) throw new Error(`vscode-e2e: ${rgLink} missing after install`);
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.writeFileSync(path.join(work, MARKER), `node ${process.versions.node}, ${new Date().toISOString()}\n`);
    try {
      fs.renameSync(work, target);
    } catch (e) {
      if (!installed()) throw e; // another build finished first; keep its copy
      fs.rmSync(work, { recursive: true, force: true });
    }
    console.log(`vscode-e2e: installed in ${Math.round((Date.now() - started) / 1000)} s into ${target}`);
    return target;
  } catch (e) {
    fs.rmSync(work, { recursive: true, force: true });
    throw e;
  }
}

module.exports = { depsDir, installed, install };

if (require.main === module) install();
