/*
 * Plan mode: the project's own format-1.2 fixture, one function per feature, asserting the calls
 * and the request contexts (deep equality).
 */
import t from "tap";
import { readFileSync } from "node:fs";
import { parsePlan } from "../../src/inputs/plan-json.js";
import { extractFunctions } from "../../src/lambda/plan-extract.js";
import type { LambdaFunction } from "../../src/lambda/model.js";

const path = "testdata/inputs/plan/features-1.2.json";
const r = parsePlan(readFileSync(path, "utf8"), path);
const fns = new Map<string, LambdaFunction>(extractFunctions(r.plan!).map((f) => [f.address, f]));
const fn = (a: string): LambdaFunction => fns.get(a)!;
const arn = (n: string): string => `arn:aws:lambda:eu-west-1:111122223333:function:${n}`;
const actions = (a: string): string[] => fn(a).calls.map((c) => c.action);

t.test("plan: format 1.2 parses without diagnostics", async (t) => {
  t.same(r.diagnostics, []);
  t.equal(fns.size, 11);
});

t.test("plan: code-only update makes no call with VPC keys", async (t) => {
  t.same(actions("aws_lambda_function.code_only"), ["lambda:UpdateFunctionCode"]);
});

t.test("plan: tag-only update → Untag/TagResource only", async (t) => {
  t.same(actions("aws_lambda_function.tag_only"), ["lambda:TagResource"]);
});

t.test("plan: memory-only update omits VpcConfig; A2 alternative from prior state", async (t) => {
  const c = fn("aws_lambda_function.memory_only").calls;
  t.same(c.map((x) => x.action), ["lambda:UpdateFunctionConfiguration"]);
  t.same(c[0]!.request, { action: "lambda:UpdateFunctionConfiguration", resource: arn("memory_only"), context: {} });
  t.same(c[0]!.alternatives?.[0]?.request.context, { "lambda:SubnetIds": ["subnet-1"], "lambda:SecurityGroupIds": ["sg-1"], "lambda:VpcIds": "vpc-1" });
  t.equal(c[0]!.alternatives?.[0]?.ambiguity, "A2");
});

t.test("plan: removed vpc_config sends empty lists, no VpcIds", async (t) => {
  const c = fn("aws_lambda_function.detach").calls;
  t.same(c[0]!.request!.context, { "lambda:SubnetIds": [], "lambda:SecurityGroupIds": [] });
});

t.test("plan: ipv6_allowed_for_dual_stack change carries VpcConfig", async (t) => {
  const c = fn("aws_lambda_function.ipv6").calls;
  t.same(c[0]!.request!.context, { "lambda:SubnetIds": ["subnet-1"], "lambda:SecurityGroupIds": ["sg-1"], "lambda:VpcIds": "vpc-1" });
});

t.test("plan: whole-set unknown subnet_ids recovered as a fresh subnet with its configured VPC", async (t) => {
  const c = fn("aws_lambda_function.create_unknown_set").calls;
  t.same(c[0]!.request!.context, {
    "lambda:SubnetIds": [{ $fresh: "subnet-", note: "aws_subnet.new.id" }],
    "lambda:SecurityGroupIds": ["sg-1"],
    "lambda:VpcIds": "vpc-1",
  });
  t.ok(fn("aws_lambda_function.create_unknown_set").unknowns.some((u) => u.key === "lambda:SubnetIds"));
});

t.test("plan: delete with replace_security_groups_on_destroy → SG-only update then delete", async (t) => {
  const c = fn("aws_lambda_function.delete_sg").calls;
  t.same(c.map((x) => x.action), ["lambda:UpdateFunctionConfiguration", "lambda:DeleteFunction"]);
  t.same(c[0]!.request!.context, { "lambda:SecurityGroupIds": ["sg-9"] });
  t.same(c[0]!.alternatives?.[0]?.request.context, { "lambda:SecurityGroupIds": ["sg-9"], "lambda:SubnetIds": ["subnet-1"], "lambda:VpcIds": "vpc-1" });
});

t.test("plan: replace and create_before_destroy → CreateFunction with the new config (VPC of a kept subnet from state)", async (t) => {
  t.same(actions("aws_lambda_function.replace"), ["lambda:DeleteFunction", "lambda:CreateFunction"]);
  t.same(actions("aws_lambda_function.replace_cbd"), ["lambda:CreateFunction", "lambda:DeleteFunction"]);
  const c = fn("aws_lambda_function.replace").calls[1]!;
  t.same(c.request, { action: "lambda:CreateFunction", resource: arn("replace2"), context: { "lambda:SubnetIds": ["subnet-1"], "lambda:SecurityGroupIds": ["sg-1"], "lambda:VpcIds": "vpc-1" } });
});

t.test("plan: layers, code signing and tags_all on create", async (t) => {
  t.same(fn("aws_lambda_function.layers_csc").calls[0]!.request!.context, {
    "lambda:SubnetIds": ["subnet-1"],
    "lambda:SecurityGroupIds": ["sg-1"],
    "lambda:VpcIds": { $parts: ["vpc-", { $unknown: "the VPC of subnet subnet-1 is not known from the plan" }] },
    "lambda:Layer": ["arn:aws:lambda:eu-west-1:111122223333:layer:l:3"],
    "lambda:CodeSigningConfigArn": "arn:aws:lambda:eu-west-1:111122223333:code-signing-config:csc-1",
    "aws:RequestTag/env": "prod",
    "aws:RequestTag/team": "a",
    "aws:TagKeys": ["env", "team"],
  });
});

t.test("plan: no-op makes no call", async (t) => {
  t.same(fn("aws_lambda_function.noop").calls, []);
});
