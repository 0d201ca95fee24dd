/*
 * `vpcgate simulate` end to end: every dev vector through the CLI (needs the compiled IAM
 * policy: `todo` until the Rego→Wasm compiler builds policies/iam), and bad input → exit 2 with
 * file:line:col (works today: input is checked before evaluation).
 */

import t from "tap";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../src/cli/cli.js";
import { bufferIo } from "../../src/cli/io.js";
import { loadIamPolicy } from "../../src/engine/iam.js";
import { loadVectors, VECTORS_DEV } from "../oracle/vectors.js";

const dir = mkdtempSync(join(tmpdir(), "vpcgate-simulate-"));
const write = (name: string, value: unknown): string => {
  const f = join(dir, name);
  writeFileSync(f, typeof value === "string" ? value : JSON.stringify(value, null, 1));
  return f;
};

const compiled = await loadIamPolicy().then(() => true, () => false);
const todo = compiled ? false : "the IAM policy is not compiled yet (needs the Rego→Wasm compiler)";

t.test("simulate: every dev vector", { todo }, async (t) => {
  for (const v of loadVectors(VECTORS_DEV)) {
    const args: string[] = ["simulate"];
    const docs = Array.isArray(v.rawPolicy) ? (v.rawPolicy as Record<string, unknown>[]) : [{ kind: "identity", ...(v.rawPolicy as Record<string, unknown>) }];
    docs.forEach((d, i) => {
      const { kind, ...doc } = d;
      args.push(kind === "scp" ? "--scp" : kind === "boundary" ? "--boundary" : "--policy", write(`${v.id}-${i}.json`, doc));
    });
    args.push("--requests", write(`${v.id}-requests.json`, [v.request]));
    const io = bufferIo({ cwd: dir });
    const code = await run(args, io);
    t.equal(code, 0, `${v.id}: exit 0`);
    const out = JSON.parse(io.out || "[]") as { decision: string }[];
    t.equal(out[0]?.decision, v.expect, `${v.id}: ${v.description}`);
  }
});

t.test("simulate: bad policy → exit 2 with file:line:col", async (t) => {
  const pol = write("bad.json", '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Permit", "Action": "lambda:*", "Resource": "*"}]\n}\n');
  const req = write("r.json", [{ action: "lambda:CreateFunction", resource: "arn:aws:lambda:us-east-1:1:function:f", context: {} }]);
  const io = bufferIo({ cwd: dir });
  t.equal(await run(["simulate", "--policy", pol, "--requests", req], io), 2);
  t.match(io.err, /bad\.json:3:28: iam_policy_error: bad Effect "Permit"/);
});

t.test("simulate: unknown operator and bad ARN", async (t) => {
  const pol = write("bad2.json", { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "lambda:*", Resource: "function:f", Condition: { StringEqualz: { k: "v" } } }] });
  const req = write("r2.json", [{ action: "lambda:CreateFunction", resource: "arn:aws:lambda:us-east-1:1:function:f", context: {} }]);
  const io = bufferIo({ cwd: dir });
  t.equal(await run(["simulate", "--policy", pol, "--requests", req], io), 2);
  t.match(io.err, /bad2\.json:\d+:\d+: iam_policy_error: bad ARN "function:f"/);
  t.match(io.err, /iam_policy_error: unknown condition operator "StringEqualz"/);
});

t.test("simulate: bad requests (JSON lines) → exit 2", async (t) => {
  const pol = write("ok.json", { Version: "2012-10-17", Statement: { Effect: "Allow", Action: "*", Resource: "*" } });
  const req = write("r3.jsonl", '{"action":"lambda:CreateFunction","resource":"arn:aws:lambda:us-east-1:1:function:f","context":{}}\n{"action":"lambda:CreateFunction","resource":"x","context":{"k":{"$bogus":1}}}\n');
  const io = bufferIo({ cwd: dir });
  t.equal(await run(["simulate", "--policy", pol, "--requests", req], io), 2);
  t.match(io.err, /r3\.jsonl:2:\d+: input_schema_error: k: a marker is/);
});
