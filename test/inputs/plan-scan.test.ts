// The fast plan reader (plan-scan.ts) against the precise one (plan-json.ts): on every plan in the
// repo, the shared plans, the hostile inputs and generated plans, either the fast path declines
// (undefined) or both paths accept and extraction gives the same functions. Mutations that the
// precise reader refuses must make the fast path decline.
import t from "tap";
import type { Test } from "tap";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { scanPlan } from "../../src/inputs/plan-scan.js";
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
  };
  for (const [name, text] of Object.entries(cases)) {
    t.equal(scanPlan(enc.encode(text), name), undefined, name);
  }
  const badUtf8 = enc.encode(base);
  const i = base.indexOf("orders-api");
  const copy = new Uint8Array(badUtf8);
  copy[i] = 0xff;
  t.equal(scanPlan(copy, "bad utf8"), undefined, "invalid UTF-8");
});
