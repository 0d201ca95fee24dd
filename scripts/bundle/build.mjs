#!/usr/bin/env node
/*
 * `make build`, second step: bundles tsc's output (dist/cli/main.js and everything it imports,
 * yargs included) into dist/bin/vpcgate.js plus lazily loaded chunks beside it, with esbuild
 * (its WebAssembly build: no native binary, no install script). Why: Node's ESM loader costs about
 * half a millisecond per module, and `check` loaded ~250 of them before doing any work (issue 7,
 * docs/performance.md). Lazy `import()`s stay lazy (code splitting). Packages that are CommonJS or
 * load files relative to themselves (the OPA SDK, the HCL parser's Go Wasm, yaml) stay external.
 * Every chunk sits two directories below the package root, like every module of dist/, so
 * src/meta/package.ts finds policies/ and wasm/ from any of them. `string-width` (yargs's help
 * layout) is replaced by scripts/bundle/string-width.mjs, which loads the real one only for
 * non-ASCII text.
 * Input: dist/ from tsc. Output: dist/bin/. Prints the bundle's size.
 */

import { build } from "esbuild-wasm";
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const widthShim = join(here, "string-width.mjs");

/** lazyStringWidth sends every `string-width` import except the shim's own to the shim. */
const lazyStringWidth = {
  name: "lazy-string-width",
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, (a) => (a.importer === widthShim ? undefined : { path: widthShim }));
  },
};
const outdir = join(root, "dist", "bin");
rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: { vpcgate: join(root, "dist", "cli", "main.js") },
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  outdir,
  chunkNames: "chunk-[hash]",
  external: ["@open-policy-agent/opa-wasm", "@cdktn/hcl2json", "yaml"],
  plugins: [lazyStringWidth],
  minifyWhitespace: true,
  minifySyntax: true,
  metafile: true,
  logLevel: "warning",
  legalComments: "eof",
});
const outputs = Object.entries(result.metafile.outputs);
const total = outputs.reduce((n, [, o]) => n + o.bytes, 0);
const entry = outputs.find(([p]) => p.endsWith("vpcgate.js"))?.[1].bytes ?? 0;
process.stdout.write(`dist/bin/vpcgate.js ${(entry / 1024).toFixed(0)} KiB (+ ${outputs.length - 1} lazy chunks, ${(total / 1024).toFixed(0)} KiB in all)\n`);
