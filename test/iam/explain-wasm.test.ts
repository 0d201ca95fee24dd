/*
 * The compiled IAM module's explain entrypoint (src/engine/iam.ts explainRequests, Wasm through the
 * opa-wasm SDK) gives the oracle's traced Decision on every dev vector, and its decisions equal
 * evaluateRequests' (the trace never changes a decision).
 */

import t from "tap";
import { evaluateRequests, explainRequests } from "../../src/engine/iam.js";
import { referenceExplain } from "../oracle/iam-reference.js";
import { loadVectors, VECTORS_DEV } from "../oracle/vectors.js";

t.test("wasm explain: every dev vector traced like the oracle", async (t) => {
  for (const v of loadVectors(VECTORS_DEV)) {
    const [d] = await explainRequests(v.policies, [v.request]);
    const [plain] = await evaluateRequests(v.policies, [v.request]);
    t.same(d, referenceExplain(v.policies, v.request), `${v.id}: trace`);
    t.equal(d?.decision, plain?.decision, `${v.id}: same decision as vpcgate/iam/decisions`);
  }
});

t.test("wasm explain: empty batch", async (t) => {
  t.same(await explainRequests([], []), []);
});
