/*
 * Built-in policy presets: plain IAM statements evaluated by the same Rego evaluator. Input: a
 * preset name and parameters (lists of VPC/subnet/SG ids or patterns, from the config file).
 * Output: IamPolicy[]. Guardrail (Deny) presets are SCPs with FullAWSAccess; allow presets are
 * identity policies. The default, when no policy is given, is EnforceVPCFunction (§1.6 E1).
 */

import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnostic } from "../diagnostics/diagnostic.js";
import type { IamPolicy } from "./types.js";

/** PresetParams are the lists a preset takes. */
export interface PresetParams {
  readonly vpcs?: readonly string[];
  readonly subnets?: readonly string[];
  readonly securityGroups?: readonly string[];
}

const ACTIONS = ["lambda:CreateFunction", "lambda:UpdateFunctionConfiguration"];
const VERSION = "2012-10-17";

const stmt = (sid: string, effect: "Allow" | "Deny", condition: Record<string, Record<string, unknown>>): Record<string, unknown> =>
  ({ Sid: sid, Effect: effect, Action: ACTIONS, Resource: "*", Condition: condition });

const fullAccess = { Sid: "FullAWSAccess", Effect: "Allow", Action: "*", Resource: "*" };

/** enforceVpcStatement is the Lambda guide's E1: deny when lambda:VpcIds is absent. */
export const enforceVpcStatement = stmt("EnforceVPCFunction", "Deny", { Null: { "lambda:VpcIds": "true" } });

const scp = (name: string, statements: unknown[]): IamPolicy => ({ name: `preset:${name}`, kind: "scp", document: { Version: VERSION, Statement: [fullAccess, ...statements] } });
const identity = (name: string, statements: unknown[]): IamPolicy => ({ name: `preset:${name}`, kind: "identity", document: { Version: VERSION, Statement: statements } });

const list = (xs: readonly string[] | undefined, dflt: string[]): string[] => (xs !== undefined && xs.length > 0 ? [...xs] : dflt);

/** PRESETS maps each preset name to its builder and a one-line description. */
export const PRESETS: Readonly<Record<string, { readonly describe: string; build(p: PresetParams): IamPolicy[] }>> = {
  "enforce-vpc": {
    describe: "Lambda guide E1 EnforceVPCFunction: deny CreateFunction/UpdateFunctionConfiguration without a VPC (default)",
    build: () => [scp("enforce-vpc", [enforceVpcStatement])],
  },
  "lambda-guide-deny": {
    describe: "Lambda guide E2–E4: deny listed VPCs, subnets and security groups",
    build: (p) => [scp("lambda-guide-deny", [
      stmt("EnforceOutOfVPC", "Deny", { StringEquals: { "lambda:VpcIds": list(p.vpcs, ["vpc-1", "vpc-2"]) } }),
      stmt("EnforceOutOfSubnet", "Deny", { "ForAnyValue:StringEquals": { "lambda:SubnetIds": list(p.subnets, ["subnet-1", "subnet-2"]) } }),
      stmt("EnforceOutOfSecurityGroups", "Deny", { "ForAnyValue:StringEquals": { "lambda:SecurityGroupIds": list(p.securityGroups, ["sg-1", "sg-2"]) } }),
    ])],
  },
  "lambda-guide-allow": {
    describe: "Lambda guide E5–E7: allow listed VPCs, subnets, security groups (ORed; lets non-VPC functions through)",
    build: (p) => [identity("lambda-guide-allow", [
      stmt("EnforceStayInSpecificVpc", "Allow", { StringEquals: { "lambda:VpcIds": list(p.vpcs, ["vpc-1", "vpc-2"]) } }),
      stmt("EnforceStayInSpecificSubnets", "Allow", { "ForAllValues:StringEquals": { "lambda:SubnetIds": list(p.subnets, ["subnet-1", "subnet-2"]) } }),
      stmt("EnforceStayInSpecificSecurityGroup", "Allow", { "ForAllValues:StringEquals": { "lambda:SecurityGroupIds": list(p.securityGroups, ["sg-1", "sg-2"]) } }),
    ])],
  },
  "lambda-guide": {
    describe: "all seven Lambda guide statements: E1–E4 as an SCP, E5–E7 as an identity policy",
    build: (p) => [
      scp("lambda-guide", [enforceVpcStatement, ...((PRESETS["lambda-guide-deny"]?.build(p)[0]?.document as { Statement: unknown[] }).Statement.slice(1))]),
      ...(PRESETS["lambda-guide-allow"]?.build(p) ?? []),
    ],
  },
  "vpc-approved": {
    describe: "hardened: VPC required and every VPC, subnet and SG approved (Null guards close the ForAllValues hole)",
    build: (p) => {
      const cond: Record<string, Record<string, unknown>> = {};
      if (p.vpcs !== undefined && p.vpcs.length > 0) cond.StringLike = { "lambda:VpcIds": [...p.vpcs] };
      const fav: Record<string, unknown> = {};
      if (p.subnets !== undefined && p.subnets.length > 0) fav["lambda:SubnetIds"] = [...p.subnets];
      if (p.securityGroups !== undefined && p.securityGroups.length > 0) fav["lambda:SecurityGroupIds"] = [...p.securityGroups];
      const deny: Record<string, unknown>[] = [enforceVpcStatement];
      if (cond.StringLike !== undefined) deny.push(stmt("DenyUnapprovedVpc", "Deny", { StringNotLike: cond.StringLike }));
      if (fav["lambda:SubnetIds"] !== undefined) deny.push(stmt("DenyUnapprovedSubnets", "Deny", { "ForAnyValue:StringNotLike": { "lambda:SubnetIds": fav["lambda:SubnetIds"] } }));
      if (fav["lambda:SecurityGroupIds"] !== undefined) deny.push(stmt("DenyUnapprovedSecurityGroups", "Deny", { "ForAnyValue:StringNotLike": { "lambda:SecurityGroupIds": fav["lambda:SecurityGroupIds"] } }));
      deny.push(stmt("DenyMissingSubnets", "Deny", { Null: { "lambda:SubnetIds": "true" } }), stmt("DenyMissingSecurityGroups", "Deny", { Null: { "lambda:SecurityGroupIds": "true" } }));
      return [scp("vpc-approved", deny)];
    },
  },
};

/** DEFAULT_PRESET is used when the user gives no IAM policy. */
export const DEFAULT_PRESET = "enforce-vpc";

/** buildPreset returns the preset's policies, or config_error diagnostics for a bad name or params. */
export function buildPreset(name: string, params: Readonly<Record<string, unknown>> = {}, file = "preset"): IamPolicy[] | Diagnostic[] {
  const p = PRESETS[name];
  if (p === undefined) return [diagnostic("config_error", `unknown preset "${name}" (known: ${Object.keys(PRESETS).join(", ")})`, { file })];
  const errs: Diagnostic[] = [];
  for (const [k, v] of Object.entries(params)) {
    if (!["vpcs", "subnets", "securityGroups"].includes(k)) errs.push(diagnostic("config_error", `unknown preset parameter "${k}" (vpcs, subnets, securityGroups)`, { file }));
    else if (!Array.isArray(v) || !v.every((x) => typeof x === "string" && x !== "")) errs.push(diagnostic("config_error", `preset parameter "${k}" must be a list of ids or patterns`, { file }));
  }
  return errs.length > 0 ? errs : p.build(params as PresetParams);
}

/** withAssumedIdentity adds an allow-everything identity policy when none is given, so guardrails decide. */
export function withAssumedIdentity(policies: readonly IamPolicy[]): IamPolicy[] {
  if (policies.some((p) => p.kind === "identity")) return [...policies];
  return [...policies, { name: "assumed-identity", kind: "identity", document: { Version: VERSION, Statement: [{ Sid: "AssumeDeployerMayDoAnything", Effect: "Allow", Action: "*", Resource: "*" }] } }];
}
