#!/usr/bin/env node
/*
 * `make bench`: runs every benchmark over dist/ (what users run) on generated inputs with fixed
 * seeds and prints ONE table of medians and the ratios of issue 7. Input: flags --runs N (default
 * 5; 3 on the 114 MB plan), --quick (smaller inputs, fewer runs), --check (compare ratios with the
 * table recorded in docs/performance.md: exit 1 on a > 20% regression), --write (record this run
 * there). Output: the table on stdout. No assertions in `make test`: timing lives here only.
 */

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generatePlan } from "./gen-plan.mjs";
import { generateHcl } from "./gen-hcl.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const flag = (n) => argv.includes(`--${n}`);
const opt = (n, d) => { const i = argv.indexOf(`--${n}`); return i >= 0 ? argv[i + 1] : d; };
const quick = flag("quick");
const RUNS = Number(opt("runs", quick ? "3" : "5"));
const BIG_RUNS = Number(opt("big-runs", quick ? "1" : "3"));
const DOC = join(root, "docs", "performance.md");
const CLI = join(root, "dist", "bin", "vpcgate.js");
const RSS_HOOK = join(root, "bench", "rss-hook.mjs");
const data = join(tmpdir(), "vpcgate-bench");
mkdirSync(data, { recursive: true });

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)] ?? NaN; };
const log = (s) => process.stderr.write(s + "\n");

/** input returns a generated plan path, generating it once per parameter set. */
function plan(functions, others, seed = 7) {
  const p = join(data, `plan-${functions}-${others}-${seed}.json`);
  if (!existsSync(p)) { log(`generating ${p}`); generatePlan(p, { functions, others, seed }); }
  return p;
}

/** timed runs `node args` and returns {ms (wall), rss (peak bytes), cpu (ms, all threads), code}. */
function timed(args, opts = {}) {
  const rssFile = join(data, `rss-${process.pid}.txt`);
  rmSync(rssFile, { force: true });
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["--import", RSS_HOOK, ...args], {
    cwd: opts.cwd ?? root, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, VPCGATE_BENCH_RSS: rssFile, NO_COLOR: "1" },
    maxBuffer: 64 << 20,
  });
  const ms = performance.now() - t0;
  const [rss, cpu] = existsSync(rssFile) ? readFileSync(rssFile, "utf8").split(" ").map(Number) : [NaN, NaN];
  if (r.status !== 0 && r.status !== 1) log(`  ${args.join(" ")} exited ${r.status}: ${String(r.stderr).split("\n").slice(0, 3).join(" | ")}`);
  return { ms, rss, cpu, code: r.status };
}

/** pair interleaves subject and baseline runs (same conditions) and returns their medians. */
function pair(subject, baseline, runs) {
  const s = []; const b = []; const rss = []; const sc = []; const bc = [];
  timed(baseline); // warm the page cache
  for (let i = 0; i < runs; i++) {
    const x = timed(subject); s.push(x.ms); rss.push(x.rss); sc.push(x.cpu);
    const y = timed(baseline); b.push(y.ms); bc.push(y.cpu);
  }
  return { subject: median(s), baseline: median(b), rss: median(rss), cpuRatio: median(sc) / median(bc) };
}

const PARSE = (f) => ["-e", `JSON.parse(require("fs").readFileSync(${JSON.stringify(f)}))`];
const CHECK = (f) => [CLI, "check", f, "--quiet"];
const rows = [];
const row = (id, figure, value, unit, goal, ok, detail) => rows.push({ id, figure, value, unit, goal, ok, detail });

// 1. check on the 114 MB plan (20k functions, 80k others) ÷ JSON.parse of the same file.
const bigN = quick ? [2000, 8000] : [20000, 80000];
const big = plan(bigN[0], bigN[1]);
const bigSize = statSync(big).size;
log(`check on ${(bigSize / 1e6).toFixed(0)} MB plan (${BIG_RUNS} runs)`);
const rb = pair(CHECK(big), PARSE(big), BIG_RUNS);
row("big", `check on a ${(bigSize / 1e6).toFixed(0)} MB plan (${bigN[0]} functions, ${bigN[1]} others) ÷ JSON.parse`, rb.subject / rb.baseline, "×", 1.3,
  rb.subject / rb.baseline <= 1.3, `${(rb.subject / 1000).toFixed(2)} s vs ${(rb.baseline / 1000).toFixed(2)} s; CPU-time ratio ${rb.cpuRatio.toFixed(2)}`);
row("rss", "peak RSS on that plan ÷ file size", rb.rss / bigSize, "×", 2.5, rb.rss / bigSize <= 2.5, `${(rb.rss / 1e6).toFixed(0)} MB`);

// 2. check on a 1 MB plan.
const mid = plan(175, 700);
log("check on 1 MB plan");
const rm = pair(CHECK(mid), PARSE(mid), RUNS);
row("mb1", `check on a ${(statSync(mid).size / 1e6).toFixed(1)} MB plan ÷ JSON.parse`, rm.subject / rm.baseline, "×", 2, rm.subject / rm.baseline <= 2,
  `${rm.subject.toFixed(0)} ms vs ${rm.baseline.toFixed(0)} ms; CPU-time ratio ${rm.cpuRatio.toFixed(2)}`);

// 3. cold start on a tiny plan ÷ node -e 0.
const tiny = join(root, "testdata", "examples", "allow", "plan.json");
log("cold start");
const rc = pair(CHECK(tiny), ["-e", "0"], RUNS + 2);
row("cold", "cold start: check on a tiny plan ÷ node -e 0", rc.subject / rc.baseline, "×", 3, rc.subject / rc.baseline <= 3,
  `${rc.subject.toFixed(0)} ms vs ${rc.baseline.toFixed(0)} ms; CPU-time ratio ${rc.cpuRatio.toFixed(2)}`);

// 4. policy evaluation: compiled Rego ÷ TypeScript reference, same batch.
log("policy evaluation");
const pe = spawnSync(process.execPath, ["--import=@tapjs/typescript/import", join(root, "bench", "policy-eval.ts"), mid, "--runs", String(RUNS)], { cwd: root, encoding: "utf8" });
try {
  const r = JSON.parse(pe.stdout.trim().split("\n").pop() ?? "");
  const ratio = r.regoMs / r.tsMs;
  row("eval", `policy evaluation, ${r.requests} requests × ${r.statements} statements: time of compiled Rego ÷ TypeScript reference`, ratio, "×", 2, ratio <= 2,
    `${Math.round((r.requests * 1000) / r.regoMs)} vs ${Math.round((r.requests * 1000) / r.tsMs)} decisions/s`);
} catch {
  row("eval", "policy evaluation: compiled Rego ÷ TypeScript reference", NaN, "×", 2, false, `failed: ${(pe.stderr ?? "").split("\n").filter((l) => l.trim() !== "")[0] ?? "no output"}`);
}

// 5. compiling policies/ (ms) and the size of policy.wasm.
log("compile policies/");
const cp = spawnSync(process.execPath, [join(root, "bench", "compile-policies.mjs"), "--runs", String(RUNS)], { cwd: root, encoding: "utf8" });
try {
  const r = JSON.parse(cp.stdout.trim().split("\n").pop() ?? "");
  row("compile", "compiling policies/ (median ms; policy.wasm size)", r.ms, "ms", 300, r.ms < 300, `${(r.bytes / 1024).toFixed(0)} KiB wasm`);
} catch {
  row("compile", "compiling policies/ (median ms)", NaN, "ms", 300, false, `failed: ${(cp.stderr ?? "").split("\n")[0]}`);
}

// 6. HCL mode: seconds per MB of .tf.
// ~0.5 MB of .tf (13,200 function instances) so that per-MB cost, not start-up, dominates.
const hclModules = quick ? 20 : 200;
const hclDir = join(data, `hcl-${hclModules}-7`);
if (!existsSync(hclDir)) { log(`generating ${hclDir}`); generateHcl(hclDir, { modules: hclModules, functionsPerModule: 20, seed: 7 }); }
const tfBytes = (function size(d) { let n = 0; for (const e of readdirSync(d)) { const p = join(d, e); const s = statSync(p); n += s.isDirectory() ? size(p) : e.endsWith(".tf") ? s.size : 0; } return n; })(hclDir);
log("HCL mode");
const hs = [];
for (let i = 0; i < Math.min(RUNS, 3); i++) hs.push(timed(CHECK(hclDir)).ms);
const sPerMb = median(hs) / 1000 / (tfBytes / 1e6);
row("hcl", `HCL mode (${(tfBytes / 1e6).toFixed(2)} MB of .tf, modules + for_each)`, sPerMb, "s/MB", 1, sPerMb <= 1, `${median(hs).toFixed(0)} ms`);

// Table.
const fmt = (v) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v.toFixed(2)) : "n/a");
const table = [
  "| figure | result | goal | met | detail |",
  "|---|---|---|---|---|",
  ...rows.map((r) => `| ${r.figure} | ${fmt(r.value)} ${r.unit} | ${r.unit === "ms" ? "<" : "≤"} ${r.goal} ${r.unit} | ${r.ok ? "yes" : "**no**"} | ${r.detail} |`),
].join("\n");
const machine = `${cpus()[0]?.model ?? "?"} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
process.stdout.write(`\n${table}\n\nmachine: ${machine}; runs: ${RUNS} (big plan: ${BIG_RUNS}); ${new Date().toISOString().slice(0, 10)}\n`);

const record = { mode: quick ? "quick" : "full", ...Object.fromEntries(rows.map((r) => [r.id, Number.isFinite(r.value) ? Number(r.value.toFixed(3)) : null])) };
const START = "<!-- bench:start -->";
const END = "<!-- bench:end -->";
if (flag("write")) {
  const doc = existsSync(DOC) ? readFileSync(DOC, "utf8") : `${START}\n${END}\n`;
  const block = `${START}\n${table}\n\nmachine: ${machine}; runs: ${RUNS} (big plan: ${BIG_RUNS}); date: ${new Date().toISOString().slice(0, 10)}\n\n<!-- bench:json ${JSON.stringify(record)} -->\n${END}`;
  writeFileSync(DOC, doc.replace(new RegExp(`${START}[\\s\\S]*?${END}`), block));
  log(`recorded in ${DOC}`);
}
if (flag("check")) {
  const m = /<!-- bench:json (\{.*?\}) -->/.exec(existsSync(DOC) ? readFileSync(DOC, "utf8") : "");
  if (m === null) { log("bench-check: no recorded table in docs/performance.md (run `node bench/run.mjs --write`)"); process.exit(1); }
  const old = JSON.parse(m[1]);
  if ((old.mode ?? "full") !== record.mode) { log(`bench-check: the recorded table is a ${old.mode ?? "full"} run; compare like with like (drop --quick)`); process.exit(1); }
  // Ratios only (machine-independent); lower is better for every one of them.
  const RATIOS = ["big", "mb1", "cold", "eval", "rss"];
  const bad = RATIOS.filter((k) => old[k] != null && record[k] != null && record[k] > old[k] * 1.2);
  for (const k of RATIOS) log(`bench-check ${k}: recorded ${old[k] ?? "n/a"}, now ${record[k] ?? "n/a"}${bad.includes(k) ? "  REGRESSED > 20%" : ""}`);
  const missing = RATIOS.filter((k) => old[k] != null && record[k] == null);
  if (bad.length > 0 || missing.length > 0) process.exit(1);
}
