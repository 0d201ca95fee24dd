/*
 * Every policies/iam/*.rego module parses with vpcgate's own Rego front end (until the compiler
 * runs end to end, this is the earliest check of the IAM evaluator's syntax).
 */

import t from "tap";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SourceFile } from "../../src/diagnostics/source.js";
import { parseModule } from "../../src/rego/parser.js";
import { renderDiagnostics } from "../../src/diagnostics/diagnostic.js";

const dir = "policies/iam";
for (const f of readdirSync(dir).filter((n) => n.endsWith(".rego")).sort()) {
  t.test(`rego parse: ${f}`, async (t) => {
    const r = parseModule(new SourceFile(join(dir, f), readFileSync(join(dir, f), "utf8")));
    t.equal(renderDiagnostics(r.diagnostics), "", "no diagnostics");
  });
}
