#!/usr/bin/env node
// Test driver for `make test`: runs each suite (type check, tap, conformance, policy tests),
// streams their output, counts passes and failures, and ends with the plain line
// `N passed, N failed`. Exits non-zero when anything failed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";

/** failuresOnly keeps "not ok" lines with their YAML diagnostics, top-level comments and the summary. */
function failuresOnly(tap) {
  const keep = [];
  let inDiag = false;
  for (const line of tap.split("\n")) {
    if (/^\s*not ok /.test(line) && !/# (TODO|SKIP)/.test(line)) { keep.push(line); inDiag = true; continue; }
    if (inDiag && /^\s*(---|\.\.\.|[a-z_]+:|  )/.test(line)) { keep.push(line); if (/^\s*\.\.\./.test(line)) inDiag = false; continue; }
    inDiag = false;
    if (/^\s*# (conformance:|\{ total)/.test(line) || /^ok \d+ - /.test(line) || /^not ok \d+ - /.test(line)) keep.push(line);
  }
  return keep.join("\n") + "\n";
}

const suites = [
  { name: "typecheck", cmd: ["npx", "tsc", "--noEmit", "-p", "tsconfig.json"], kind: "single" },
  { name: "tap", cmd: ["npx", "tap", "--reporter=tap", ...process.argv.slice(2)], kind: "tap" },
];
// Rego unit tests of the shipped policies, once `vpcgate test` exists.
if (existsSync("dist/bin/vpcgate.js") && existsSync("policies")) {
  suites.push({ name: "policy tests (vpcgate test policies)", cmd: ["node", "dist/bin/vpcgate.js", "test", "policies"], kind: "single" });
}

let passed = 0;
let failed = 0;
for (const s of suites) {
  process.stdout.write(`\n== ${s.name}: ${s.cmd.join(" ")}\n`);
  const r = spawnSync(s.cmd[0], s.cmd.slice(1), { encoding: "utf8", maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "inherit"] });
  const out = r.stdout ?? "";
  if (s.kind === "tap") {
    // The full TAP stream goes to .tap/report.tap; the log shows failures and comments only.
    mkdirSync(".tap", { recursive: true });
    writeFileSync(".tap/report.tap", out);
    process.stdout.write(failuresOnly(out));
  } else {
    process.stdout.write(out);
  }
  if (s.kind === "tap") {
    // tap's top-level plan: count top-level "ok"/"not ok" lines of each subtest file.
    // tap's closing line: "# { total: N, pass: P, fail: F, todo: T, skip: S }" (absent keys are 0).
    const summary = out.split("\n").reverse().find((l) => /^# \{ total: \d+/.test(l)) ?? "";
    const num = (k) => Number((summary.match(new RegExp(`${k}: (\\d+)`)) ?? [])[1] ?? 0);
    let p = num("pass"), f = num("fail");
    if (r.status !== 0 && f === 0) f = 1;
    passed += p; failed += f;
  } else {
    if (r.status === 0) passed += 1; else failed += 1;
  }
}
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
