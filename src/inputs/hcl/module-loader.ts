/*
 * Loads one Terraform module directory: .tf files through @cdktn/hcl2json (HashiCorp's parser as
 * Wasm, imported lazily) and .tf.json files through JSON.parse, normalised to one shape, with
 * block positions from block-scanner.ts. Input: a directory (or chosen files). Output: ModuleDef
 * or hcl_parse_error diagnostics with file:line:col.
 */

import { readdir, readFile } from "node:fs/promises";
import { arch } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { diagnostic, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { SourceFile } from "../../diagnostics/source.js";
import type { Location, Waiver } from "../../lambda/model.js";
import { findSyntaxError, locatePath } from "../json-positions.js";
import type { JsonPath } from "../json-positions.js";
import { decodeInput, jsonHazardDiagnostic } from "../input-guard.js";
import { scanBlocks, type TopBlock } from "./block-scanner.js";

/** RawBody is a block body in JSON form (strings are templates). */
export type RawBody = { readonly [k: string]: unknown };

/** ResourceDef is one resource or data block. */
export interface ResourceDef {
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly body: RawBody;
  readonly location: Location;
  readonly waivers: readonly Waiver[];
}

/** ModuleCallDef is one module block. */
export interface ModuleCallDef {
  readonly name: string;
  readonly body: RawBody;
  readonly location: Location;
}

/** ModuleDef is a parsed module directory. */
export interface ModuleDef {
  readonly dir: string;
  readonly variables: ReadonlyMap<string, RawBody>;
  readonly locals: ReadonlyMap<string, unknown>;
  readonly outputs: ReadonlyMap<string, RawBody>;
  readonly resources: readonly ResourceDef[];
  /** resourceIndex maps `managed:type.name` / `data:type.name` to its resource (the first one declared). */
  readonly resourceIndex: ReadonlyMap<string, ResourceDef>;
  readonly moduleCalls: readonly ModuleCallDef[];
  /** callIndex maps a module call's name to its block (the first one declared). */
  readonly callIndex: ReadonlyMap<string, ModuleCallDef>;
  readonly providers: readonly { readonly name: string; readonly body: RawBody }[];
}

type Hcl2Json = { parse(filename: string, contents: string): Promise<Record<string, unknown>> };
let parser: Promise<Hcl2Json> | undefined;

/**
 * hclParser imports @cdktn/hcl2json on first use only. Its Go runtime (7 MB of Wasm) runs on V8's
 * baseline compiler only (Liftoff): V8's optimising tier-up of that module costs ~1.2-1.5 s of
 * CPU on a 0.5 MB tree and only pays for itself beyond ~3 MB of .tf (docs/hcl-parser.md, "Speed").
 * V8 fixes a module's tiering when it compiles it, so --liftoff-only is set around the import and
 * its first call (which waits for the compile) and cleared again: Wasm compiled later (the IAM
 * policy) tiers up as usual. Both tiers run the same Wasm semantics.
 */
export function hclParser(): Promise<Hcl2Json> {
  parser ??= (async () => {
    const restore = baselineOnly();
    try {
      const m = (await import("@cdktn/hcl2json")) as unknown as Hcl2Json;
      // Resolves once the module is compiled and its Go runtime runs; a failure here shows again,
      // as a located hcl_parse_error, on the first real file.
      await m.parse("vpcgate-start.tf", "").catch(() => undefined);
      return m;
    } finally {
      restore();
    }
  })();
  return parser;
}

/**
 * baselineOnly sets V8's --liftoff-only and returns the function that clears it. Under that flag a
 * function Liftoff cannot compile aborts the process instead of falling back to TurboFan, so it is
 * used only where Liftoff covers every instruction these modules use (x64 and arm64; checked on x64
 * by compiling the Go parser, the runtime and the IAM module eagerly under the flag).
 */
function baselineOnly(): () => void {
  if (arch() !== "x64" && arch() !== "arm64") return () => undefined;
  try {
    setFlagsFromString("--liftoff-only");
    return () => setFlagsFromString("--no-liftoff-only");
  } catch {
    return () => undefined;
  }
}

const ERR = /([^\s[\]]+?):(\d+),(\d+)(?:-\d+(?:,\d+)?)?: ([^;]+);?\s*([^]*?)(?=\s+\S+:\d+,\d+|\]?$)/;

/** MAX_HCL_DEPTH bounds bracket nesting in .tf files (documented in docs/reliability.md). */
const MAX_HCL_DEPTH = 500;

/** bracketDepthExceeded returns the offset where ( [ { nesting first exceeds max, or -1 (strings are not skipped: a bound, not a parser). */
function bracketDepthExceeded(text: string, max: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x28 || c === 0x5b || c === 0x7b) { if (++depth > max) return i; } else if (c === 0x29 || c === 0x5d || c === 0x7d) depth = Math.max(0, depth - 1);
  }
  return -1;
}

/** parseHclFile parses one .tf file into JSON form, or returns an hcl_parse_error. */
export async function parseHclFile(display: string, text: string): Promise<{ json?: Record<string, unknown>; diagnostics: Diagnostic[] }> {
  // Issue 8: nesting deep enough to overflow the parser's stack would also kill the Go runtime
  // inside @cdktn/hcl2json for the rest of the process; refuse it before parsing.
  const deep = bracketDepthExceeded(text, MAX_HCL_DEPTH);
  if (deep >= 0) {
    const pos = new SourceFile(display, text).positionAt(deep);
    return { diagnostics: [diagnostic("input_too_large", `brackets nested deeper than ${MAX_HCL_DEPTH} levels`, { file: display, line: pos.line, column: pos.column })] };
  }
  const p = await hclParser();
  try {
    return { json: await p.parse(display, text), diagnostics: [] };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/Go program has already exited|Maximum call stack/.test(msg)) parser = undefined; // a fresh instance next time
    const m = ERR.exec(msg);
    if (m === null) return { diagnostics: [diagnostic("hcl_parse_error", msg.replace(/^parse config: /, ""), { file: display })] };
    const detail = (m[5] ?? "").trim().replace(/\]$/, "");
    return {
      diagnostics: [diagnostic("hcl_parse_error", `${(m[4] ?? "").trim()}${detail !== "" ? `: ${detail}` : ""}`, { file: display, line: Number(m[2]), column: Number(m[3]) })],
    };
  }
}

function asArray(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  return v === undefined || v === null ? [] : [v];
}

function isBody(v: unknown): v is RawBody {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** LABELS is the number of labels each top-level block kind takes. */
const LABELS: Readonly<Record<string, number>> = { resource: 2, data: 2, module: 1, variable: 1, output: 1, provider: 1, locals: 0, terraform: 0 };

/** loadModule parses every .tf / .tf.json file of a directory (or only `files`). */
export async function loadModule(dir: string, display: (abs: string) => string, files?: readonly string[]): Promise<{ module?: ModuleDef; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const names = files ?? (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith(".tf") || n.endsWith(".tf.json")).sort().map((n) => join(dir, n));
  const variables = new Map<string, RawBody>();
  const locals = new Map<string, unknown>();
  const outputs = new Map<string, RawBody>();
  const resources: ResourceDef[] = [];
  const moduleCalls: ModuleCallDef[] = [];
  const providers: { name: string; body: RawBody }[] = [];
  for (const f of names) {
    const shown = display(f);
    const bytes = await readFile(f).catch(() => undefined);
    if (bytes === undefined) {
      diagnostics.push(diagnostic("input_read_error", "the file could not be read", { file: shown }));
      continue;
    }
    const decoded = decodeInput(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), shown);
    if ("problem" in decoded) {
      diagnostics.push(decoded.problem);
      continue;
    }
    const text = decoded.text;
    let json: Record<string, unknown> | undefined;
    const isJson = f.endsWith(".json");
    if (isJson) {
      const hazard = jsonHazardDiagnostic(text, shown);
      if (hazard !== undefined) {
        diagnostics.push(hazard);
        continue;
      }
      try {
        json = JSON.parse(text) as Record<string, unknown>;
        const bad = tfJsonShapeProblem(json);
        if (bad !== undefined) {
          const pos = new SourceFile(shown, text).positionAt(locatePath(text, bad.path));
          diagnostics.push(diagnostic("hcl_parse_error", bad.message, { file: shown, line: pos.line, column: pos.column }));
          continue;
        }
      } catch {
        const p = findSyntaxError(text);
        const pos = new SourceFile(shown, text).positionAt(p?.offset ?? 0);
        diagnostics.push(diagnostic("hcl_parse_error", `invalid JSON: ${p?.message ?? "syntax error"}`, { file: shown, line: pos.line, column: pos.column }));
        continue;
      }
    } else {
      const r = await parseHclFile(shown, text);
      diagnostics.push(...r.diagnostics);
      json = r.json;
    }
    if (json === undefined) continue;
    const blocks = isJson ? [] : scanBlocks(shown, text);
    // Issue 8: Terraform refuses a block with the wrong number of labels; so does vpcgate.
    const wrongLabels = blocks.find((b) => LABELS[b.type] !== undefined && b.labels.length !== LABELS[b.type]);
    if (wrongLabels !== undefined) {
      diagnostics.push(diagnostic("hcl_parse_error", `a ${wrongLabels.type} block needs ${LABELS[wrongLabels.type]} label(s), not ${wrongLabels.labels.length}`, wrongLabels.location));
      continue;
    }
    const src = new SourceFile(shown, text);
    const byLabels = new Map<string, TopBlock>();
    for (const b of blocks) {
      const k = `${b.type}\u0000${b.labels.join("\u0000")}`;
      if (!byLabels.has(k)) byLabels.set(k, b);
    }
    const locate = (type: string, labels: readonly string[]): { location: Location; waivers: readonly Waiver[] } => {
      const b = byLabels.get(`${type}\u0000${labels.join("\u0000")}`);
      if (b !== undefined) return { location: b.location, waivers: b.waivers };
      const at = text.indexOf(JSON.stringify(labels[labels.length - 1] ?? ""));
      const p = src.positionAt(Math.max(0, at));
      return { location: { file: shown, line: p.line, column: p.column }, waivers: [] };
    };
    for (const v of asArray(json["variable"])) {
      if (!isBody(v)) continue;
      for (const [name, b] of Object.entries(v)) { const body = asArray(b)[0]; variables.set(name, isBody(body) ? body : {}); }
    }
    for (const l of asArray(json["locals"])) if (isBody(l)) for (const [k, x] of Object.entries(l)) if (k !== "//") locals.set(k, x);
    for (const o of asArray(json["output"])) {
      if (!isBody(o)) continue;
      for (const [name, b] of Object.entries(o)) { const body = asArray(b)[0]; if (isBody(body)) outputs.set(name, body); }
    }
    for (const [key, mode] of [["resource", "managed"], ["data", "data"]] as const) {
      for (const group of asArray(json[key])) {
        if (!isBody(group)) continue;
        for (const [type, byName] of Object.entries(group)) {
          for (const named of asArray(byName)) {
            if (!isBody(named)) continue;
            for (const [name, b] of Object.entries(named)) {
              for (const body of asArray(b)) {
                if (!isBody(body)) continue;
                resources.push({ mode, type, name, body, ...locate(key, [type, name]) });
              }
            }
          }
        }
      }
    }
    for (const group of asArray(json["module"])) {
      if (!isBody(group)) continue;
      for (const [name, b] of Object.entries(group)) {
        for (const body of asArray(b)) if (isBody(body)) moduleCalls.push({ name, body, location: locate("module", [name]).location });
      }
    }
    for (const group of asArray(json["provider"])) {
      if (!isBody(group)) continue;
      for (const [name, b] of Object.entries(group)) for (const body of asArray(b)) if (isBody(body)) providers.push({ name, body });
    }
  }
  if (diagnostics.some((d) => d.severity === "error")) return { diagnostics };
  const resourceIndex = new Map<string, ResourceDef>();
  for (const r of resources) {
    const k = `${r.mode}:${r.type}.${r.name}`;
    if (!resourceIndex.has(k)) resourceIndex.set(k, r);
  }
  const callIndex = new Map<string, ModuleCallDef>();
  for (const c of moduleCalls) if (!callIndex.has(c.name)) callIndex.set(c.name, c);
  return { module: { dir, variables, locals, outputs, resources, resourceIndex, moduleCalls, callIndex, providers }, diagnostics };
}

/**
 * tfJsonShapeProblem checks the block structure of a .tf.json document (issue 8): the top level
 * is an object and every block kind maps labels to objects (or lists of objects), as Terraform's
 * JSON syntax requires; the first misplaced value is returned.
 */
function tfJsonShapeProblem(json: unknown): { path: JsonPath; message: string } | undefined {
  if (!isBody(json)) return { path: [], message: "a .tf.json file must hold a JSON object" };
  const labels: Record<string, number> = { resource: 2, data: 2, module: 1, variable: 1, output: 1, provider: 1, locals: 0, terraform: 0 };
  const walk = (v: unknown, depth: number, path: (string | number)[], kind: string): { path: JsonPath; message: string } | undefined => {
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const p = walk(v[i], depth, [...path, i], kind);
        if (p !== undefined) return p;
      }
      return undefined;
    }
    if (!isBody(v)) return { path, message: `a "${kind}" block ${depth > 0 ? "label" : "body"} must be a JSON object, not ${v === null ? "null" : typeof v}` };
    if (depth === 0) return undefined;
    for (const [k, x] of Object.entries(v)) {
      const p = walk(x, depth - 1, [...path, k], kind);
      if (p !== undefined) return p;
    }
    return undefined;
  };
  for (const [k, n] of Object.entries(labels)) {
    if (!(k in json) || k === "//") continue;
    const p = walk(json[k], n, [k], k);
    if (p !== undefined) return p;
  }
  return undefined;
}

/** asBlocks normalises a nested block value (object or array of objects) to an array of bodies. */
export function asBlocks(v: unknown): RawBody[] {
  return asArray(v).filter(isBody);
}
