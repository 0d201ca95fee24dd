/*
 * Hostile-input corpus (issue 8): every entry of testdata/bad/INDEX.json, plus inputs made at test
 * time (a 200 MB file, JSON nested 100,000 deep, symlink loops, unreadable files, devices), must end
 * in exit 2 with `file:line:col: code: ` (the file alone where no position exists), no stack trace
 * and nothing on stdout. A few run through the real binary to prove nothing leaks to stderr.
 */
import t from "tap";
import type { Test } from "tap";
import { spawnSync } from "node:child_process";
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { run } from "../../src/cli/cli.js";
import { bufferIo } from "../../src/cli/io.js";
import { makeCheckCommand } from "../../src/cli/commands/check.js";
import { referenceEvaluate } from "../oracle/iam-reference.js";
import { repoRoot } from "../helpers/golden.js";

/** Entry is one line of testdata/bad/INDEX.json. */
interface Entry {
  readonly input: string;
  readonly args?: readonly string[];
  readonly why: string;
  readonly file: string;
  readonly code: string;
  readonly line?: number;
  readonly column?: number;
}

const INDEX = "testdata/bad/INDEX.json";
const entries = JSON.parse(readFileSync(join(repoRoot, INDEX), "utf8")) as Entry[];
// The reference evaluator stands in for the Wasm engine: a malformed input that slipped through
// would then show up as exit 0/1 instead of hiding behind an engine error.
const commands = [makeCheckCommand({ evaluateRequests: async (p, r) => referenceEvaluate(p, r) })];
const cache = mkdtempSync(join(tmpdir(), "vg-bad-cache-"));

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** expectLine builds the regexp the first stderr line must match. */
function expectLine(file: string, code: string, line?: number, column?: number): RegExp {
  const pos = line === undefined ? "" : `:${line}:${column ?? 1}`;
  return new RegExp(`^(${escape(repoRoot)}/)?${escape(file)}${pos}: ${code}: \\S`);
}

async function vg(argv: readonly string[], cwd = repoRoot, stdin?: string): Promise<{ code: number; out: string; err: string }> {
  const io = bufferIo({ cwd, env: { VPCGATE_CACHE_DIR: cache }, ...(stdin !== undefined ? { stdin } : {}) });
  const code = await run(argv, io, { commands });
  return { code, out: io.out, err: io.err };
}

function assertClean(t: Test, r: { code: number; out: string; err: string }, re: RegExp, label: string): void {
  t.equal(r.code, 2, `${label}: exit 2`);
  t.match(r.err, re, `${label}: located diagnostic (got: ${r.err.split("\n")[0]?.slice(0, 160)})`);
  t.notMatch(r.err, /\n\s+at |internal_error/, `${label}: no stack trace, no internal error`);
  t.equal(r.out, "", `${label}: nothing on stdout`);
}

t.test("corpus: at least 60 entries, every file under testdata/bad is used", async (t) => {
  t.ok(entries.length >= 60, `${entries.length} entries`);
  const used = new Set(entries.flatMap((e) => [e.input, ...(e.args ?? []), e.file]));
  const walk = (d: string): string[] => readdirSync(join(repoRoot, d)).flatMap((n) => {
    const p = `${d}/${n}`;
    return statSync(join(repoRoot, p)).isDirectory() ? walk(p) : [p];
  });
  // helper files of directory cases (module trees, var-file target) are used through their directory
  const unused = walk("testdata/bad").filter((f) => f !== INDEX && !used.has(f) && ![...used].some((u) => f.startsWith(u + "/")) && !/\/(a|b|var-file|limits)\//.test(f));
  t.same(unused, [], "no orphan corpus files");
});

t.test("corpus: every entry ends in exit 2 with its located diagnostic", async (t) => {
  for (const e of entries) {
    const r = await vg(e.args ?? ["check", e.input]);
    assertClean(t, r, expectLine(e.file, e.code, e.line, e.column), `${e.input} (${e.why})`);
  }
});

t.test("generated: 200 MB file, JSON 100,000 deep, symlink loops, unreadable files, devices", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "vg-bad-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const rel = (p: string): string => relative(repoRoot, p);
  // 200 MB: a valid plan prefix and padding whitespace; refused by size before it is read.
  const big = join(dir, "big.json");
  const fd = openSync(big, "w");
  writeSync(fd, '{"format_version": "1.2", "resource_changes": [], "pad": "');
  const chunk = Buffer.alloc(1 << 20, 0x61);
  for (let i = 0; i < 200; i++) writeSync(fd, chunk);
  writeSync(fd, '"}\n');
  closeSync(fd);
  assertClean(t, await vg(["check", big]), expectLine(big, "input_too_large"), "200 MB plan");
  // JSON nested 100,000 deep, inside a Lambda change and at the root
  const deep = "[".repeat(100_000) + "]".repeat(100_000);
  const deepPlan = join(dir, "deep.json");
  writeFileSync(deepPlan, `{"format_version": "1.2", "resource_changes": [{"address": "aws_lambda_function.f", "type": "aws_lambda_function", "name": "f", "change": {"actions": ["create"], "before": null, "after": {"function_name": "f", "layers": ${deep}}}}]}\n`);
  assertClean(t, await vg(["check", deepPlan]), expectLine(deepPlan, "input_too_large", 1, 1216), "100,000-deep JSON");
  const deepRoot = join(dir, "deep-root.json");
  writeFileSync(deepRoot, "{".repeat(1) + '"a":' + deep + "}");
  assertClean(t, await vg(["check", deepRoot]), expectLine(deepRoot, "input_too_large", 1, 1005), "100,000-deep JSON at the root");
  const deepTruncated = join(dir, "deep-truncated.json");
  writeFileSync(deepTruncated, "[".repeat(100_000));
  assertClean(t, await vg(["check", deepTruncated]), expectLine(deepTruncated, "input_too_large", 1, 1001), "100,000 unclosed brackets");
  assertClean(t, await vg(["check", "-"], repoRoot, `{"format_version":"1.2","x":${deep}}`), expectLine("<stdin>", "input_too_large", 1, 1028), "100,000-deep JSON on stdin");
  // HCL nested 100,000 deep
  mkdirSync(join(dir, "deep-hcl"));
  writeFileSync(join(dir, "deep-hcl", "main.tf"), `locals {\n  x = ${deep}\n}\n`);
  assertClean(t, await vg(["check", join(dir, "deep-hcl")]), expectLine(join(dir, "deep-hcl", "main.tf"), "input_too_large", 2, 506), "100,000-deep HCL");
  // symlink loops: a file and a module directory
  symlinkSync(join(dir, "loop-b.json"), join(dir, "loop-a.json"));
  symlinkSync(join(dir, "loop-a.json"), join(dir, "loop-b.json"));
  assertClean(t, await vg(["check", join(dir, "loop-a.json")]), expectLine(join(dir, "loop-a.json"), "input_read_error"), "symlink loop (file)");
  mkdirSync(join(dir, "mod-loop"));
  writeFileSync(join(dir, "mod-loop", "main.tf"), 'module "again" {\n  source = "./self"\n}\n');
  symlinkSync(".", join(dir, "mod-loop", "self"));
  assertClean(t, await vg(["check", join(dir, "mod-loop")], dir), expectLine(`mod-loop/${"self/".repeat(24)}main.tf`, "input_too_large", 1, 1), "symlink loop (module directory)");
  symlinkSync(join(dir, "nowhere.json"), join(dir, "dangling.json"));
  assertClean(t, await vg(["check", join(dir, "dangling.json")]), expectLine(join(dir, "dangling.json"), "input_read_error"), "dangling symlink");
  // unreadable: mode 000 (root reads it anyway, so only asserted when not root), a directory named .json, a device
  const locked = join(dir, "locked.json");
  writeFileSync(locked, "{}");
  chmodSync(locked, 0o000);
  if (process.getuid?.() !== 0) assertClean(t, await vg(["check", locked]), expectLine(locked, "input_read_error"), "mode 000 file");
  mkdirSync(join(dir, "plan-dir.json"));
  assertClean(t, await vg(["check", join(dir, "plan-dir.json")]), expectLine(join(dir, "plan-dir.json"), "input_read_error"), "a directory holding nothing");
  if (existsSync("/dev/zero")) assertClean(t, await vg(["check", "/dev/zero"]), expectLine("/dev/zero", "input_read_error"), "a character device (endless input)");
  // stdin: binary and empty
  assertClean(t, await vg(["check", "-"], repoRoot, "PK\u0003\u0004junk"), expectLine("<stdin>", "input_unsupported_error", 1, 1), "binary plan on stdin");
  assertClean(t, await vg(["check", "-"], repoRoot, ""), expectLine("<stdin>", "input_parse_error", 1, 1), "empty stdin");
});

t.test("binary: bad input through dist/bin/vpcgate.js never leaks a stack trace", async (t) => {
  const bin = join(repoRoot, "dist/bin/vpcgate.js");
  if (!existsSync(bin)) {
    t.pass("skipped: dist/ is not built (make test builds it)");
    return;
  }
  const pick = entries.filter((_, i) => i % 9 === 0);
  for (const e of pick) {
    const r = spawnSync(process.execPath, [bin, ...(e.args ?? ["check", e.input])], { cwd: repoRoot, encoding: "utf8", env: { PATH: process.env.PATH ?? "", VPCGATE_CACHE_DIR: cache }, timeout: 60_000 });
    // The shipped engine may fail later on inputs that pass parsing; these all fail earlier.
    t.equal(r.status, 2, `${e.input}: exit 2`);
    t.match(r.stderr, expectLine(e.file, e.code, e.line, e.column), `${e.input}: located`);
    t.notMatch(r.stderr, /\n\s+at |internal_error|node:internal/, `${e.input}: no stack trace`);
    t.equal(r.stdout, "", `${e.input}: nothing on stdout`);
  }
});
