/*
 * Property 2, SOUNDNESS (issue 8): for generated plans whose vpc_config holds values unknown at
 * plan time (the whole subnet/SG set, single elements, or the whole block), every concretisation
 * of the unknowns is evaluated as a plan of its own. If any concretisation is denied, vpcgate must
 * not say allow on the unknown plan; if all are allowed it says allow or unknown. Runs the real
 * pipeline (parsePlan → extractFunctions → check()) with the reference evaluator; the Wasm
 * evaluator is held equal to that reference by test/fuzz/iam-differential.test.ts.
 * Fixed seed; VPCGATE_FUZZ_RUNS sets the number of generated plans (make fuzz: 100,000).
 */
import t from "tap";
import fc from "fast-check";
import { parsePlan } from "../../src/inputs/plan-json.js";
import { extractFunctions } from "../../src/lambda/plan-extract.js";
import { check } from "../../src/engine/check.js";
import type { Backends, CheckOptions } from "../../src/engine/check.js";
import { buildPreset, withAssumedIdentity } from "../../src/iam/presets.js";
import type { IamPolicy } from "../../src/iam/types.js";
import { referenceEvaluate } from "../oracle/iam-reference.js";
import { fuzzRuns } from "../oracle/gen.js";

/** The subnet pool: id → VPC (known from prior_state data sources). */
const SUBNETS: Readonly<Record<string, string>> = { "subnet-a": "vpc-1", "subnet-b": "vpc-1", "subnet-c": "vpc-2" };
const SGS = ["sg-1", "sg-2"];

/** Slot is one list element: a known id or an unknown element. */
type Slot = string | null;
/** ListSpec is a list attribute: known (with unknown elements as null) or wholly unknown. */
type ListSpec = { readonly kind: "known"; readonly items: readonly Slot[] } | { readonly kind: "unknown" };
/** VpcSpec is the vpc_config block: absent, wholly unknown, or a block with two list attributes. */
type VpcSpec = { readonly kind: "none" } | { readonly kind: "unknown" } | { readonly kind: "block"; readonly subnets: ListSpec; readonly sgs: ListSpec };

const slotArb = (pool: readonly string[]): fc.Arbitrary<Slot> => fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...pool) }, { weight: 1, arbitrary: fc.constant(null) });
const listArb = (pool: readonly string[]): fc.Arbitrary<ListSpec> => fc.oneof(
  { weight: 3, arbitrary: fc.uniqueArray(slotArb(pool), { minLength: 1, maxLength: 2, comparator: (a, b) => a !== null && a === b }).map((items) => ({ kind: "known" as const, items })) },
  { weight: 1, arbitrary: fc.constant({ kind: "unknown" as const }) },
);
const vpcArb: fc.Arbitrary<VpcSpec> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ kind: "none" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "unknown" as const }) },
  { weight: 6, arbitrary: fc.record({ subnets: listArb(Object.keys(SUBNETS)), sgs: listArb(SGS) }).map((b) => ({ kind: "block" as const, ...b })) },
);
const subsetArb = <T>(xs: readonly T[]): fc.Arbitrary<T[]> => fc.subarray([...xs]);
const policyArb = fc.oneof(
  fc.constant({ preset: "enforce-vpc", params: {} }),
  fc.record({ vpcs: subsetArb(["vpc-1", "vpc-2"]), subnets: subsetArb(Object.keys(SUBNETS)), securityGroups: subsetArb(SGS) }).map((p) => ({ preset: "vpc-approved", params: p })),
  fc.record({ vpcs: subsetArb(["vpc-1", "vpc-2"]), subnets: subsetArb(Object.keys(SUBNETS)), securityGroups: subsetArb(SGS) }).map((p) => ({ preset: "lambda-guide-deny", params: p })),
);

/** planText renders a one-function create plan for a VpcSpec. */
function planText(v: VpcSpec): string {
  const after: Record<string, unknown> = { function_name: "f", role: "arn:aws:iam::111122223333:role/f", handler: "i.h", runtime: "nodejs20.x", filename: "f.zip", layers: null, publish: false, reserved_concurrent_executions: -1, tags: null };
  const unknown: Record<string, unknown> = { arn: true, id: true, tags_all: true };
  const list = (l: ListSpec): [unknown, unknown] => l.kind === "unknown" ? [undefined, true] : [l.items.map((x) => x), l.items.map((x) => x === null)];
  if (v.kind === "none") after.vpc_config = [];
  else if (v.kind === "unknown") unknown.vpc_config = true;
  else {
    const [s, su] = list(v.subnets);
    const [g, gu] = list(v.sgs);
    const block: Record<string, unknown> = { ipv6_allowed_for_dual_stack: false };
    if (s !== undefined) block.subnet_ids = s;
    if (g !== undefined) block.security_group_ids = g;
    after.vpc_config = [block];
    unknown.vpc_config = [{ subnet_ids: su, security_group_ids: gu, vpc_id: true }];
  }
  const data = Object.entries(SUBNETS).map(([id, vpc]) => ({ address: `data.aws_subnet.${id.replace("-", "_")}`, mode: "data", type: "aws_subnet", name: id.replace("-", "_"), values: { id, vpc_id: vpc } }));
  return JSON.stringify({
    format_version: "1.2",
    resource_changes: [{ address: "aws_lambda_function.f", mode: "managed", type: "aws_lambda_function", name: "f", change: { actions: ["create"], before: null, after, after_unknown: unknown } }],
    prior_state: { format_version: "1.0", values: { root_module: { resources: data } } },
  });
}

/** concretise enumerates every plan the unknowns can become (lists of 1–2 ids from the pools). */
function concretise(v: VpcSpec): VpcSpec[] {
  const lists = (pool: readonly string[]): string[][] => [...pool.map((a) => [a]), ...pool.flatMap((a, i) => pool.slice(i + 1).map((b) => [a, b]))];
  const fill = (l: ListSpec, pool: readonly string[]): ListSpec[] => {
    if (l.kind === "unknown") return lists(pool).map((items) => ({ kind: "known", items }));
    let acc: Slot[][] = [[]];
    for (const x of l.items) acc = acc.flatMap((p) => (x === null ? pool.map((c) => [...p, c]) : [[...p, x]]));
    return acc.map((items) => ({ kind: "known", items }));
  };
  // AWS requires every subnet of a function to be in one VPC: other concretisations cannot be applied.
  const oneVpc = (x: VpcSpec): boolean => x.kind !== "block" || x.subnets.kind !== "known" || new Set(x.subnets.items.map((i) => SUBNETS[i ?? ""])).size <= 1;
  return concretiseAll(v).filter(oneVpc);
  function concretiseAll(v: VpcSpec): VpcSpec[] {
  if (v.kind === "none") return [v];
  if (v.kind === "unknown") {
    const blocks: VpcSpec[] = [];
    for (const s of fill({ kind: "unknown" }, Object.keys(SUBNETS))) for (const g of fill({ kind: "unknown" }, SGS)) blocks.push({ kind: "block", subnets: s, sgs: g });
    return [{ kind: "none" }, ...blocks];
  }
  const out: VpcSpec[] = [];
  for (const s of fill(v.subnets, Object.keys(SUBNETS))) for (const g of fill(v.sgs, SGS)) out.push({ kind: "block", subnets: s, sgs: g });
  return out;
  }
}

/** verdict runs the check pipeline on plan text and returns the one function's verdict. */
async function verdict(text: string, policies: readonly IamPolicy[]): Promise<string> {
  const backends: Backends = {
    loadInputs: async () => {
      const r = parsePlan(text, "gen.json");
      if (r.plan === undefined) throw new Error(`generated plan refused: ${r.diagnostics.map((d) => d.message).join("; ")}`);
      return { documents: [{ path: "gen.json", kind: "plan", functions: extractFunctions(r.plan) }], diagnostics: [...r.diagnostics] };
    },
    evaluateRequests: async (p, rq) => referenceEvaluate(p, rq),
    customFindings: async () => [],
  };
  const opts: CheckOptions = {
    paths: ["gen.json"], input: { cwd: ".", vars: {}, varFiles: [], inventory: [], readStdin: async () => new Uint8Array() },
    policies, waivers: [], unknown: "fail", now: new Date("2026-01-01T00:00:00Z"), version: "fuzz",
  };
  const out = await check(opts, backends);
  const r = out.report.results[0];
  if (r === undefined) throw new Error("no result");
  return r.verdict;
}

const runs = fuzzRuns(300);
let plans = 0;
let concretes = 0;
const seen = { allow: 0, deny: 0, unknown: 0 };

t.test(`soundness: unknown never becomes allow (${runs} generated plans)`, async (t) => {
  await fc.assert(
    fc.asyncProperty(vpcArb.filter((v) => v.kind !== "block" || v.subnets.kind !== "known" || new Set(v.subnets.items.filter((i) => i !== null).map((i) => SUBNETS[i])).size <= 1), policyArb, async (v, pol) => {
      const policies = withAssumedIdentity(buildPreset(pol.preset, pol.params) as IamPolicy[]);
      const got = await verdict(planText(v), policies);
      const each = await Promise.all(concretise(v).map((c) => verdict(planText(c), policies)));
      plans++;
      concretes += each.length;
      seen[got as keyof typeof seen]++;
      if (each.some((x) => x === "unknown")) throw new Error(`a concrete plan was unknown: ${JSON.stringify(v)}`);
      if (each.some((x) => x === "deny")) {
        if (got === "allow") throw new Error(`UNSOUND: allow although a concretisation is denied: ${JSON.stringify({ v, pol })}`);
      } else if (got === "deny") {
        throw new Error(`deny although every concretisation is allowed: ${JSON.stringify({ v, pol })}`);
      }
    }),
    { seed: 20260808, numRuns: runs },
  );
  t.comment(`soundness: ${plans} plans, ${concretes} concretisations; unknown-plan verdicts ${JSON.stringify(seen)}`);
  t.ok(seen.allow > 0 && seen.deny > 0 && seen.unknown > 0, "the generator reaches allow, deny and unknown");
});
