/*
 * HCL-mode evaluator: expressions, module outputs, providers and the soundness rules (an unknown
 * never turns into a known value). Fixtures: testdata/inputs/hcl/features, module-output-cycle;
 * unit cases call evalRaw and the function table directly.
 */
import t from "tap";
import { loadInputs } from "../../../src/inputs/index.js";
import type { LambdaFunction } from "../../../src/lambda/model.js";
import { evalRaw, type Env } from "../../../src/inputs/hcl/eval.js";
import { FUNCTIONS } from "../../../src/inputs/hcl/functions.js";
import { Unk, type HVal } from "../../../src/inputs/hcl/values.js";

const D = "testdata/inputs/hcl/";
const load = async (d: string) => loadInputs([D + d], { cwd: process.cwd() });
const req = (f: LambdaFunction | undefined) => f?.calls[0]?.request;

/** env resolves var.* from a record (a missing one is unknown) and nothing else. */
const env = (vars: Record<string, HVal>): Env => {
  const self: Env = {
    bound: () => undefined,
    with: () => self,
    ref: (ns, name) => (ns === "var" && name in vars ? (vars[name] as HVal) : new Unk(`${ns}.${name} is unknown`)),
  };
  return self;
};

t.test("hcl eval: features fixture (providers, modules, for/splat/dynamic, unknowns)", async (t) => {
  const r = await load("features");
  t.same(r.diagnostics.map((d) => [d.code, d.severity, d.span.line]), [["hcl_eval_error", "warning", 156]], "only the unevaluable attribute warns");
  const fns = new Map(r.documents[0]!.functions.map((f) => [f.address, f]));
  t.same([...fns.keys()].sort(), [
    "aws_lambda_function.bad", "aws_lambda_function.csc", 'aws_lambda_function.dyn["x"]', 'aws_lambda_function.dyn["y"]',
    'aws_lambda_function.known["blue"]', 'aws_lambda_function.known["red"]', "aws_lambda_function.splat",
    "aws_lambda_function.tags_unknown", "aws_lambda_function.unk[*]", "aws_lambda_function.us",
    "module.fn[0].aws_lambda_function.f", "module.fn[1].aws_lambda_function.f",
  ]);
  const tags = { "aws:RequestTag/env": "dev", "aws:RequestTag/owner": "platform", "aws:TagKeys": ["env", "owner"] };
  t.same(req(fns.get("aws_lambda_function.splat")), {
    action: "lambda:CreateFunction",
    resource: "arn:aws:lambda:eu-west-1:111122223333:function:splat-DEV",
    context: {
      "lambda:SubnetIds": [{ $fresh: "subnet-", note: "aws_subnet.s[0].id" }, { $fresh: "subnet-", note: "aws_subnet.s[1].id" }],
      "lambda:SecurityGroupIds": [{ $fresh: "sg-", note: 'aws_security_group.g["a"].id' }, { $fresh: "sg-", note: 'aws_security_group.g["b"].id' }],
      "lambda:VpcIds": { $fresh: "vpc-", note: "aws_vpc.v.id" },
      "aws:RequestTag/cond": "d", "aws:RequestTag/env": "dev", "aws:RequestTag/first": "subnet-b1", "aws:RequestTag/has_x": "false",
      "aws:RequestTag/n": "5", "aws:RequestTag/owner": "platform",
      "aws:TagKeys": ["cond", "env", "first", "has_x", "n", "owner"],
    },
  }, "splat over count, for over for_each, try/can/conditional/arithmetic, default_tags merged");
  t.equal(req(fns.get("aws_lambda_function.us"))?.resource, "arn:aws:lambda:us-east-1:444455556666:function:us-fn", "aliased provider: region and assume_role account");
  t.same(req(fns.get('aws_lambda_function.known["red"]'))?.context["lambda:Layer"], ["arn:aws:lambda:eu-west-1:111122223333:layer:x:2"]);
  t.same(req(fns.get('aws_lambda_function.dyn["x"]'))?.context["lambda:SecurityGroupIds"], ["sg-0"], "dynamic block with an iterator");
  t.same(req(fns.get('aws_lambda_function.dyn["y"]'))?.context, tags, "dynamic block with no elements: no VPC keys");
  for (const i of [0, 1]) {
    const c = req(fns.get(`module.fn[${i}].aws_lambda_function.f`));
    t.equal(c?.resource, `arn:aws:lambda:eu-west-1:111122223333:function:fn-0${i}`, "format with a zero-padded width");
    t.same(c?.context["lambda:SubnetIds"], ["subnet-r1", "subnet-r2"], "a for_each module's output read by a count module");
    t.same(c?.context["lambda:SecurityGroupIds"], ["sg-b", "modules/fn"]);
    t.equal(c?.context["aws:RequestTag/zero"], i === 0 ? "yes" : undefined);
  }
  const unk = fns.get("aws_lambda_function.unk[*]")!;
  t.same(unk.unknowns.map((u) => u.key), ["resource", "instances"], "unknown count: one function standing for all instances");
  // Soundness: `{ (var.maybe) = "v" }` has an unknown key, so the tag keys are unknown, not a literal "${(var.maybe)}".
  t.same(req(fns.get("aws_lambda_function.tags_unknown"))?.context, { "aws:TagKeys": { $unknown: "the tags of aws_lambda_function.tags_unknown are unknown (an object with an unknown key: var.maybe has no value (no default, no tfvars, no --var))" } });
  t.ok("$unknown" in (req(fns.get("aws_lambda_function.bad"))?.context["aws:TagKeys"] as object), "an attribute Terraform rejects is unknown");
});

t.test("hcl eval: dynamic vpc_config blocks (the first element decides; an unknown for_each keeps everything unknown)", async (t) => {
  const r = await load("dynamic-blocks");
  t.same(r.diagnostics, []);
  const ctx = new Map(r.documents[0]!.functions.map((f) => [f.address, req(f)?.context]));
  const vpcOf = (s: string) => ({ $parts: ["vpc-", { $unknown: `the VPC of subnet ${s} is not known from the plan` }] });
  t.same(ctx.get("aws_lambda_function.map_iter"), { "lambda:SubnetIds": ["subnet-a"], "lambda:SecurityGroupIds": ["sg-a"], "lambda:VpcIds": vpcOf("subnet-a") }, "map keys in order, iterator name");
  t.same(ctx.get("aws_lambda_function.two_dyn"), { "lambda:SubnetIds": ["subnet-x"], "lambda:SecurityGroupIds": ["0"], "lambda:VpcIds": vpcOf("subnet-x") }, "an empty dynamic block, then a list");
  const u = ctx.get("aws_lambda_function.static_and_unknown_dyn")!;
  for (const k of ["lambda:SubnetIds", "lambda:SecurityGroupIds", "lambda:VpcIds"]) t.match(u[k], { $unknown: /unknown for_each/ }, `${k} unknown despite the static block`);
  // A for_each that is not a collection is an error (testdata/bad/hcl/dynamic-for-each-string.tf, below).
});

t.test("hcl eval: module inputs and outputs in a cycle are a located error, not a crash", async (t) => {
  const r = await load("module-output-cycle");
  t.same(r.diagnostics.map((d) => [d.code, d.severity, d.span.file, d.span.line, d.span.column]), [["hcl_eval_error", "error", D + "module-output-cycle/main.tf", 2, 1]]);
  t.match(r.diagnostics[0]?.message, /module "a" depends on itself/);
});

t.test("hcl eval: object property names are templates (HCL JSON syntax)", async (t) => {
  t.same(evalRaw({ "${var.k}": "v", plain: "${var.k}" }, env({ k: "team" })), { team: "v", plain: "team" });
  t.same(evalRaw({ "$${literal}": 1, "a{b}": 2 }, env({})), { "${literal}": 1, "a{b}": 2 }, "escapes and braces without ${ stay literal");
  const u = evalRaw({ "${var.k}": "v" }, env({}));
  t.ok(u instanceof Unk && /unknown key/.test(u.note), "an unknown key makes the object unknown");
  t.throws(() => evalRaw({ "${var.k}": "v" }, env({ k: null })), /object keys must be strings/);
});

t.test("hcl eval: format() pads like Terraform or is unknown, never a different string", async (t) => {
  const f = (...a: HVal[]) => FUNCTIONS["format"]!(a);
  t.equal(f("fn-%02d", 7), "fn-07");
  t.equal(f("%03d|%-4s|%4s|%d%%", -5, "ab", "cd", 3), "-05|ab  |  cd|3%");
  t.equal(f("%s-%q-%t", "a", "b", true), 'a-"b"-true');
  for (const spec of ["%.2f", "%x", "%+d", "%5.1s", "%e"]) t.ok(f(spec, 1) instanceof Unk, `${spec} is unknown`);
  t.ok(f("%s", new Unk("x")) instanceof Unk);
});

t.test("hcl eval: __proto__ and constructor are ordinary keys", async (t) => {
  const r = await load("reserved-keys");
  t.same(r.diagnostics, [], "no diagnostics");
  const fns = new Map(r.documents[0]!.functions.map((f) => [f.address, f]));
  t.same([...fns.keys()].sort(), ['aws_lambda_function.f["__proto__"]', 'aws_lambda_function.f["constructor"]'], "both for_each keys make an instance");
  const ctx = req(fns.get('aws_lambda_function.f["__proto__"]'))?.context ?? {};
  t.equal(ctx["aws:RequestTag/__proto__"], "a", "the __proto__ tag is kept");
  t.equal(ctx["aws:RequestTag/owner"], "none", "lookup does not find an inherited constructor");
});

t.test("hcl eval: count and for_each values Terraform refuses are errors, never zero instances", async (t) => {
  const cases: [string, RegExp][] = [
    ["count-not-a-number.tf", /count of aws_lambda_function\.f must be a whole number of 0 or more, not the string "two"/],
    ["count-negative.tf", /not the number -1/],
    ["count-fraction.tf", /not the number 1\.5/],
    ["for-each-string.tf", /for_each of aws_lambda_function\.f must be a map or a set of strings, not the string "a,b"/],
    ["for-each-null.tf", /must be a map or a set of strings, not null/],
    ["dynamic-for-each-string.tf", /dynamic vpc_config block of aws_lambda_function\.f must be a collection, not the string "subnet-1"/],
  ];
  for (const [file, message] of cases) {
    const r = await loadInputs([`testdata/bad/hcl/${file}`], { cwd: process.cwd() });
    const errors = r.diagnostics.filter((d) => d.severity === "error");
    t.equal(errors.length, 1, `${file}: one error`);
    t.equal(errors[0]?.code, "hcl_eval_error", `${file}: hcl_eval_error`);
    t.match(errors[0]?.message ?? "", message, `${file}: says why`);
    t.equal(errors[0]?.span.line, 1, `${file}: located at the resource`);
  }
});
