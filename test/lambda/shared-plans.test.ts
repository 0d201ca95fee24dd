/*
 * The third-party plans in ../shared/terraform/plans (INDEX.md): request contexts asserted now;
 * the verdict table lives in testdata/inputs/expected/shared-plans-verdicts.json for the product tests.
 */
import t from "tap";
import { loadInputs } from "../../src/inputs/index.js";

const P = "../shared/terraform/plans/";

t.test("shared plans: checkov runner plan, no vpc_config → no VPC keys", async (t) => {
  const r = await loadInputs([P + "checkov/runner-plan.json"], { cwd: process.cwd() });
  t.same(r.diagnostics, []);
  const f = r.documents[0]!.functions;
  t.same(f.map((x) => x.address), ["aws_lambda_function.analysis_lambda"]);
  t.same(f[0]!.calls[0]!.request, {
    action: "lambda:CreateFunction",
    resource: "arn:aws:lambda:us-west-2:123456789123:function:123456789123-acme-corp-analysis",
    context: {},
  });
});

t.test("shared plans: terraform-compliance issue-522, VpcIds from prior_state data.aws_subnet_ids, fresh SG", async (t) => {
  const r = await loadInputs([P + "terraform-compliance/issue-522.plan.json"], { cwd: process.cwd() });
  t.same(r.diagnostics, []);
  const ctx = r.documents[0]!.functions[0]!.calls[0]!.request!.context;
  t.same(ctx["lambda:SubnetIds"], ["subnet-081c9cbe188e2e3c5", "subnet-08a678ede68202ff3", "subnet-0bd9b444e36f39c73"]);
  t.equal(ctx["lambda:VpcIds"], "vpc-003e06e33a87c22f5");
  t.same(ctx["lambda:SecurityGroupIds"], [{ $fresh: "sg-", note: "aws_security_group.lambda_sg.id" }]);
});

t.test("shared plans: it-must-be-in-pass, four functions without VPC", async (t) => {
  const r = await loadInputs([P + "terraform-compliance/it-must-be-in-pass.plan.json"], { cwd: process.cwd() });
  const f = r.documents[0]!.functions;
  t.same(f.map((x) => x.address), [1, 2, 3, 4].map((i) => `aws_lambda_function.test_lambda${i}`));
  for (const x of f) {
    t.same(x.calls.map((c) => c.action), ["lambda:CreateFunction"]);
    t.same(x.calls[0]!.request!.context, {});
  }
});
