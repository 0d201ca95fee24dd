/*
 * Limits (issue 8): runaway evaluation and memory exhaustion in a policy end in exit 2 with a
 * policy_eval_error under --timeout (evaluation runs in a worker that is terminated), bad
 * --timeout values are usage errors, and the sandboxed IAM path decides like the in-process one.
 */
import t from "tap";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../src/cli/cli.js";
import { bufferIo } from "../../src/cli/io.js";
import { makeCheckCommand } from "../../src/cli/commands/check.js";
import { referenceEvaluate } from "../oracle/iam-reference.js";
import { repoRoot } from "../helpers/golden.js";
import { SandboxedPolicy, SandboxError } from "../../src/engine/sandbox.js";
import { compileRego } from "../../src/compile.js";

const commands = [makeCheckCommand({ evaluateRequests: async (p, r) => referenceEvaluate(p, r) })];
const cache = mkdtempSync(join(tmpdir(), "vg-limits-"));
const ALLOW = "testdata/examples/allow/plan.json";

async function vg(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = bufferIo({ cwd: repoRoot, env: { VPCGATE_CACHE_DIR: cache } });
  const code = await run(argv, io, { commands });
  return { code, out: io.out, err: io.err };
}

t.test("runaway evaluation is stopped by --timeout: exit 2, policy_eval_error at the policy", async (t) => {
  const r = await vg(["check", ALLOW, "--policy", "testdata/bad/limits/runaway.rego", "--timeout", "1"]);
  t.equal(r.code, 2, r.err);
  t.match(r.err, /^\S*testdata\/bad\/limits\/runaway\.rego: policy_eval_error: vpcgate\/limits\/deny: evaluation did not finish within 1000 ms/);
  t.notMatch(r.err, /\n\s+at /);
  t.equal(r.out, "");
});

t.test("memory exhaustion ends in exit 2 (trap, out of memory or timeout), never a crash", async (t) => {
  const r = await vg(["check", ALLOW, "--policy", "testdata/bad/limits/memory.rego", "--timeout", "3"]);
  t.equal(r.code, 2, r.err);
  t.match(r.err, /^\S*testdata\/bad\/limits\/memory\.rego: policy_eval_error: /);
  t.notMatch(r.err, /\n\s+at /);
});

t.test("--timeout must be a positive number of seconds", async (t) => {
  for (const v of ["0", "-1", "abc", "1e9"]) {
    const r = await vg(["check", ALLOW, `--timeout=${v}`]);
    t.equal(r.code, 2, v);
    t.match(r.err, /usage_error/, v);
  }
});

t.test("sandbox: results, evaluation errors and timeouts", async (t) => {
  const { wasm } = compileRego([{ path: "p.rego", text: "package p\n\ndeny contains input.x if input.x > 1\n" }], ["p/deny"]);
  const box = await SandboxedPolicy.load(wasm, undefined, { timeoutMs: 10_000 });
  t.same(box.entrypoints, ["p/deny"]);
  t.same(await box.evaluate({ x: 2 }, "p/deny"), [{ result: [2] }]);
  await t.rejects(box.evaluate({ x: 2 }, "p/nope"), SandboxError);
  await box.close();
  await t.rejects(box.evaluate({ x: 2 }, "p/deny"), SandboxError, "a closed sandbox refuses requests");
});

t.test("IAM: the sandboxed path decides like the in-process path", async (t) => {
  const { evaluateRequests } = await import("../../src/engine/iam.js");
  const { buildPreset } = await import("../../src/iam/presets.js");
  const policies = buildPreset("enforce-vpc", {}) as import("../../src/iam/types.js").IamPolicy[];
  const requests = [
    { action: "lambda:CreateFunction", resource: "arn:aws:lambda:eu-west-1:111122223333:function:f", context: {} },
    { action: "lambda:CreateFunction", resource: "arn:aws:lambda:eu-west-1:111122223333:function:f", context: { "lambda:VpcIds": "vpc-1", "lambda:SubnetIds": ["subnet-1"], "lambda:SecurityGroupIds": ["sg-1"] } },
  ];
  let inProcess;
  try {
    inProcess = await evaluateRequests(policies, requests as never);
  } catch (e) {
    t.pass(`IAM engine unavailable in process (${(e as Error).message.slice(0, 80)}); sandbox must fail the same clean way`);
    await t.rejects(evaluateRequests(policies, requests as never, { timeoutMs: 60_000 }));
    return;
  }
  const sandboxed = await evaluateRequests(policies, requests as never, { timeoutMs: 60_000 });
  t.same(sandboxed, inProcess);
});
