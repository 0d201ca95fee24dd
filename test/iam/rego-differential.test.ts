/*
 * Differential property test: the Rego IAM evaluator on the IR reference interpreter against the
 * TypeScript oracle, on random policies and batches of requests with unknown markers (fixed seed).
 */

import t from "tap";
import { loadIamInterpreter } from "./rego-interp.js";
import { referenceEvaluate } from "../oracle/iam-reference.js";
import { caseArb, fuzzRuns } from "../oracle/gen.js";
import { expectAgreement } from "../helpers/oracle-agree.js";

const evaluate = loadIamInterpreter();

t.test("rego vs oracle: random policies and requests", async (t) => {
  expectAgreement(t, caseArb, {
    seed: 424242,
    runs: fuzzRuns(300),
    ours: (c) => evaluate(c.policies, c.requests),
    oracle: (c) => referenceEvaluate(c.policies, c.requests),
  });
});
