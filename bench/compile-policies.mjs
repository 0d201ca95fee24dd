#!/usr/bin/env node
/*
 * Benchmark: compile policies/iam (the shipped policies, tests excluded) with dist/compile.js,
 * in process after one warm-up. Input: --runs N. Output: one JSON line {ms (median), bytes}.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { compileRego } from "../dist/compile.js";

const i = process.argv.indexOf("--runs");
const runs = i >= 0 ? Number(process.argv[i + 1]) : 5;
const dir = join("policies", "iam");
const sources = readdirSync(dir).filter((n) => n.endsWith(".rego") && !n.endsWith("_test.rego")).sort()
  .map((n) => ({ path: join(dir, n), text: readFileSync(join(dir, n), "utf8") }));
const t0 = performance.now();
let bytes = compileRego(sources, ["vpcgate/iam/decisions"]).wasm.length;
const first = performance.now() - t0;
const times = [];
for (let r = 0; r < runs; r++) {
  const t = performance.now();
  bytes = compileRego(sources, ["vpcgate/iam/decisions"]).wasm.length;
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
process.stdout.write(JSON.stringify({ ms: times[Math.floor(times.length / 2)], first, bytes }) + "\n");
