// The OPA cases of ../shared/opa-cases (wasm-assets + conformance) end to end through
// parse → check → plan → IR interpreter. Known gaps are listed in testdata/ir/exceptions.yaml
// (reported as todo); the pass rate is printed as a comment.
import t from "tap";
import { join } from "node:path";
import { loadCases, loadExceptions } from "../../src/conformance/cases.js";
import { repoRoot } from "../helpers/golden.js";
import { runCaseIr } from "../helpers/ir-cases.js";

const ROOT = join(repoRoot, "..", "shared", "opa-cases");
const exceptions = loadExceptions(join(repoRoot, "testdata", "ir", "exceptions.yaml"));

for (const suite of ["wasm-assets", "conformance"]) {
  t.test(`opa-cases via IR: ${suite}`, async (t) => {
    const cases = loadCases(join(ROOT, suite));
    let passed = 0;
    const failed: string[] = [];
    for (const c of cases) {
      let out;
      try {
        out = runCaseIr(c);
      } catch (e) {
        out = { pass: false as const, detail: `crash: ${e instanceof Error ? e.stack?.split("\n").slice(0, 3).join(" ") : String(e)}` };
      }
      const why = exceptions.get(c.id) ?? exceptions.get(c.note);
      if (out.pass) {
        passed++;
        continue;
      }
      if (why !== undefined) {
        t.pass(`${c.id}`, { todo: why });
        continue;
      }
      failed.push(`${c.id}: ${out.detail}`);
    }
    t.comment(`${suite}: ${passed}/${cases.length} passed (${((100 * passed) / cases.length).toFixed(1)}%)`);
    t.same(failed, [], `${suite}: no unexpected failures`);
    if (failed.length > 0) t.comment(failed.join("\n"));
  });
}
