// End-to-end tests of `vpcgate check` through run(argv, bufferIo(...)): real inputs (issue 5)
// and the independent reference IAM evaluator (test/oracle) standing in for the Wasm engine,
// covering exit codes 0/1/2, unknown under both --unknown modes, formats, output files, config.
import t from "tap";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../src/cli/cli.js";
import { bufferIo } from "../../src/cli/io.js";
import { makeCheckCommand } from "../../src/cli/commands/check.js";
import { referenceEvaluate } from "../oracle/iam-reference.js";
import { repoRoot } from "../helpers/golden.js";

const commands = [makeCheckCommand({ evaluateRequests: async (p, r) => referenceEvaluate(p, r) })];
const EX = "testdata/examples";

async function vg(argv: string[], opts: { env?: Record<string, string>; stdin?: string; cwd?: string; now?: Date } = {}) {
  const io = bufferIo({ cwd: opts.cwd ?? repoRoot, env: opts.env ?? {}, ...(opts.stdin !== undefined ? { stdin: opts.stdin } : {}), ...(opts.now ? { now: opts.now } : {}) });
  const code = await run(argv, io, { commands });
  return { code, out: io.out, err: io.err };
}

t.test("exit codes: deny → 1, allow → 0", async (t) => {
  const deny = await vg(["check", `${EX}/deny/plan.json`]);
  t.equal(deny.code, 1, deny.err);
  t.match(deny.out, /DENY\s+aws_lambda_function\.report/);
  t.match(deny.out, /EnforceVPCFunction/);
  const allow = await vg(["check", `${EX}/allow/plan.json`]);
  t.equal(allow.code, 0, allow.out + allow.err);
  t.match(allow.out, /PASS: 0 deny, 1 allow/);
});

t.test("exit codes: unknown → 1 by default, 0 with --unknown=warn (and from config)", async (t) => {
  const fail = await vg(["check", `${EX}/unknown/plan.json`]);
  t.equal(fail.code, 1, fail.out + fail.err);
  t.match(fail.out, /UNKNOWN\s+aws_lambda_function\.worker/);
  t.match(fail.out, /to resolve:/, "says how to resolve it");
  const warn = await vg(["check", `${EX}/unknown/plan.json`, "--unknown=warn"]);
  t.equal(warn.code, 0, warn.out + warn.err);
  t.match(warn.out, /unknown=warn/);
  const dir = mkdtempSync(join(tmpdir(), "vg-"));
  writeFileSync(join(dir, ".vpcgate.yml"), "unknown: warn\n");
  const cfg = await vg(["check", join(repoRoot, EX, "unknown/plan.json")], { cwd: dir });
  t.equal(cfg.code, 0, cfg.err);
});

t.test("exit code 2: usage, input and config errors, never a stack trace", async (t) => {
  const cases: [string[], RegExp][] = [
    [["check"], /usage_error/],
    [["check", "x.json", "--format", "yaml"], /usage_error/],
    [["check", "does-not-exist.json"], /does-not-exist\.json: input_read_error/],
    [["check", `${EX}/deny/plan.json`, "--preset", "nope"], /usage_error: Invalid values/],
    [["check", `${EX}/deny/plan.json`, "--output", "pdf=x.pdf"], /unknown format "pdf"/],
    [["check", `${EX}/deny/plan.json`, "--var", "novalue"], /--var expects NAME=VALUE/],
    [["check", `${EX}/deny/plan.json`, "--preset", "vpc-approved", "--preset-param", "vpc=vpc-1"], /unknown preset parameter "vpc"/],
    [["check", `${EX}/deny/plan.json`, "--scp", "README.md"], /README\.md:1:1: iam_policy_error/],
  ];
  for (const [argv, re] of cases) {
    const r = await vg(argv);
    t.equal(r.code, 2, argv.join(" "));
    t.match(r.err, re, argv.join(" "));
    t.notMatch(r.err, /\n\s+at /, "no stack trace");
  }
  const bad = await vg(["check", "-"], { stdin: "{ not json" });
  t.equal(bad.code, 2);
  t.match(bad.err, /<stdin>:1:\d+: input_parse_error/);
  const dir = mkdtempSync(join(tmpdir(), "vg-"));
  writeFileSync(join(dir, ".vpcgate.yml"), "version: 1\nwaivers:\n  - address: x\n    reson: typo\n");
  const cfg = await vg(["check", join(repoRoot, EX, "deny/plan.json")], { cwd: dir });
  t.equal(cfg.code, 2);
  t.match(cfg.err, /\.vpcgate\.yml:4:5: config_error: waivers\.0\.reson: unknown property "reson"/);
  t.match(cfg.err, /\.vpcgate\.yml:3:5: config_error: waivers\.0: missing required property "reason"/);
});

t.test("stdin: '-' reads a plan from standard input", async (t) => {
  const r = await vg(["check", "-"], { stdin: readFileSync(join(repoRoot, EX, "deny/plan.json"), "utf8") });
  t.equal(r.code, 1);
  t.match(r.out, /<stdin> \(plan\)/);
});

t.test("--output writes each format to its file; stdout keeps text", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "vg-"));
  const r = await vg(["check", `${EX}/deny/plan.json`, "--source", `${EX}/deny`, "--output", `sarif=${dir}/out.sarif`, "-o", `junit=${dir}/out.xml`, "--format", "json", "--format", "sarif"]);
  t.equal(r.code, 1);
  const json = JSON.parse(r.out) as { results: { verdict: string; findings: { location: { file: string } }[] }[] };
  t.equal(json.results[0]?.verdict, "deny");
  t.equal(json.results[0]?.findings[0]?.location.file, `${EX}/deny/main.tf`, "location is the .tf file via --source");
  const sarif = JSON.parse(readFileSync(join(dir, "out.sarif"), "utf8")) as { version: string };
  t.equal(sarif.version, "2.1.0");
  t.match(readFileSync(join(dir, "out.xml"), "utf8"), /<failure /);
});

t.test("waivers: config glob waives a deny (reported, exit 0); an expired one fails", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "vg-"));
  writeFileSync(join(dir, ".vpcgate.yml"), [
    "waivers:",
    "  - address: aws_lambda_function.rep*",
    "    reason: batch job without network access (SEC-7)",
    "    expires: 2026-03-01",
  ].join("\n") + "\n");
  const plan = join(repoRoot, EX, "deny/plan.json");
  const live = await vg(["check", plan, "--format", "json"], { cwd: dir, now: new Date("2026-02-01T00:00:00Z") });
  t.equal(live.code, 0, live.err);
  const rep = JSON.parse(live.out) as { results: { waived: unknown; verdict: string }[]; summary: { waived: number } };
  t.same(rep.results[0]?.waived, { reason: "batch job without network access (SEC-7)", expires: "2026-03-01" });
  t.equal(rep.results[0]?.verdict, "deny", "the verdict is kept, not hidden");
  t.equal(rep.summary.waived, 1);
  const expired = await vg(["check", plan], { cwd: dir, now: new Date("2026-03-02T00:00:00Z") });
  t.equal(expired.code, 1);
  t.match(expired.err, /\.vpcgate\.yml:2:5: waiver_expired: waiver for aws_lambda_function\.rep\* expired on 2026-03-01/);
  t.match(expired.out, /waiver-expired/);
});

t.test("colour: only on a TTY or FORCE_COLOR, never with NO_COLOR or --no-color", async (t) => {
  const esc = /\u001b\[/;
  const plan = `${EX}/deny/plan.json`;
  t.notMatch((await vg(["check", plan])).out, esc, "not a TTY");
  t.match((await vg(["check", plan], { env: { FORCE_COLOR: "1" } })).out, esc, "FORCE_COLOR");
  t.notMatch((await vg(["check", plan, "--no-color"], { env: { FORCE_COLOR: "1" } })).out, esc, "--no-color wins");
  const io = bufferIo({ cwd: repoRoot, env: { NO_COLOR: "1" }, isTTY: true });
  await run(["check", plan], io, { commands });
  t.notMatch(io.out, esc, "NO_COLOR on a TTY");
  const tty = bufferIo({ cwd: repoRoot, isTTY: true });
  await run(["check", plan], tty, { commands });
  t.match(tty.out, esc, "TTY");
});

t.test("determinism: same output whatever the order of inputs", async (t) => {
  const a = await vg(["check", `${EX}/deny/plan.json`, `${EX}/allow/plan.json`, "--format", "json"]);
  const b = await vg(["check", `${EX}/allow/plan.json`, `${EX}/deny/plan.json`, "--format", "json"]);
  t.equal(a.out, b.out);
});
