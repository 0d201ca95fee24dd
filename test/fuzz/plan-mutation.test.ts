/*
 * Property 1 (issue 8): random mutations of the fixture plans (testdata/examples, testdata/inputs,
 * ../shared/terraform/plans) never crash `vpcgate check`: every run is a result (exit 0/1) or a
 * clean exit 2 with a located `file[:line:col]: code: ` line and no internal error or stack trace.
 * Mutations: replace/delete a JSON node, change its type, duplicate a key, truncate, flip bytes.
 * Fixed seed; VPCGATE_FUZZ_RUNS sets the run count (make fuzz: 100,000).
 */
import t from "tap";
import fc from "fast-check";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { run } from "../../src/cli/cli.js";
import { bufferIo } from "../../src/cli/io.js";
import { makeCheckCommand } from "../../src/cli/commands/check.js";
import { referenceEvaluate } from "../oracle/iam-reference.js";
import { fuzzRuns } from "../oracle/gen.js";
import { repoRoot } from "../helpers/golden.js";

const commands = [makeCheckCommand({ evaluateRequests: async (p, r) => referenceEvaluate(p, r) })];
const jsonFiles = (d: string): string[] => !existsSync(d) ? [] : readdirSync(d).flatMap((n) => {
  const p = join(d, n);
  return statSync(p).isDirectory() ? jsonFiles(p) : n.endsWith(".json") ? [p] : [];
});
const fixtures = [...jsonFiles(join(repoRoot, "testdata/examples")), ...jsonFiles(join(repoRoot, "testdata/inputs/plan")), ...jsonFiles(join(repoRoot, "../shared/terraform/plans"))]
  .map((p) => readFileSync(p, "utf8"))
  .filter((text) => { try { const d = JSON.parse(text) as Record<string, unknown>; return typeof d === "object" && d !== null && "format_version" in d; } catch { return false; } });

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const leafArb: fc.Arbitrary<Json> = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ maxLength: 8 }),
  fc.constantFrom("subnet-1", "sg-1", "vpc-1", "create", "update", "delete", "aws_lambda_function", "", "\u0000", "\ud800"));
const valueArb: fc.Arbitrary<Json> = fc.oneof({ weight: 4, arbitrary: leafArb }, { weight: 1, arbitrary: fc.array(leafArb, { maxLength: 3 }) }, { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 4 }), leafArb, { maxKeys: 3 }) });

/** nodes lists every [parent, key] of a JSON tree (parents are objects or arrays). */
function nodes(v: Json, out: [Json[] | { [k: string]: Json }, string | number][] = []): typeof out {
  if (Array.isArray(v)) v.forEach((x, i) => { out.push([v, i]); nodes(x, out); });
  else if (v !== null && typeof v === "object") for (const k of Object.keys(v)) { out.push([v, k]); nodes(v[k] as Json, out); }
  return out;
}

const mutationArb = fc.oneof(
  fc.record({ kind: fc.constant("replace" as const), pick: fc.nat(), value: valueArb }),
  fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("duplicate" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant("byte" as const), at: fc.double({ min: 0, max: 1, noNaN: true }), byte: fc.integer({ min: 0, max: 255 }) }),
);
type Mutation = typeof mutationArb extends fc.Arbitrary<infer M> ? M : never;

function mutate(text: string, ms: readonly Mutation[]): string | Uint8Array {
  let doc = JSON.parse(text) as Json;
  let out: string | undefined;
  for (const m of ms) {
    if (m.kind === "truncate") { out = (out ?? JSON.stringify(doc, null, 1)).slice(0, Math.floor((out ?? JSON.stringify(doc, null, 1)).length * m.at)); continue; }
    if (m.kind === "byte") {
      const b = new TextEncoder().encode(out ?? JSON.stringify(doc, null, 1));
      if (b.length > 0) b[Math.min(b.length - 1, Math.floor(b.length * m.at))] = m.byte;
      return b;
    }
    if (out !== undefined) continue;
    const ns = nodes(doc);
    if (ns.length === 0) { doc = m.kind === "replace" ? m.value : doc; continue; }
    const [parent, key] = ns[m.pick % ns.length]!;
    if (m.kind === "replace") (parent as Record<string | number, Json>)[key] = m.value;
    else if (m.kind === "delete") { if (Array.isArray(parent)) parent.splice(key as number, 1); else delete (parent as Record<string, Json>)[key as string]; }
    else if (m.kind === "duplicate" && !Array.isArray(parent)) {
      const s = JSON.stringify(doc);
      const k = JSON.stringify(key);
      const i = s.indexOf(k + ":");
      if (i >= 0) { out = s.slice(0, i) + k + ":null," + s.slice(i); }
    }
  }
  return out ?? JSON.stringify(doc, null, 1);
}

const runs = fuzzRuns(300);
const codes = { 0: 0, 1: 0, 2: 0 };

t.test(`plan mutations never crash (${runs} runs over ${fixtures.length} fixtures)`, async (t) => {
  t.ok(fixtures.length >= 5, "fixtures found");
  await fc.assert(
    fc.asyncProperty(fc.nat(), fc.array(mutationArb, { minLength: 1, maxLength: 3 }), async (fi, ms) => {
      const input = mutate(fixtures[fi % fixtures.length]!, ms);
      const io = bufferIo({ cwd: repoRoot, stdin: typeof input === "string" ? input : "" });
      if (typeof input !== "string") io.readStdin = async () => input;
      const code = await run(["check", "-", "--format", "json"], io, { commands });
      codes[code]++;
      if (/internal_error|\n\s+at /.test(io.err)) throw new Error(`crash: ${io.err.slice(0, 300)}`);
      if (code === 2) {
        if (!/^<stdin>(:\d+:\d+)?: [a-z_]+: /.test(io.err)) throw new Error(`unlocated error: ${io.err.slice(0, 300)}`);
        if (io.out !== "") throw new Error("output on stdout with exit 2");
      } else {
        JSON.parse(io.out); // a result is a complete JSON report
      }
    }),
    { seed: 20260809, numRuns: runs },
  );
  t.comment(`plan mutations: exit codes ${JSON.stringify(codes)}`);
});
