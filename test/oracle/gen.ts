/*
 * fast-check arbitraries for random IAM policies and requests, unknown markers included, for the
 * differential tests (compiled Rego vs the reference evaluator). Values stay ASCII and well formed
 * (numbers, dates and IPs canonical), the domain in which docs/unknowns.md defines one answer.
 */

import fc from "fast-check";
import type { ContextValue, IamPolicy, PolicyKind, Request, Scalar } from "../../src/iam/types.js";

const KEYS = ["lambda:VpcIds", "lambda:SubnetIds", "lambda:SecurityGroupIds", "aws:username", "aws:SourceIp", "x:Num", "x:Date", "x:Bool", "x:Arn", "x:Bin"] as const;

const ids = ["vpc-1", "vpc-2", "subnet-1", "subnet-2", "subnet-0a1", "sg-1", "sg-2", "Vpc-1", "alice", "", "a:b"];
const patterns = ["vpc-*", "subnet-?", "*", "subnet-0a*", "sg-*", "*-1", "?", "${aws:username}", "vpc-${aws:username}", "${aws:username, 'alice'}", "a${*}", "[x]"];
const nums = ["0", "5", "-3", "7.5", "100", "x"];
const dates = ["1600000000", "1700000000", "2020-01-01", "2020-09-13T12:26:40Z", "2023-11-14T22:13:20+01:00", "nope"];
const ips = ["10.0.0.1", "10.1.2.3", "192.168.0.9", "2001:db8::1", "10.0.0.0/8", "2001:db8::/32", "192.168.0.0/16"];
const arns = [
  "arn:aws:lambda:us-east-1:123456789012:function:f",
  "arn:aws:lambda:*:123456789012:function:*",
  "arn:aws:lambda:*:*:function:f",
  "arn:aws:lambda:us-east-1:*:function:${aws:username}",
  "arn:aws:lambda:us-east-1:123456789012:layer:l:3",
  "arn:aws:*",
  "arn:aws:lambda:*:1111:function:f?",
];
const bools = ["true", "false", "TRUE", "yes"];
const bins = ["QmluYXJ5", "T3RoZXI="];

const marker: fc.Arbitrary<Scalar> = fc.constantFrom<Scalar>(
  { $unknown: "u" },
  { $fresh: "subnet-" },
  { $fresh: "vpc-" },
  { $fresh: "" },
  { $parts: ["arn:aws:lambda:us-east-1:", { $unknown: "account" }, ":function:f"] },
  { $parts: ["vpc-", { $unknown: "n" }] },
  { $parts: ["a", "b"] },
);

function scalarFor(key: string): fc.Arbitrary<Scalar> {
  const known = key === "x:Num" ? nums : key === "x:Date" ? dates : key === "aws:SourceIp" ? ips.filter((i) => !i.includes("/")) : key === "x:Arn" ? arns.filter((a) => !a.includes("*") && !a.includes("?") && !a.includes("$")) : key === "x:Bool" ? bools : key === "x:Bin" ? bins : ids;
  return fc.oneof({ weight: 4, arbitrary: fc.constantFrom<Scalar>(...known) }, { weight: 1, arbitrary: marker });
}

function contextValue(key: string): fc.Arbitrary<ContextValue> {
  return fc.oneof(
    { weight: 3, arbitrary: scalarFor(key) },
    { weight: 3, arbitrary: fc.array(scalarFor(key), { minLength: 0, maxLength: 3 }) },
    { weight: 1, arbitrary: fc.constant<ContextValue>({ $unknown: "whole key" }) },
  );
}

/** contextArb is a random request context over a small key pool. */
export const contextArb: fc.Arbitrary<Record<string, ContextValue>> = fc
  .uniqueArray(fc.constantFrom(...KEYS), { maxLength: 5 })
  .chain((keys) => fc.tuple(...keys.map((k) => contextValue(k))).map((vs) => Object.fromEntries(keys.map((k, i) => [k, vs[i] as ContextValue]))));

const BASE_OPS = [
  "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike",
  "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericGreaterThanEquals",
  "DateEquals", "DateNotEquals", "DateLessThan", "DateGreaterThan",
  "Bool", "BinaryEquals", "IpAddress", "NotIpAddress", "ArnLike", "ArnNotEquals",
];

function valuesFor(op: string): string[] {
  if (op.startsWith("Numeric")) return nums;
  if (op.startsWith("Date")) return dates;
  if (op.includes("Ip")) return ips;
  if (op.startsWith("Arn")) return arns;
  if (op === "Bool") return bools;
  if (op === "BinaryEquals") return bins;
  return [...ids, ...patterns];
}

const opArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 1, arbitrary: fc.constant("Null") },
  {
    weight: 6,
    arbitrary: fc.tuple(fc.constantFrom("", "", "ForAllValues:", "ForAnyValue:"), fc.constantFrom(...BASE_OPS), fc.constantFrom("", "", "IfExists")).map(([s, b, i]) => s + b + i),
  },
);

const conditionArb: fc.Arbitrary<Record<string, Record<string, string | string[]>>> = fc
  .array(
    fc.tuple(opArb, fc.constantFrom(...KEYS, "LAMBDA:vpcids")).chain(([op, key]) => {
      const vals = op === "Null" ? fc.constantFrom("true", "false") : fc.constantFrom(...valuesFor(op));
      return fc.oneof(vals, fc.array(vals, { minLength: 1, maxLength: 3 })).map((v) => [op, key, v] as const);
    }),
    { maxLength: 3 },
  )
  .map((entries) => {
    const c: Record<string, Record<string, string | string[]>> = {};
    for (const [op, key, v] of entries) (c[op] ??= {})[key] = v;
    return c;
  });

const actionPatterns = ["*", "lambda:*", "lambda:Create*", "LAMBDA:createfunction", "lambda:UpdateFunctionConfiguration", "lambda:*Function*", "s3:*", "lambda:?reateFunction"];
const resourcePatterns = ["*", ...arns];

const statementArb = fc
  .record({
    Sid: fc.option(fc.constantFrom("S1", "S2", ""), { nil: undefined }),
    Effect: fc.constantFrom("Allow", "Allow", "Deny"),
    notAction: fc.boolean(),
    actions: fc.oneof(fc.constantFrom(...actionPatterns), fc.array(fc.constantFrom(...actionPatterns), { minLength: 1, maxLength: 2 })),
    notResource: fc.integer({ min: 0, max: 5 }),
    resources: fc.oneof(fc.constantFrom(...resourcePatterns), fc.array(fc.constantFrom(...resourcePatterns), { minLength: 1, maxLength: 2 })),
    Condition: fc.option(conditionArb, { nil: undefined }),
  })
  .map((s) => ({
    ...(s.Sid !== undefined ? { Sid: s.Sid } : {}),
    Effect: s.Effect,
    [s.notAction && s.Effect === "Deny" ? "NotAction" : "Action"]: s.actions,
    [s.notResource === 0 ? "NotResource" : "Resource"]: s.resources,
    ...(s.Condition !== undefined ? { Condition: s.Condition } : {}),
  }));

/** policiesArb is 1–3 policies (identity, SCP, boundary) of 1–4 statements. */
export const policiesArb: fc.Arbitrary<IamPolicy[]> = fc
  .array(
    fc.record({
      kind: fc.constantFrom<PolicyKind>("identity", "identity", "scp", "boundary"),
      version: fc.constantFrom("2012-10-17", "2012-10-17", "2008-10-17"),
      statements: fc.array(statementArb, { minLength: 1, maxLength: 4 }),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map((ps) => ps.map((p, i) => ({ name: `p${i}`, kind: p.kind, document: { Version: p.version, Statement: p.statements } })));

/** requestArb is one request with a random action, resource and context. */
export const requestArb: fc.Arbitrary<Request> = fc.record({
  action: fc.constantFrom("lambda:CreateFunction", "lambda:UpdateFunctionConfiguration", "lambda:UpdateFunctionCode", "s3:GetObject"),
  resource: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom<Scalar>("arn:aws:lambda:us-east-1:123456789012:function:f", "arn:aws:lambda:eu-west-1:1111:function:f1", "arn:aws:lambda:us-east-1:123456789012:function:alice") },
    { weight: 1, arbitrary: marker },
  ),
  context: contextArb,
});

/** caseArb is one policy set with a batch of 1–4 requests. */
export const caseArb = fc.record({ policies: policiesArb, requests: fc.array(requestArb, { minLength: 1, maxLength: 4 }) });

/** fuzzRuns is the number of random cases: VPCGATE_FUZZ_RUNS, else the given default. */
export function fuzzRuns(dflt: number): number {
  const n = Number(process.env.VPCGATE_FUZZ_RUNS);
  return Number.isInteger(n) && n > 0 ? n : dflt;
}
