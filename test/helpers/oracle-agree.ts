/*
 * Differential property checks against the TypeScript IAM oracle (test code only): a fixed-seed
 * fast-check run that compares our result with the oracle's on every random case and, on a
 * disagreement, reports the shrunk case and both results as canonical JSON.
 */

import type { Test } from "tap";
import fc from "fast-check";

/** canon renders JSON with sorted object keys, so key order does not count. */
export function canon(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canon).join(",")}]`;
  if (x !== null && typeof x === "object") {
    return `{${Object.keys(x).sort().map((k) => `${JSON.stringify(k)}:${canon((x as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(x);
}

/** Differential: what to run on a case, what the oracle says, and (default: equal canonical JSON) when they agree. */
export interface Differential<C> {
  readonly seed: number;
  readonly runs: number;
  readonly ours: (c: C) => unknown;
  readonly oracle: (c: C) => unknown;
  readonly agree?: (c: C) => boolean;
}

/** expectAgreement passes when every case of `arb` agrees, else fails once with the counterexample. */
export function expectAgreement<C>(t: Test, arb: fc.Arbitrary<C>, d: Differential<C>): void {
  const agree = d.agree ?? ((c: C): boolean => canon(d.ours(c)) === canon(d.oracle(c)));
  const r = fc.check(fc.property(arb, agree), { seed: d.seed, numRuns: d.runs });
  if (r.failed) {
    const c = r.counterexample?.[0];
    t.fail(`disagreement (seed ${r.seed})`, {
      case: JSON.stringify(c),
      rego: c === undefined ? "" : canon(d.ours(c)),
      oracle: c === undefined ? "" : canon(d.oracle(c)),
      error: r.errorInstance instanceof Error ? r.errorInstance.message : String(r.errorInstance ?? ""),
    });
  } else t.pass(`${r.numRuns} cases agree`);
}
