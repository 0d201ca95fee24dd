/*
 * Presets and the policy doctor: the seed scenarios (EnforceVPCFunction; the ForAllValues
 * hole) run on the Rego evaluator (IR interpreter) and the oracle; doctor warnings; AWS CLI shapes.
 */

import t from "tap";
import type { IamPolicy, Request } from "../../src/iam/types.js";
import { buildPreset, withAssumedIdentity } from "../../src/iam/presets.js";
import { doctor } from "../../src/iam/doctor.js";
import { parsePolicyFile } from "../../src/iam/policy-file.js";
import { referenceEvaluate } from "../oracle/iam-reference.js";
import { loadIamInterpreter } from "./rego-interp.js";

const rego = loadIamInterpreter();
const FN = "arn:aws:lambda:us-east-1:123456789012:function:f";
const create = (context: Request["context"]): Request => ({ action: "lambda:CreateFunction", resource: FN, context });
const update = (context: Request["context"]): Request => ({ action: "lambda:UpdateFunctionConfiguration", resource: FN, context });
const vpc = { "lambda:VpcIds": "vpc-1", "lambda:SubnetIds": ["subnet-1"], "lambda:SecurityGroupIds": ["sg-1"] };

function decide(policies: IamPolicy[], reqs: Request[]): string[] {
  const a = rego(policies, reqs).map((d) => d.decision);
  const b = referenceEvaluate(policies, reqs).map((d) => d.decision);
  if (a.join() !== b.join()) throw new Error(`rego ${a.join()} != oracle ${b.join()}`);
  return a;
}

t.test("seed: EnforceVPCFunction (the default preset)", async (t) => {
  const pols = withAssumedIdentity(buildPreset("enforce-vpc") as IamPolicy[]);
  t.same(decide(pols, [create({}), update({ "lambda:SubnetIds": [], "lambda:SecurityGroupIds": [] }), create(vpc)]), ["ExplicitDeny", "ExplicitDeny", "Allow"],
    "denies a create without VpcConfig, an update removing vpc_config, allows a create with subnets and SGs");
});

t.test("seed: the ForAllValues SG allow-list is a subset test and lets a non-VPC function through", async (t) => {
  const pols = buildPreset("lambda-guide-allow", { securityGroups: ["sg-1", "sg-2"] }) as IamPolicy[];
  const only7: IamPolicy[] = [{ ...pols[0]!, document: { Version: "2012-10-17", Statement: [(pols[0]!.document as { Statement: unknown[] }).Statement[2]] } }];
  t.same(decide(only7, [create({}), create({ "lambda:SecurityGroupIds": ["sg-1"] }), create({ "lambda:SecurityGroupIds": ["sg-1", "sg-3"] })]), ["Allow", "Allow", "ImplicitDeny"]);
  const w = doctor(only7);
  t.equal(w.length, 1);
  t.match(w[0]?.message, /^forallvalues-without-null-guard: .*Fix: add "Null": \{"lambda:SecurityGroupIds": "false"\}/);
  t.equal(w[0]?.code, "iam_policy_warning");
});

t.test("preset: vpc-approved closes the hole", async (t) => {
  const pols = withAssumedIdentity(buildPreset("vpc-approved", { vpcs: ["vpc-1"], subnets: ["subnet-*"], securityGroups: ["sg-1"] }) as IamPolicy[]);
  t.same(decide(pols, [create({}), create(vpc), create({ ...vpc, "lambda:SecurityGroupIds": ["sg-9"] }), create({ ...vpc, "lambda:SubnetIds": [{ $fresh: "subnet-" }] }), create({ ...vpc, "lambda:SecurityGroupIds": [{ $fresh: "sg-" }] })]),
    ["ExplicitDeny", "Allow", "ExplicitDeny", "Allow", "ExplicitDeny"]);
  t.same(doctor(pols), []);
});

t.test("preset: bad name and params", async (t) => {
  t.match(buildPreset("nope"), [{ code: "config_error" }]);
  t.match(buildPreset("vpc-approved", { vpcs: "vpc-1" }), [{ code: "config_error" }]);
});

t.test("doctor: set operator on VpcIds, plain operator on a multivalued key, key not carried", async (t) => {
  const p: IamPolicy = { name: "p", kind: "identity", document: { Version: "2012-10-17", Statement: [
    { Sid: "A", Effect: "Deny", Action: "lambda:CreateFunction", Resource: "*", Condition: { "ForAnyValue:StringEquals": { "lambda:VpcIds": ["vpc-1"] } } },
    { Sid: "B", Effect: "Deny", Action: "lambda:CreateFunction", Resource: "*", Condition: { StringNotEquals: { "lambda:SubnetIds": ["subnet-1"] } } },
    { Sid: "C", Effect: "Deny", Action: "lambda:UpdateFunctionConfiguration", Resource: "*", Condition: { StringNotEquals: { "lambda:CodeSigningConfigArn": "x" } } },
  ] } };
  t.same(doctor([p]).map((d) => d.message.split(":")[0]), ["set-operator-on-vpcids", "plain-operator-on-multivalued-key", "unknown-condition-key-for-action"]);
});

t.test("policy files: get-policy-version and get-account-authorization-details", async (t) => {
  const doc = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "lambda:*", Resource: "*" }] };
  const a = parsePolicyFile("v.json", JSON.stringify({ PolicyVersion: { Document: doc, VersionId: "v1", IsDefaultVersion: true } }), "identity");
  t.same(a.diagnostics, []);
  t.equal(a.policies[0]?.name, "v");
  const b = parsePolicyFile("d.json", JSON.stringify({
    UserDetailList: [{ UserName: "u", UserPolicyList: [{ PolicyName: "inline", PolicyDocument: encodeURIComponent(JSON.stringify(doc)) }] }],
    Policies: [{ PolicyName: "m", PolicyVersionList: [{ Document: doc, IsDefaultVersion: false }, { Document: doc, IsDefaultVersion: true }] }],
  }), "scp");
  t.same(b.diagnostics, []);
  t.same(b.policies.map((p) => [p.name, p.kind]), [["u/inline", "scp"], ["m", "scp"]]);
  const c = parsePolicyFile("w.json", '{"Version": "2013-01-01", "Statement": []}', "identity");
  t.match(c.diagnostics, [{ code: "iam_policy_error", span: { line: 1, column: 13 } }]);
});
