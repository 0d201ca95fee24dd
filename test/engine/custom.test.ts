// Custom Rego rules end to end: a .rego file compiled by our compiler (cached by content hash),
// conftest-style deny strings and structured findings, through `vpcgate check --policy`.
import t from "tap";
import { mkdtempSync, writeFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../src/cli/cli.js";
import { bufferIo } from "../../src/cli/io.js";
import { makeCheckCommand } from "../../src/cli/commands/check.js";
import { regoEntrypoints, toFindings } from "../../src/engine/custom.js";
import { referenceEvaluate } from "../oracle/iam-reference.js";
import { repoRoot } from "../helpers/golden.js";

const commands = [makeCheckCommand({ evaluateRequests: async (p, r) => referenceEvaluate(p, r) })];
const loc = { file: "f", line: 1, column: 1 };

t.test("custom: entrypoints and result shapes", async (t) => {
  t.same(regoEntrypoints("package a.b\nimport rego.v1\ndeny contains m if { m := 1 }\nwarn[m] { m := 1 }\nhelper := 1\n"), ["a/b/deny", "a/b/warn"]);
  t.same(toFindings("main/deny", ["x"], loc).map((f) => [f.rule, f.severity, f.message]), [["main/deny", "error", "x"]]);
  t.same(toFindings("main/findings", [{ rule: "r", severity: "warning", msg: "m" }], loc).map((f) => [f.rule, f.severity, f.message]), [["r", "warning", "m"]]);
});

t.test("custom: --policy FILE.rego is compiled and evaluated per function", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "vgp-"));
  const cache = mkdtempSync(join(tmpdir(), "vgcache-"));
  const rego = join(dir, "rules.rego");
  writeFileSync(rego, [
    "package main", "import rego.v1",
    "deny contains msg if {", "  some c in input.calls", '  c.action == "lambda:CreateFunction"', '  msg := concat(" ", [input.address, "is created"])', "}",
    'warn contains {"rule": "tags", "severity": "warning", "message": "no tags"} if { input.change_actions[0] == "create" }',
  ].join("\n") + "\n");
  const io = bufferIo({ cwd: repoRoot, env: { VPCGATE_CACHE_DIR: cache } });
  const code = await run(["check", "testdata/examples/allow/plan.json", "--policy", rego, "--format", "json"], io, { commands });
  t.equal(code, 1, io.err);
  const rep = JSON.parse(io.out) as { results: { verdict: string; findings: { rule: string; severity: string; message: string }[] }[] };
  t.equal(rep.results[0]?.verdict, "deny");
  t.same(rep.results[0]?.findings.map((f) => [f.rule, f.severity, f.message]), [
    ["main/deny", "error", "aws_lambda_function.api is created"],
    ["tags", "warning", "no tags"],
  ]);
  t.equal(readdirSync(cache).filter((f) => f.endsWith(".wasm")).length, 1, "compiled module cached");
});

t.test("custom: a bad policy path is exit 2", async (t) => {
  const io = bufferIo({ cwd: repoRoot });
  t.equal(await run(["check", "testdata/examples/allow/plan.json", "--policy", "nope.rego"], io, { commands }), 2);
  t.match(io.err, /nope\.rego: input_read_error/);
});
