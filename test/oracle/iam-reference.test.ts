/*
 * The reference evaluator against every vector of ../shared/iam/vectors-dev.json, plus
 * hand-written cases for the unknown markers (docs/unknowns.md).
 */

import t from "tap";
import { referenceDecide } from "./iam-reference.js";
import { loadVectors, VECTORS_DEV } from "./vectors.js";

const vectors = loadVectors(VECTORS_DEV);

t.test("vectors-dev: every vector", async (t) => {
  t.ok(vectors.length > 0, "vectors loaded");
  for (const v of vectors) {
    const d = referenceDecide(v.policies, v.request);
    t.equal(d.decision, v.expect, `${v.id}: ${v.description}`);
  }
});

import type { ContextValue, IamPolicy, Request } from "../../src/iam/types.js";

const FN = "arn:aws:lambda:us-east-1:123456789012:function:f";

function pol(statements: unknown[], kind: IamPolicy["kind"] = "identity", name = "p"): IamPolicy {
  return { name, kind, document: { Version: "2012-10-17", Statement: statements } };
}
function req(context: Record<string, ContextValue>, resource: Request["resource"] = FN): Request {
  return { action: "lambda:CreateFunction", resource, context };
}
const allowIf = (cond: unknown) => ({ Sid: "A", Effect: "Allow", Action: "lambda:*", Resource: "*", Condition: cond });
const denyIf = (cond: unknown) => ({ Sid: "D", Effect: "Deny", Action: "lambda:*", Resource: "*", Condition: cond });
const allowAll = { Sid: "All", Effect: "Allow", Action: "*", Resource: "*" };

t.test("unknowns: fresh ids", async (t) => {
  const fresh = { $fresh: "subnet-" };
  const d1 = referenceDecide([pol([allowIf({ "ForAllValues:StringEquals": { "lambda:SubnetIds": ["subnet-1"] } })])], req({ "lambda:SubnetIds": [fresh] }));
  t.equal(d1.decision, "ImplicitDeny", "StringEquals against a fresh id is false");
  const d2 = referenceDecide([pol([allowIf({ "ForAllValues:StringLike": { "lambda:SubnetIds": ["subnet-*"] } })])], req({ "lambda:SubnetIds": [fresh, "subnet-1"] }));
  t.equal(d2.decision, "Allow", "StringLike subnet-* matches a fresh subnet");
  const d3 = referenceDecide([pol([allowIf({ "ForAllValues:StringLike": { "lambda:SubnetIds": ["subnet-0a*"] } })])], req({ "lambda:SubnetIds": [fresh] }));
  t.equal(d3.decision, "Unknown", "subnet-0a* may or may not match");
  t.same(d3.unknownKeys, ["lambda:SubnetIds"]);
  t.same(d3.statements, [{ policy: "p", kind: "identity", index: 0, sid: "A", effect: "Allow", status: "unknown" }]);
  const d4 = referenceDecide([pol([allowIf({ "ForAllValues:StringLike": { "lambda:SubnetIds": ["sg-*"] } })])], req({ "lambda:SubnetIds": [fresh] }));
  t.equal(d4.decision, "ImplicitDeny", "prefix mismatch is definite");
});

t.test("unknowns: whole-key unknown and Null", async (t) => {
  const u = { $unknown: "subnets of a module output" };
  const e1 = pol([allowAll, denyIf({ Null: { "lambda:VpcIds": "true" } })]);
  t.equal(referenceDecide([e1], req({ "lambda:VpcIds": u })).decision, "Unknown", "cardinality unknown: Null undecidable");
  t.equal(referenceDecide([e1], req({ "lambda:VpcIds": [u] })).decision, "Allow", "one unknown value is present");
  t.equal(referenceDecide([e1], req({ "lambda:VpcIds": { $fresh: "vpc-" } })).decision, "Allow", "a fresh value is present");
  const deny = pol([allowAll, denyIf({ StringNotEquals: { "lambda:VpcIds": "vpc-1" } })]);
  const d = referenceDecide([deny], req({ "lambda:VpcIds": { $fresh: "vpc-" } }));
  t.equal(d.decision, "ExplicitDeny", "a fresh VPC is not vpc-1");
  const d2 = referenceDecide([deny], req({ "lambda:VpcIds": [u] }));
  t.equal(d2.decision, "Unknown");
  t.same(d2.statements.map((s) => s.sid), ["D"]);
});

t.test("unknowns: deny unknown but no allow is still a deny", async (t) => {
  const p = pol([denyIf({ StringEquals: { "lambda:VpcIds": "vpc-1" } })]);
  const d = referenceDecide([p], req({ "lambda:VpcIds": [{ $unknown: "x" }] }));
  t.equal(d.decision, "ImplicitDeny");
  t.match(d.notes.join("\n"), /explicit deny may also apply/);
});

t.test("unknowns: partial ARNs", async (t) => {
  const arn = { $parts: ["arn:aws:lambda:us-east-1:", { $unknown: "account" }, ":function:f"] };
  const mk = (res: string) => pol([{ Effect: "Allow", Action: "lambda:CreateFunction", Resource: res }]);
  t.equal(referenceDecide([mk("arn:aws:lambda:*:*:function:f")], req({}, arn)).decision, "Allow");
  t.equal(referenceDecide([mk("arn:aws:lambda:*:*:function:g")], req({}, arn)).decision, "ImplicitDeny");
  const d = referenceDecide([mk("arn:aws:lambda:*:123456789012:function:f")], req({}, arn));
  t.equal(d.decision, "Unknown");
  t.same(d.unknownKeys, ["resource"]);
  t.equal(referenceDecide([mk("*")], req({}, { $unknown: "arn" })).decision, "Allow");
});

t.test("policy variables", async (t) => {
  const p = pol([allowIf({ StringEquals: { "aws:PrincipalTag/team": "${aws:username}" } })]);
  t.equal(referenceDecide([p], req({ "aws:PrincipalTag/team": "a", "aws:username": "a" })).decision, "Allow");
  t.equal(referenceDecide([p], req({ "aws:PrincipalTag/team": "a" })).decision, "ImplicitDeny", "unresolved: matches nothing");
  t.equal(referenceDecide([p], req({ "aws:PrincipalTag/team": "a", "aws:username": [{ $unknown: "u" }] })).decision, "ImplicitDeny", "list-valued variable is unresolved");
  const d = referenceDecide([p], req({ "aws:PrincipalTag/team": "a", "aws:username": { $unknown: "u" } }));
  t.equal(d.decision, "Unknown");
  t.same(d.unknownKeys, ["aws:username"]);
  const dflt = pol([allowIf({ StringEquals: { "aws:PrincipalTag/team": "${aws:username, 'x'}" } })]);
  t.equal(referenceDecide([dflt], req({ "aws:PrincipalTag/team": "x" })).decision, "Allow", "default value");
  const old = { name: "o", kind: "identity" as const, document: { Version: "2008-10-17", Statement: [allowIf({ StringEquals: { k: "${aws:username}" } })] } };
  t.equal(referenceDecide([old], req({ k: "${aws:username}" })).decision, "Allow", "literal under the old Version");
  const star = pol([allowIf({ StringLike: { k: "a${*}" } })]);
  t.equal(referenceDecide([star], req({ k: "a*" })).decision, "Allow");
  t.equal(referenceDecide([star], req({ k: "ab" })).decision, "ImplicitDeny", "${*} is a literal star");
});

t.test("A1 note", async (t) => {
  const p = pol([allowIf({ "ForAllValues:StringEquals": { "lambda:SubnetIds": ["subnet-1"] } })]);
  const d = referenceDecide([p], req({ "lambda:SubnetIds": [] }));
  t.equal(d.decision, "Allow");
  t.match(d.notes[0], /^A1: lambda:SubnetIds/);
});
