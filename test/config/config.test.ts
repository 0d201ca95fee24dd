// Config loading and validation (positions at file:line:col), waiver matching (glob, config
// address covering count/for_each instances, module prefix, expiry) and inline waiver parsing.
import t from "tap";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findConfig, parseConfig } from "../../src/config/config.js";
import { DiagnosticError } from "../../src/diagnostics/diagnostic.js";
import { renderDiagnostic } from "../../src/diagnostics/diagnostic.js";
import { addressMatches, isExpired, matchWaivers } from "../../src/config/waivers.js";
import type { Waiver, WaiverTarget } from "../../src/config/waivers.js";
import { parseInlineWaivers } from "../../src/config/inline-waivers.js";
import { PRESETS } from "../../src/iam/presets.js";
import { configSchema } from "../../src/config/config-schema.js";

function errors(file: string, text: string): string[] {
  try {
    parseConfig(file, text, "/base");
  } catch (e) {
    if (e instanceof DiagnosticError) return e.diagnostics.map(renderDiagnostic);
    throw e;
  }
  return [];
}

t.test("config: a valid file resolves paths against its directory", async (t) => {
  const c = parseConfig(".vpcgate.yml", "unknown: warn\npreset: {name: vpc-approved, params: {vpcs: [vpc-1]}}\nscps: [org/scp.json]\nvars: {n: 3}\nwaivers:\n  - address: a.b\n    reason: r\n", "/base");
  t.equal(c.unknown, "warn");
  t.same(c.preset, { name: "vpc-approved", params: { vpcs: ["vpc-1"] } });
  t.same(c.scps, ["/base/org/scp.json"]);
  t.same(c.vars, { n: "3" });
  t.same(c.waivers[0]?.origin, { file: ".vpcgate.yml", line: 6, column: 5 });
});

t.test("config: schema errors point at file:line:col", async (t) => {
  t.same(errors(".vpcgate.yml", "unknwon: warn\n"), [`.vpcgate.yml:1:1: config_error: unknwon: unknown property "unknwon" (expected one of: ${Object.keys(configSchema.properties as object).join(", ")})`]);
  t.same(errors(".vpcgate.yml", "unknown: maybe\n"), ['.vpcgate.yml:1:10: config_error: unknown: must be one of "fail", "warn"']);
  t.same(errors(".vpcgate.yml", "waivers:\n  - address: x\n    reason: y\n    expires: 31/12/2026\n"), [".vpcgate.yml:4:14: config_error: waivers.0.expires: must be a date YYYY-MM-DD"]);
  t.same(errors(".vpcgate.yml", "waivers:\n  - address: x\n"), ['.vpcgate.yml:2:5: config_error: waivers.0: missing required property "reason"']);
  t.match(errors(".vpcgate.yml", "a: [1\nb: 2\n")[0], /^\.vpcgate\.yml:2:1: config_error: /);
  t.same(errors(".vpcgate.json", '{\n  "unknown": 1\n}\n'), [".vpcgate.json:2:14: config_error: unknown: must be one of \"fail\", \"warn\""]);
});

t.test("config: presets in the schema are the presets that exist", async (t) => {
  const p = (configSchema.properties as Record<string, { anyOf: { enum?: string[] }[] }>).preset;
  t.same([...(p?.anyOf[0]?.enum ?? [])].sort(), Object.keys(PRESETS).sort());
});

t.test("config: searched upward from the working directory", async (t) => {
  const root = mkdtempSync(join(tmpdir(), "vgc-"));
  mkdirSync(join(root, "a", "b"), { recursive: true });
  writeFileSync(join(root, ".vpcgate.json"), "{}");
  t.equal(await findConfig(join(root, "a", "b")), join(root, ".vpcgate.json"));
});

const target = (address: string, configAddress: string, rules = ["iam-explicit-deny"]): WaiverTarget => ({ address, configAddress, rules, moduleChain: [] });
const w = (address: string, extra: Partial<Waiver> = {}): Waiver => ({ address, reason: "r", origin: { file: "c", line: 1, column: 1 }, ...extra });

t.test("waivers: address, glob, configuration address and module prefix", async (t) => {
  const f = target('module.a["x"].aws_lambda_function.f[0]', "module.a.aws_lambda_function.f");
  t.ok(addressMatches('module.a["x"].aws_lambda_function.f[0]', f), "exact");
  t.ok(addressMatches("module.a.aws_lambda_function.f", f), "config address covers every instance");
  t.ok(addressMatches('module.a[*].aws_lambda_function.f[*]', f), "glob");
  t.ok(addressMatches("module.a", f), "module prefix");
  t.notOk(addressMatches("module.ab", f));
  t.notOk(addressMatches("aws_lambda_function.f", f));
  t.notOk(addressMatches("module.a.aws_lambda_function.f.x", f));
});

t.test("waivers: rule filter and expiry (valid through the expiry day)", async (t) => {
  const now = new Date("2026-05-01T12:00:00Z");
  t.notOk(isExpired(w("x", { expires: "2026-05-01" }), now));
  t.ok(isExpired(w("x", { expires: "2026-04-30" }), now));
  const m = matchWaivers([w("f", { expires: "2026-01-01" }), w("f", { rule: "iam-unknown" }), w("f", { rule: "iam-explicit-deny" })], target("f", "f"), now);
  t.equal(m.expired.length, 1);
  t.equal(m.live?.rule, "iam-explicit-deny");
});

t.test("inline waivers: comment above a resource or module block", async (t) => {
  const text = [
    "# vpcgate:ignore iam-explicit-deny batch job, no network (SEC-1)",
    "# another comment",
    'resource "aws_lambda_function" "f" {',
    "}",
    "// vpcgate:ignore * legacy",
    'module "legacy" {',
    "}",
    "# vpcgate:ignore x not above a block",
    "",
    'resource "aws_s3_bucket" "b" {}',
  ].join("\n");
  const ws = parseInlineWaivers("main.tf", text);
  t.same(ws.map((x) => [x.address, x.rule, x.reason, x.origin.line]), [
    ["aws_lambda_function.f", "iam-explicit-deny", "batch job, no network (SEC-1)", 3],
    ["module.legacy", "*", "legacy", 6],
  ]);
});
