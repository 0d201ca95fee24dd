/*
 * No network (issue 8): the vpcgate binary runs the e2e scenarios (plan and HCL mode, --source,
 * formats, custom Rego, explain, simulate) under test/helpers/no-network.cjs, which records and
 * refuses every connection or name lookup, in the main thread and in worker threads. Zero attempts.
 */
import t from "tap";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../helpers/golden.js";

const bin = join(repoRoot, "dist/bin/vpcgate.js");
const preload = join(repoRoot, "test/helpers/no-network.cjs");
const EX = "testdata/examples";

function guarded(args: readonly string[], log: string, cache: string): { status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, ["--require", preload, ...args], {
    cwd: repoRoot, encoding: "utf8", timeout: 120_000,
    env: { PATH: process.env.PATH ?? "", HOME: cache, VPCGATE_CACHE_DIR: cache, VPCGATE_NET_LOG: log, HTTPS_PROXY: "http://127.0.0.1:9", NO_COLOR: "1" },
  });
  return { status: r.status, stderr: r.stderr };
}

t.test("the preload catches a connection attempt (main thread and worker)", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "vg-net-"));
  const log = join(dir, "net.log");
  guarded(["-e", "try { require('node:net').connect(9, '127.0.0.1') } catch {} ; fetch('http://127.0.0.1:9').catch(() => {})"], log, dir);
  guarded(["-e", "const { Worker } = require('node:worker_threads'); new Worker(\"try { require('node:dns').lookup('example.invalid', () => {}) } catch {}\", { eval: true })"], log, dir);
  const lines = existsSync(log) ? readFileSync(log, "utf8").trim().split("\n") : [];
  t.same(lines.sort(), ["dns.lookup", "fetch", "net.connect"]);
});

t.test("vpcgate opens no network connection in any e2e scenario", async (t) => {
  if (!existsSync(bin)) {
    t.pass("skipped: dist/ is not built (make test builds it)");
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "vg-net-"));
  const log = join(dir, "net.log");
  const scenarios: [string[], number[]][] = [
    [["check", `${EX}/deny/plan.json`, "--source", `${EX}/deny`], [1]],
    [["check", `${EX}/allow/plan.json`, "-f", "json", "-f", "sarif", "-f", "junit", "-f", "github", "-f", "markdown"], [0]],
    [["check", `${EX}/unknown/plan.json`, "--unknown=warn"], [0]],
    [["check", `${EX}/allow`], [0, 1]],
    [["check", "testdata/inputs/hcl/nested-modules"], [0, 1]],
    [["check", `${EX}/deny/plan.json`, "--preset", "vpc-approved", "--preset-param", "vpcs=vpc-1"], [1]],
    [["check", `${EX}/allow/plan.json`, "--policy", "testdata/bad/limits/runaway.rego", "--timeout", "1"], [2]],
    [["explain", `${EX}/deny/plan.json`, "aws_lambda_function.report"], [1, 2]], // 2 while policies/iam/explain.rego is mid-edit
    [["check", "testdata/bad/plan/utf8-bom.json"], [2]],
  ];
  for (const [args, want] of scenarios) {
    const r = guarded([bin, ...args], log, dir);
    t.ok(want.includes(r.status ?? -1), `${args.join(" ")}: exit ${r.status} (${r.stderr.split("\n")[0]})`);
    t.notMatch(r.stderr, /no-network test/, `${args.join(" ")}: no refused attempt`);
  }
  t.equal(existsSync(log) ? readFileSync(log, "utf8") : "", "", "zero network attempts");
});
