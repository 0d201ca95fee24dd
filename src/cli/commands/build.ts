/*
 * `vpcgate build <paths..> -e <entrypoint>... -o <out>`: compiles Rego files (and directories of
 * them) with vpcgate's own compiler, like `opa build -t wasm`. out.wasm → the bare module; out.tar.gz
 * (or .tgz) → an OPA bundle with /policy.wasm, /data.json (from data.json files) and /.manifest.
 * Errors (read, parse, compile) exit 2 with every diagnostic printed.
 */

import { readFile, readdir, stat, writeFile } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import { writeBundle } from "../../bundle/bundle.js";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { DiagnosticError, diagnostic, renderDiagnostics } from "../../diagnostics/diagnostic.js";
import type { Command } from "../command.js";

/** buildCommand compiles policies to a Wasm module or bundle. */
export const buildCommand: Command = {
  command: "build <paths..>",
  describe: "compile Rego files or directories to an OPA Wasm bundle (.tar.gz) or module (.wasm)",
  builder: (y) =>
    y
      .positional("paths", { type: "string", array: true, describe: ".rego files, data .json files or directories" })
      .option("entrypoint", { alias: "e", type: "string", array: true, demandOption: true, describe: "entrypoint rule path, e.g. example/allow (repeatable; the first is id 0)" })
      .option("output", { alias: "o", type: "string", default: "bundle.tar.gz", describe: "output file: *.tar.gz/*.tgz for a bundle, *.wasm for the bare module" })
      .example("vpcgate build policies -e lambda/deny -o policy.tar.gz", "build a bundle like opa build -t wasm")
      .example("vpcgate build a.rego -e a/allow -o a.wasm", "write just the module"),
  handler: async (args, io) => {
    const paths = (args.paths as string[] | undefined) ?? [];
    const entrypoints = ((args.entrypoint as string[] | undefined) ?? []).map(normaliseEntrypoint);
    const out = String(args.output);
    const kind = out.endsWith(".wasm") ? "wasm" : out.endsWith(".tar.gz") || out.endsWith(".tgz") ? "bundle" : undefined;
    if (kind === undefined) usage(out, "the output must end in .tar.gz, .tgz or .wasm");
    if (entrypoints.length === 0 || entrypoints.some((e) => e === "")) usage(out, "at least one non-empty --entrypoint is required");
    const { sources, data, diagnostics } = await collect(paths, io.cwd);
    if (diagnostics.length > 0) throw new DiagnosticError(diagnostics);
    if (sources.length === 0) usage(paths.join(" "), "no .rego files found");
    const { compileRego } = await import("../../compile.js"); // lazy: other commands never load the compiler
    const { wasm, diagnostics: warnings } = compileRego(sources, entrypoints);
    if (warnings.length > 0) io.stderr(renderDiagnostics(warnings) + "\n");
    const bytes = kind === "wasm" ? wasm : writeBundle(wasm, entrypoints, data);
    try {
      await writeFile(resolve(io.cwd, out), bytes);
    } catch (e) {
      throw new DiagnosticError([diagnostic("input_read_error", `cannot write ${out}: ${message(e)}`, { file: out })]);
    }
    return 0;
  },
};

function usage(file: string, msg: string): never {
  throw new DiagnosticError([diagnostic("usage_error", msg, { file })]);
}

/** normaliseEntrypoint accepts `a/b`, `data.a.b` and `a.b`, returning `a/b`. */
export function normaliseEntrypoint(e: string): string {
  let s = e.trim();
  if (!s.includes("/")) s = s.split(".").join("/");
  return s.replace(/^data\//, "").replace(/^\/+|\/+$/g, "");
}

interface Collected {
  sources: { path: string; text: string }[];
  data: Record<string, unknown>;
  diagnostics: Diagnostic[];
}

/** collect reads every .rego file (skipping *_test.rego in directories) and merges data.json files. */
async function collect(paths: readonly string[], cwd: string): Promise<Collected> {
  const acc: Collected = { sources: [], data: {}, diagnostics: [] };
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let isDir: boolean;
    try {
      isDir = (await stat(abs)).isDirectory();
    } catch (e) {
      acc.diagnostics.push(diagnostic("input_read_error", `cannot read ${p}: ${message(e)}`, { file: p }));
      continue;
    }
    if (!isDir) {
      await addFile(acc, p, abs, []);
      continue;
    }
    for (const f of await walk(abs)) {
      const rel = relative(abs, f);
      const name = rel.split(sep).pop() ?? "";
      if (name.endsWith("_test.rego") || (!name.endsWith(".rego") && name !== "data.json")) continue;
      const prefix = rel.split(sep).slice(0, -1);
      await addFile(acc, join(p, rel), f, prefix);
    }
  }
  return acc;
}

async function addFile(acc: Collected, display: string, abs: string, prefix: readonly string[]): Promise<void> {
  let text: string;
  try {
    text = await readFile(abs, "utf8");
  } catch (e) {
    acc.diagnostics.push(diagnostic("input_read_error", `cannot read ${display}: ${message(e)}`, { file: display }));
    return;
  }
  if (!display.endsWith(".json")) {
    acc.sources.push({ path: display, text });
    return;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    acc.diagnostics.push(diagnostic("input_parse_error", `invalid JSON: ${message(e)}`, { file: display }));
    return;
  }
  if (!merge(acc.data, prefix, value)) {
    acc.diagnostics.push(diagnostic("input_parse_error", "data conflicts with data from another file", { file: display }));
  }
}

/** merge puts `value` at `path` in `root`, merging objects; false on a conflict. */
function merge(root: Record<string, unknown>, path: readonly string[], value: unknown): boolean {
  let node = root;
  for (const seg of path) {
    const next = node[seg];
    if (next === undefined) node[seg] = {};
    else if (typeof next !== "object" || next === null || Array.isArray(next)) return false;
    node = node[seg] as Record<string, unknown>;
  }
  if (path.length === 0 && (typeof value !== "object" || value === null || Array.isArray(value))) return false;
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  for (const [k, v] of Object.entries(value)) {
    const old = node[k];
    if (old === undefined) node[k] = v;
    else if (isObject(old) && isObject(v)) {
      if (!merge(node, [k], v)) return false;
    } else return false;
  }
  return true;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith(".")) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
