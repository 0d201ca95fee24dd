/*
 * The config file: `.vpcgate.yml` / `.vpcgate.yaml` / `.vpcgate.json`, found by searching upward
 * from the working directory (or given with --config). Input: the file text. Output: a validated
 * Config with paths resolved against the file's directory, or diagnostics at file:line:col.
 */

import { readFile, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { createRequire } from "node:module";
import type { Document } from "yaml";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { DiagnosticError, diagnostic } from "../diagnostics/diagnostic.js";
import { SourceFile } from "../diagnostics/source.js";
import { configSchema } from "./config-schema.js";
import { validateSchema } from "./schema-validate.js";
import type { SchemaError } from "./schema-validate.js";
import type { Waiver } from "./waivers.js";

type Yaml = typeof import("yaml");
let yamlModule: Yaml | undefined;
/** yaml loads the YAML parser on first use (synchronously; it ships CommonJS), so runs without a config never pay for it. */
function yaml(): Yaml {
  yamlModule ??= createRequire(import.meta.url)("yaml") as Yaml;
  return yamlModule;
}

/** CONFIG_NAMES are the file names searched for, in order of preference. */
export const CONFIG_NAMES = [".vpcgate.yml", ".vpcgate.yaml", ".vpcgate.json"] as const;

/** Config is the validated config; every path is absolute. */
export interface Config {
  readonly file?: string;
  readonly unknown?: "fail" | "warn";
  readonly preset?: { readonly name: string; readonly params: Readonly<Record<string, unknown>> };
  readonly iamPolicies: readonly string[];
  readonly scps: readonly string[];
  readonly boundaries: readonly string[];
  readonly policies: readonly string[];
  readonly inventory?: string;
  readonly source?: string;
  readonly vars: Readonly<Record<string, string>>;
  readonly varFiles: readonly string[];
  readonly formats: readonly string[];
  readonly outputs: Readonly<Record<string, string>>;
  readonly waivers: readonly Waiver[];
}

/** EMPTY_CONFIG is the config used when no file exists. */
export const EMPTY_CONFIG: Config = {
  iamPolicies: [], scps: [], boundaries: [], policies: [], vars: {}, varFiles: [], formats: [], outputs: {}, waivers: [],
};

async function isFile(p: string): Promise<boolean> {
  try { return (await stat(p)).isFile(); } catch { return false; }
}

/** findConfig searches `start` and its parents for a config file. */
export async function findConfig(start: string): Promise<string | undefined> {
  let dir = resolve(start);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const p = join(dir, name);
      if (await isFile(p)) return p;
    }
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** loadConfig reads the explicit config, or the one found upward from cwd, or returns EMPTY_CONFIG. */
export async function loadConfig(cwd: string, explicit?: string): Promise<Config> {
  const file = explicit !== undefined ? resolve(cwd, explicit) : await findConfig(cwd);
  if (file === undefined) return EMPTY_CONFIG;
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    throw new DiagnosticError([diagnostic("config_error", `cannot read config: ${(e as Error).message}`, { file })]);
  }
  return parseConfig(displayPath(cwd, file), text, dirname(file));
}

/** displayPath shows a path relative to cwd when it lies inside it (stable across machines). */
export function displayPath(cwd: string, full: string): string {
  const base = resolve(cwd) + "/";
  return full.startsWith(base) ? full.slice(base.length) : full;
}

/** nodeAt finds the YAML node (or, for key errors, the key) at a JSON path and returns its offset. */
function offsetAt(doc: Document, path: readonly (string | number)[], key: boolean): number {
  let node: unknown = doc.contents;
  let offset = 0;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    const { isMap, isPair, isScalar } = yaml();
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (pair === undefined) break;
      if (last && key && isScalar(pair.key)) return pair.key.range?.[0] ?? offset;
      node = pair.value;
      if (isScalar(pair.key)) offset = pair.key.range?.[0] ?? offset;
    } else if (node !== null && typeof node === "object" && "items" in node && Array.isArray((node as { items: unknown[] }).items)) {
      node = (node as { items: unknown[] }).items[Number(seg)];
    } else break;
    const r = (node as { range?: [number, number, number] } | null)?.range;
    if (r) offset = r[0];
  }
  if (path.length === 0) {
    const r = (doc.contents as { range?: [number, number, number] } | null)?.range;
    if (r) offset = r[0];
  }
  return offset;
}

function asList(v: unknown): string[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v.map(String) : [String(v)];
}

/** parseConfig parses and validates config text; throws DiagnosticError with file:line:col on problems. */
export function parseConfig(file: string, text: string, baseDir: string = dirname(resolve(file))): Config {
  const src = new SourceFile(file, text);
  const doc = yaml().parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new DiagnosticError(doc.errors.map((e) => {
      const pos = src.positionAt(e.pos[0]);
      return diagnostic("config_error", e.message.split("\n")[0] ?? e.message, { file, line: pos.line, column: pos.column });
    }));
  }
  const raw: unknown = doc.toJS() ?? {};
  const errors: SchemaError[] = validateSchema(configSchema, raw);
  if (errors.length > 0) {
    const ds: Diagnostic[] = errors.map((e) => {
      const pos = src.positionAt(offsetAt(doc, e.path, e.key === true));
      const where = e.path.length === 0 ? "config" : e.path.join(".");
      return diagnostic("config_error", `${where}: ${e.message}`, { file, line: pos.line, column: pos.column });
    });
    throw new DiagnosticError(ds);
  }
  const c = raw as Record<string, unknown>;
  const abs = (p: string): string => resolve(baseDir, p);
  const preset = c.preset === undefined ? undefined
    : typeof c.preset === "string" ? { name: c.preset, params: {} }
    : { name: String((c.preset as Record<string, unknown>).name), params: ((c.preset as Record<string, unknown>).params ?? {}) as Record<string, unknown> };
  const waivers: Waiver[] = ((c.waivers ?? []) as Record<string, string>[]).map((w, i) => {
    const pos = src.positionAt(offsetAt(doc, ["waivers", i], false));
    return {
      address: String(w.address),
      ...(w.rule !== undefined ? { rule: String(w.rule) } : {}),
      reason: String(w.reason),
      ...(w.expires !== undefined ? { expires: String(w.expires) } : {}),
      origin: { file, line: pos.line, column: pos.column },
    };
  });
  const vars: Record<string, string> = {};
  for (const [k, v] of Object.entries((c.vars ?? {}) as Record<string, unknown>)) vars[k] = String(v);
  const outputs: Record<string, string> = {};
  for (const [k, v] of Object.entries((c.outputs ?? {}) as Record<string, string>)) outputs[k] = abs(v);
  return {
    file,
    ...(c.unknown !== undefined ? { unknown: c.unknown as "fail" | "warn" } : {}),
    ...(preset !== undefined ? { preset } : {}),
    iamPolicies: asList(c.iamPolicies).map(abs),
    scps: asList(c.scps).map(abs),
    boundaries: asList(c.boundaries).map(abs),
    policies: asList(c.policies).map(abs),
    ...(c.inventory !== undefined ? { inventory: abs(String(c.inventory)) } : {}),
    ...(c.source !== undefined ? { source: abs(String(c.source)) } : {}),
    vars,
    varFiles: asList(c.varFiles).map(abs),
    formats: asList(c.formats),
    outputs,
    waivers,
  };
}
