// Engine unit tests: verdicts per function (no VPC call → allow with calls listed; missing
// request → unknown; ambiguity readings turn Allow into unknown), summary and exit codes.
import t from "tap";
import { combineAlternatives, judgeFunction } from "../../src/engine/check.js";
import { buildReport, exitCode } from "../../src/engine/report.js";
import type { Decision } from "../../src/iam/types.js";
import type { LambdaFunction } from "../../src/lambda/model.js";

const base: LambdaFunction = { address: "aws_lambda_function.f", type: "aws_lambda_function", moduleAddress: "", configAddress: "aws_lambda_function.f", changeActions: ["update"], calls: [], unknowns: [], moduleChain: [] };
const allow: Decision = { decision: "Allow", statements: [], notes: [] };
const deny: Decision = { decision: "ExplicitDeny", statements: [{ policy: "p", kind: "scp", index: 0, sid: "S", effect: "Deny" }], notes: [] };
const req = { action: "lambda:UpdateFunctionConfiguration", resource: "arn", context: {} };

t.test("engine: no call carries VPC keys → allow, and calls lists what is made", async (t) => {
  const r = judgeFunction({ ...base, calls: [{ action: "lambda:UpdateFunctionCode", carriesVpcKeys: false }] }, "p.json", [undefined], []);
  t.equal(r.verdict, "allow");
  t.same(r.calls, ["lambda:UpdateFunctionCode"]);
  t.same(r.location, { file: "p.json", line: 1, column: 1 });
});

t.test("engine: a VPC call without a request is unknown, never allow", async (t) => {
  const r = judgeFunction({ ...base, calls: [{ action: "lambda:CreateFunction", carriesVpcKeys: true }] }, "p.json", [undefined], []);
  t.equal(r.verdict, "unknown");
  t.equal(r.findings[0]?.rule, "iam-unknown");
});

t.test("engine: an ambiguity reading that denies turns Allow into unknown", async (t) => {
  const call = { action: req.action, carriesVpcKeys: true, request: req, alternatives: [{ ambiguity: "A2", note: "keys absent", request: req }] };
  t.equal(combineAlternatives(call, { primary: allow, alternatives: [deny] })?.decision, "Unknown");
  t.equal(combineAlternatives(call, { primary: allow, alternatives: [allow] })?.decision, "Allow");
  t.equal(combineAlternatives(call, { primary: deny, alternatives: [allow] })?.decision, "ExplicitDeny");
  const r = judgeFunction({ ...base, calls: [call] }, "p.json", [combineAlternatives(call, { primary: allow, alternatives: [deny] })], []);
  t.equal(r.verdict, "unknown");
  t.match(r.findings[0]?.message, /possible deny under ambiguity A2/);
});

t.test("engine: custom error findings deny; worst call wins; exit codes per mode", async (t) => {
  const calls = [{ action: "a", carriesVpcKeys: true, request: req }, { action: "b", carriesVpcKeys: true, request: req }];
  const unknown: Decision = { decision: "Unknown", statements: [], notes: [], unknownKeys: ["lambda:VpcIds"] };
  const u = judgeFunction({ ...base, calls }, "p", [allow, unknown], []);
  t.equal(u.verdict, "unknown");
  const rep = buildReport({ version: "x", inputs: [{ path: "p", kind: "plan" }], results: [u] });
  t.equal(exitCode(rep, "fail"), 1);
  t.equal(exitCode(rep, "warn"), 0);
  const c = judgeFunction({ ...base, calls }, "p", [allow, allow], [{ rule: "r", severity: "error", message: "m", statements: [], location: { file: "f", line: 1, column: 1 } }]);
  t.equal(c.verdict, "deny");
  const w = judgeFunction({ ...base, calls }, "p", [allow, allow], [{ rule: "r", severity: "warning", message: "m", statements: [], location: { file: "f", line: 1, column: 1 } }]);
  t.equal(w.verdict, "allow");
});
