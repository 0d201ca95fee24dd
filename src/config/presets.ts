/*
 * Built-in policy presets (--preset NAME, or `preset: {name, params}` in the config): IAM
 * guardrails from the Lambda developer guide, as SCP documents, with parameters for approved
 * VPCs, subnets and security groups. Input: a name and params. Output: IamPolicy[] or diagnostics.
 */

import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnostic } from "../diagnostics/diagnostic.js";
import type { IamPolicy } from "../iam/types.js";

const ACTIONS = ["lambda:CreateFunction", "lambda:UpdateFunctionConfiguration"];

/** E1 of the Lambda guide: deny create/update when lambda:VpcIds is absent (no VPC config). */
const ENFORCE_VPC = { Sid: "EnforceVPCFunction", Effect: "Deny", Action: ACTIONS, Resource: "*", Condition: { Null: { "lambda:VpcIds": "true" } } };

/** PresetSpec describes one preset: its parameters and how it builds statements. */
interface PresetSpec {
  readonly description: string;
  readonly params: Readonly<Record<string, string>>;
  build(params: Readonly<Record<string, readonly string[]>>): unknown[];
}

const ALLOW_OUTSIDE = { Sid: "AllowEverythingElse", Effect: "Allow", Action: "*", Resource: "*" };

/** PRESETS lists every preset by name. */
export const PRESETS: Readonly<Record<string, PresetSpec>> = {
  "enforce-vpc": {
    description: "every function must be attached to a VPC (Lambda guide EnforceVPCFunction)",
    params: {},
    build: () => [ENFORCE_VPC, ALLOW_OUTSIDE],
  },
  "approved-vpcs": {
    description: "functions must be attached to one of the approved VPCs",
    params: { vpcs: "approved VPC ids, e.g. [vpc-0abc]" },
    build: (p) => [ENFORCE_VPC, {
      Sid: "EnforceApprovedVpcs", Effect: "Deny", Action: ACTIONS, Resource: "*",
      Condition: { StringNotEquals: { "lambda:VpcIds": p.vpcs } },
    }, ALLOW_OUTSIDE],
  },
  "approved-subnets": {
    description: "functions must be in a VPC and use only approved subnets",
    params: { subnets: "approved subnet ids" },
    build: (p) => [ENFORCE_VPC, {
      Sid: "EnforceApprovedSubnets", Effect: "Deny", Action: ACTIONS, Resource: "*",
      Condition: { "ForAnyValue:StringNotEquals": { "lambda:SubnetIds": p.subnets } },
    }, ALLOW_OUTSIDE],
  },
  "approved-security-groups": {
    description: "functions must be in a VPC and use only approved security groups",
    params: { securityGroups: "approved security group ids" },
    build: (p) => [ENFORCE_VPC, {
      Sid: "EnforceApprovedSecurityGroups", Effect: "Deny", Action: ACTIONS, Resource: "*",
      Condition: { "ForAnyValue:StringNotEquals": { "lambda:SecurityGroupIds": p.securityGroups } },
    }, ALLOW_OUTSIDE],
  },
};

/** DEFAULT_PRESET is used when no IAM policy, SCP, boundary or preset is given. */
export const DEFAULT_PRESET = "enforce-vpc";

/**
 * ASSUMED_IDENTITY is the identity policy vpcgate assumes when none is given (--iam-policy):
 * the deploying role may call Lambda, so only the guardrails decide.
 */
export const ASSUMED_IDENTITY: IamPolicy = {
  name: "assumed-deployer",
  kind: "identity",
  document: { Version: "2012-10-17", Statement: [{ Sid: "AssumeDeployerMayManageLambda", Effect: "Allow", Action: "lambda:*", Resource: "*" }] },
};

/** presetPolicies builds a preset's SCP, or returns diagnostics for an unknown name or bad params. */
export function presetPolicies(name: string, params: Readonly<Record<string, unknown>>, origin = "--preset"): IamPolicy[] | Diagnostic[] {
  const spec = PRESETS[name];
  if (spec === undefined) {
    return [diagnostic("usage_error", `unknown preset "${name}" (known: ${Object.keys(PRESETS).join(", ")})`, { file: origin })];
  }
  const errs: Diagnostic[] = [];
  const values: Record<string, string[]> = {};
  for (const [k, what] of Object.entries(spec.params)) {
    const v = params[k];
    const list = typeof v === "string" ? v.split(",").map((s) => s.trim()).filter((s) => s !== "") : Array.isArray(v) ? v.map(String) : [];
    if (list.length === 0) errs.push(diagnostic("usage_error", `preset "${name}" needs parameter ${k}: ${what}`, { file: origin }));
    values[k] = list;
  }
  for (const k of Object.keys(params)) {
    if (!(k in spec.params)) errs.push(diagnostic("usage_error", `preset "${name}" has no parameter ${k}`, { file: origin }));
  }
  if (errs.length > 0) return errs;
  return [{ name: `preset-${name}`, kind: "scp", document: { Version: "2012-10-17", Statement: spec.build(values) } }];
}
