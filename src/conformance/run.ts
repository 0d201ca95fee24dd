/*
 * Runs one OPA test case through vpcgate's compiler and the unmodified @open-policy-agent/opa-wasm
 * SDK, and compares the outcome with the case's expectation. Input: a Case and a compile function.
 * Output: an Outcome (pass, or fail with what differed).
 *
 * A case's `query` becomes one entrypoint: it is wrapped as a partial-set rule whose elements bind
 * the query's variables, so result rows are exactly OPA's query bindings ({} when there are none).
 */

import { loadPolicy } from "@open-policy-agent/opa-wasm";
import type { Case } from "./cases.js";
import { DiagnosticError } from "../diagnostics/diagnostic.js";

/** CompileFn compiles Rego modules to a Wasm module with the given entrypoints; user errors throw DiagnosticError. */
export type CompileFn = (
  modules: readonly { path: string; text: string }[],
  entrypoints: readonly string[],
  opts: { customBuiltins: Readonly<Record<string, number>> },
) => Promise<Uint8Array>;

/** Outcome of a case. */
export type Outcome =
  | { readonly kind: "pass" }
  | { readonly kind: "fail"; readonly detail: string };

/** Host builtins OPA's own Wasm test generator declares (SCHEMA.md). */
const CUSTOM_BUILTINS = { custom_builtin_test: 1, custom_builtin_test_impure: 0, custom_builtin_test_memoization: 0 } as const;

const WRAP_PKG = "vpcgate_conformance";
const KEYWORDS = new Set(["not", "with", "as", "some", "in", "every", "if", "contains", "default", "else", "true", "false", "null", "import", "package", "data", "input", "_"]);

/** queryVars lists the variables of a Rego query that become result bindings (skipping comprehension-locals). */
export function queryVars(query: string): string[] {
  // Blank out strings and comments so identifiers inside them are not seen.
  let q = query.replace(/`[^`]*`/g, (m) => " ".repeat(m.length));
  q = q.replace(/"(?:[^"\\]|\\.)*"/g, (m) => " ".repeat(m.length)).replace(/#[^\n]*/g, (m) => " ".repeat(m.length));
  // Ranges of comprehensions: a bracket pair with a top-level `|` inside.
  const compRanges: [number, number][] = [];
  const stack: { ch: string; at: number; bar: boolean }[] = [];
  for (let i = 0; i < q.length; i++) {
    const ch = q[i]!;
    if (ch === "[" || ch === "{" || ch === "(") stack.push({ ch, at: i, bar: false });
    else if (ch === "]" || ch === "}" || ch === ")") {
      const top = stack.pop();
      if (top?.bar) compRanges.push([top.at, i]);
    } else if (ch === "|" && stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top.ch !== "(" && q[i + 1] !== "|" && q[i - 1] !== "|") top.bar = true;
    }
  }
  const inComp = (i: number): boolean => compRanges.some(([a, b]) => i > a && i < b);
  const vars = new Set<string>();
  const re = /[A-Za-z_][A-Za-z0-9_]*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(q)) !== null) {
    const id = m[0];
    const start = m.index;
    const before = q.slice(0, start).trimEnd();
    const after = q.slice(start + id.length).trimStart();
    const afterDot = before.endsWith(".") && !/\d\.$/.test(before);
    const isCall = after.startsWith("(") || /^\.\s*[A-Za-z_][A-Za-z0-9_.]*\s*\(/.test(after);
    const isKey = /^:[^=]/.test(after) && (before.endsWith("{") || before.endsWith(","));
    const isWithTarget = /\bwith$/.test(before) || (/\bas$/.test(before) && !/with\s+(input|data)\b[^\n;]*\bas\s*$/.test(q.slice(0, start)));
    if (!KEYWORDS.has(id) && !afterDot && !isCall && !isKey && !isWithTarget && !inComp(start) && !/^\d/.test(id) && !id.startsWith("__")) {
      vars.add(id);
    }
  }
  return [...vars].sort();
}

/** wrapQuery turns a query into a module whose `result` rule yields one binding object per solution. */
export function wrapQuery(query: string, inputTerm?: string): string {
  const vars = queryVars(query);
  const head = `{${vars.map((v) => `${JSON.stringify(v)}: ${v}`).join(", ")}}`;
  let body = query.trim();
  if (inputTerm !== undefined) {
    body = body.split(/\n|;/).map((l) => l.trim()).filter((l) => l !== "").map((l) => `${l} with input as data.${WRAP_PKG}.input_term`).join("\n");
  }
  const extra = inputTerm !== undefined ? `\ninput_term := ${inputTerm}\n` : "";
  return `package ${WRAP_PKG}\n\nimport rego.v1\n${extra}\nresult contains ${head} if {\n${body}\n}\n`;
}

function canon(v: unknown, sortArrays: boolean): unknown {
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
  modules.push({ path: "query.rego", text: wrapQuery(c.query, inputTerm) });
  let rows: unknown[];
  try {
    const wasm = await compile(modules, [`${WRAP_PKG}/result`], { customBuiltins: CUSTOM_BUILTINS });
    let memoCalls = 0;
    const policy = await loadPolicy(wasm, undefined, {
      custom_builtin_test: (a: number) => a + 1,
      custom_builtin_test_impure: () => "foo",
      custom_builtin_test_memoization: () => { memoCalls++; return 100; },
    });
    if (c.data !== undefined) policy.setData(c.data as object);
    // An ArrayBuffer input keeps falsy inputs (false, 0, "", null), which the SDK's fast path drops.
    const inputArg = input === undefined ? undefined : new TextEncoder().encode(JSON.stringify(input)).buffer;
    const rs = policy.evaluate(inputArg, 0) as { result?: unknown }[];
    const set = rs[0]?.result;
    rows = Array.isArray(set) ? set : [];
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
