// The native small-plan reader (plan-native.ts) only ever accepts what the precise reader
// (plan-json.ts, with input-guard's hazard scan) accepts without a diagnostic, and then yields the
// same functions. Checked on every plan in the repo and in ../shared, generated plans, the hazards
// JSON.parse hides, and a fixed-seed property: random duplicate keys, long numbers, big exponents
// and surrogate escapes injected anywhere in a plan's text always make it decline.
import t from "tap";
import type { Test } from "tap";
import fc from "fast-check";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { readPlanNative } from "../../src/inputs/plan-native.js";
import { parsePlan } from "../../src/inputs/plan-json.js";
import { decodeInput } from "../../src/inputs/input-guard.js";
import { extractFunctions } from "../../src/lambda/plan-extract.js";
// @ts-expect-error: a plain .mjs bench script without type declarations
import { generatePlan as generatePlanUntyped } from "../../bench/gen-plan.mjs";

const generatePlan = generatePlanUntyped as (path: string, o: { functions: number; others: number; seed: number }) => unknown;
const enc = new TextEncoder();

function jsonFiles(dir: string): string[] {
  let names: string[];
  try { names = readdirSync(dir).sort(); } catch { return []; }
  return names.flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? jsonFiles(p) : n.endsWith(".json") ? [p] : [];
  });
}

/** precise reads like the usual path: strict decode, hazard scan, parse, checks. */
function precise(bytes: Uint8Array, name: string): ReturnType<typeof parsePlan> | undefined {
  const dec = decodeInput(bytes, name);
  return "problem" in dec ? undefined : parsePlan(dec.text, name);
}

/** agree: native accepted ⇒ the precise reader accepts without diagnostics, with the same functions. */
function agree(t: Test, bytes: Uint8Array, name: string): boolean {
  const fast = readPlanNative(bytes, name);
  if (fast === undefined) return false;
  const slow = precise(bytes, name);
  t.ok(slow?.plan !== undefined && slow.diagnostics.length === 0, `${name}: the precise reader accepts what the native one accepted`);
  if (slow?.plan !== undefined) t.same(extractFunctions(fast), extractFunctions(slow.plan), `${name}: same functions`);
  return true;
}

t.test("repo, shared and hostile plans", async (t) => {
  let accepted = 0;
  for (const f of [...jsonFiles("testdata"), ...jsonFiles("../shared/terraform/plans")]) {
    const bytes = new Uint8Array(readFileSync(f));
    if (!Buffer.from(bytes).toString("latin1").includes("format_version")) continue;
    if (agree(t, bytes, f)) accepted++;
  }
  t.ok(accepted > 5, `the native reader takes most real plans (${accepted})`);
});

t.test("generated plans", async (t) => {
  for (const seed of [1, 2, 3]) {
    const path = t.testdir({}) + `/p${seed}.json`;
    generatePlan(path, { functions: 40, others: 120, seed });
    t.ok(agree(t, new Uint8Array(readFileSync(path)), `seed ${seed}`), `seed ${seed}: native path taken`);
  }
});

const base = readFileSync("testdata/examples/allow/plan.json", "utf8");

t.test("what JSON.parse hides makes it decline", async (t) => {
  t.ok(readPlanNative(enc.encode(base), "base") !== undefined, "the base plan is read natively");
  const cases: Record<string, string> = {
    "duplicate key in a Lambda change": base.replace('"function_name": "orders-api", "role"', '"function_name": "orders-api", "function_name": "x", "role"'),
    "duplicate top-level key": base.replace('"terraform_version": "1.9.5",', '"terraform_version": "1.9.5", "terraform_version": "1.9.6",'),
    "duplicate key with whitespace before the colon": base.replace('"terraform_version": "1.9.5",', '"terraform_version": "1.9.5", "terraform_version"\n  : "1.9.6",'),
    "duplicate escaped key": base.replace('"handler": {"constant_value": "index.handler"}', '"handler": {"constant_value": "index.handler"}, "h\\u0061ndler": {"constant_value": "x"}'),
    "duplicate __proto__": base.replace('"terraform_version": "1.9.5",', '"__proto__": 1, "__proto__": 2, "terraform_version": "1.9.5",'),
    "integer beyond 2^53": base.replace('"reserved_concurrent_executions": -1,', '"reserved_concurrent_executions": 90071992547409931,'),
    "number overflow": base.replace('"reserved_concurrent_executions": -1,', '"reserved_concurrent_executions": 1e999,'),
    "lone surrogate": base.replace('"orders-api"', '"orders-\\ud800api"'),
    "deep nesting": base.replace('"tags": null, "code', `"tags": null, "x": ${"[".repeat(1200)}${"]".repeat(1200)}, "code`),
    "byte order mark": "\ufeff" + base,
    "trailing garbage": base + "x",
    "errored plan": base.replace('"format_version": "1.2",', '"format_version": "1.2", "errored": true,'),
    "unknown action": base.replace('"actions": ["create"]', '"actions": ["explode"]'),
  };
  for (const [name, text] of Object.entries(cases)) {
    t.not(text, base, `${name}: the case changes the plan`);
    t.equal(readPlanNative(enc.encode(text), name), undefined, name);
  }
  const bad = enc.encode(base);
  bad[base.indexOf("orders-api")] = 0xff;
  t.equal(readPlanNative(bad, "bad utf8"), undefined, "invalid UTF-8");
});

t.test("strings that look like hazards do not confuse the count", async (t) => {
  const tricky = base.replace('"orders-api"', '"orders: \\"api\\": {\\"a\\": 1, \\"a\\": 2} 90071992547409931 1e999"');
  t.not(tricky, base);
  t.ok(agree(t, enc.encode(tricky), "colons, quotes and numbers inside a string"), "read natively");
});

t.test("property: injected hazards always make it decline (fixed seed)", async (t) => {
  // Positions right after a `{` of the text: a key inserted there duplicates the object's first key.
  const opens = [...base.matchAll(/\{\s*("(?:[^"\\]|\\.)*")\s*:/g)].map((m) => ({ at: m.index + 1, key: m[1]! }));
  const values = [...base.matchAll(/:\s*(-?\d+)\s*[,}\]]/g)].map((m) => ({ at: m.index + m[0].indexOf(m[1]!), len: m[1]!.length }));
  const hazard = fc.oneof(
    fc.record({ kind: fc.constant("dup" as const), i: fc.nat() }),
    fc.record({ kind: fc.constant("long" as const), i: fc.nat(), digits: fc.integer({ min: 16, max: 30 }) }),
    fc.record({ kind: fc.constant("exp" as const), i: fc.nat(), e: fc.integer({ min: 309, max: 99999 }) }),
    fc.record({ kind: fc.constant("surrogate" as const), i: fc.nat(), unit: fc.integer({ min: 0xd800, max: 0xdfff }) }),
  );
  fc.assert(fc.property(hazard, (h) => {
    let text: string;
    if (h.kind === "dup") {
      const o = opens[h.i % opens.length]!;
      text = `${base.slice(0, o.at)}${o.key}: null, ${base.slice(o.at)}`;
    } else if (h.kind === "long" || h.kind === "exp") {
      const v = values[h.i % values.length]!;
      const num = h.kind === "long" ? "9".repeat(h.digits) : `1e${h.e}`;
      text = base.slice(0, v.at) + num + base.slice(v.at + v.len);
    } else {
      const o = opens[h.i % opens.length]!;
      text = `${base.slice(0, o.at)}"k\\u${h.unit.toString(16)}": 1, ${base.slice(o.at)}`;
    }
    return readPlanNative(enc.encode(text), "mutated") === undefined;
  }), { seed: 20261129, numRuns: 300 });
  t.pass("300 injected hazards declined");
});
