/*
 * Runs one OPA test case through vpcgate's compiler and the unmodified @open-policy-agent/opa-wasm
 * SDK, and compares the outcome with the case's expectation. Input: a Case and a compile function.
 * Output: an Outcome (pass, or fail with what differed).
 *
 * A case's `query` is compiled as the single entrypoint (a query plan, as OPA's test generator does),
 * so result rows are exactly OPA's query bindings ({} when there are none).
 */

import { loadPolicy } from "@open-policy-agent/opa-wasm";
import type { Case } from "./cases.js";
import { DiagnosticError } from "../diagnostics/diagnostic.js";

/** CompileFn compiles Rego modules to a Wasm module with the given entrypoints; user errors throw DiagnosticError. */
export type CompileFn = (
  modules: readonly { path: string; text: string }[],
  query: string,
  opts: { customBuiltins: Readonly<Record<string, number>> },
) => Promise<Uint8Array>;

/** Outcome of a case. */
export type Outcome =
  | { readonly kind: "pass" }
  | { readonly kind: "fail"; readonly detail: string };

/** Host builtins OPA's own Wasm test generator declares (SCHEMA.md). */
const CUSTOM_BUILTINS = { custom_builtin_test: 1, custom_builtin_test_impure: 0, custom_builtin_test_memoization: 0 } as const;

/** withInputTerm applies `with input as <term>` to every expression of a query (input_term cases). */
function withInputTerm(query: string, term: string): string {
  return query.split(/\n|;/).map((l) => l.trim()).filter((l) => l !== "").map((l) => `${l} with input as ${term}`).join("\n");
}

/** canon orders object keys (and, with sortArrays, array elements) so equal values print equally. */
export function canon(v: unknown, sortArrays: boolean): unknown {
  if (Array.isArray(v)) {
    const a = v.map((x) => canon(x, sortArrays));
    return sortArrays ? a.map((x) => JSON.stringify(x)).sort().map((s) => JSON.parse(s) as unknown) : a;
  }
  if (v !== null && typeof v === "object") {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) o[k] = canon((v as Record<string, unknown>)[k], sortArrays);
    return o;
  }
  return v;
}

function rowsKey(rows: readonly unknown[], sortBindings: boolean): string {
  const keys = rows.map((r) => {
    if (sortBindings && r !== null && typeof r === "object") {
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(r)) o[k] = Array.isArray(v) ? canon(v, true) : canon(v, false);
      return JSON.stringify(canon(o, false));
    }
    return JSON.stringify(canon(r, false));
  });
  return JSON.stringify([...new Set(keys)].sort());
}

function errorText(e: unknown): string {
  if (e instanceof DiagnosticError) return e.diagnostics.map((d) => `${d.code}: ${d.message}`).join("; ");
  if (typeof e === "string") return e;
  if (e instanceof Error) return e.message;
  if (e !== null && typeof e === "object" && "message" in e) return String((e as { message: unknown }).message);
  return String(e);
}

function errorMatches(c: Case, text: string): boolean {
  if (c.wantError !== undefined && text.includes(c.wantError)) return true;
  const code = c.wantErrorCode;
  if (code === "eval_conflict_error") {
    return /var assignment conflict|object insert conflict|multiple outputs|conflict/.test(text);
  }
  if (code !== undefined && text.includes(code)) return true;
  if (code !== undefined && code.startsWith("rego_") && text.startsWith("rego_")) return true;
  if (c.wantError !== undefined && code === undefined) {
    // OPA's Wasm aborts are shorter than topdown's texts: accept the conflict family by meaning.
    if (/multiple outputs|conflict/.test(c.wantError) && /conflict|multiple outputs/.test(text)) return true;
  }
  return false;
}

/** runCase compiles and evaluates one case and compares the outcome with its expectation. */
export async function runCase(c: Case, compile: CompileFn): Promise<Outcome> {
  const wantsError = (c.wantError !== undefined || c.wantErrorCode !== undefined) && !c.strictError;
  const modules = c.modules.map((text, i) => ({ path: c.moduleNames[i] ?? `module${i}.rego`, text }));
  let input = c.input;
  let inputTerm: string | undefined;
  if (c.inputTerm !== undefined) {
    try { input = JSON.parse(c.inputTerm) as unknown; } catch { inputTerm = c.inputTerm; }
  }
  const query = inputTerm === undefined ? c.query : withInputTerm(c.query, inputTerm);
  let rows: unknown[];
  try {
    const wasm = await compile(modules, query, { customBuiltins: CUSTOM_BUILTINS });
    let memoCalls = 0;
    const policy = await loadPolicy(wasm, undefined, {
      custom_builtin_test: (a: number) => a + 1,
      custom_builtin_test_impure: () => "foo",
      custom_builtin_test_memoization: () => { memoCalls++; return 100; },
      // time.now_ns is a host builtin by design (the engine supplies it per evaluation).
      "time.now_ns": () => Date.now() * 1e6,
      // OPA's e2e host answers opa.runtime() with the runtime config: none here.
      "opa.runtime": () => ({}),
    });
    if (c.data !== undefined) policy.setData(c.data as object);
    // An ArrayBuffer input keeps falsy inputs (false, 0, "", null), which the SDK's fast path drops.
    const inputArg = input === undefined ? undefined : new TextEncoder().encode(JSON.stringify(input)).buffer;
    rows = policy.evaluate(inputArg, 0) as unknown[];
    void memoCalls;
  } catch (e) {
    const text = errorText(e);
    if (wantsError && errorMatches(c, text)) return { kind: "pass" };
    return { kind: "fail", detail: `error: ${text.split("\n")[0]}` };
  }
  if (wantsError) return { kind: "fail", detail: `want error ${c.wantErrorCode ?? ""} ${c.wantError ?? ""}, got ${JSON.stringify(rows)}`.replace(/\s+/g, " ") };
  if (c.strictError && (c.wantError !== undefined || c.wantErrorCode !== undefined)) {
    return rows.length === 0 ? { kind: "pass" } : { kind: "fail", detail: `strict_error case: want empty result, got ${JSON.stringify(rows)}` };
  }
  if (c.wantResult !== undefined) {
    const got = rowsKey(rows, c.sortBindings);
    const want = rowsKey(c.wantResult, c.sortBindings);
    return got === want ? { kind: "pass" } : { kind: "fail", detail: `want ${want} got ${got}` };
  }
  if (c.wantDefined !== undefined) {
    const defined = rows.length > 0;
    return defined === c.wantDefined ? { kind: "pass" } : { kind: "fail", detail: `want ${c.wantDefined ? "defined" : "undefined"}, got ${defined ? JSON.stringify(rows) : "undefined"}` };
  }
  return { kind: "fail", detail: "case has no expectation" };
}
