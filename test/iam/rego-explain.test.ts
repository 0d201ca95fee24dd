/*
 * The explain entrypoint (policies/iam/explain.rego, vpcgate/iam/explain) on the IR reference
 * interpreter against the oracle's referenceExplain: whole traced Decisions on every dev vector and
 * on random policies and requests (fixed seed); its decisions equal vpcgate/iam/decisions'.
 */

import t from "tap";
import fc from "fast-check";
import { loadIamInterpreter } from "./rego-interp.js";
import { referenceEvaluate, referenceExplain, referenceExplainAll } from "../oracle/iam-reference.js";
import { caseArb, fuzzRuns } from "../oracle/gen.js";
import { loadVectors, VECTORS_DEV } from "../oracle/vectors.js";
import type { Decision } from "../../src/iam/types.js";

const explain = loadIamInterpreter("policies/iam", "vpcgate/iam/explain");

/** canon renders JSON with sorted object keys, so key order does not count. */
function canon(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canon).join(",")}]`;
  if (x !== null && typeof x === "object") {
    return `{${Object.keys(x).sort().map((k) => `${JSON.stringify(k)}:${canon((x as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(x);
}

/** untraced drops the trace: what vpcgate/iam/decisions returns. */
function untraced(d: Decision): Decision {
  const { notApplied: _n, ...rest } = d;
  return { ...rest, statements: d.statements.map(({ action: _a, resource: _r, conditions: _c, ...s }) => s) };
}

t.test("explain vectors-dev: every vector traced like the oracle", async (t) => {
  for (const v of loadVectors(VECTORS_DEV)) {
    const [d] = explain(v.policies, [v.request]);
    t.same(d, referenceExplain(v.policies, v.request), `${v.id}: same trace as the oracle`);
  }
});

t.test("explain vs oracle: random policies and requests", async (t) => {
  const r = fc.check(
    fc.property(caseArb, (c) => {
      const got = explain(c.policies, c.requests);
      const want = referenceExplainAll(c.policies, c.requests);
      return canon(got) === canon(want) && canon(got.map(untraced)) === canon(referenceEvaluate(c.policies, c.requests));
    }),
    { seed: 777001, numRuns: fuzzRuns(300) },
  );
  if (r.failed) {
    const c = r.counterexample?.[0];
    t.fail(`disagreement (seed ${r.seed})`, {
      case: JSON.stringify(c),
      rego: c ? canon(explain(c.policies, c.requests)) : "",
      oracle: c ? canon(referenceExplainAll(c.policies, c.requests)) : "",
      error: r.errorInstance instanceof Error ? r.errorInstance.message : String(r.errorInstance ?? ""),
    });
  } else t.pass(`${r.numRuns} cases agree`);
});
