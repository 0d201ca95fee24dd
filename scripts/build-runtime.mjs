#!/usr/bin/env node
// Builds the Wasm runtime (wasm/runtime/**/*.ts, AssemblyScript) into wasm/runtime.wasm and
// records a hash of its sources and build flags in wasm/runtime.hash, which a test compares.
// Usage: node scripts/build-runtime.mjs [--check] [--wat]  (--check: exit 1 if out of date;
// --wat: also write the text form to $TMPDIR/vpcgate-runtime.wat for inspection)
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, writeFileSync, existsSync } from "node:fs";
import { join, relative, dirname } from "node:path";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { spawnSync } from "node:child_process";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const srcDir = join(root, "wasm", "runtime");
const out = join(root, "wasm", "runtime.wasm");
const hashFile = join(root, "wasm", "runtime.hash");

export const FLAGS = [
  "--runtime", "stub", "--importMemory", "--noAssert", "-O3",
  "--use", "abort=wasm/runtime/abort/asAbort", "--noExportMemory",
];

function listSources(dir) {
  const files = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) files.push(...listSources(p));
    else if (e.name.endsWith(".ts")) files.push(p);
  }
  return files.sort();
}

export function sourceHash() {
  const h = createHash("sha256");
  h.update(FLAGS.join(" ") + "\n");
  for (const f of listSources(srcDir)) {
    h.update(relative(root, f).split("\\").join("/") + "\n");
    h.update(readFileSync(f));
  }
  return h.digest("hex");
}

const args = process.argv.slice(2);
const hash = sourceHash();
if (args.includes("--check")) {
  const recorded = existsSync(hashFile) ? readFileSync(hashFile, "utf8").trim() : "";
  if (recorded !== hash || !existsSync(out)) {
    console.error("wasm/runtime.wasm is out of date: run `make runtime`");
    process.exit(1);
  }
  process.exit(0);
}

// Entry files: index.ts and every builtins/*.ts (their exports become wasm exports).
const builtinsDir = join(srcDir, "builtins");
const entries = [join(srcDir, "index.ts")];
if (existsSync(builtinsDir)) entries.push(...listSources(builtinsDir));
const asc = join(root, "node_modules", "assemblyscript", "bin", "asc.js");
const wat = join(tmpdir(), "vpcgate-runtime.wat");
const extra = args.includes("--wat") ? ["--textFile", wat] : [];
const r = spawnSync(process.execPath, [asc, ...entries.map((e) => relative(root, e)), "--outFile", relative(root, out), ...FLAGS, ...extra], {
  cwd: root,
  stdio: "inherit",
});
if (r.status !== 0) process.exit(r.status ?? 1);
writeFileSync(hashFile, hash + "\n");
const size = readFileSync(out).length;
console.log(`wasm/runtime.wasm: ${size} bytes, sources ${hash.slice(0, 12)}`);
