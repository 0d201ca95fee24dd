#!/usr/bin/env node
// Test driver for `make test`: runs each suite (type check, tap, conformance, policy tests),
// streams their output, counts passes and failures, and ends with the plain line
// `N passed, N failed`. Exits non-zero when anything failed.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const suites = [
  { name: "typecheck", cmd: ["npx", "tsc", "--noEmit", "-p", "tsconfig.json"], kind: "single" },
  { name: "tap", cmd: ["npx", "tap", "--reporter=tap", ...process.argv.slice(2)], kind: "tap" },
];
if (existsSync("dist/cli/main.js") && existsSync("policies")) {
  suites.push({ name: "policy tests", cmd: ["node", "dist/cli/main.js", "test", "policies"], kind: "single", optional: "test" });
}

let passed = 0;
let failed = 0;
for (const s of suites) {
  process.stdout.write(`\n== ${s.name}: ${s.cmd.join(" ")}\n`);
  const r = spawnSync(s.cmd[0], s.cmd.slice(1), { encoding: "utf8", maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "inherit"] });
  const out = r.stdout ?? "";
  process.stdout.write(out);
  if (s.kind === "tap") {
    // tap's top-level plan: count top-level "ok"/"not ok" lines of each subtest file.
    const m = out.match(/# \{ total: (\d+), pass: (\d+)(?:, fail: (\d+))?/);
    let p = 0, f = 0;
    if (m) { p = Number(m[2]); f = Number(m[3] ?? 0); }
    for (const line of out.split("\n")) {
      const mm = line.match(/^# (pass|fail)\s+(\d+)$/);
      if (mm && !m) { if (mm[1] === "pass") p = Number(mm[2]); else f = Number(mm[2]); }
    }
    if (r.status !== 0 && f === 0) f = 1;
    passed += p; failed += f;
  } else {
    if (r.status === 0) passed += 1; else failed += 1;
  }
}
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
