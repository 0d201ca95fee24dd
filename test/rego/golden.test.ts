// Golden dumps of the front end: tokens (testdata/rego/lexer), ASTs and checked rule sets
// (testdata/rego/parser), and error listings (testdata/rego/errors). UPDATE_GOLDEN=1 rewrites.
import t from "tap";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SourceFile } from "../../src/diagnostics/source.js";
import { renderDiagnostic } from "../../src/diagnostics/diagnostic.js";
import { STAGES } from "../../src/cli/commands/inspect-stages.js";
import { STAGE_NAMES } from "../../src/cli/commands/inspect.js";
import { expectGolden, repoRoot } from "../helpers/golden.js";

function rego(dir: string): string[] {
  return readdirSync(join(repoRoot, dir)).filter((f) => f.endsWith(".rego")).sort();
}

function stage(name: string, file: string): { text: string; errors: string } {
  const src = new SourceFile(file, readFileSync(join(repoRoot, file), "utf8"));
  const s = STAGES[name];
  if (s === undefined) throw new Error(`no stage ${name}`);
  const out = s(src);
  return { text: out.text, errors: out.diagnostics.map(renderDiagnostic).join("\n") + (out.diagnostics.length ? "\n" : "") };
}

for (const f of rego("testdata/rego/lexer")) {
  t.test(`lexer golden: ${f}`, async (t) => {
    const file = `testdata/rego/lexer/${f}`;
    const r = stage("tokens", file);
    t.equal(r.errors, "", "no lexical errors");
    expectGolden(t, file.replace(/\.rego$/, ".tokens.txt"), r.text);
  });
}

for (const f of rego("testdata/rego/parser")) {
  t.test(`parser golden: ${f}`, async (t) => {
    const file = `testdata/rego/parser/${f}`;
    const ast = stage("ast", file);
    t.equal(ast.errors, "", "no parse errors");
    expectGolden(t, file.replace(/\.rego$/, ".ast.json"), ast.text);
    const checked = stage("check", file);
    t.equal(checked.errors, "", "no check errors");
    expectGolden(t, file.replace(/\.rego$/, ".check.json"), checked.text);
  });
}

for (const f of rego("testdata/rego/errors")) {
  t.test(`error golden: ${f}`, async (t) => {
    const file = `testdata/rego/errors/${f}`;
    const r = stage("check", file);
    t.not(r.errors, "", "reports errors");
    expectGolden(t, file.replace(/\.rego$/, ".errors.txt"), r.errors);
  });
}

t.test("inspect: STAGE_NAMES lists exactly the registered stages, in order", async (t) => {
  t.same([...STAGE_NAMES], Object.keys(STAGES));
});
