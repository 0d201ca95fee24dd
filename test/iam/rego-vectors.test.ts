/*
 * The Rego IAM evaluator (policies/iam), run on the IR reference interpreter, against every
 * dev vector: the decision must match the vector and the whole Decision must equal the oracle's.
 */

import t from "tap";
import { loadIamInterpreter } from "./rego-interp.js";
import { referenceDecide } from "../oracle/iam-reference.js";
import { loadVectors, VECTORS_DEV } from "../oracle/vectors.js";

const evaluate = loadIamInterpreter();

t.test("rego vectors-dev: every vector", async (t) => {
  for (const v of loadVectors(VECTORS_DEV)) {
    const [d] = evaluate(v.policies, [v.request]);
    t.equal(d?.decision, v.expect, `${v.id}: decision`);
    t.same(d, referenceDecide(v.policies, v.request), `${v.id}: same as the oracle`);
  }
});
