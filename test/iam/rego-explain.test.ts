/*
 * The explain entrypoint (policies/iam/explain.rego, vpcgate/iam/explain) on the IR reference
 * interpreter against the oracle's referenceExplain: whole traced Decisions on every dev vector and
 * on random policies and requests (fixed seed); its decisions equal vpcgate/iam/decisions'.
 */

import t from "tap";
import { loadIamInterpreter } from "./rego-interp.js";
import { referenceEvaluate, referenceExplain, referenceExplainAll } from "../oracle/iam-reference.js";
import { caseArb, fuzzRuns } from "../oracle/gen.js";
import { canon, expectAgreement } from "../helpers/oracle-agree.js";
import { loadVectors, VECTORS_DEV } from "../oracle/vectors.js";
import type { Decision } from "../../src/iam/types.js";

const explain = loadIamInterpreter("policies/iam", "vpcgate/iam/explain");

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
  expectAgreement(t, caseArb, {
    seed: 777001,
    runs: fuzzRuns(300),
    ours: (c) => explain(c.policies, c.requests),
    oracle: (c) => referenceExplainAll(c.policies, c.requests),
    // and without the trace, the decisions are vpcgate/iam/decisions' (the oracle's referenceEvaluate)
    agree: (c) => {
      const got = explain(c.policies, c.requests);
      return canon(got) === canon(referenceExplainAll(c.policies, c.requests)) && canon(got.map(untraced)) === canon(referenceEvaluate(c.policies, c.requests));
    },
  });
});
