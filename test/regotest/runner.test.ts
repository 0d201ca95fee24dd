// The runner (src/regotest/runner.ts): OPA's pass rule, isolation (an aborting test or a missing
// host builtin is that test's ERROR; the following tests still run), filters, host builtins.
import t from "tap";
import { runTests } from "../../src/regotest/runner.js";

const now = () => new Date("2026-01-01T00:00:00Z");
const policy = `package r

c := 1 if input.x == 1

c := 2 if input.x == 1

test_before if true

test_conflict if c with input.x as 1

test_host if uuid.rfc4122("1k") == 1000

test_after if true

test_false := false

test_string := "true"

test_now if time.now_ns() == 1767225600000000000
`;

t.test("runTests: outcomes and isolation", async (t) => {
  const { results, warnings } = await runTests([{ path: "r_test.rego", text: policy }], {}, { now });
  t.same(results.map((r) => [r.test.name, r.outcome.kind]), [
    ["test_before", "pass"],
    ["test_conflict", "error"],
    ["test_host", "error"],
    ["test_after", "pass"],
    ["test_false", "fail"],
    ["test_string", "fail"],
    ["test_now", "pass"],
  ]);
  const host = results[2]?.outcome;
  t.match(host?.kind === "error" ? host.message : "", /uuid\.rfc4122/, "the missing builtin is named");
  t.match(warnings.map((w) => w.code), ["rego_host_builtin"], "the compiler warned about it");
});

t.test("runTests: extra host builtins and filters", async (t) => {
  const { results, warnings } = await runTests([{ path: "r_test.rego", text: policy }], {}, {
    now,
    filter: /test_(host|now)$/,
    hostBuiltins: { "uuid.rfc4122": (s) => (s === "1k" ? 1000 : undefined) },
  });
  t.same(results.map((r) => [r.test.name, r.outcome.kind]), [["test_host", "pass"], ["test_now", "pass"]]);
  t.same(warnings, []);
});

t.test("runTests: data documents are visible to tests", async (t) => {
  const { results } = await runTests([{ path: "d.rego", text: "package d\n\ntest_data if data.cfg.n == 2\n" }], { cfg: { n: 2 } }, { now });
  t.equal(results[0]?.outcome.kind, "pass");
});

t.test("runTests: only skipped tests compile nothing", async (t) => {
  const { results } = await runTests([{ path: "s.rego", text: "package s\n\ntodo_test_x if false\n" }], {}, { now });
  t.same(results.map((r) => r.outcome.kind), ["skip"]);
});
