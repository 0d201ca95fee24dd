/*
 * Policy file loading, like OPA's loader, for `vpcgate test` and `vpcgate build`. Mode "test"
 * (opa test): every .rego file under the given paths plus every data file (.json, .yaml, .yml).
 * Mode "build" (opa build): in directories, *_test.rego files are skipped and only files named
 * data.json/data.yaml/data.yml are data. Data merges under `data` at its directory path relative to
 * the root argument (a file given directly merges at the root).
 * Input: paths relative to cwd. Output: sources, the merged data document and diagnostics.
 */

import { readFile, readdir, stat } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnostic } from "../diagnostics/diagnostic.js";

/** RegoSource is one Rego file: the path as shown to the user and its text. */
export interface RegoSource {
  readonly path: string;
  readonly text: string;
}

/** Loaded is what loadTestInputs found. */
export interface Loaded {
  readonly sources: RegoSource[];
  readonly data: Record<string, unknown>;
  readonly diagnostics: Diagnostic[];
}

/** LoadMode selects OPA's test loader or its bundle-build loader (see the header). */
export type LoadMode = "test" | "build";

/** loadPolicyFiles reads .rego and data files from files and directories (hidden entries skipped). */
export async function loadPolicyFiles(paths: readonly string[], cwd: string, mode: LoadMode = "test"): Promise<Loaded> {
  const acc: Loaded = { sources: [], data: {}, diagnostics: [] };
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
      if (kindOf(abs) === undefined) {
        acc.diagnostics.push(diagnostic("input_unsupported_error", "not a .rego, .json, .yaml or .yml file", { file: p }));
        continue;
      }
      await addFile(acc, p, abs, []);
      continue;
    }
    for (const f of await walk(abs)) {
      if (kindOf(f) === undefined || (mode === "build" && !inBundle(f))) continue;
      const rel = relative(abs, f);
      await addFile(acc, join(p, rel), f, rel.split(sep).slice(0, -1));
    }
  }
  return acc;
}

type FileKind = "rego" | "json" | "yaml";

/** inBundle: what `opa build` takes from a directory: non-test .rego files and data.{json,yaml,yml}. */
function inBundle(file: string): boolean {
  const name = file.split(sep).pop() ?? "";
  return kindOf(file) === "rego" ? !name.endsWith("_test.rego") : /^data\.(json|ya?ml)$/.test(name);
}

function kindOf(file: string): FileKind | undefined {
  if (file.endsWith(".rego")) return "rego";
  if (file.endsWith(".json")) return "json";
  if (file.endsWith(".yaml") || file.endsWith(".yml")) return "yaml";
  return undefined;
}

async function addFile(acc: Loaded, display: string, abs: string, prefix: readonly string[]): Promise<void> {
  let text: string;
  try {
    text = await readFile(abs, "utf8");
  } catch (e) {
    acc.diagnostics.push(diagnostic("input_read_error", `cannot read ${display}: ${message(e)}`, { file: display }));
    return;
  }
  const kind = kindOf(abs);
  if (kind === "rego" || kind === undefined) {
    acc.sources.push({ path: display, text });
    return;
  }
  let value: unknown;
  try {
    value = kind === "json" ? JSON.parse(text) : (await import("yaml")).parse(text); // yaml loads only for YAML data files
  } catch (e) {
    acc.diagnostics.push(diagnostic("input_parse_error", `invalid ${kind === "json" ? "JSON" : "YAML"}: ${message(e)}`, { file: display }));
    return;
  }
  if (value === null || value === undefined) return; // an empty YAML file adds nothing
  if (!isObject(value)) {
    acc.diagnostics.push(diagnostic("input_schema_error", "a data file must hold an object", { file: display }));
    return;
  }
  if (!mergeAt(acc.data, prefix, value)) {
    acc.diagnostics.push(diagnostic("input_parse_error", "data conflicts with data from another file", { file: display }));
  }
}

/** mergeAt merges object `value` into `root` at `path`; false when a non-object is in the way. */
export function mergeAt(root: Record<string, unknown>, path: readonly string[], value: Record<string, unknown>): boolean {
  let node = root;
  for (const seg of path) {
    const next = node[seg];
    if (next === undefined) node[seg] = {};
    else if (!isObject(next)) return false;
    node = node[seg] as Record<string, unknown>;
  }
  for (const [k, v] of Object.entries(value)) {
    const old = node[k];
    if (old === undefined) node[k] = v;
    else if (isObject(old) && isObject(v)) {
      if (!mergeAt(node, [k], v)) return false;
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
    if (e.name.startsWith(".") || e.name === "node_modules") continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
