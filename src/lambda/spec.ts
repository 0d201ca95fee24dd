/*
 * FunctionSpec: what one side (before or after) of an aws_lambda_function says about the values
 * that reach IAM, independent of where it came from (plan JSON or HCL). Producers (inputs/) fill
 * it; request-context.ts turns it into Requests. Values are IAM scalars or unknown markers.
 */

import type { FreshMarker, PartsMarker, Scalar, UnknownMarker } from "../iam/types.js";

/** ListSpec is a list of known cardinality (elements may be unknown), or unknown as a whole. */
export type ListSpec = readonly Scalar[] | UnknownMarker;

/** VpcSpec is one vpc_config block. */
export interface VpcSpec {
  readonly subnetIds: ListSpec;
  readonly securityGroupIds: ListSpec;
  readonly ipv6AllowedForDualStack: boolean | UnknownMarker;
  /** subnetVpcs[i] is the VPC of subnetIds[i] when the producer knows it (state, configuration). */
  readonly subnetVpcs?: readonly (Scalar | undefined)[];
  /** stateVpcId is `vpc_config[0].vpc_id` from state (before side only). */
  readonly stateVpcId?: string;
}

/** TagsSpec is the merged tag set (tags_all): known entries, and whether more may exist. */
export interface TagsSpec {
  readonly entries: Readonly<Record<string, Scalar>>;
  /** keysKnown is false when the set of keys itself is unknown (more keys may be added at apply). */
  readonly keysKnown: boolean;
  readonly note?: string;
}

/** FunctionSpec is the IAM-relevant configuration of a function on one side of a change. */
export interface FunctionSpec {
  readonly functionName: Scalar;
  /** vpc: null when there is no vpc_config block; UnknownMarker when even its presence is unknown. */
  readonly vpc: VpcSpec | null | UnknownMarker;
  /** layers: null when unset or empty. */
  readonly layers: ListSpec | null;
  readonly codeSigningConfigArn: Scalar | null;
  readonly tags: TagsSpec | null;
  /** sensitive lists the context keys (or "resource") whose values are sensitive. */
  readonly sensitive: ReadonlySet<string>;
}

/** unknown builds an UnknownMarker. */
export function unknown(note: string): UnknownMarker {
  return { $unknown: note };
}

/** fresh builds a FreshMarker for the id of a resource created by the same apply. */
export function fresh(prefix: string, note: string): FreshMarker {
  return { $fresh: prefix, note };
}

/** isUnknown tells an UnknownMarker apart from the other values. */
export function isUnknown(v: unknown): v is UnknownMarker {
  return typeof v === "object" && v !== null && !Array.isArray(v) && "$unknown" in v;
}

/** isFresh tells a FreshMarker apart from the other values. */
export function isFresh(v: unknown): v is FreshMarker {
  return typeof v === "object" && v !== null && !Array.isArray(v) && "$fresh" in v;
}

/** isParts tells a PartsMarker apart from the other values. */
export function isParts(v: unknown): v is PartsMarker {
  return typeof v === "object" && v !== null && !Array.isArray(v) && "$parts" in v;
}

/** ID_PREFIX maps resource types to the prefix of the ids AWS gives them. */
export const ID_PREFIX: Readonly<Record<string, string>> = {
  aws_subnet: "subnet-",
  aws_default_subnet: "subnet-",
  aws_security_group: "sg-",
  aws_default_security_group: "sg-",
  aws_vpc: "vpc-",
  aws_default_vpc: "vpc-",
};

/** concatParts joins strings and markers into one Scalar, merging adjacent strings. */
export function concatParts(parts: readonly Scalar[]): Scalar {
  const out: (string | UnknownMarker | FreshMarker)[] = [];
  for (const p of parts) {
    const flat = typeof p === "object" && "$parts" in p ? p.$parts : [p];
    for (const q of flat) {
      const last = out[out.length - 1];
      if (typeof q === "string" && typeof last === "string") out[out.length - 1] = last + q;
      else if (q !== "") out.push(q as string | UnknownMarker | FreshMarker);
    }
  }
  if (out.length === 0) return "";
  if (out.length === 1 && typeof out[0] === "string") return out[0];
  if (out.length === 1 && isUnknown(out[0])) return out[0] as UnknownMarker;
  return { $parts: out };
}
