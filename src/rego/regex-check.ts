/*
 * Compile-time check of constant regex patterns: a string literal passed as the pattern of
 * regex.match / re_match / regex.find_n / regex.find_all_string_submatch_n / regex.split /
 * regex.replace must be valid RE2 and mean the same in JavaScript's RegExp (u flag), else it is
 * refused with its location (docs/regex.md). The RE2 side is the Wasm runtime's own parser
 * (export regex_classify), so compile time and run time agree. Input: parsed modules/queries.
 * Output: diagnostics (rego_type_error, rego_unsupported_error).
 */

import { readFileSync } from "node:fs";
import { packagePath } from "../meta/package.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticAt } from "../diagnostics/diagnostic.js";
import type { SourceFile } from "../diagnostics/source.js";
import type { CallTerm, Module, Query, StringTerm } from "./ast.js";

/** PATTERN_ARG maps each checked builtin to the index of its pattern argument. */
export const PATTERN_ARG: ReadonlyMap<string, number> = new Map([
  ["regex.match", 0],
  ["re_match", 0],
  ["regex.find_n", 0],
  ["regex.find_all_string_submatch_n", 0],
  ["regex.split", 0],
  ["regex.replace", 1],
]);

/** PatternClass is how vpcgate treats a regex pattern. */
export type PatternClass =
  | { readonly kind: "ok" }
  | { readonly kind: "invalid" } // neither RE2 nor JavaScript accepts it: undefined at run time, like OPA
  | { readonly kind: "js_only"; readonly detail: string } // JavaScript accepts it, RE2 does not
  | { readonly kind: "re2_only"; readonly detail: string } // RE2 accepts it, JavaScript rejects or reads it differently
  | { readonly kind: "unimplemented"; readonly detail: string }; // RE2 \p{..} classes

interface Classifier {
  classify(pattern: string): number;
}

type Fn = (...args: number[]) => number;
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (m: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (d: { initial: number }) => { buffer: ArrayBuffer };
}

let classifier: Classifier | undefined;

/** The runtime's regex_classify: 0 ok, 1 not RE2, 2 RE2 but refused, 3 RE2 but not implemented. */
function runtimeClassifier(): Classifier {
  if (classifier !== undefined) return classifier;
  const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  const bytes = readFileSync(packagePath("wasm", "runtime.wasm"));
  const memory = new wasm.Memory({ initial: 2 });
  const stub = (): number => 0;
  const env = {
    memory,
    opa_abort: (): never => {
      throw new Error("internal: the runtime aborted while classifying a regex pattern");
    },
    opa_println: stub,
    opa_builtin0: stub,
    opa_builtin1: stub,
    opa_builtin2: stub,
    opa_builtin3: stub,
    opa_builtin4: stub,
  };
  const ex = new wasm.Instance(new wasm.Module(bytes), { env }).exports as Record<string, Fn>;
  const need = (name: string): Fn => {
    const f = ex[name];
    if (f === undefined) throw new Error(`internal: the runtime does not export ${name}`);
    return f;
  };
  const malloc = need("opa_malloc");
  const str = need("opa_string");
  const classify = need("regex_classify");
  const heapGet = need("opa_heap_ptr_get");
  const heapSet = need("opa_heap_ptr_set");
  const base = heapGet();
  classifier = {
    classify(pattern: string): number {
      heapSet(base);
      const b = new TextEncoder().encode(pattern);
      const p = malloc(b.length);
      new Uint8Array(memory.buffer).set(b, p);
      return classify(str(p, b.length));
    },
  };
  return classifier;
}

function jsError(pattern: string): string | undefined {
  try {
    new RegExp(pattern, "u");
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** classifyPattern decides how vpcgate treats a regex pattern (RE2 vs JavaScript RegExp). */
export function classifyPattern(pattern: string): PatternClass {
  const rt = runtimeClassifier().classify(pattern);
  const js = jsError(pattern);
  switch (rt) {
    case 1:
      return js === undefined ? { kind: "js_only", detail: "JavaScript's RegExp accepts it, RE2 does not" } : { kind: "invalid" };
    case 2:
      return {
        kind: "re2_only",
        detail: js === undefined ? "RE2 and JavaScript's RegExp read it differently" : `JavaScript's RegExp rejects it (${js})`,
      };
    case 3:
      return { kind: "unimplemented", detail: "Unicode classes (\\p{..}, \\P{..}) are not implemented" };
    default:
      return js === undefined ? { kind: "ok" } : { kind: "re2_only", detail: `JavaScript's RegExp rejects it (${js})` };
  }
}

function callName(c: CallTerm): string | undefined {
  if (c.target !== undefined) return c.target.kind === "Builtin" ? c.target.name : undefined;
  const fn = c.fn;
  if (fn.head.kind !== "Var") return undefined;
  const parts = [fn.head.name];
  for (const p of fn.path) {
    if (p.kind !== "String") return undefined;
    parts.push(p.value);
  }
  return parts.join(".");
}

function checkCall(c: CallTerm, source: SourceFile, out: Diagnostic[]): void {
  const name = callName(c);
  if (name === undefined) return;
  const i = PATTERN_ARG.get(name);
  if (i === undefined) return;
  const arg = c.args[i];
  if (arg === undefined || arg.kind !== "String") return;
  const lit: StringTerm = arg;
  const cls = classifyPattern(lit.value);
  const quoted = JSON.stringify(lit.value);
  switch (cls.kind) {
    case "ok":
    case "invalid":
      return;
    case "js_only":
      out.push(diagnosticAt("rego_type_error", `${name}: pattern ${quoted} is not RE2 syntax: ${cls.detail}`, source, lit.span.start, lit.span.end));
      return;
    case "re2_only":
    case "unimplemented":
      out.push(diagnosticAt("rego_unsupported_error", `${name}: pattern ${quoted} is refused: ${cls.detail} (see docs/regex.md)`, source, lit.span.start, lit.span.end));
      return;
  }
}

function walk(node: unknown, source: SourceFile, out: Diagnostic[]): void {
  if (Array.isArray(node)) {
    for (const x of node) walk(x, source, out);
    return;
  }
  if (node === null || typeof node !== "object") return;
  const o = node as Record<string, unknown>;
  if (o["kind"] === "Call") checkCall(o as unknown as CallTerm, source, out);
  for (const [k, v] of Object.entries(o)) {
    if (k === "source" || k === "span" || k === "target") continue;
    if (v !== null && typeof v === "object") walk(v, source, out);
  }
}

/** checkRegexPatterns reports the constant regex patterns vpcgate refuses in modules/queries. */
export function checkRegexPatterns(nodes: readonly (Module | Query)[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const n of nodes) walk(n, n.source, out);
  return out;
}

