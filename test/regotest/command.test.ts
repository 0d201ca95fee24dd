// `vpcgate test` end to end through run(): passing, failing, erroring and skipped tests, mocks,
// --run filtering, exit codes, JSON output, compile errors, and the shipped policies. Output is
// compared with golden files under testdata/regotest/golden (UPDATE_GOLDEN=1 rewrites them);
// durations appear only with -v and are masked.
import t from "tap";
import { run } from "../../src/cli/cli.js";
import { bufferIo } from "../../src/cli/io.js";
import { expectGolden, repoRoot } from "../helpers/golden.js";

const fx = "testdata/regotest";
const golden = `${fx}/golden`;

async function vpcgate(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = bufferIo({ cwd: repoRoot });
  const code = await run(["test", ...argv], io);
  return { code, out: io.out, err: io.err };
}

/** maskDurations replaces `(1.2ms)` with `(DURATION)`. */
function maskDurations(s: string): string {
  return s.replace(/ \([0-9.]+(ns|µs|ms|s)\)$/gm, " (DURATION)");
}

t.test("pass, fail, error, skip, duplicates and sub-results: exit 1, opa-like report", async (t) => {
  const r = await vpcgate(`${fx}/basic`);
  t.equal(r.code, 1);
  t.equal(r.err, "");
  t.notMatch(r.out, /\d(ns|µs|ms|s)\)/, "no durations without -v");
  expectGolden(t, `${golden}/basic.txt`, r.out);
  t.match(r.out, /^testdata\/regotest\/basic\/example_test\.rego:20:\ndata\.example\.test_conflict: ERROR\n  .*conflict/m, "a runtime conflict is that test's ERROR");
  t.match(r.out, /PASS: 8\/15\nFAIL: 5\/15\nSKIPPED: 1\/15\nERROR: 1\/15\n$/);
});

t.test("-v lists every test with its duration", async (t) => {
  const r = await vpcgate(`${fx}/basic`, "-v");
  t.equal(r.code, 1);
  t.match(r.out, /data\.example\.test_admin_allowed: PASS \([0-9.]+(ns|µs|ms|s)\)/);
  t.match(r.out, /data\.example\.todo_test_later: SKIPPED\n/, "skipped tests have no duration");
  expectGolden(t, `${golden}/basic-verbose.txt`, maskDurations(r.out));
});

t.test("--format json: one object per test, like opa test --format json", async (t) => {
  const r = await vpcgate(`${fx}/basic`, "--format", "json");
  t.equal(r.code, 1);
  const rows = JSON.parse(r.out) as { name: string; duration: number; fail?: boolean; error?: { message: string }; skip?: boolean }[];
  t.equal(rows.length, 13, "one row per test rule; sub-results stay inside their test");
  t.ok(rows.every((x) => typeof x.duration === "number" && x.duration >= 0));
  t.same(rows.filter((x) => x.fail === true).map((x) => x.name).sort(), ["test_cases", "test_dup#01", "test_non_boolean", "test_post_allowed_wrong", "test_undefined"]);
  expectGolden(t, `${golden}/basic.json`, JSON.stringify(rows.map((x) => ({ ...x, duration: 0 })), null, 2) + "\n");
});

t.test("--run filters by package-qualified name", async (t) => {
  let r = await vpcgate(`${fx}/basic`, "--run", "data.example.test_(admin|get)_allowed");
  t.equal(r.code, 0, r.out);
  t.equal(r.out, "PASS: 2/2\n");
  r = await vpcgate(`${fx}/basic`, "-v", "--run", "^data\\.other\\.");
  t.equal(r.code, 0);
  t.match(maskDurations(r.out), /^testdata\/regotest\/basic\/other_test\.rego:5:\ndata\.other\.test_in_other_package: PASS \(DURATION\)\n-{80}\nPASS: 1\/1\n$/);
  r = await vpcgate(`${fx}/basic`, "--run", "test_dup");
  t.equal(r.code, 1);
  t.match(r.out, /data\.example\.test_dup#01: FAIL/);
  t.match(r.out, /PASS: 1\/2\nFAIL: 1\/2/);
  r = await vpcgate(`${fx}/basic`, "--run", "no_such_test");
  t.equal(r.code, 1, "no tests is a failure");
  t.match(r.err, /no tests found/);
  r = await vpcgate(`${fx}/basic`, "--run", "(");
  t.equal(r.code, 2);
  t.match(r.err, /--run: usage_error: /);
});

t.test("mocks: with input, data (files and rules), functions and builtins; host time.now_ns", async (t) => {
  const r = await vpcgate(`${fx}/mocks`, "-v");
  t.equal(r.code, 0, r.out);
  t.notMatch(r.out, /FAIL|ERROR/);
  expectGolden(t, `${golden}/mocks-verbose.txt`, maskDurations(r.out));
});

t.test("compile errors exit 2 with every diagnostic at file:line:col", async (t) => {
  let r = await vpcgate(`${fx}/bad`);
  t.equal(r.code, 2);
  t.equal(r.out, "");
  t.notMatch(r.err, /at .*\.(ts|js):\d+/, "no stack trace");
  expectGolden(t, `${golden}/bad.stderr.txt`, r.err);
  r = await vpcgate(`${fx}/bad/unsafe_test.rego`);
  t.equal(r.code, 2);
  t.match(r.err, /^testdata\/regotest\/bad\/unsafe_test\.rego:3:\d+: rego_unsafe_var_error: /);
  r = await vpcgate(`${fx}/unsupported`);
  t.equal(r.code, 2);
  t.match(r.err, /local_mock_test\.rego:\d+:\d+: rego_unsupported_error: /);
});

t.test("input errors exit 2", async (t) => {
  let r = await vpcgate(`${fx}/nope`, `${fx}/nope2.rego`);
  t.equal(r.code, 2);
  t.match(r.err, /nope: input_read_error: [^]*nope2\.rego: input_read_error: [^]*2 errors occurred/);
  r = await vpcgate(`${fx}/mocks/roles`);
  t.equal(r.code, 2);
  t.match(r.err, /usage_error: no \.rego files found/);
  r = await vpcgate(`${fx}/golden`);
  t.equal(r.code, 2);
  t.match(r.err, /basic\.json: input_schema_error: a data file must hold an object/);
  r = await vpcgate(`${fx}/golden/bad.stderr.txt`);
  t.equal(r.code, 2);
  t.match(r.err, /input_unsupported_error/);
});

t.test("the shipped policies' tests all pass", async (t) => {
  const r = await vpcgate("policies");
  t.equal(r.code, 0, r.out);
  t.match(r.out, /^PASS: (\d+)\/\1\n$/);
  t.equal(r.err, "", "no host-builtin warnings: the engine supplies every builtin the policy needs");
});
