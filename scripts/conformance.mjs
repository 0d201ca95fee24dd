#!/usr/bin/env node
// `make conformance CASES=<dir>`: runs every OPA-format YAML case under <dir> through vpcgate's
// compiler and the unmodified opa-wasm SDK. Prints one line per failing case and ends with
// `conformance: N passed, M failed, K skipped`. Exit 1 when any case not in the exceptions file fails.
import { loadExceptions } from "../dist/conformance/cases.js";
import { runSuite, summarize } from "../dist/conformance/suite.js";
import { compileForConformance } from "../dist/conformance/compiler.js";

const dir = process.argv[2] ?? "../shared/opa-cases";
const exceptions = loadExceptions(process.argv[3] ?? "testdata/conformance/exceptions.yaml");
const results = await runSuite(dir, exceptions, compileForConformance);
for (const r of results) {
  if (r.outcome.kind === "fail" && r.exception === undefined) {
    console.log(`FAIL ${r.case.id}: ${r.outcome.detail}`);
  } else if (r.exception !== undefined) {
    console.log(`SKIP ${r.case.id}: ${r.exception}${r.outcome.kind === "pass" ? " (passes now: remove the exception)" : ""}`);
  }
}
const s = summarize(results);
console.log(`conformance: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`);
process.exit(s.failed === 0 ? 0 : 1);
