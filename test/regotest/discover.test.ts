// Test discovery (src/regotest/discover.ts): which rules are tests, names, locations,
// duplicates renamed like OPA, ref heads and sub-result tests.
import t from "tap";
import { discoverTests, refString } from "../../src/regotest/discover.js";

const src = `package a.b

test_one if true

default test_default := false

test_fn(x) if x

todo_test_later if false

test_one if false

nested.test_deep if true

test_cases[k] := true if some k in ["x"]

test_set contains 1

helper := 1
`;

t.test("discoverTests: tests, skips, duplicates, ref heads", async (t) => {
  const d = discoverTests([{ path: "p/a_test.rego", text: src }]);
  t.same(d.tests.map((x) => [x.fullName, x.entrypoint, x.skip, x.partialObject, x.location.line]), [
    ["data.a.b.test_one", "a/b/test_one", false, false, 3],
    ["data.a.b.todo_test_later", "a/b/todo_test_later", true, false, 9],
    ["data.a.b.test_one#01", "a/b/test_one__dup01", false, false, 11],
    ["data.a.b.nested.test_deep", "a/b/nested/test_deep", false, false, 13],
    ["data.a.b.test_cases", "a/b/test_cases", false, true, 15],
    ["data.a.b.test_set", "a/b/test_set", false, false, 17],
  ]);
  t.equal(d.tests[0]?.pkg, "data.a.b");
  t.equal(d.tests[2]?.name, "test_one#01");
  const text = d.sources[0]?.text ?? "";
  t.match(text, /\ntest_one__dup01 if false\n/, "the second definition is renamed in the compiled text");
  t.match(text, /\ntest_one if true\n/, "the first keeps its name");
  t.equal(text.length, src.length + "__dup01".length, "nothing else changes");
});

t.test("discoverTests: unparsable sources pass through for the compiler to report", async (t) => {
  const d = discoverTests([{ path: "x.rego", text: "package x\n\ntest_a if {" }]);
  t.same(d.tests, []);
  t.equal(d.sources[0]?.text, "package x\n\ntest_a if {");
});

t.test("refString renders like OPA", async (t) => {
  t.equal(refString(["data", "a", "b"]), "data.a.b");
  t.equal(refString(["data", "a-b", "c"]), 'data["a-b"].c');
});
