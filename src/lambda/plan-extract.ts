/*
 * Plan mode: every aws_lambda_function change in a Plan → a LambdaFunction with the API calls the
 * apply makes (terraform-to-request.md's table) and the IAM request of each call carrying VPC keys.
 * Input: a Plan from parsePlan, plus optional inventory lookup and --source index.
 * Output: LambdaFunction[] in resource_changes order.
 */

import type { Scalar } from "../iam/types.js";
import type { ConfigResource, JsonObject, Plan, ResourceChange } from "../inputs/plan-types.js";
import { LAMBDA_TYPE, deepEqual } from "../inputs/plan-json.js";
import type { SourceIndex } from "../inputs/source-index.js";
import { configAddressOf, moduleAddressOf, parseAddress } from "./address.js";
import type { AlternativeRequest, ApiCall, LambdaFunction, UnknownNote } from "./model.js";
import { COUNTED_TYPES, buildPlanFacts, factsLookup, referencedResource, type PlanFacts } from "./plan-facts.js";
import { buildCreateRequest, buildDestroySgRequest, buildUpdateRequest, functionArn, type Built, type NetworkLookup } from "./request-context.js";
import { ID_PREFIX, fresh, isUnknown, unknown, type FunctionSpec, type ListSpec, type TagsSpec, type VpcSpec } from "./spec.js";

/** ExtractOptions are the optional extra facts for extraction. */
export interface ExtractOptions {
  /** inventory resolves subnet/SG → VPC from --inventory files. */
  readonly inventory?: NetworkLookup;
  /** source locates resource and module blocks in .tf files (--source). */
  readonly source?: SourceIndex;
}

/** CONFIG_ATTRS changing triggers UpdateFunctionConfiguration (needsFunctionConfigUpdate). */
const CONFIG_ATTRS = [
  "description", "handler", "file_system_config", "image_config", "logging_config", "memory_size", "role", "timeout",
  "kms_key_arn", "layers", "dead_letter_config", "durable_config", "snap_start", "tracing_config", "vpc_config",
  "runtime", "environment", "ephemeral_storage", "capacity_provider_config", "publish_to",
];
/** CODE_ATTRS changing triggers UpdateFunctionCode (needsFunctionCodeUpdate). */
const CODE_ATTRS = ["filename", "code_sha256", "source_code_hash", "s3_bucket", "s3_key", "s3_object_version", "source_kms_key_arn", "image_uri", "architectures"];

function isObj(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Path is a path into a JSON value (a constant per attribute: no array per lookup). */
type Path = readonly (string | number)[];

function index(cur: unknown, p: string | number): unknown {
  if (typeof p === "number") return Array.isArray(cur) ? cur[p] : undefined;
  return isObj(cur) ? cur[p] : undefined;
}

/** get reads v[a][b][c] (b and c optional); an unknown/sensitive `true` ancestor covers its descendants. */
function get(v: unknown, a: string | number, b?: string | number, c?: string | number): unknown {
  if (v === true) return true;
  const x = index(v, a);
  if (b === undefined) return x;
  if (x === true) return true;
  const y = index(x, b);
  if (c === undefined) return y;
  if (y === true) return true;
  return index(y, c);
}

/** getPath is get along a whole path. */
function getPath(v: unknown, path: Path): unknown {
  let cur = v;
  for (const p of path) {
    if (cur === true) return true;
    cur = index(cur, p);
  }
  return cur;
}

const SUBNET_IDS: Path = ["vpc_config", 0, "subnet_ids"];
const SG_IDS: Path = ["vpc_config", 0, "security_group_ids"];
const LAYERS: Path = ["layers"];

/** containsTrue reports whether an after_unknown / sensitive tree has `true` anywhere. */
function containsTrue(v: unknown): boolean {
  if (v === true) return true;
  if (Array.isArray(v)) return v.some(containsTrue);
  if (isObj(v)) {
    for (const k in v) if (Object.prototype.hasOwnProperty.call(v, k) && containsTrue(v[k])) return true;
  }
  return false;
}

/** extractFunctions turns every aws_lambda_function change of a plan into a LambdaFunction. */
export function extractFunctions(plan: Plan, opts: ExtractOptions = {}): LambdaFunction[] {
  const out: LambdaFunction[] = [];
  let facts: PlanFacts | undefined;
  let lookup: NetworkLookup | undefined;
  const rcs = plan.resourceChanges;
  for (let index = 0; index < rcs.length; index++) {
    const rc = rcs[index] as ResourceChange;
    if (rc.type !== LAMBDA_TYPE || rc.mode === "data") continue;
    facts ??= buildPlanFacts(plan);
    lookup ??= factsLookup(facts, opts.inventory);
    out.push(extractOne(plan, plan.fullChange?.(index) ?? rc, index, facts, lookup, opts));
  }
  return out;
}

interface Ctx {
  readonly plan: Plan;
  readonly rc: ResourceChange;
  readonly index: number;
  readonly facts: PlanFacts;
  readonly lookup: NetworkLookup;
  readonly moduleConfigPrefix: string;
  readonly config: ConfigResource | undefined;
}

function extractOne(plan: Plan, rc: ResourceChange, index: number, facts: PlanFacts, lookup: NetworkLookup, opts: ExtractOptions): LambdaFunction {
  const parsed = parseAddress(rc.address);
  const moduleAddress = rc.module_address ?? moduleAddressOf(parsed.modules);
  const configAddress = configAddressOf(rc.address);
  const modCfg = moduleAddressOf(parsed.modules, false);
  const moduleConfigPrefix = modCfg === "" ? "" : modCfg + ".";
  const config = facts.configResource(configAddress);
  const ctx: Ctx = { plan, rc, index, facts, lookup, moduleConfigPrefix, config };
  const actions = rc.change.actions;
  const arnParts = facts.arnParts(config?.provider_config_key, moduleAddress);
  const calls: ApiCall[] = [];
  const unknowns: UnknownNote[] = [];
  let sensitive: Set<string> | undefined;
  const take = (b: Built): Built => {
    for (const n of b.unknowns) if (!unknowns.some((m) => m.key === n.key && m.reason === n.reason)) unknowns.push(n);
    return b;
  };
  const before = isObj(rc.change.before) ? readSpec(ctx, "before") : undefined;
  const after = withPriorVpcs(isObj(rc.change.after) ? readSpec(ctx, "after") : undefined, before);
  for (const s of [before, after]) if (s !== undefined && s.sensitive.size > 0) for (const k of s.sensitive) (sensitive ??= new Set()).add(k);
  const beforeArn = get(rc.change.before, "arn");
  const priorArn = typeof beforeArn === "string" && beforeArn !== "" ? beforeArn : undefined;
  const newArn = after !== undefined ? functionArn(arnParts, after.functionName) : undefined;
  const oldArn: Scalar | undefined = priorArn ?? (before !== undefined ? functionArn(arnParts, before.functionName) : undefined);
  const skipDestroy = get(rc.change.before, "skip_destroy") === true;
  const isCreate = actions.includes("create");
  const isDelete = actions.includes("delete");

  if (isDelete && before !== undefined && oldArn !== undefined) {
    if (skipDestroy) {
      // skip_destroy: the provider makes no call at destroy.
    } else {
      const sgCall = destroySgCall(ctx, before, oldArn, take);
      if (sgCall !== undefined) calls.push(sgCall);
      calls.push({ action: "lambda:DeleteFunction", carriesVpcKeys: false, why: isCreate ? "replace: the old function is deleted" : "destroy" });
    }
  }
  if (isCreate && after !== undefined && newArn !== undefined) {
    const b = take(buildCreateRequest(after, newArn, ctx.lookup));
    const createCall: ApiCall = { action: "lambda:CreateFunction", carriesVpcKeys: true, request: b.request, why: isDelete ? "replace" : "create" };
    if (actions[0] === "create" && isDelete) calls.unshift(createCall); // create_before_destroy
    else calls.push(createCall);
    const rce = get(rc.change.after, "reserved_concurrent_executions");
    if (rce === true || get(rc.change.after_unknown, "reserved_concurrent_executions") === true || (typeof rce === "number" && rce >= 0)) {
      calls.push({ action: "lambda:PutFunctionConcurrency", carriesVpcKeys: false, why: "reserved_concurrent_executions ≥ 0" });
    }
  }
  if (actions.includes("update") && before !== undefined && after !== undefined) {
    calls.push(...updateCalls(ctx, before, after, priorArn ?? newArn ?? functionArn(arnParts, after.functionName), take));
  }
  const location = opts.source?.resource(configAddress);
  const waivers = opts.source?.waivers(configAddress);
  const moduleChain = parsed.modules.map((m, i) => {
    const callPath = moduleAddressOf(parsed.modules.slice(0, i + 1), false);
    const loc = opts.source?.moduleCall(callPath);
    return { name: `${m.name}${m.key ?? ""}`, ...(loc !== undefined ? { location: loc } : {}) };
  });
  // (built field by field, in this key order: the JSON report shows it)
  const changeActions = [...actions];
  const fn: { -readonly [K in keyof LambdaFunction]: LambdaFunction[K] } = location === undefined
    ? { address: rc.address, type: LAMBDA_TYPE, moduleAddress, configAddress, changeActions, calls, unknowns, moduleChain }
    : { address: rc.address, type: LAMBDA_TYPE, moduleAddress, configAddress, changeActions, calls, unknowns, location, moduleChain };
  if (sensitive !== undefined) fn.sensitiveKeys = [...sensitive].sort();
  if (waivers !== undefined && waivers.length > 0) fn.waivers = waivers;
  return fn;
}

function destroySgCall(ctx: Ctx, before: FunctionSpec, arn: Scalar, take: (b: Built) => Built): ApiCall | undefined {
  const b = ctx.rc.change.before;
  if (get(b, "replace_security_groups_on_destroy") !== true) return undefined;
  if (before.vpc === null || isUnknown(before.vpc)) return undefined;
  const sgs = before.vpc.securityGroupIds;
  if (!isUnknown(sgs) && sgs.length === 0) return undefined;
  const repl = get(b, "replacement_security_group_ids");
  const list: ListSpec = Array.isArray(repl) && repl.length > 0
    ? repl.map((x) => (typeof x === "string" ? x : unknown("replacement security group id")))
    : [unknown(`the "default" security group of ${before.vpc.stateVpcId ?? "the function's VPC"} (looked up by the provider at destroy)`)];
  const built = take(buildDestroySgRequest(before, list, arn, ctx.lookup));
  return withAlternative(
    { action: "lambda:UpdateFunctionConfiguration", carriesVpcKeys: true, request: built.request, why: "replace_security_groups_on_destroy: SG-only update before delete" },
    built,
    "A3",
    "AWS may fill SubnetIds and VpcIds from the function's current configuration",
    take,
  );
}

function withAlternative(call: ApiCall, built: Built & { readonly alternative?: Built }, ambiguity: string, note: string, take: (b: Built) => Built): ApiCall {
  if (built.alternative === undefined) return call;
  take(built.alternative);
  const alt: AlternativeRequest = { ambiguity, note, request: built.alternative.request };
  return { ...call, alternatives: [alt] };
}

function updateCalls(ctx: Ctx, before: FunctionSpec, after: FunctionSpec, arn: Scalar, take: (b: Built) => Built): ApiCall[] {
  const calls: ApiCall[] = [];
  const ch = ctx.rc.change;
  const changed = (attr: string): boolean => attrChanged(ctx, attr);
  const vpcChanged = vpcConfigChanged(ch.before, ch.after, ch.after_unknown);
  if (changed("code_signing_config_arn")) {
    const v = get(ch.after, "code_signing_config_arn");
    calls.push({ action: v === null || v === undefined || v === "" ? "lambda:DeleteFunctionCodeSigningConfig" : "lambda:PutFunctionCodeSigningConfig", carriesVpcKeys: false, why: "code_signing_config_arn changed" });
  }
  const configChanged = CONFIG_ATTRS.filter((a) => (a === "vpc_config" ? vpcChanged : changed(a)));
  let configUpdate = false;
  if (configChanged.length > 0) {
    configUpdate = true;
    const layersChanged = changed("layers");
    const built = take(buildUpdateRequest(after, before, { vpcChanged, layersChanged }, arn, ctx.lookup));
    const omitted = [!vpcChanged && before.vpc !== null ? "A2" : "", !layersChanged && before.layers !== null ? "A4" : ""].filter((x) => x !== "").join("+");
    calls.push(withAlternative(
      { action: "lambda:UpdateFunctionConfiguration", carriesVpcKeys: true, request: built.request, why: `${configChanged.join(", ")} changed` },
      built,
      omitted,
      "the request omits VpcConfig/Layers; AWS may evaluate the keys from the function's current configuration",
      take,
    ));
  }
  const codeUpdate = CODE_ATTRS.some(changed);
  if (codeUpdate) calls.push({ action: "lambda:UpdateFunctionCode", carriesVpcKeys: false, why: `${CODE_ATTRS.filter(changed).join(", ")} changed` });
  if (changed("reserved_concurrent_executions")) {
    const v = get(ch.after, "reserved_concurrent_executions");
    calls.push({ action: typeof v === "number" && v < 0 ? "lambda:DeleteFunctionConcurrency" : "lambda:PutFunctionConcurrency", carriesVpcKeys: false, why: "reserved_concurrent_executions changed" });
  }
  if ((get(ch.after, "publish") === true && (codeUpdate || configUpdate)) || changed("publish")) {
    calls.push({ action: "lambda:PublishVersion", carriesVpcKeys: false, why: "publish" });
  }
  const tagsAttr = isObj(get(ch.after, "tags_all")) || get(ch.after_unknown, "tags_all") === true ? "tags_all" : "tags";
  if (changed(tagsAttr)) {
    const b = get(ch.before, tagsAttr);
    const a = get(ch.after, tagsAttr);
    const bo = isObj(b) ? b : {};
    const ao = isObj(a) ? a : {};
    const removed = Object.keys(bo).some((k) => !(k in ao));
    const added = Object.keys(ao).some((k) => !deepEqual(ao[k], bo[k])) || containsTrue(get(ch.after_unknown, tagsAttr));
    if (removed) calls.push({ action: "lambda:UntagResource", carriesVpcKeys: false, why: "tags removed" });
    if (added) calls.push({ action: "lambda:TagResource", carriesVpcKeys: false, why: "tags added or changed" });
  }
  return calls;
}

/** withPriorVpcs: a subnet already attached before the update keeps the VPC recorded in state. */
function withPriorVpcs(after: FunctionSpec | undefined, before: FunctionSpec | undefined): FunctionSpec | undefined {
  if (after === undefined || before === undefined) return after;
  const a = after.vpc;
  const b = before.vpc;
  if (a === null || b === null || isUnknown(a) || isUnknown(b) || isUnknown(a.subnetIds) || isUnknown(b.subnetIds) || b.stateVpcId === undefined) return after;
  const prior = b.subnetIds;
  const vpcs = a.subnetIds.map((s, i) => a.subnetVpcs?.[i] ?? (typeof s === "string" && prior.includes(s) ? b.stateVpcId : undefined));
  return { ...after, vpc: { ...a, subnetVpcs: vpcs } };
}

/** attrChanged: unknown after (possibly changed) or different before/after, comparing big integers by text. */
function attrChanged(ctx: Ctx, attr: string): boolean {
  const ch = ctx.rc.change;
  if (containsTrue(get(ch.after_unknown, attr))) return true;
  const raw = ctx.plan.rawNumbers;
  if (raw !== undefined) {
    const pre = (side: string): string => ["resource_changes", ctx.index, "change", side, attr].join("\u0000");
    const pick = (side: string): string => [...raw].filter(([k]) => k.startsWith(pre(side))).map(([k, v]) => k.slice(pre(side).length) + "=" + v).join(",");
    if (pick("before") !== pick("after")) return true;
  }
  return !deepEqual(normNull(get(ch.before, attr)), normNull(get(ch.after, attr)));
}

function normNull(v: unknown): unknown {
  return v === undefined ? null : v;
}

function setOf(v: unknown): string[] {
  return Array.isArray(v) ? v.map((x) => JSON.stringify(x)).sort() : [];
}

/** sameSet: the two lists hold the same elements, in any order (what comparing their sorted setOf does). */
function sameSet(x: unknown, y: unknown): boolean {
  const a: readonly unknown[] = Array.isArray(x) ? x : [];
  const b: readonly unknown[] = Array.isArray(y) ? y : [];
  if (a.length !== b.length) return false;
  if (a.every((e) => typeof e === "string") && b.every((e) => typeof e === "string")) {
    if (a.length === 1) return a[0] === b[0];
    const sa = [...(a as string[])].sort();
    const sb = [...(b as string[])].sort();
    return sa.every((e, i) => e === sb[i]);
  }
  return setOf(a).join() === setOf(b).join();
}

const isEmptyList = (v: unknown): boolean => !Array.isArray(v) || v.length === 0;

/** vpcConfigChanged: vpc_config.0.{subnet_ids,security_group_ids,ipv6_allowed_for_dual_stack} or the block's presence changed. */
function vpcConfigChanged(before: unknown, after: unknown, au: unknown): boolean {
  const u = get(au, "vpc_config");
  if (u === true) return true;
  const b = get(before, "vpc_config", 0);
  const a = get(after, "vpc_config", 0);
  const emptyBlock = (x: unknown): boolean => !isObj(x) || (isEmptyList(x["subnet_ids"]) && isEmptyList(x["security_group_ids"]) && x["ipv6_allowed_for_dual_stack"] !== true);
  if (!isObj(b) && !isObj(a)) return false;
  if (!isObj(b)) return !emptyBlock(a) || containsTrue(get(u, 0)); // DiffSuppress: no block → empty block is no change
  if (!isObj(a)) return true; // block removed
  const uu = get(u, 0);
  for (const k of ["subnet_ids", "security_group_ids", "ipv6_allowed_for_dual_stack"]) {
    if (containsTrue(get(uu, k))) return true;
  }
  return !sameSet(b["subnet_ids"], a["subnet_ids"])
    || !sameSet(b["security_group_ids"], a["security_group_ids"])
    || (b["ipv6_allowed_for_dual_stack"] === true) !== (a["ipv6_allowed_for_dual_stack"] === true);
}

/** readSpec reads one side of the change into a FunctionSpec. */
function readSpec(ctx: Ctx, side: "before" | "after"): FunctionSpec {
  const ch = ctx.rc.change;
  const obj = side === "before" ? ch.before : ch.after;
  const unk = side === "after" ? ch.after_unknown : undefined;
  const sens = side === "after" ? ch.after_sensitive : ch.before_sensitive;
  const sensitive = new Set<string>();
  const isSens = (a: string, b?: string | number, c?: string): boolean => sens !== undefined && containsTrue(get(sens, a, b, c));
  const isUnk = (a: string, b?: string | number, c?: string): boolean => unk !== undefined && get(unk, a, b, c) === true;
  const where = ctx.rc.address;

  // function name → the resource ARN
  let functionName: Scalar;
  const fn = get(obj, "function_name");
  if (isUnk("function_name")) functionName = unknown(`function_name of ${where} is known only after apply`);
  else functionName = typeof fn === "string" ? fn : unknown(`function_name of ${where} is missing from the plan`);
  if (isSens("function_name")) sensitive.add("resource");

  // vpc_config
  let vpc: FunctionSpec["vpc"];
  const vc = get(obj, "vpc_config");
  if (isUnk("vpc_config")) vpc = unknown(`the vpc_config block of ${where} is unknown until apply (a dynamic block whose for_each is unknown?)`);
  else if (!Array.isArray(vc) || vc.length === 0 || !isObj(vc[0])) vpc = null;
  else {
    const block = vc[0];
    const subnetIds = readList(ctx, side, SUBNET_IDS, "aws_subnet", "subnet_ids");
    const securityGroupIds = readList(ctx, side, SG_IDS, "aws_security_group", "security_group_ids");
    const ipv6: boolean | ReturnType<typeof unknown> = isUnk("vpc_config", 0, "ipv6_allowed_for_dual_stack")
      ? unknown(`ipv6_allowed_for_dual_stack of ${where} is known only after apply`)
      : block["ipv6_allowed_for_dual_stack"] === true;
    const stateVpcId = side === "before" && typeof block["vpc_id"] === "string" && block["vpc_id"] !== "" ? block["vpc_id"] : undefined;
    const spec: VpcSpec = {
      subnetIds: subnetIds.list,
      securityGroupIds: securityGroupIds.list,
      ipv6AllowedForDualStack: ipv6,
      ...(subnetIds.vpcs !== undefined ? { subnetVpcs: subnetIds.vpcs } : stateVpcId !== undefined && !isUnknown(subnetIds.list) ? { subnetVpcs: subnetIds.list.map(() => stateVpcId) } : {}),
      ...(stateVpcId !== undefined ? { stateVpcId } : {}),
    };
    vpc = spec;
    if (isSens("vpc_config", 0, "subnet_ids")) { sensitive.add("lambda:SubnetIds"); }
    if (isSens("vpc_config", 0, "security_group_ids")) sensitive.add("lambda:SecurityGroupIds");
    if (isSens("vpc_config", 0, "vpc_id")) sensitive.add("lambda:VpcIds");
  }

  // layers
  let layers: ListSpec | null = null;
  if (isUnk("layers")) layers = unknown(`layers of ${where} are known only after apply`);
  else if (Array.isArray(get(obj, "layers"))) {
    layers = readList(ctx, side, LAYERS, "aws_lambda_layer_version", "layers").list;
    if (!isUnknown(layers) && layers.length === 0) layers = null;
  }
  if (isSens("layers")) sensitive.add("lambda:Layer");

  // code signing
  let codeSigningConfigArn: Scalar | null = null;
  const csc = get(obj, "code_signing_config_arn");
  if (isUnk("code_signing_config_arn")) codeSigningConfigArn = unknown(`code_signing_config_arn of ${where} is known only after apply`);
  else if (typeof csc === "string" && csc !== "") codeSigningConfigArn = csc;
  if (isSens("code_signing_config_arn")) sensitive.add("lambda:CodeSigningConfigArn");

  // tags (tags_all: the merged set the provider sends)
  const hasAll = isObj(get(obj, "tags_all")) || isUnk("tags_all");
  const tagsAttr = hasAll ? "tags_all" : "tags";
  let tags: TagsSpec | null = null;
  const t = get(obj, tagsAttr);
  if (isUnk(tagsAttr)) {
    const known = isObj(get(obj, "tags")) ? (get(obj, "tags") as JsonObject) : {};
    const entries: Record<string, Scalar> = {};
    for (const [k, v] of Object.entries(known)) entries[k] = typeof v === "string" && !isUnk("tags", k) ? v : unknown(`the value of tag ${k} is known only after apply`);
    tags = { entries, keysKnown: false, note: `tags_all of ${where} is known only after apply (provider default_tags or unknown tags)` };
  } else if (isObj(t)) {
    const entries: Record<string, Scalar> = {};
    for (const [k, v] of Object.entries(t)) {
      entries[k] = isUnk(tagsAttr, k) ? unknown(`the value of tag ${k} is known only after apply`) : typeof v === "string" ? v : String(v);
      if (isSens(tagsAttr, k)) sensitive.add(`aws:RequestTag/${k}`);
    }
    tags = { entries, keysKnown: true };
  }
  return { functionName, vpc, layers, codeSigningConfigArn, tags, sensitive };
}

/**
 * readList reads a list/set attribute: per-element unknowns stay in place; a wholly unknown set
 * (SDKv2 sets turn wholly unknown when one element is) is recovered from the configuration when
 * its references name only resources of `idType` created by this apply: one fresh id each.
 */
function readList(ctx: Ctx, side: "before" | "after", path: Path, idType: string, attr: string): { list: ListSpec; vpcs?: (Scalar | undefined)[] } {
  const ch = ctx.rc.change;
  const obj = side === "before" ? ch.before : ch.after;
  const unk = side === "after" ? getPath(ch.after_unknown, path) : undefined;
  const v = getPath(obj, path);
  if (unk === true) {
    const rec = side === "after" ? recoverFromConfig(ctx, path, idType) : undefined;
    return rec ?? { list: unknown(`${attr} of ${ctx.rc.address} are known only after apply (the whole set is unknown)`) };
  }
  if (!Array.isArray(v)) return { list: [] };
  const list = v.map((x, i): Scalar => {
    if (Array.isArray(unk) && unk[i] === true) return unknown(`element ${i} of ${attr} of ${ctx.rc.address} is known only after apply`);
    if (typeof x === "string") return x;
    return unknown(`element ${i} of ${attr} of ${ctx.rc.address} is not a string in the plan`);
  });
  return { list };
}

function recoverFromConfig(ctx: Ctx, path: Path, idType: string): { list: ListSpec; vpcs?: (Scalar | undefined)[] } | undefined {
  if (!COUNTED_TYPES.includes(idType)) return undefined; // the facts count only these
  const expr = getPath(ctx.config?.expressions, path);
  if (!isObj(expr)) return undefined;
  const refs = expr["references"];
  if (!Array.isArray(refs) || refs.length === 0) return undefined;
  const targets = new Set<string>();
  for (const r of refs) {
    if (typeof r !== "string") return undefined;
    const rr = referencedResource(r);
    if (rr === undefined || rr.address.startsWith("data.") || !rr.address.startsWith(idType + ".")) return undefined;
    if (rr.rest !== "" && rr.rest !== "id") return undefined;
    targets.add(rr.address);
  }
  const list: Scalar[] = [];
  const vpcs: (Scalar | undefined)[] = [];
  for (const t of [...targets].sort()) {
    const full = ctx.moduleConfigPrefix + t;
    // Only single-instance resources that this apply creates: exactly one fresh id each.
    if (ctx.facts.instances.get(full) !== 1 || ctx.facts.created.get(full) !== 1) return undefined;
    list.push(fresh(ID_PREFIX[idType] ?? "", `${full}.id`));
    vpcs.push(idType === "aws_subnet" ? configVpcOf(ctx, full) : undefined);
  }
  return { list, vpcs };
}

/** configVpcOf derives a subnet's VPC from its configuration: a constant vpc_id, or a known/created aws_vpc. */
function configVpcOf(ctx: Ctx, subnetConfigAddress: string): Scalar | undefined {
  const cfg = ctx.facts.configResource(subnetConfigAddress);
  const e = cfg?.expressions?.["vpc_id"];
  if (!isObj(e)) return undefined;
  if (typeof e["constant_value"] === "string" && e["constant_value"] !== "") return e["constant_value"];
  const refs = e["references"];
  if (!Array.isArray(refs)) return undefined;
  const targets = new Set<string>();
  for (const r of refs) {
    const rr = typeof r === "string" ? referencedResource(r) : undefined;
    if (rr === undefined) return undefined;
    targets.add(rr.address);
  }
  if (targets.size !== 1) return undefined;
  const t = [...targets][0] as string;
  const full = ctx.moduleConfigPrefix + t;
  const isVpc = t.startsWith("aws_vpc.") || t.startsWith("aws_default_vpc.") || t.startsWith("data.aws_vpc.");
  if (!isVpc) return undefined;
  if (ctx.facts.created.get(full) === 1 && ctx.facts.instances.get(full) === 1) return fresh("vpc-", `${full}.id`);
  const st = ctx.facts.stateByAddress.get(full);
  const id = st?.["id"];
  return typeof id === "string" && id.startsWith("vpc-") && ctx.facts.created.get(full) === undefined ? id : undefined;
}
