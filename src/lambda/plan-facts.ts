/*
 * Facts a plan holds beside the Lambda changes: subnet → VPC from prior_state (aws_subnet,
 * aws_subnets, aws_subnet_ids), resources created by this apply, configuration resources by
 * address, and the ARN parts (partition, region, account) from provider config and prior state.
 * Input: a Plan. Output: PlanFacts, queried by plan-extract.ts.
 */

import type { Scalar } from "../iam/types.js";
import type { ConfigModule, ConfigResource, JsonObject, Plan, StateModule, StateResource } from "../inputs/plan-types.js";
import { configAddressOf } from "./address.js";
import { emptyLookup, type ArnParts, type NetworkLookup } from "./request-context.js";
import { unknown } from "./spec.js";

/**
 * STATE_VALUE_TYPES are the prior_state resource types whose values the facts read; CONFIG_TYPES
 * are the configuration resource types `configResource` answers for (Lambda functions, and the
 * subnets whose vpc_id configVpcOf reads). Everything else in prior_state and configuration is
 * ignored here (a configuration resource without a string type is kept), so a reader may leave it
 * out of the Plan (plan-scan.ts does).
 */
export const STATE_VALUE_TYPES: ReadonlySet<string> = new Set([
  "aws_subnet", "aws_default_subnet", "aws_subnets", "aws_subnet_ids", "aws_security_group", "aws_default_security_group",
  "aws_caller_identity", "aws_partition", "aws_region", "aws_vpc", "aws_default_vpc",
]);
export const CONFIG_TYPES: ReadonlySet<string> = new Set(["aws_lambda_function", "aws_subnet"]);
/**
 * COUNTED_TYPES are the resource types whose instances and creations extraction asks about (ids
 * recovered from configuration: subnets, security groups, layer versions; and VPCs). `created` and
 * `instances` count only the changes whose address mentions one of them: every address asked about
 * does, so the counts it sees are exact, and a reader may leave out the other non-Lambda changes.
 */
export const COUNTED_TYPES: readonly string[] = ["aws_subnet", "aws_security_group", "aws_lambda_layer_version", "aws_vpc", "aws_default_vpc"];

/** mentionsCounted: the address contains the name of a COUNTED_TYPES type. */
export function mentionsCounted(address: string): boolean {
  for (const t of COUNTED_TYPES) if (address.includes(t)) return true;
  return false;
}

/** PlanFacts indexes a plan for extraction. */
export interface PlanFacts {
  readonly subnetVpc: ReadonlyMap<string, string>;
  readonly sgVpc: ReadonlyMap<string, string>;
  /** created holds config addresses (module path without keys) with at least one instance being created (COUNTED_TYPES only). */
  readonly created: ReadonlyMap<string, number>;
  /** instances counts resource instances per config address across resource_changes (COUNTED_TYPES only). */
  readonly instances: ReadonlyMap<string, number>;
  /** stateById maps a resource config address to its prior-state values (single-instance only). */
  readonly stateByAddress: ReadonlyMap<string, JsonObject>;
  configResource(configAddress: string): ConfigResource | undefined;
  arnParts(providerKey: string | undefined, moduleAddress: string): ArnParts;
}

function isObj(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function walkState(m: StateModule | undefined, f: (r: StateResource) => void): void {
  if (m === undefined) return;
  for (const r of m.resources ?? []) f(r);
  for (const c of m.child_modules ?? []) walkState(c, f);
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

/** buildPlanFacts indexes prior_state, resource_changes and configuration. */
export function buildPlanFacts(plan: Plan): PlanFacts {
  const subnetVpc = new Map<string, string>();
  const sgVpc = new Map<string, string>();
  const stateByAddress = new Map<string, JsonObject>();
  const accounts = new Set<string>();
  const partitions = new Set<string>();
  const regions = new Set<string>();
  walkState(plan.priorState, (r) => {
    const v = r.values;
    if (!isObj(v) || !STATE_VALUE_TYPES.has(r.type)) return;
    stateByAddress.set(r.address, v);
    switch (r.type) {
      case "aws_subnet":
      case "aws_default_subnet": {
        const id = str(v["id"]);
        const vpc = str(v["vpc_id"]);
        if (id !== undefined && vpc !== undefined) subnetVpc.set(id, vpc);
        break;
      }
      case "aws_subnets":
      case "aws_subnet_ids": {
        const vpc = str(v["vpc_id"]) ?? vpcFromFilter(v["filter"]);
        const ids = v["ids"];
        if (vpc !== undefined && Array.isArray(ids)) for (const id of ids) if (typeof id === "string") subnetVpc.set(id, vpc);
        break;
      }
      case "aws_security_group":
      case "aws_default_security_group": {
        const id = str(v["id"]);
        const vpc = str(v["vpc_id"]);
        if (id !== undefined && vpc !== undefined) sgVpc.set(id, vpc);
        break;
      }
      case "aws_caller_identity": {
        const a = str(v["account_id"]);
        if (a !== undefined) accounts.add(a);
        const p = str(v["arn"])?.split(":")[1];
        if (p !== undefined && p !== "") partitions.add(p);
        break;
      }
      case "aws_partition": {
        const p = str(v["partition"]);
        if (p !== undefined) partitions.add(p);
        break;
      }
      case "aws_region": {
        const n = str(v["name"]) ?? str(v["region"]);
        if (n !== undefined) regions.add(n);
        break;
      }
      default:
        break;
    }
  });

  const created = new Map<string, number>();
  const instances = new Map<string, number>();
  for (const rc of plan.resourceChanges) {
    if (rc.mode === "data" || !mentionsCounted(rc.address)) continue;
    const ca = configAddressOf(rc.address);
    instances.set(ca, (instances.get(ca) ?? 0) + 1);
    if (rc.change.actions.includes("create")) created.set(ca, (created.get(ca) ?? 0) + 1);
  }

  const configIndex = new Map<string, ConfigResource>();
  const walkConfig = (m: ConfigModule | undefined, prefix: string): void => {
    if (m === undefined) return;
    for (const r of m.resources ?? []) if (typeof r.type !== "string" || CONFIG_TYPES.has(r.type)) configIndex.set(prefix + r.address, r);
    for (const [name, call] of Object.entries(m.module_calls ?? {})) walkConfig(call.module, `${prefix}module.${name}.`);
  };
  walkConfig(plan.configuration?.root_module, "");

  const providers = plan.configuration?.provider_config ?? {};
  const one = (s: Set<string>): string | undefined => (s.size === 1 ? [...s][0] : undefined);

  // One answer per provider key and module (every function of a module asks the same).
  const arnCache = new Map<string, ArnParts>();
  const arnParts = (providerKey: string | undefined, moduleAddress: string): ArnParts => {
    const key = `${providerKey ?? "\u0000"}\u0000${moduleAddress}`;
    let parts = arnCache.get(key);
    if (parts === undefined) arnCache.set(key, (parts = arnPartsOf(providerKey, moduleAddress)));
    return parts;
  };
  const arnPartsOf = (providerKey: string | undefined, moduleAddress: string): ArnParts => {
    const pc = findProvider(providers, providerKey, moduleAddress);
    const ex = pc?.expressions;
    let region: string | undefined = constString(ex?.["region"]);
    let account: string | undefined;
    let partition: string | undefined;
    const allowed = isObj(ex?.["allowed_account_ids"]) ? (ex?.["allowed_account_ids"] as JsonObject)["constant_value"] : undefined;
    if (Array.isArray(allowed) && allowed.length === 1 && typeof allowed[0] === "string") account = allowed[0];
    const ar = ex?.["assume_role"];
    const roleArn = Array.isArray(ar) && isObj(ar[0]) ? constString((ar[0] as JsonObject)["role_arn"]) : undefined;
    if (roleArn !== undefined) {
      const parts = roleArn.split(":");
      if (parts.length >= 5 && /^\d{12}$/.test(parts[4] ?? "")) {
        account ??= parts[4];
        partition ??= parts[1];
      }
    }
    // State-wide facts apply only when there is a single AWS provider configuration.
    const single = Object.keys(providers).filter((k) => (providers[k]?.name ?? k.split(".")[0]) === "aws").length <= 1;
    if (single) {
      account ??= one(accounts);
      partition ??= one(partitions);
      region ??= one(regions);
    }
    partition ??= region !== undefined ? partitionOf(region) : undefined;
    return {
      partition: partition ?? unknown("the AWS partition is not in the plan (no provider region or data.aws_partition)"),
      region: region ?? unknown("the provider region is not a constant in the plan (set `region` in the provider block, or read data.aws_region)"),
      account: account ?? unknown("the account id is not in the plan (add `data \"aws_caller_identity\"` or `allowed_account_ids`)"),
    };
  };

  return {
    subnetVpc,
    sgVpc,
    created,
    instances,
    stateByAddress,
    configResource: (a) => configIndex.get(a),
    arnParts,
  };
}

function vpcFromFilter(f: unknown): string | undefined {
  if (!Array.isArray(f)) return undefined;
  for (const x of f) {
    if (isObj(x) && x["name"] === "vpc-id" && Array.isArray(x["values"]) && x["values"].length === 1 && typeof x["values"][0] === "string") return x["values"][0];
  }
  return undefined;
}

function constString(e: unknown): string | undefined {
  return isObj(e) && typeof e["constant_value"] === "string" && e["constant_value"] !== "" ? e["constant_value"] : undefined;
}

function findProvider(
  providers: { readonly [k: string]: { readonly name?: string; readonly expressions?: JsonObject; readonly module_address?: string } },
  key: string | undefined,
  moduleAddress: string,
): { readonly expressions?: JsonObject } | undefined {
  if (key !== undefined) {
    if (providers[key] !== undefined) return providers[key];
    const colon = key.lastIndexOf(":");
    if (colon >= 0 && providers[key.slice(colon + 1)] !== undefined) return providers[key.slice(colon + 1)];
  }
  if (moduleAddress === "" || key === undefined) return providers["aws"];
  return providers["aws"];
}

/** partitionOf maps a region to its partition. */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  if (region.startsWith("us-isob-")) return "aws-iso-b";
  if (region.startsWith("us-iso-")) return "aws-iso";
  if (region.startsWith("eu-isoe-")) return "aws-iso-e";
  if (region.startsWith("us-isof-")) return "aws-iso-f";
  return "aws";
}

/** factsLookup combines plan facts with inventory facts (plan first). */
export function factsLookup(facts: PlanFacts | undefined, inventory: NetworkLookup | undefined): NetworkLookup {
  const inv = inventory ?? emptyLookup;
  return {
    subnetVpc: (id) => facts?.subnetVpc.get(id) ?? inv.subnetVpc(id),
    securityGroupVpc: (id) => facts?.sgVpc.get(id) ?? inv.securityGroupVpc(id),
    hasInventory: inv.hasInventory,
  };
}

/** referencedResource reduces a reference like `aws_subnet.a[0].id` to `aws_subnet.a` (or `data.x.y`). */
export function referencedResource(ref: string): { address: string; rest: string } | undefined {
  const segs = ref.replace(/\[[^\]]*\]/g, "").split(".");
  if (["var", "local", "each", "count", "path", "terraform", "self", "module"].includes(segs[0] ?? "")) return undefined;
  const n = segs[0] === "data" ? 3 : 2;
  if (segs.length < n) return undefined;
  return { address: segs.slice(0, n).join("."), rest: segs.slice(n).join(".") };
}

/** scalarOf is a helper for code that only wants known strings. */
export function scalarOf(v: unknown): Scalar | undefined {
  return typeof v === "string" ? v : undefined;
}
