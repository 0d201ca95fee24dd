/*
 * Runs a whole directory of OPA test cases and summarises them. Input: a case directory, an
 * exceptions map and a compile function. Output: per-case results and the counts printed as
 * `conformance: N passed, M failed, K skipped` (a skip only ever comes from the exceptions file).
 */

import { loadCases } from "./cases.js";
import type { Case, Exceptions } from "./cases.js";
import { runCase } from "./run.js";
import type { CompileFn, Outcome } from "./run.js";

/** CaseResult is one case's outcome and, when listed in the exceptions file, the reason. */
export interface CaseResult {
  readonly case: Case;
  readonly outcome: Outcome;
  readonly exception?: string;
}

/** exceptionFor finds a case's entry in the exceptions file, by id or by bare note. */
export function exceptionFor(c: Case, exceptions: Exceptions): string | undefined {
  return exceptions.get(c.id) ?? exceptions.get(c.note);
}

/** runSuite runs every case under dir, in order. */
export async function runSuite(dir: string, exceptions: Exceptions, compile: CompileFn): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const c of loadCases(dir)) {
    const exception = exceptionFor(c, exceptions) ?? c.skip;
    const outcome = await runCase(c, compile);
    results.push(exception !== undefined ? { case: c, outcome, exception } : { case: c, outcome });
  }
  return results;
}

/** summarize counts results: an excepted case counts as skipped, whatever its outcome. */
export function summarize(results: readonly CaseResult[]): { passed: number; failed: number; skipped: number } {
  let passed = 0, failed = 0, skipped = 0;
  for (const r of results) {
    if (r.exception !== undefined) skipped++;
    else if (r.outcome.kind === "pass") passed++;
    else failed++;
  }
  return { passed, failed, skipped };
}
