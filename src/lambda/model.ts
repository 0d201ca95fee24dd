/*
 * The Lambda model: what inputs (plan JSON, HCL) produce and what the engine and reports consume.
 * One LambdaFunction per aws_lambda_function instance, with the API calls the apply will make and
 * the IAM request of each call that carries VPC keys.
 */

import type { Request } from "../iam/types.js";

/** Location is a 1-based position in a file (.tf, or the plan JSON when nothing better is known). */
export interface Location {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** UnknownNote records why a context key is unknown and how the user can resolve it. */
export interface UnknownNote {
  /** key is the condition key (e.g. "lambda:VpcIds") or "resource". */
  readonly key: string;
  readonly reason: string;
  /** resolve tells the user what to do: --inventory, --source, a refreshed plan, ... */
  readonly resolve: string;
}

/** ApiCall is one Lambda API call the apply makes for a function. */
export interface ApiCall {
  /** action is the IAM action, e.g. "lambda:CreateFunction". */
  readonly action: string;
  /** carriesVpcKeys: the call is one IAM checks lambda:VpcIds/SubnetIds/SecurityGroupIds on. */
  readonly carriesVpcKeys: boolean;
  /** request is the IAM request context; present for calls that carry VPC keys. */
  readonly request?: Request;
  /** why explains the call in a few words, e.g. "vpc_config changed" or "replace". */
  readonly why?: string;
  /**
   * alternatives are other contexts AWS may evaluate for the same call when the documentation is
   * ambiguous (iam-semantics.md A2/A3/A4): e.g. an UpdateFunctionConfiguration that omits VpcConfig
   * evaluated with the keys filled from the prior state. Evaluate each; a deny in any of them is
   * at least a possible deny. Added by inputs (issue 5).
   */
  readonly alternatives?: readonly AlternativeRequest[];
}

/** AlternativeRequest is a second reading of a call's request under an ambiguity. */
export interface AlternativeRequest {
  /** ambiguity is the id in iam-semantics.md: "A2", "A3" or "A4" (several joined by "+"). */
  readonly ambiguity: string;
  readonly note: string;
  readonly request: Request;
}

/** Waiver is an inline `# vpcgate:ignore <rule> <reason>` comment directly above a block. */
export interface Waiver {
  readonly rule: string;
  readonly reason: string;
  readonly location: Location;
}

/** LambdaFunction is one aws_lambda_function instance in the input. */
export interface LambdaFunction {
  /** address is the full instance address, e.g. `module.m.aws_lambda_function.f["x"]`. */
  readonly address: string;
  readonly type: "aws_lambda_function";
  /** moduleAddress is "" for the root module, else e.g. `module.m["a"].module.n`. */
  readonly moduleAddress: string;
  /** configAddress is the address in configuration, without instance keys, e.g. `module.m.aws_lambda_function.f`. */
  readonly configAddress: string;
  /** changeActions is the plan's change.actions (HCL mode: ["create"]). */
  readonly changeActions: readonly string[];
  /** calls lists every API call the apply makes for this function (possibly none). */
  readonly calls: readonly ApiCall[];
  /** unknowns explains every unknown value in the requests. */
  readonly unknowns: readonly UnknownNote[];
  /** location is the resource block in .tf when known (HCL mode, or plan + --source). */
  readonly location?: Location;
  /** moduleChain lists the module calls from the root down, with their .tf locations when known. */
  readonly moduleChain: readonly { readonly name: string; readonly location?: Location }[];
  /** sensitiveKeys lists context keys whose values are sensitive: used, never printed. */
  readonly sensitiveKeys?: readonly string[];
  /** waivers are the `# vpcgate:ignore` comments above the resource block (HCL mode, or plan + --source). */
  readonly waivers?: readonly Waiver[];
}

/** InputDocument is one input (a plan file or an HCL root module) and the functions it yields. */
export interface InputDocument {
  readonly path: string;
  readonly kind: "plan" | "hcl";
  readonly functions: readonly LambdaFunction[];
}
