/*
 * The test runner: compiles every selected test rule as its own entrypoint of one Wasm module
 * (vpcgate's compiler), then evaluates each entrypoint separately through the unmodified
 * @open-policy-agent/opa-wasm SDK with the data documents and the host builtins (the IAM
 * engine's, plus time.now_ns). A test passes when its value is `true` (OPA's rule); a runtime
 * abort (conflict, unimplemented builtin) is that test's ERROR and the next test runs on a
 * fresh instance. Input: sources, data, options. Output: TestResult[] in file order.
 */

import { performance } from "node:perf_hooks";
import { loadPolicy } from "@open-policy-agent/opa-wasm";
import { compileRego } from "../compile.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { BUILTINS } from "../rego/builtins.js";
import { discoverTests } from "./discover.js";
import type { TestCase } from "./discover.js";
import type { RegoSource } from "../bundle/loader.js";

/** SubResult is one case of a partial-object test (`test_x[name] if ...`): fails unless its value is true. */
export interface SubResult {
  readonly name: string;
  readonly fail: boolean;
  readonly subResults: readonly SubResult[];
}

/** Outcome is how one test ended. */
export type Outcome =
  | { readonly kind: "pass"; readonly subResults: readonly SubResult[] }
  | { readonly kind: "fail"; readonly subResults: readonly SubResult[] }
  | { readonly kind: "error"; readonly message: string }
  | { readonly kind: "skip" };

/** TestResult is one test's outcome; durationNs is 0 for skipped tests. */
export interface TestResult {
  readonly test: TestCase;
  readonly outcome: Outcome;
  readonly durationNs: number;
}

/** HostBuiltin is a builtin implemented in JS for the SDK (arguments and result are JSON values). */
export type HostBuiltin = (...args: unknown[]) => unknown;

/** RunOptions: `now` feeds time.now_ns; `filter` selects tests by full name; extra host builtins. */
export interface RunOptions {
  readonly now: () => Date;
  readonly filter?: RegExp;
  readonly hostBuiltins?: Readonly<Record<string, HostBuiltin>>;
}

/** RunOutput is the results plus the compiler's warnings. */
export interface RunOutput {
  readonly results: TestResult[];
  readonly warnings: readonly Diagnostic[];
}

type Policy = Awaited<ReturnType<typeof loadPolicy>>;

/** runTests discovers, compiles and runs the tests; compile errors throw DiagnosticError. */
export async function runTests(sources: readonly RegoSource[], data: Readonly<Record<string, unknown>>, opts: RunOptions): Promise<RunOutput> {
  const found = discoverTests(sources);
  const selected = found.tests.filter((t) => opts.filter === undefined || opts.filter.test(t.fullName));
  const runnable = selected.filter((t) => !t.skip);
  let nowNs = 0;
  const builtins: Record<string, HostBuiltin> = {
    "time.now_ns": () => nowNs,
    ...opts.hostBuiltins,
  };
  const arities: Record<string, number> = {};
  for (const name of Object.keys(builtins)) {
    const arity = BUILTINS.get(name)?.arity ?? builtins[name]?.length;
    if (arity !== undefined) arities[name] = arity;
  }
  if (runnable.length === 0) {
    return { results: selected.map((test) => ({ test, outcome: { kind: "skip" }, durationNs: 0 })), warnings: [] };
  }
  const entrypoints = [...new Set(runnable.map((t) => t.entrypoint))];
  const { wasm, diagnostics } = compileRego(found.sources, entrypoints, { customBuiltins: arities });
  const module = await WebAssembly.compile(new Uint8Array(wasm));
  const fresh = async (): Promise<Policy> => {
    const p = await loadPolicy(module, undefined, builtins);
    p.setData(data as object);
    return p;
  };
  let policy = await fresh();
  const results: TestResult[] = [];
  for (const test of selected) {
    if (test.skip) {
      results.push({ test, outcome: { kind: "skip" }, durationNs: 0 });
      continue;
    }
    nowNs = opts.now().getTime() * 1e6;
    const t0 = performance.now();
    let outcome: Outcome;
    try {
      const rs = policy.evaluate(undefined, test.entrypoint) as unknown as { result?: unknown }[];
      outcome = judge(test, rs);
    } catch (e) {
      outcome = { kind: "error", message: errorMessage(e) };
    }
    const durationNs = Math.max(0, Math.round((performance.now() - t0) * 1e6));
    results.push({ test, outcome, durationNs });
    if (outcome.kind === "error") policy = await fresh();
  }
  return { results, warnings: diagnostics };
}

/** judge applies OPA's rule: undefined fails, `true` passes, partial objects pass when every leaf is true. */
function judge(test: TestCase, rs: readonly { result?: unknown }[]): Outcome {
  const first = rs[0];
  if (first === undefined || !("result" in first)) return { kind: "fail", subResults: [] };
  const v = first.result;
  if (test.partialObject && isObject(v)) {
    const subs = subResults(v);
    return { kind: subs.some((s) => s.fail) ? "fail" : "pass", subResults: subs };
  }
  return { kind: v === true ? "pass" : "fail", subResults: [] };
}

function subResults(v: Record<string, unknown>): SubResult[] {
  return Object.keys(v).sort().map((name) => {
    const x = v[name];
    if (isObject(x)) {
      const subs = subResults(x);
      return { name, fail: subs.some((s) => s.fail), subResults: subs };
    }
    return { name, fail: x !== true, subResults: [] };
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** errorMessage turns what the SDK throws (strings from opa_abort, {message} objects, Errors) into text. */
function errorMessage(e: unknown): string {
  if (typeof e === "string") return e;
  if (e instanceof Error) return e.message;
  if (typeof e === "object" && e !== null && "message" in e) return String((e as { message: unknown }).message);
  return String(e);
}
