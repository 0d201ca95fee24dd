// OPA's own test cases (../shared/opa-cases, or $VPCGATE_CASES) through vpcgate's compiler and the
// unmodified opa-wasm SDK. Cases listed in testdata/conformance/exceptions.yaml are tap todos.
import t from "tap";
import { loadExceptions } from "../../src/conformance/cases.js";
import { runSuite, summarize } from "../../src/conformance/suite.js";
import { compileForConformance } from "../../src/conformance/compiler.js";

const dir = process.env["VPCGATE_CASES"] ?? "../shared/opa-cases";
const exceptions = loadExceptions("testdata/conformance/exceptions.yaml");

const results = await runSuite(dir, exceptions, compileForConformance);
for (const r of results) {
  const detail = r.outcome.kind === "fail" ? r.outcome.detail : "";
  if (r.exception !== undefined) t.ok(r.outcome.kind === "pass", r.case.id, { todo: r.exception });
  else t.ok(r.outcome.kind === "pass", r.case.id, detail ? { diagnostic: true, detail } : {});
}
const s = summarize(results);
t.comment(`conformance: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`);
