// The reporter (src/regotest/reporter.ts): summary counting (sub-results count as leaves, like
// OPA), pretty output shape, JSON fields and Go-style durations.
import t from "tap";
import { formatDuration, renderJson, renderPretty, summarize } from "../../src/regotest/reporter.js";
import type { TestCase } from "../../src/regotest/discover.js";
import type { Outcome, TestResult } from "../../src/regotest/runner.js";

function tc(name: string, file = "a_test.rego", line = 1): TestCase {
  return { pkg: "data.a", name, fullName: `data.a.${name}`, entrypoint: `a/${name}`, skip: false, partialObject: false, location: { file, line, column: 1 } };
}
const res = (name: string, outcome: Outcome, file?: string, line?: number): TestResult => ({ test: tc(name, file, line), outcome, durationNs: 1500 });

t.test("summarize counts leaves of sub-results", async (t) => {
  const s = summarize([
    res("test_p", { kind: "pass", subResults: [] }),
    res("test_s", { kind: "fail", subResults: [{ name: "x", fail: false, subResults: [] }, { name: "y", fail: true, subResults: [{ name: "z", fail: true, subResults: [] }] }] }),
    res("test_e", { kind: "error", message: "boom" }),
    res("todo_test_k", { kind: "skip" }),
  ]);
  t.same(s, { pass: 2, fail: 1, skip: 1, error: 1, total: 5 });
});

t.test("renderPretty: only non-passing tests unless verbose; blank line between files", async (t) => {
  const rs = [
    res("test_p", { kind: "pass", subResults: [] }, "a_test.rego", 3),
    res("test_f", { kind: "fail", subResults: [] }, "a_test.rego", 5),
    res("test_e", { kind: "error", message: "x.rego:1:1: var assignment conflict" }, "b_test.rego", 2),
  ];
  t.equal(renderPretty(rs, { verbose: false }), [
    "a_test.rego:5:", "data.a.test_f: FAIL", "", "b_test.rego:2:", "data.a.test_e: ERROR", "  x.rego:1:1: var assignment conflict",
    "-".repeat(80), "PASS: 1/3", "FAIL: 1/3", "ERROR: 1/3", "",
  ].join("\n"));
  t.match(renderPretty(rs, { verbose: true }), /^a_test\.rego:3:\ndata\.a\.test_p: PASS \(1\.5µs\)\na_test\.rego:5:/);
  t.equal(renderPretty([res("test_p", { kind: "pass", subResults: [] })], { verbose: false }), "PASS: 1/1\n", "all passing: just the summary");
  t.equal(renderPretty([], { verbose: false }), "");
});

t.test("renderJson: OPA's fields", async (t) => {
  const out = JSON.parse(renderJson([res("test_e", { kind: "error", message: "m" }), res("todo_test_s", { kind: "skip" })])) as unknown;
  t.same(out, [
    { location: { file: "a_test.rego", row: 1, col: 1 }, package: "data.a", name: "test_e", error: { message: "m" }, duration: 1500 },
    { location: { file: "a_test.rego", row: 1, col: 1 }, package: "data.a", name: "todo_test_s", skip: true, duration: 1500 },
  ]);
});

t.test("formatDuration is Go-like", async (t) => {
  t.equal(formatDuration(412), "412ns");
  t.equal(formatDuration(275542), "275.542µs");
  t.equal(formatDuration(1_200_000), "1.2ms");
  t.equal(formatDuration(2_500_000_000), "2.5s");
  t.equal(formatDuration(1_000_000), "1ms");
});
