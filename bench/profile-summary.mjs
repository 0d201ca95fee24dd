#!/usr/bin/env node
/*
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time per function and inclusive
 * time per source file. Input: the profile path [--top N]. Output: two text tables on stdout,
 * the form docs/performance.md quotes when a goal is not met.
 */

import { readFileSync } from "node:fs";

const file = process.argv[2];
if (file === undefined) {
  process.stderr.write("usage: node bench/profile-summary.mjs FILE.cpuprofile [--top N]\n");
  process.exit(2);
}
const ti = process.argv.indexOf("--top");
const top = ti >= 0 ? Number(process.argv[ti + 1]) : 25;
const prof = JSON.parse(readFileSync(file, "utf8"));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = prof.timeDeltas;
for (let i = 0; i < prof.samples.length; i++) self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + (dt[i] ?? 0));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const short = (url) => url.replace(/^file:\/\/.*?\/(dist|src|node_modules|bench)\//, "$1/");
const label = (n) => `${n.callFrame.functionName || "(anonymous)"} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

const fnSelf = new Map();
for (const [id, t] of self) {
  const n = byId.get(id);
  const k = n.callFrame.url === "" ? n.callFrame.functionName || "(native)" : label(n);
  fnSelf.set(k, (fnSelf.get(k) ?? 0) + t);
}
// Inclusive time per file: a sample counts once per distinct file on its stack.
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const fileIncl = new Map();
for (const [id, t] of self) {
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const url = byId.get(cur).callFrame.url;
    if (url !== "") seen.add(short(url));
  }
  for (const f of seen) fileIncl.set(f, (fileIncl.get(f) ?? 0) + t);
}
const ms = (us) => (us / 1000).toFixed(0).padStart(7);
const pct = (us) => ((100 * us) / total).toFixed(1).padStart(5);
console.log(`total sampled ${ms(total)} ms`);
console.log("\nself time (top functions)");
for (const [k, t] of [...fnSelf].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms(t)} ms ${pct(t)}%  ${k}`);
console.log("\ninclusive time per file");
for (const [k, t] of [...fileIncl].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms(t)} ms ${pct(t)}%  ${k}`);
