/*
 * Help text for every built-in rule id (SARIF rule metadata, explain, docs). Custom Rego rules
 * get a generic entry. Input: a rule id. Output: a short and a full description plus help Markdown.
 */

/** RuleHelp documents one rule. */
export interface RuleHelp {
  readonly name: string;
  readonly short: string;
  readonly full: string;
  readonly help: string;
}

const BUILTIN: Readonly<Record<string, RuleHelp>> = {
  "iam-explicit-deny": {
    name: "IamExplicitDeny",
    short: "An IAM Deny statement applies to a Lambda API call the apply will make.",
    full: "A Deny statement in an identity policy, SCP or permissions boundary matches the planned Lambda call and its VPC request context (lambda:VpcIds, lambda:SubnetIds, lambda:SecurityGroupIds). terraform apply would fail with AccessDenied.",
    help: "Change the function's vpc_config so the Deny statement no longer applies (e.g. attach approved subnets and security groups), or change the policy. Run `vpcgate explain <plan> <address>` to see which statement decided and why each condition held.",
  },
  "iam-implicit-deny": {
    name: "IamImplicitDeny",
    short: "No IAM Allow statement covers a Lambda API call the apply will make.",
    full: "The call is not allowed by every policy level that must allow it (identity policy, and any SCP or permissions boundary in force). terraform apply would fail with AccessDenied.",
    help: "Make the function's VPC settings match an Allow statement, or extend the policy. `vpcgate explain <plan> <address>` shows every statement and condition considered.",
  },
  "iam-unknown": {
    name: "IamUnknown",
    short: "The IAM outcome depends on values known only after apply.",
    full: "Some request-context values (e.g. subnet or security-group ids of resources created in the same apply) are unknown at plan time, and the policy decision depends on them. vpcgate never treats an unknown as allow.",
    help: "Provide the missing facts: `--inventory FILE` (subnet→VPC map), `--source DIR` for plan mode, or apply the dependencies first and re-plan. Use `--unknown=warn` to report without failing.",
  },
  "waiver-expired": {
    name: "WaiverExpired",
    short: "A waiver has passed its expiry date.",
    full: "A waiver in the vpcgate config has an `expires` date in the past. Expired waivers no longer apply and fail the run until they are renewed or removed.",
    help: "Fix the underlying finding and delete the waiver, or set a new `expires` date with a fresh reason.",
  },
};

/** ruleHelp returns the help for a rule id; custom rules get a generic description. */
export function ruleHelp(id: string): RuleHelp {
  return BUILTIN[id] ?? {
    name: id.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? "").toUpperCase()).replace(/^./, (c) => c.toUpperCase()),
    short: `Custom policy rule ${id}.`,
    full: `A finding reported by the custom Rego rule ${id} (--policy).`,
    help: "See the custom policy's documentation.",
  };
}
