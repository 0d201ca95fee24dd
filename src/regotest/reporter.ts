/*
 * Reports for `vpcgate test`, in the shape of `opa test`'s pretty and JSON reporters.
 * Pretty: each non-passing test (every test with verbose) as `file:line:` then
 * `data.pkg.test_x: FAIL`, failing sub-results and error messages indented, a rule, then
 * `PASS: n/N`, `FAIL: n/N`, `SKIPPED: n/N`, `ERROR: n/N`. Durations only when verbose.
 * Input: TestResult[]. Output: text; summarize() gives the counts for the exit code.
 */

import { assertNever } from "../diagnostics/diagnostic.js";
import type { SubResult, TestResult } from "./runner.js";

/** Summary counts results like OPA: partial-object tests count their leaf sub-results. */
export interface Summary {
  readonly pass: number;
  readonly fail: number;
  readonly skip: number;
  readonly error: number;
  readonly total: number;
}

/** summarize counts outcomes. */
export function summarize(results: readonly TestResult[]): Summary {
  let pass = 0;
  let fail = 0;
  let skip = 0;
  let error = 0;
  for (const r of results) {
    const o = r.outcome;
    switch (o.kind) {
      case "skip":
        skip++;
        break;
      case "error":
        error++;
        break;
      case "pass":
      case "fail": {
        const leaves = leafResults(o.subResults);
        if (leaves.length === 0) {
          if (o.kind === "pass") pass++;
          else fail++;
        } else {
          for (const l of leaves) {
            if (l.fail) fail++;
            else pass++;
          }
        }
        break;
      }
      default:
        assertNever(o, "test outcome");
    }
  }
  return { pass, fail, skip, error, total: pass + fail + skip + error };
}

function leafResults(subs: readonly SubResult[]): SubResult[] {
  return subs.flatMap((s) => (s.subResults.length === 0 ? [s] : leafResults(s.subResults)));
}

/** outcomeWord is PASS, FAIL, ERROR or SKIPPED. */
export function outcomeWord(r: TestResult): string {
  const k = r.outcome.kind;
  switch (k) {
    case "pass":
      return "PASS";
    case "fail":
      return "FAIL";
    case "error":
      return "ERROR";
    case "skip":
      return "SKIPPED";
    default:
      return assertNever(k, "test outcome");
  }
}

/** PrettyOptions: verbose lists every test with its duration and every sub-result. */
export interface PrettyOptions {
  readonly verbose: boolean;
}

const RULE = "-".repeat(80);

/** renderPretty renders results like `opa test` (without traces). */
export function renderPretty(results: readonly TestResult[], opts: PrettyOptions): string {
  const lines: string[] = [];
  let lastFile = "";
  for (const r of results) {
    const o = r.outcome;
    if (o.kind === "pass" && !opts.verbose) continue;
    const loc = r.test.location;
    if (lastFile !== "" && lastFile !== loc.file) lines.push("");
    lastFile = loc.file;
    lines.push(`${loc.file}:${loc.line}:`);
    const dur = opts.verbose && o.kind !== "skip" ? ` (${formatDuration(r.durationNs)})` : "";
    lines.push(`${r.test.fullName}: ${outcomeWord(r)}${dur}`);
    if (o.kind === "pass" || o.kind === "fail") {
      for (const [depth, s] of walkSubs(o.subResults, 1)) {
        if (s.fail || opts.verbose) lines.push(`${"  ".repeat(depth)}${s.name}: ${s.fail ? "FAIL" : "PASS"}`);
      }
    }
    if (o.kind === "error") lines.push(`  ${o.message}`);
  }
  if (lines.length > 0) lines.push(RULE);
  const s = summarize(results);
  if (s.pass !== 0) lines.push(`PASS: ${s.pass}/${s.total}`);
  if (s.fail !== 0) lines.push(`FAIL: ${s.fail}/${s.total}`);
  if (s.skip !== 0) lines.push(`SKIPPED: ${s.skip}/${s.total}`);
  if (s.error !== 0) lines.push(`ERROR: ${s.error}/${s.total}`);
  return lines.length === 0 ? "" : lines.join("\n") + "\n";
}

function walkSubs(subs: readonly SubResult[], depth: number): [number, SubResult][] {
  return subs.flatMap((s): [number, SubResult][] => [[depth, s], ...walkSubs(s.subResults, depth + 1)]);
}

/** renderJson renders results like `opa test --format json`: location {file,row,col}, duration in ns. */
export function renderJson(results: readonly TestResult[]): string {
  const out = results.map((r) => {
    const o = r.outcome;
    const entry: Record<string, unknown> = {
      location: { file: r.test.location.file, row: r.test.location.line, col: r.test.location.column },
      package: r.test.pkg,
      name: r.test.name,
    };
    if (o.kind === "fail") entry.fail = true;
    if (o.kind === "skip") entry.skip = true;
    if (o.kind === "error") entry.error = { message: o.message };
    if ((o.kind === "pass" || o.kind === "fail") && o.subResults.length > 0) entry.sub_results = subJson(o.subResults);
    entry.duration = r.durationNs;
    return entry;
  });
  return JSON.stringify(out, null, 2) + "\n";
}

function subJson(subs: readonly SubResult[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of subs) {
    const e: Record<string, unknown> = { name: s.name };
    if (s.fail) e.fail = true;
    if (s.subResults.length > 0) e.sub_results = subJson(s.subResults);
    out[s.name] = e;
  }
  return out;
}

/** formatDuration prints nanoseconds like Go's time.Duration (`412ns`, `275.542µs`, `1.2ms`, `2.5s`). */
export function formatDuration(ns: number): string {
  const n = Math.round(ns);
  if (n < 1e3) return `${n}ns`;
  if (n < 1e6) return `${trim(n / 1e3, 3)}µs`;
  if (n < 1e9) return `${trim(n / 1e6, 6)}ms`;
  return `${trim(n / 1e9, 9)}s`;
}

function trim(x: number, digits: number): string {
  return x.toFixed(digits).replace(/\.?0+$/, "");
}
