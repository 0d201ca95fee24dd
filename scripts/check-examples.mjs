#!/usr/bin/env node
// `make check`: runs the built vpcgate on the bundled examples (testdata/examples/examples.json:
// one deny, one allow, one unknown plan) under each built-in guardrail, shows the output, and
// exits 0 iff every verdict (and exit code) is the expected one. VPCGATE_BIN overrides the binary.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const bin = process.env.VPCGATE_BIN ?? join(root, "dist/bin/vpcgate.js");
const dir = "testdata/examples";
const manifest = JSON.parse(readFileSync(join(root, dir, "examples.json"), "utf8"));
const EXIT = { deny: 1, allow: 0, unknown: 1 };

let passed = 0;
let failed = 0;
const vg = (args) => spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });

for (const pol of manifest.policies) {
  process.stdout.write(`\n== policy: ${pol.name}\n`);
  for (const ex of manifest.examples) {
    const args = ["check", join(dir, ex.plan), "--source", join(dir, ex.source), ...pol.args];
    const text = vg(args);
    process.stdout.write(`$ vpcgate ${args.join(" ")}\n${text.stdout}${text.stderr}`);
    const json = vg([...args, "--format", "json"]);
    let got = `error (exit ${json.status})`;
    try {
      const report = JSON.parse(json.stdout);
      got = report.results.find((r) => r.address === ex.address)?.verdict ?? "missing";
    } catch {
      process.stdout.write(json.stderr);
    }
    const want = pol.expect[ex.name];
    const ok = got === want && text.status === EXIT[want];
    if (ok) passed++; else failed++;
    process.stdout.write(`${ok ? "ok" : "NOT OK"}: ${ex.name} example (${ex.why}) under ${pol.name}: expected ${want}, got ${got}, exit ${text.status}\n\n`);
  }
}
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
