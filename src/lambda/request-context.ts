/*
 * Request building: FunctionSpec (+ the ARN and what is known about the network) → the IAM
 * Request of each call that carries VPC keys, plus an UnknownNote for every unknown value.
 * Input: specs from plan-extract.ts or the HCL evaluator. Output: Request objects (the policy input).
 */

import type { ContextValue, Request, Scalar, UnknownMarker } from "../iam/types.js";
import type { UnknownNote } from "./model.js";
import { concatParts, isFresh, isParts, isUnknown, unknown, type FunctionSpec, type ListSpec, type TagsSpec, type VpcSpec } from "./spec.js";

/** NetworkLookup maps existing subnet / security-group ids to their VPC (prior state, inventory). */
export interface NetworkLookup {
  subnetVpc(id: string): string | undefined;
  securityGroupVpc(id: string): string | undefined;
  /** source names where the facts came from, for notes (e.g. "--inventory"). */
  readonly hasInventory: boolean;
}

/** emptyLookup knows nothing. */
export const emptyLookup: NetworkLookup = { subnetVpc: () => undefined, securityGroupVpc: () => undefined, hasInventory: false };

/** ArnParts are the pieces of the unqualified function ARN other than the name. */
export interface ArnParts {
  readonly partition: Scalar;
  readonly region: Scalar;
  readonly account: Scalar;
}

/** functionArn builds `arn:${partition}:lambda:${region}:${account}:function:${name}`. */
export function functionArn(p: ArnParts, name: Scalar): Scalar {
  if (typeof p.partition === "string" && typeof p.region === "string" && typeof p.account === "string" && typeof name === "string") {
    return `arn:${p.partition}:lambda:${p.region}:${p.account}:function:${name}`;
  }
  return concatParts(["arn:", p.partition, ":lambda:", p.region, ":", p.account, ":function:", name]);
}

/** Built is a request with the notes that explain its unknown values. */
export interface Built {
  readonly request: Request;
  readonly unknowns: readonly UnknownNote[];
}

const RESOLVE: Readonly<Record<string, string>> = {
  "lambda:VpcIds": "pass `aws ec2 describe-subnets` output with --inventory, or plan again once the subnets exist",
  "lambda:SubnetIds": "plan again once the subnets exist (apply them first), or pass --source so vpcgate can read the expression",
  "lambda:SecurityGroupIds": "plan again once the security groups exist (apply them first), or pass --source so vpcgate can read the expression",
  "lambda:Layer": "plan again once the layer versions exist",
  "lambda:CodeSigningConfigArn": "plan again once the code signing config exists",
  "aws:TagKeys": "give tags known values (or plan again once the values they reference exist)",
  resource: "set `region` in the provider block and read the account from `data.aws_caller_identity` (or plan with a refreshed state)",
};

function resolveFor(key: string): string {
  if (key.startsWith("aws:RequestTag/")) return "give the tag a value known at plan time";
  return RESOLVE[key] ?? "plan again with a refreshed state";
}

/** collectUnknowns lists an UnknownNote for every marker inside a context value. */
function collectUnknowns(key: string, v: ContextValue | Scalar, out: UnknownNote[]): void {
  if (typeof v === "string") return;
  if (Array.isArray(v)) for (const s of v as readonly Scalar[]) visitUnknowns(key, s, out);
  else visitUnknowns(key, v as Scalar, out);
}

function visitUnknowns(key: string, s: Scalar | string, out: UnknownNote[]): void {
  if (typeof s === "string") return;
  if (isUnknown(s)) pushNote(key, s.$unknown, out);
  else if (isFresh(s)) pushNote(key, `${s.note ?? "an id"} is created by this apply: a fresh id equal to no existing id`, out);
  else if (isParts(s)) for (const q of s.$parts) visitUnknowns(key, q, out);
}

function pushNote(key: string, reason: string, out: UnknownNote[]): void {
  for (const n of out) if (n.key === key && n.reason === reason) return;
  out.push({ key, reason, resolve: resolveFor(key) });
}

/** deriveVpcId works out lambda:VpcIds from the subnets (AWS derives it; it is never sent). */
export function deriveVpcId(vpc: VpcSpec, lookup: NetworkLookup): ContextValue | undefined {
  const subnets = vpc.subnetIds;
  if (isUnknown(subnets)) {
    return unknown(`lambda:VpcIds is derived from subnet_ids, which are unknown until apply (${subnets.$unknown})`);
  }
  if (subnets.length === 0) return undefined;
  const found: Scalar[] = [];
  subnets.forEach((s, i) => {
    const fromProducer = vpc.subnetVpcs?.[i];
    const fromLookup = typeof s === "string" ? lookup.subnetVpc(s) : undefined;
    const v = fromLookup ?? fromProducer;
    if (v !== undefined) found.push(v);
  });
  if (found.length === 0 && !isUnknown(vpc.securityGroupIds)) {
    for (const g of vpc.securityGroupIds) {
      if (typeof g === "string") {
        const v = lookup.securityGroupVpc(g);
        if (v !== undefined) found.push(v);
      }
    }
  }
  const distinct = dedupe(found);
  if (distinct.length === 1) return distinct[0] as Scalar;
  const why = distinct.length > 1
    ? "the subnets resolve to different VPCs (AWS would refuse the call)"
    : `the VPC of subnet ${subnets.map(show).join(", ")} is not known from the plan${lookup.hasInventory ? " or the inventory" : ""}`;
  // The key is present (there is at least one subnet) but its value is unknown: a string starting with "vpc-".
  return { $parts: ["vpc-", unknown(why)] };
}

function show(s: Scalar): string {
  if (typeof s === "string") return s;
  if (isFresh(s)) return `<new ${s.note ?? s.$fresh}>`;
  return "<unknown>";
}

function dedupe(xs: readonly Scalar[]): Scalar[] {
  const out: Scalar[] = [];
  for (const x of xs) if (!out.some((y) => JSON.stringify(y) === JSON.stringify(x))) out.push(x);
  return out;
}

function putList(ctx: Record<string, ContextValue>, key: string, v: ListSpec): void {
  ctx[key] = isUnknown(v) ? v : [...v];
}

/** addVpcKeys adds lambda:SubnetIds, lambda:SecurityGroupIds and the derived lambda:VpcIds. */
function addVpcKeys(ctx: Record<string, ContextValue>, vpc: VpcSpec | UnknownMarker, lookup: NetworkLookup): void {
  if (isUnknown(vpc)) {
    ctx["lambda:SubnetIds"] = vpc;
    ctx["lambda:SecurityGroupIds"] = vpc;
    ctx["lambda:VpcIds"] = vpc;
    return;
  }
  putList(ctx, "lambda:SubnetIds", vpc.subnetIds);
  putList(ctx, "lambda:SecurityGroupIds", vpc.securityGroupIds);
  const id = deriveVpcId(vpc, lookup);
  if (id !== undefined) ctx["lambda:VpcIds"] = id;
}

function addLayers(ctx: Record<string, ContextValue>, layers: ListSpec | null): void {
  if (layers === null) return;
  if (!isUnknown(layers) && layers.length === 0) return;
  putList(ctx, "lambda:Layer", layers);
}

function addTags(ctx: Record<string, ContextValue>, tags: TagsSpec | null): void {
  if (tags === null) return;
  const keys = Object.keys(tags.entries).sort();
  for (const k of keys) ctx[`aws:RequestTag/${k}`] = tags.entries[k] as Scalar;
  if (!tags.keysKnown) ctx["aws:TagKeys"] = unknown(tags.note ?? "the tag keys are unknown until apply");
  else if (keys.length > 0) ctx["aws:TagKeys"] = keys;
}

function finish(action: string, resource: Scalar, ctx: Record<string, ContextValue>): Built {
  const unknowns: UnknownNote[] = [];
  collectUnknowns("resource", resource, unknowns);
  for (const k in ctx) collectUnknowns(k, ctx[k] as ContextValue, unknowns);
  return { request: { action, resource, context: ctx }, unknowns };
}

/** buildCreateRequest is the lambda:CreateFunction request for the new configuration. */
export function buildCreateRequest(spec: FunctionSpec, resource: Scalar, lookup: NetworkLookup): Built {
  const ctx: Record<string, ContextValue> = {};
  if (spec.vpc !== null) addVpcKeys(ctx, spec.vpc, lookup);
  addLayers(ctx, spec.layers);
  if (spec.codeSigningConfigArn !== null) ctx["lambda:CodeSigningConfigArn"] = spec.codeSigningConfigArn;
  addTags(ctx, spec.tags);
  return finish("lambda:CreateFunction", resource, ctx);
}

/** UpdateShape says which optional parts an UpdateFunctionConfiguration request carries. */
export interface UpdateShape {
  readonly vpcChanged: boolean;
  readonly layersChanged: boolean;
}

/**
 * buildUpdateRequest is the lambda:UpdateFunctionConfiguration request. VpcConfig is sent only when
 * vpc_config changed (a removed block sends empty lists); Layers only when layers changed.
 * When VpcConfig or Layers is left out, `alternative` is the same request with those keys taken
 * from the prior state (ambiguities A2/A4 in iam-semantics.md), if the prior state has them.
 */
export function buildUpdateRequest(
  after: FunctionSpec,
  before: FunctionSpec,
  shape: UpdateShape,
  resource: Scalar,
  lookup: NetworkLookup,
): Built & { readonly alternative?: Built } {
  const ctx: Record<string, ContextValue> = {};
  const alt: Record<string, ContextValue> = {};
  let altNeeded = false;
  if (shape.vpcChanged) {
    if (after.vpc === null) {
      ctx["lambda:SubnetIds"] = [];
      ctx["lambda:SecurityGroupIds"] = [];
    } else addVpcKeys(ctx, after.vpc, lookup);
  } else if (before.vpc !== null) {
    const prior = isUnknown(before.vpc) ? before.vpc : { ...before.vpc, subnetVpcs: stateVpcs(before.vpc) };
    addVpcKeys(alt, prior, lookup);
    altNeeded = true;
  }
  if (shape.layersChanged) {
    if (after.layers === null) ctx["lambda:Layer"] = [];
    else addLayers(ctx, after.layers);
  } else if (before.layers !== null && (isUnknown(before.layers) || before.layers.length > 0)) {
    addLayers(alt, before.layers);
    altNeeded = true;
  }
  const built = finish("lambda:UpdateFunctionConfiguration", resource, ctx);
  if (!altNeeded) return built;
  return { ...built, alternative: finish("lambda:UpdateFunctionConfiguration", resource, { ...ctx, ...alt }) };
}

function stateVpcs(v: VpcSpec): (Scalar | undefined)[] {
  if (isUnknown(v.subnetIds)) return [];
  return v.subnetIds.map((_, i) => v.subnetVpcs?.[i] ?? v.stateVpcId);
}

/**
 * buildDestroySgRequest is the SG-only UpdateFunctionConfiguration that
 * replace_security_groups_on_destroy makes before DeleteFunction: SecurityGroupIds only, no
 * SubnetIds (ambiguity A3). `alternative` adds SubnetIds and VpcIds from the prior state.
 */
export function buildDestroySgRequest(before: FunctionSpec, sgs: ListSpec, resource: Scalar, lookup: NetworkLookup): Built & { readonly alternative?: Built } {
  const ctx: Record<string, ContextValue> = {};
  putList(ctx, "lambda:SecurityGroupIds", sgs);
  const built = finish("lambda:UpdateFunctionConfiguration", resource, ctx);
  if (before.vpc === null || isUnknown(before.vpc)) return built;
  const alt: Record<string, ContextValue> = { ...ctx };
  putList(alt, "lambda:SubnetIds", before.vpc.subnetIds);
  const id = deriveVpcId({ ...before.vpc, subnetVpcs: stateVpcs(before.vpc) }, lookup);
  if (id !== undefined) alt["lambda:VpcIds"] = id;
  return { ...built, alternative: finish("lambda:UpdateFunctionConfiguration", resource, alt) };
}
