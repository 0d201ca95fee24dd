// Parses (and checks) every module and query of ../shared/opa-cases: the wasm-assets suite and
// the conformance subset. Reports each failing case by file and note.
import t from "tap";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { SourceFile } from "../../src/diagnostics/source.js";
import { renderDiagnostics } from "../../src/diagnostics/diagnostic.js";
import { parseModule, parseQuery } from "../../src/rego/parser.js";

const ROOT = join(import.meta.dirname, "..", "..", "..", "shared", "opa-cases");

interface Case { note: string; query?: string; modules?: string[] }

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...yamlFiles(p));
    else if (name.endsWith(".yaml") && !name.includes("exceptions")) out.push(p);
  }
  return out;
}

for (const suite of ["wasm-assets", "conformance"]) {
  t.test(`opa-cases: ${suite} parse`, async (t) => {
    let count = 0;
    const failures: string[] = [];
    for (const file of yamlFiles(join(ROOT, suite))) {
      const doc = parseYaml(readFileSync(file, "utf8")) as { cases?: Case[] };
      for (const c of doc.cases ?? []) {
        count++;
        const problems: string[] = [];
        (c.modules ?? []).forEach((m, i) => {
          const r = parseModule(new SourceFile(`module${i}.rego`, m));
          if (r.diagnostics.length > 0) problems.push(renderDiagnostics(r.diagnostics));
        });
        if (c.query !== undefined) {
          const r = parseQuery(new SourceFile("query.rego", c.query));
          if (r.diagnostics.length > 0) problems.push(renderDiagnostics(r.diagnostics));
        }
        if (problems.length > 0) failures.push(`${file.slice(ROOT.length + 1)}: ${c.note}\n  ${problems.join("\n  ")}`);
      }
    }
    t.same(failures, [], "every case parses", { failures: failures.join("\n") });
    t.comment(`${suite}: ${count} cases, ${failures.length} failed`);
    if (failures.length > 0) t.comment(failures.join("\n"));
  });
}
