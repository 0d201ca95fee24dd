/*
 * Differential property test: the Rego IAM evaluator on the IR reference interpreter against the
 * TypeScript oracle, on random policies and batches of requests with unknown markers (fixed seed).
 */

import t from "tap";
import fc from "fast-check";
import { loadIamInterpreter } from "./rego-interp.js";
import { referenceEvaluate } from "../oracle/iam-reference.js";
import { caseArb, fuzzRuns } from "../oracle/gen.js";

const evaluate = loadIamInterpreter();

/** canon renders JSON with sorted object keys, so key order does not count. */
function canon(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canon).join(",")}]`;
  if (x !== null && typeof x === "object") {
    return `{${Object.keys(x).sort().map((k) => `${JSON.stringify(k)}:${canon((x as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(x);
}

t.test("rego vs oracle: random policies and requests", async (t) => {
  const r = fc.check(
    fc.property(caseArb, (c) => {
      const got = evaluate(c.policies, c.requests);
      const want = referenceEvaluate(c.policies, c.requests);
      return canon(got) === canon(want);
    }),
    { seed: 424242, numRuns: fuzzRuns(300) },
  );
  if (r.failed) {
    const c = r.counterexample?.[0];
    t.fail(`disagreement (seed ${r.seed})`, {
      case: JSON.stringify(c),
      rego: c ? canon(evaluate(c.policies, c.requests)) : "",
      oracle: c ? canon(referenceEvaluate(c.policies, c.requests)) : "",
      error: r.errorInstance instanceof Error ? r.errorInstance.message : String(r.errorInstance ?? ""),
    });
  } else t.pass(`${r.numRuns} cases agree`);
});
