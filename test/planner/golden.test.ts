// Golden IR tests: every testdata/ir/<case>.rego is planned (entrypoints from its first-line
// `# entrypoints:` comment) and printed; the text must equal testdata/ir/<case>.ir.txt
// (UPDATE_GOLDEN=1 rewrites). Also checks that every plan.json round-trips through fromOpaJson.
import t from "tap";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SourceFile } from "../../src/diagnostics/source.js";
import { renderDiagnostics } from "../../src/diagnostics/diagnostic.js";
import { parseModule } from "../../src/rego/parser.js";
import { checkModules } from "../../src/rego/check.js";
import { plan } from "../../src/planner/plan.js";
import { printIr } from "../../src/planner/pretty.js";
import { fromOpaJson, toOpaJson } from "../../src/planner/opa-json.js";
import { expectGolden, repoRoot } from "../helpers/golden.js";

const dir = join(repoRoot, "testdata", "ir");

for (const name of readdirSync(dir).filter((f) => f.endsWith(".rego")).sort()) {
  t.test(`golden ir: ${name}`, async (t) => {
    const text = readFileSync(join(dir, name), "utf8");
    const eps = (/^# entrypoints: (.*)$/m.exec(text)?.[1] ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "");
    const parsed = parseModule(new SourceFile(name, text));
    t.equal(renderDiagnostics(parsed.diagnostics), "", "parses");
    const checked = checkModules(parsed.module ? [parsed.module] : []);
    t.equal(renderDiagnostics(checked.diagnostics), "", "checks");
    const r = plan(checked.program, eps);
    t.equal(renderDiagnostics(r.diagnostics), "", "plans");
    expectGolden(t, `testdata/ir/${name.replace(/\.rego$/, ".ir.txt")}`, printIr(r.policy));
    const json = JSON.parse(JSON.stringify(toOpaJson(r.policy))) as unknown;
    t.equal(printIr(fromOpaJson(json)), printIr(r.policy), "plan.json round-trips");
  });
}
