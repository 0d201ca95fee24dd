// The committed default IAM bundle (wasm/iam.tar.gz, built by `make wasm`) is up to date with
// policies/iam, loads without the compiler, and decides the dev vectors like the oracle.
import t from "tap";
import { readFileSync } from "node:fs";
import { loadPolicy } from "@open-policy-agent/opa-wasm";
import { readBundle } from "../../src/bundle/bundle.js";
import { IAM_ENTRYPOINT, iamBundleStatus } from "../../src/engine/iam.js";
import { referenceEvaluate } from "../oracle/iam-reference.js";
import { loadVectors, VECTORS_DEV } from "../oracle/vectors.js";

t.test("wasm/iam.tar.gz is stamped with the current policies/iam sources", async (t) => {
  const s = await iamBundleStatus();
  t.ok(s.upToDate, `wasm/iam.hash ${s.stamp ?? "(missing)"} != ${s.hash}: policies/iam changed; run \`make wasm\` and commit wasm/iam.tar.gz and wasm/iam.hash`);
});

t.test("the committed bundle decides the dev vectors like the oracle, in one batch", async (t) => {
  const { wasm } = readBundle(new Uint8Array(readFileSync("wasm/iam.tar.gz")), "wasm/iam.tar.gz");
  const policy = await loadPolicy(wasm);
  const vs = loadVectors(VECTORS_DEV);
  let agree = 0;
  for (const v of vs) {
    policy.setData({ policies: v.policies.map((p) => ({ name: p.name, kind: p.kind, document: p.document })) });
    const rs = policy.evaluate({ requests: [v.request] }, IAM_ENTRYPOINT) as { result?: { decision: string }[] }[];
    const got = rs[0]?.result?.[0]?.decision;
    if (got === referenceEvaluate(v.policies, [v.request])[0]?.decision) agree++;
    else t.fail(`${v.id}: bundle says ${got}`);
  }
  t.equal(agree, vs.length, "every vector agrees");
});
