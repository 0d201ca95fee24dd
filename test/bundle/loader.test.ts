// Loading (src/bundle/loader.ts): .rego files anywhere under a directory, data files merged at
// their directory path, conflicts reported.
import t from "tap";
import { loadPolicyFiles, mergeAt } from "../../src/bundle/loader.js";
import { repoRoot } from "../helpers/golden.js";

t.test("loadTestInputs: rego and data files of a fixture directory", async (t) => {
  const l = await loadPolicyFiles(["testdata/regotest/mocks"], repoRoot);
  t.same(l.diagnostics, []);
  t.same(l.sources.map((s) => s.path), ["testdata/regotest/mocks/policy.rego", "testdata/regotest/mocks/policy_test.rego"]);
  t.same(l.data, { limits: { max: 3 }, roles: { admins: ["alice"] } });
});

t.test("loadTestInputs: a data file given directly merges at the root", async (t) => {
  const l = await loadPolicyFiles(["testdata/regotest/mocks/roles/data.json"], repoRoot);
  t.same(l.data, { admins: ["alice"] });
});

t.test("mergeAt merges objects and reports conflicts", async (t) => {
  const root: Record<string, unknown> = {};
  t.ok(mergeAt(root, ["a"], { b: { c: 1 } }));
  t.ok(mergeAt(root, ["a", "b"], { d: 2 }));
  t.same(root, { a: { b: { c: 1, d: 2 } } });
  t.notOk(mergeAt(root, ["a", "b"], { c: 3 }), "a scalar set twice conflicts");
  t.notOk(mergeAt(root, ["a", "b", "c"], { x: 1 }), "a path through a scalar conflicts");
});

t.test("loader: build mode takes non-test .rego files and data.{json,yaml} files only, like opa build", async (t) => {
  const dir = t.testdir({
    "p.rego": "package p\n",
    "p_test.rego": "package p\n",
    "extra.json": "{\"x\": 1}",
    sub: { "data.json": "{\"n\": 2}", "q.rego": "package sub\n" },
  });
  const r = await loadPolicyFiles([dir], dir, "build");
  t.same(r.diagnostics, []);
  t.same(r.sources.map((s) => s.path.slice(dir.length + 1)).sort(), ["p.rego", "sub/q.rego"]);
  t.same(r.data, { sub: { n: 2 } });
  const all = await loadPolicyFiles([dir], dir, "test");
  t.equal(all.sources.length, 3);
  t.same(all.data, { x: 1, sub: { n: 2 } });
});
