// vpcgate's own Rego-language regression cases (testdata/conformance/lang-*/), written for bugs
// found with OPA's conformance suites, through the compiler and the unmodified opa-wasm SDK.
import { readdirSync } from "node:fs";
import t from "tap";
import { runSuite } from "../../src/conformance/suite.js";
import { compileForConformance } from "../../src/conformance/compiler.js";

const root = "testdata/conformance";
for (const dir of readdirSync(root).filter((d) => d.startsWith("lang-")).sort()) {
  const results = await runSuite(`${root}/${dir}`, new Map(), compileForConformance);
  for (const r of results) {
    const detail = r.outcome.kind === "fail" ? r.outcome.detail : "";
    t.ok(r.outcome.kind === "pass", `${dir}: ${r.case.id}`, detail ? { diagnostic: true, detail } : {});
  }
}
