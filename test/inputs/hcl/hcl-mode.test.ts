/*
 * HCL mode: each fixture under testdata/inputs/hcl tests one feature; calls and contexts asserted.
 */
import t from "tap";
import { loadInputs } from "../../../src/inputs/index.js";
import type { LambdaFunction } from "../../../src/lambda/model.js";

const D = "testdata/inputs/hcl/";
const load = async (d: string) => loadInputs([D + d], { cwd: process.cwd() });
const ctx = (f: LambdaFunction | undefined) => f?.calls[0]?.request?.context;
const noVpc = (n: string) => ({ $unknown: `the VPC of subnet ${n} is not known from the plan` });

t.test("hcl: basic — fresh subnet in a fresh VPC, locals, concat, layers, code signing, default_tags, waiver", async (t) => {
  const r = await load("basic");
  t.same(r.diagnostics, []);
  const f = r.documents[0]!.functions[0]!;
  t.same(f.calls[0]!.request, {
    action: "lambda:CreateFunction",
    resource: "arn:aws:lambda:eu-west-1:111122223333:function:fn-dev",
    context: {
      "lambda:SubnetIds": [{ $fresh: "subnet-", note: "aws_subnet.a.id" }],
      "lambda:SecurityGroupIds": ["sg-0aaa", "sg-0bbb"],
      "lambda:VpcIds": { $fresh: "vpc-", note: "aws_vpc.main.id" },
      "lambda:Layer": ["arn:aws:lambda:eu-west-1:111122223333:layer:l:1"],
      "lambda:CodeSigningConfigArn": "arn:aws:lambda:eu-west-1:111122223333:code-signing-config:csc-1",
      "aws:RequestTag/app": "x",
      "aws:RequestTag/team": "net",
      "aws:TagKeys": ["app", "team"],
    },
  });
  t.same(f.location, { file: D + "basic/main.tf", line: 32, column: 1 });
  t.same(f.waivers?.map((w) => [w.rule, w.reason, w.location.line]), [["lambda-vpc-required", "legacy function, see JIRA-1", 31]]);
});

t.test("hcl: dynamic vpc_config driven by variables (null → no block; set → block)", async (t) => {
  const r = await load("dynamic-vpc");
  const [off, on] = r.documents[0]!.functions;
  t.same(ctx(off), {});
  t.same(ctx(on), { "lambda:SubnetIds": ["subnet-1", "subnet-2"], "lambda:SecurityGroupIds": ["sg-1"], "lambda:VpcIds": { $parts: ["vpc-", noVpc("subnet-1, subnet-2")] } });
});

t.test("hcl: module nesting three deep with for_each", async (t) => {
  const r = await load("nested-modules");
  const f = r.documents[0]!.functions;
  t.same(f.map((x) => x.address), ['module.a["x"].module.b["one"].module.c.aws_lambda_function.f', 'module.a["y"].module.b["one"].module.c.aws_lambda_function.f']);
  t.equal(f[0]!.configAddress, "module.a.module.b.module.c.aws_lambda_function.f");
  t.same(f[0]!.moduleChain.map((m) => [m.name, m.location?.line]), [['a["x"]', 1], ['b["one"]', 2], ["c", 3]]);
  t.same(ctx(f[0])?.["lambda:SubnetIds"], ["subnet-1"]);
});

t.test("hcl: count = 0 yields no function; count = 2 yields two", async (t) => {
  const r = await load("count-zero");
  t.same(r.documents[0]!.functions.map((x) => x.address), ["aws_lambda_function.g[0]", "aws_lambda_function.g[1]"]);
});

t.test("hcl: .tf.json", async (t) => {
  const r = await load("tf-json");
  t.same(ctx(r.documents[0]!.functions[0]), { "lambda:SubnetIds": ["subnet-9"], "lambda:SecurityGroupIds": ["sg-9"], "lambda:VpcIds": { $parts: ["vpc-", noVpc("subnet-9")] } });
});

t.test("hcl: malformed HCL is hcl_parse_error with file:line:col", async (t) => {
  const r = await load("malformed");
  t.same(r.diagnostics.map((d) => [d.code, d.span.file, d.span.line, d.span.column]), [["hcl_parse_error", D + "malformed/main.tf", 2, 19]]);
});

t.test("hcl: registry module not downloaded → warning, outputs unknown (one SG element, subnets unknown)", async (t) => {
  const r = await load("registry-missing");
  t.same(r.diagnostics.map((d) => [d.code, d.severity]), [["input_module_unavailable", "warning"]]);
  const c = ctx(r.documents[0]!.functions[0])!;
  t.ok("$unknown" in (c["lambda:SubnetIds"] as object));
  t.ok("$unknown" in (c["lambda:VpcIds"] as object));
  t.equal((c["lambda:SecurityGroupIds"] as unknown[]).length, 1);
});

t.test("hcl: --var and an inventory", async (t) => {
  const r = await loadInputs([D + "dynamic-vpc"], { cwd: process.cwd(), inventory: ["testdata/inputs/plan/describe-subnets.json"], vars: {} });
  t.equal(ctx(r.documents[0]!.functions[1])?.["lambda:VpcIds"], "vpc-inv");
});
