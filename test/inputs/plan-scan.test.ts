// The fast plan reader (plan-scan.ts) against the precise one (plan-json.ts): on every plan in the
// repo, the shared plans, the hostile inputs and generated plans, either the fast path declines
// (undefined) or both paths accept and extraction gives the same functions. Mutations that the
// precise reader refuses must make the fast path decline.
import t from "tap";
import type { Test } from "tap";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { closeSync, openSync, writeFileSync } from "node:fs";
import { fileSource, scanPlan, scanPlanSource, type ByteSource } from "../../src/inputs/plan-scan.js";
import type { Plan } from "../../src/inputs/plan-types.js";
import { parsePlan } from "../../src/inputs/plan-json.js";
import { decodeInput } from "../../src/inputs/input-guard.js";
import { extractFunctions } from "../../src/lambda/plan-extract.js";
// @ts-expect-error: a plain .mjs bench script without type declarations
import { generatePlan as generatePlanUntyped } from "../../bench/gen-plan.mjs";

const generatePlan = generatePlanUntyped as (path: string, o: { functions: number; others: number; seed: number }) => unknown;

const enc = new TextEncoder();

function jsonFiles(dir: string): string[] {
  let out: string[] = [];
  let names: string[];
  try { names = readdirSync(dir).sort(); } catch { return []; }
  for (const n of names) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) out = out.concat(jsonFiles(p));
    else if (n.endsWith(".json")) out.push(p);
  }
  return out;
}

/** same checks one input: fast accepted ⇒ precise accepted without diagnostics and equal functions. */
function same(t: Test, bytes: Uint8Array, name: string): boolean {
  const fast = scanPlan(bytes, name);
  const dec = decodeInput(bytes, name);
  const slow = "problem" in dec ? undefined : parsePlan(dec.text, name);
  const slowOk = slow !== undefined && slow.plan !== undefined && slow.diagnostics.length === 0;
  if (fast === undefined) return false;
  t.ok(slowOk, `${name}: the precise reader accepts what the fast one accepted`);
  if (slowOk && slow?.plan !== undefined) {
    t.same(extractFunctions(fast), extractFunctions(slow.plan), `${name}: same functions`);
  }
  return true;
}

t.test("repo, shared and hostile plans", async (t) => {
  const files = [...jsonFiles("testdata"), ...jsonFiles("../shared/terraform/plans")];
  let fastCount = 0;
  for (const f of files) {
    const text = readFileSync(f, "utf8");
    if (!text.includes("format_version")) continue;
    if (same(t, new Uint8Array(readFileSync(f)), f)) fastCount++;
  }
  t.ok(fastCount > 5, `the fast path reads most real plans (${fastCount})`);
});

t.test("generated plans", async (t) => {
  for (const seed of [1, 2, 3]) {
    const path = t.testdir({}) + `/p${seed}.json`;
    generatePlan(path, { functions: 40, others: 120, seed });
    t.ok(same(t, new Uint8Array(readFileSync(path)), `seed ${seed}`), `seed ${seed}: fast path taken`);
  }
});

t.test("hazards make the fast path decline", async (t) => {
  const base = readFileSync("testdata/examples/allow/plan.json", "utf8");
  t.ok(scanPlan(enc.encode(base), "base") !== undefined, "base plan is fast");
  const rcAt = base.indexOf('"resource_changes"');
  /** inChanges replaces the first occurrence of `from` inside resource_changes. */
  const inChanges = (from: string, to: string): string => {
    const i = base.indexOf(from, rcAt);
    return i < 0 ? base : base.slice(0, i) + to + base.slice(i + from.length);
  };
  const cases: Record<string, string> = {
    "duplicate key in a Lambda change": base.replace('"function_name": "orders-api", "role"', '"function_name": "orders-api", "function_name": "x", "role"'),
    "duplicate top-level key": base.replace('"terraform_version": "1.9.5",', '"terraform_version": "1.9.5", "terraform_version": "1.9.6",'),
    "duplicate key in configuration": base.replace('"handler": {"constant_value": "index.handler"}', '"handler": {"constant_value": "index.handler"}, "handler": {"constant_value": "x"}'),
    "duplicate escaped key": base.replace('"handler": {"constant_value": "index.handler"}', '"handler": {"constant_value": "index.handler"}, "h\\u0061ndler": {"constant_value": "x"}'),
    "integer beyond 2^53": base.replace('"reserved_concurrent_executions": -1, "tags": null, "code', '"reserved_concurrent_executions": 90071992547409931, "tags": null, "code'),
    "number overflow": base.replace('"reserved_concurrent_executions": -1, "tags": null, "code', '"reserved_concurrent_executions": 1e999, "tags": null, "code'),
    "lone surrogate": base.replace('"orders-api"', '"orders-\\ud800api"'),
    "control character": base.replace('"orders-api"', '"orders-\u0001api"'),
    "trailing comma": base.replace('"layers": null,', '"layers": null,,'),
    "trailing garbage": base + "x",
    "byte order mark": "\ufeff" + base,
    "after_unknown with a string": base.replace('"after_unknown": {"arn": true', '"after_unknown": {"arn": "yes"'),
    "unknown action": base.replace('"actions": ["create"]', '"actions": ["explode"]'),
    "errored plan": base.replace('"format_version": "1.2",', '"format_version": "1.2", "errored": true,'),
    "unsupported format": base.replace('"format_version": "1.2"', '"format_version": "2.0"'),
    "deep nesting": base.replace('"tags": null, "code', `"tags": null, "x": ${"[".repeat(1200)}${"]".repeat(1200)}, "code`),
    "duplicate key, one escaped and one raw non-ASCII": base.replace('"handler": {"constant_value": "index.handler"}', '"handler": {"constant_value": "index.handler"}, "h\u00e9": 1, "h\\u00e9": 2'),
    "Lambda values of the wrong type": inChanges('"function_name": "orders-api", "role"', '"function_name": 7, "role"'),
    "two vpc_config blocks": inChanges('"vpc_config": [{', '"vpc_config": [{}, {'),
    "a subnet id that is a number": inChanges('"subnet_ids": ["subnet-0a1b2c3d4e5f60001"', '"subnet_ids": [1'),
    "duplicate known key, one escaped, in a Lambda change": inChanges('"function_name": "orders-api", "role"', '"function_name": "orders-api", "function_n\\u0061me": "x", "role"'),
    "duplicate change key": inChanges('"actions": ["create"]', '"actions": ["create"], "actions": ["create"]'),
  };
  for (const [name, text] of Object.entries(cases)) {
    t.not(text, base, `${name}: the mutation applies`);
    t.equal(scanPlan(enc.encode(text), name), undefined, name);
    const dec = decodeInput(enc.encode(text), name);
    t.ok("problem" in dec || parsePlan(dec.text, name).plan === undefined, `${name}: the precise reader refuses it too`);
  }
  const badUtf8 = enc.encode(base);
  const i = base.indexOf("orders-api");
  const copy = new Uint8Array(badUtf8);
  copy[i] = 0xff;
  t.equal(scanPlan(copy, "bad utf8"), undefined, "invalid UTF-8");
});

/** chunked reads `bytes` at most `k` bytes at a time (the scanner's window boundaries fall everywhere). */
function chunked(bytes: Uint8Array, k: number): ByteSource {
  let pos = 0;
  return (into, at, max) => {
    const n = Math.min(k, max, bytes.length - pos);
    into.set(bytes.subarray(pos, pos + n), at);
    pos += n;
    return n;
  };
}

/** view is what a Plan holds, without its functions (compared with t.same). */
function view(p: Plan | undefined): unknown {
  if (p === undefined) return undefined;
  const { fullChange, ...rest } = p;
  return { ...rest, functions: extractFunctions(p), full: p.resourceChanges.map((_, i) => fullChange?.(i)) };
}

t.test("chunked reads and small windows give the same result as one read", async (t) => {
  const base = readFileSync("testdata/examples/allow/plan.json", "utf8");
  const inputs: [string, Uint8Array][] = [];
  for (const f of [...jsonFiles("testdata"), ...jsonFiles("../shared/terraform/plans")]) {
    const bytes = new Uint8Array(readFileSync(f));
    if (scanPlan(bytes, f) !== undefined) inputs.push([f, bytes]);
  }
  const path = t.testdir({}) + "/gen.json";
  generatePlan(path, { functions: 30, others: 60, seed: 4 });
  inputs.push(["generated", new Uint8Array(readFileSync(path))]);
  inputs.push(["escapes at every offset", enc.encode(base.replace('"orders-api"', '"orders-\\u00e9\\ud83d\\ude00\\"api"'))]);
  inputs.push(["non-ASCII", enc.encode(base.replace('"orders-api"', '"orders-é😀api"'))]);
  inputs.push(["bad escape late", enc.encode(base.replace('"orders-api"', '"orders-\\ud83dapi"'))]);
  inputs.push(["cut UTF-8", (() => { const b = enc.encode(base.replace('"orders-api"', '"orders-é"')); const i = b.indexOf(0xc3); return new Uint8Array([...b.subarray(0, i + 1), 0x22, ...b.subarray(i + 2)]); })()]);
  inputs.push(["truncated", enc.encode(base.slice(0, base.length - 3))]);
  for (const [name, bytes] of inputs) {
    const whole = view(scanPlan(bytes, name));
    for (const [k, w] of [[1, 8], [3, 8], [7, 16], [64, 32], [4096, 64]] as const) {
      t.same(view(scanPlanSource(chunked(bytes, k), name, w)), whole, `${name}: reads of ${k} bytes, window ${w}`);
    }
  }
  // The file source reads the same document.
  const fd = openSync(path, "r");
  try {
    t.same(view(scanPlanSource(fileSource(fd), "generated", 64)), view(scanPlan(new Uint8Array(readFileSync(path)), "generated")), "file source");
  } finally {
    closeSync(fd);
  }
});

/** reorder rewrites every object of a JSON value with its keys in reverse order. */
function reorder(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reorder);
  if (typeof v !== "object" || v === null) return v;
  return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reorder(x)]));
}

t.test("key order does not matter (type after change, values, expressions)", async (t) => {
  for (const f of ["testdata/examples/allow/plan.json", ...jsonFiles("../shared/terraform/plans")]) {
    const bytes = new Uint8Array(readFileSync(f));
    if (scanPlan(bytes, f) === undefined) continue;
    const text = JSON.stringify(reorder(JSON.parse(readFileSync(f, "utf8"))), null, 1);
    const path = t.testdir({}) + "/r.json";
    writeFileSync(path, text);
    t.ok(same(t, enc.encode(text), `${f} reordered`), `${f} reordered: fast path taken`);
    t.same(extractFunctions(scanPlan(enc.encode(text), f) as Plan), extractFunctions(scanPlan(bytes, f) as Plan), `${f}: reordered keys, same functions`);
  }
  // A Lambda change whose `type` comes after `change` is still checked as a Lambda change.
  const base = readFileSync("testdata/examples/allow/plan.json", "utf8");
  const doc = JSON.parse(base) as { resource_changes: Record<string, unknown>[] };
  const rc = doc.resource_changes.find((r) => r["type"] === "aws_lambda_function") as Record<string, unknown>;
  const { type, ...rest } = rc;
  Object.assign(rc, { type: undefined });
  for (const k of Object.keys(rc)) delete rc[k];
  Object.assign(rc, rest, { type });
  const change = rc["change"] as { after: Record<string, unknown> };
  change.after["function_name"] = 7;
  t.equal(scanPlan(enc.encode(JSON.stringify(doc)), "late type"), undefined, "a wrong-typed Lambda value is refused when `type` comes last");
});

t.test("random mutations: the fast path never accepts what the precise reader refuses", async (t) => {
  const fixtures = ["testdata/examples/allow/plan.json", ...jsonFiles("../shared/terraform/plans")]
    .map((f) => readFileSync(f, "utf8")).filter((s) => scanPlan(enc.encode(s), "f") !== undefined);
  const leaves: unknown[] = [null, true, false, 0, -1, 1.5, 1e300, "", "x", "subnet-1", "create", "aws_lambda_function", [], {}, ["a"], [1], { a: 1 }, [{}], [{}, {}]];
  let seed = 20261129;
  const rnd = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const slots = (v: unknown, out: [Record<string, unknown> | unknown[], string | number][] = []): typeof out => {
    if (Array.isArray(v)) v.forEach((x, i) => { out.push([v, i]); slots(x, out); });
    else if (typeof v === "object" && v !== null) for (const k of Object.keys(v)) { out.push([v as Record<string, unknown>, k]); slots((v as Record<string, unknown>)[k], out); }
    return out;
  };
  let accepted = 0;
  for (let run = 0; run < 400; run++) {
    const doc = JSON.parse(fixtures[rnd(fixtures.length)] as string) as unknown;
    const all = slots(doc);
    for (let m = 1 + rnd(2); m > 0; m--) {
      // Mostly inside resource_changes (where the Lambda shape rules apply).
      const inRc = all.filter(([p]) => JSON.stringify(p).includes("aws_lambda_function") || rnd(4) === 0);
      const [parent, key] = (inRc.length > 0 ? inRc : all)[rnd(Math.max(1, (inRc.length > 0 ? inRc : all).length))] ?? [[], 0];
      const r = rnd(3);
      if (r === 0) (parent as Record<string | number, unknown>)[key] = leaves[rnd(leaves.length)];
      else if (r === 1 && !Array.isArray(parent)) delete (parent as Record<string, unknown>)[key as string];
      else (parent as Record<string | number, unknown>)[key] = JSON.parse(JSON.stringify(leaves[rnd(leaves.length)]));
    }
    let text = JSON.stringify(rnd(2) === 0 ? reorder(doc) : doc, null, rnd(2));
    if (rnd(5) === 0) {
      const i = rnd(text.length);
      text = text.slice(0, i) + ['"', "\\", ",", "}", "]", "\u00e9", "1e999", "\\ud800"][rnd(8)] + text.slice(i);
    }
    const bytes = enc.encode(text);
    const fast = scanPlan(bytes, `mutation ${run}`);
    t.same(view(scanPlanSource(chunked(bytes, 5), `mutation ${run}`, 16)), view(fast), `mutation ${run}: chunked reads agree`);
    if (fast === undefined) continue;
    accepted++;
    const slow = parsePlan(text, `mutation ${run}`);
    t.ok(slow.plan !== undefined && slow.diagnostics.length === 0, `mutation ${run}: the precise reader accepts it too`);
    if (slow.plan !== undefined) t.same(extractFunctions(fast), extractFunctions(slow.plan), `mutation ${run}: same functions`);
  }
  t.ok(accepted > 50, `some mutations are accepted (${accepted})`);
});

t.test("instance counts: the fast path keeps every change whose address may name a counted type", async (t) => {
  const path = "testdata/inputs/plan/features-1.2.json";
  const doc = JSON.parse(readFileSync(path, "utf8")) as { resource_changes: Record<string, unknown>[] };
  const name = "aws_lambda_function.create_unknown_set";
  const subnets = (text: string): unknown => {
    const fast = scanPlan(enc.encode(text), path);
    t.ok(fast !== undefined, "fast path taken");
    const slow = parsePlan(text, path);
    const pick = (p: Plan): unknown => extractFunctions(p).find((f) => f.address === name)?.calls[0]?.request?.context["lambda:SubnetIds"];
    t.same(pick(fast as Plan), pick(slow.plan as Plan), "both readers agree");
    return pick(fast as Plan);
  };
  t.same(subnets(JSON.stringify(doc)), [{ $fresh: "subnet-", note: "aws_subnet.new.id" }], "one created instance: a fresh id");
  // A second instance of the same configuration address, of another type and with its address
  // escaped: it still counts (the address decides), so the id is no longer recovered.
  for (const address of ["aws_subnet.new", "aws_sub\\u006eet.new"]) {
    const extra = { address: "@ADDR@", mode: "managed", type: "null_resource", name: "new", change: { actions: ["create"], before: null, after: {}, after_unknown: {} } };
    const text = JSON.stringify({ ...doc, resource_changes: [...doc.resource_changes, extra] }).replace('"@ADDR@"', `"${address}"`);
    t.match(subnets(text), { $unknown: String }, `${address}: two instances, unknown`);
  }
});
