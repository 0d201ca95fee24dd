/*
 * Runs OPA test cases (../shared/opa-cases) through parse → check → plan → the IR interpreter
 * (test/helpers/ir-interp.ts), without Wasm. Input: a Case (src/conformance/cases.ts).
 * Output: pass, or fail with a one-line reason.
 */

import { SourceFile } from "../../src/diagnostics/source.js";
import { renderDiagnostics } from "../../src/diagnostics/diagnostic.js";
import { parseModule, parseQuery } from "../../src/rego/parser.js";
import { checkModules, checkQuery } from "../../src/rego/check.js";
import { BUILTINS, withBuiltins } from "../../src/rego/builtins.js";
import type { Module } from "../../src/rego/ast.js";
import type { Case } from "../../src/conformance/cases.js";
import { plan } from "../../src/planner/plan.js";
import { IrInterpreter, IrRuntimeError } from "./ir-interp.js";
import { canon } from "../../src/conformance/run.js";

/** CASE_BUILTINS are the host builtins OPA's Wasm test generator declares (plus mock targets). */
export const CASE_BUILTINS = withBuiltins(BUILTINS, [
  { name: "custom_builtin_test", arity: 1, relational: false },
  { name: "custom_builtin_test_impure", arity: 0, relational: false },
  { name: "custom_builtin_test_memoization", arity: 0, relational: false },
  { name: "http.send", arity: 1, relational: false },
  { name: "io.jwt.decode_verify", arity: 2, relational: false },
]);

function rowsKey(rows: readonly unknown[], sortBindings: boolean): string {
  const keys = rows.map((r) => JSON.stringify(canon(r, false)).replace(/\.0(?=[,}\]])/g, ""));
  if (sortBindings) return JSON.stringify([...new Set(rows.map((r) => JSON.stringify(canon(r, true))))].sort());
  return JSON.stringify([...new Set(keys)].sort());
}

/** Outcome of one case. */
export type Outcome = { pass: true } | { pass: false; detail: string };

/** runCaseIr runs one case through the planner and the IR interpreter. */
export function runCaseIr(c: Case): Outcome {
  const wantsError = (c.wantError !== undefined || c.wantErrorCode !== undefined) && !c.strictError;
  const modules: Module[] = [];
  const diags: string[] = [];
  c.modules.forEach((text, i) => {
    const r = parseModule(new SourceFile(c.moduleNames[i] ?? `module${i}.rego`, text));
    if (r.diagnostics.length > 0) diags.push(renderDiagnostics(r.diagnostics));
    if (r.module) modules.push(r.module);
  });
  const checked = checkModules(modules, { builtins: CASE_BUILTINS });
  if (checked.diagnostics.some((d) => d.severity === "error")) diags.push(renderDiagnostics(checked.diagnostics));
  const pq = parseQuery(new SourceFile("query.rego", c.query));
  const q = pq.query ? checkQuery(pq.query, checked.program, { builtins: CASE_BUILTINS }) : undefined;
  if (pq.diagnostics.length > 0) diags.push(renderDiagnostics(pq.diagnostics));
  if (q !== undefined && q.diagnostics.length > 0) diags.push(renderDiagnostics(q.diagnostics));
  if (diags.length > 0 || q?.query === undefined) {
    if (wantsError && (c.wantErrorCode?.startsWith("rego_") ?? false)) return { pass: true };
    return { pass: false, detail: `compile: ${diags.join(" | ").split("\n")[0]}` };
  }
  const planned = plan(checked.program, [{ name: "query", query: q.query }], { builtins: CASE_BUILTINS });
  if (planned.diagnostics.length > 0) {
    if (wantsError && (c.wantErrorCode?.startsWith("rego_") ?? false)) return { pass: true };
    return { pass: false, detail: `plan: ${renderDiagnostics(planned.diagnostics).split("\n")[0]}` };
  }
  let input = c.input;
  if (c.inputTerm !== undefined) {
    try {
      input = JSON.parse(c.inputTerm) as unknown;
    } catch {
      return { pass: false, detail: "input_term is not JSON (sets) — not supported by this harness" };
    }
  }
  let rows: unknown[];
  try {
    rows = new IrInterpreter(planned.policy).evaluate(0, input, c.data ?? {});
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    if (wantsError && e instanceof IrRuntimeError) {
      if (c.wantError !== undefined && text.includes(c.wantError)) return { pass: true };
      if (/conflict/.test(text) && (c.wantErrorCode === "eval_conflict_error" || /conflict|multiple outputs/.test(c.wantError ?? ""))) return { pass: true };
    }
    return { pass: false, detail: `error: ${text}` };
  }
  if (wantsError) return { pass: false, detail: `want error ${c.wantErrorCode ?? ""} ${c.wantError ?? ""}, got ${JSON.stringify(rows)}` };
  if (c.strictError && (c.wantError !== undefined || c.wantErrorCode !== undefined)) {
    return rows.length === 0 ? { pass: true } : { pass: false, detail: `strict_error: want empty, got ${JSON.stringify(rows)}` };
  }
  if (c.wantResult !== undefined) {
    const got = rowsKey(rows, c.sortBindings);
    const want = rowsKey(c.wantResult, c.sortBindings);
    return got === want ? { pass: true } : { pass: false, detail: `want ${want} got ${got}` };
  }
  if (c.wantDefined !== undefined) {
    return (rows.length > 0) === c.wantDefined ? { pass: true } : { pass: false, detail: `want defined=${c.wantDefined}, got ${JSON.stringify(rows)}` };
  }
  return { pass: false, detail: "no expectation" };
}
