// Benchmark: IAM policy evaluation, compiled Rego (policies/iam through the opa-wasm SDK, one batch)
// versus the TypeScript reference evaluator (test/oracle), on the same batch of requests taken from a
// generated plan (issue 4: 10,000 requests against a 20-statement policy set: the Lambda guide's 8
// statements plus 12 deny statements on security groups and layers that never match).
// Prints one JSON line {requests, statements, regoMs, tsMs, loadMs}: medians of --runs runs.
// Run: node --import=@tapjs/typescript/import bench/policy-eval.ts PLAN.json [--runs N] [--batch N]
import { loadInputs } from "../src/inputs/index.js";
import { evaluateRequests, loadIamPolicy } from "../src/engine/iam.js";
import { buildPreset } from "../src/iam/presets.js";
import type { IamPolicy, Request } from "../src/iam/types.js";
import { referenceEvaluate } from "../test/oracle/iam-reference.js";

const arg = (n: string, d: string): string => {
  const i = process.argv.indexOf(`--${n}`);
  return i >= 0 ? (process.argv[i + 1] ?? d) : d;
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const plan = process.argv[2] ?? "";
const runs = Number(arg("runs", "5"));
const batch = Number(arg("batch", "10000"));
const loaded = await loadInputs([plan], { cwd: process.cwd() });
const pool: Request[] = [];
for (const d of loaded.documents) for (const f of d.functions) for (const c of f.calls) if (c.request) pool.push(c.request);
if (pool.length === 0) throw new Error("no requests in the plan");
const requests: Request[] = Array.from({ length: batch }, (_, i) => pool[i % pool.length] as Request);
const guide = buildPreset("lambda-guide") as IamPolicy[];
const padding: IamPolicy = {
  name: "bench-padding",
  kind: "scp",
  document: {
    Version: "2012-10-17",
    Statement: Array.from({ length: 12 }, (_, i) => ({
      Sid: `Pad${i}`,
      Effect: "Deny",
      Action: ["lambda:CreateFunction", "lambda:UpdateFunctionConfiguration"],
      Resource: "*",
      Condition: i % 2 === 0
        ? { "ForAnyValue:StringEquals": { "lambda:SecurityGroupIds": [`sg-0bench${i}`] } }
        : { "ForAnyValue:StringLike": { "lambda:Layer": [`arn:aws:lambda:*:*:layer:bench-${i}:*`] } },
    })),
  },
};
const policies = [...guide, padding];
const statements = policies.reduce((n, p) => n + ((p.document as { Statement: unknown[] }).Statement.length), 0);

const t0 = performance.now();
await loadIamPolicy();
const loadMs = performance.now() - t0;
const rego: number[] = [];
const ts: number[] = [];
for (let r = 0; r < runs; r++) {
  let t = performance.now();
  const a = await evaluateRequests(policies, requests);
  rego.push(performance.now() - t);
  t = performance.now();
  const b = referenceEvaluate(policies, requests);
  ts.push(performance.now() - t);
  if (r === 0) {
    const differ = a.filter((d, i) => d.decision !== b[i]?.decision).length;
    if (differ > 0) process.stderr.write(`policy-eval: ${differ} decisions differ between Rego and the reference\n`);
  }
}
process.stdout.write(JSON.stringify({ requests: requests.length, statements, regoMs: median(rego), tsMs: median(ts), loadMs }) + "\n");
