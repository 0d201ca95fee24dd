// A directory without .tf files is a folder of plans, searched recursively in sorted order.
import t from "tap";
import { loadInputs } from "../../src/inputs/index.js";

t.test("plan dir: nested folders of plan JSON are all read, in sorted order", async (t) => {
  const r = await loadInputs(["../shared/terraform/plans"], { cwd: process.cwd() });
  t.same(r.diagnostics.filter((d) => d.severity === "error"), []);
  t.same(r.documents.map((d) => d.path), [
    "../shared/terraform/plans/checkov/runner-plan.json",
    "../shared/terraform/plans/terraform-compliance/issue-522.plan.json",
    "../shared/terraform/plans/terraform-compliance/it-must-be-in-pass.plan.json",
  ]);
  t.equal(r.documents.flatMap((d) => d.functions).length, 6);
});

t.test("plan dir: a folder with no plans is an input_read_error", async (t) => {
  const dir = t.testdir({ sub: { "notes.txt": "x" } });
  const r = await loadInputs([dir], { cwd: process.cwd() });
  t.equal(r.diagnostics[0]?.code, "input_read_error");
});
