// Parses (and checks) every module and query of ../shared/opa-cases: the wasm-assets suite and
// the conformance subset. Reports each failing case by file and note.
import t from "tap";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { SourceFile } from "../../src/diagnostics/source.js";
import { renderDiagnostics } from "../../src/diagnostics/diagnostic.js";
import { parseModule, parseQuery } from "../../src/rego/parser.js";
import { checkModules, checkQuery } from "../../src/rego/check.js";
import { BUILTINS, withBuiltins } from "../../src/rego/builtins.js";
import type { Module } from "../../src/rego/ast.js";

// The host builtins OPA's Wasm test generator declares.
const builtins = withBuiltins(BUILTINS, [
  { name: "custom_builtin_test", arity: 1, relational: false },
  { name: "custom_builtin_test_impure", arity: 0, relational: false },
  { name: "custom_builtin_test_memoization", arity: 0, relational: false },
  // used by with-mock cases only as mock targets
  { name: "http.send", arity: 1, relational: false },
  { name: "io.jwt.decode_verify", arity: 2, relational: false },
]);

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
  t.test(`opa-cases: ${suite} parse and check`, async (t) => {
    let count = 0;
    const failures: string[] = [];
    for (const file of yamlFiles(join(ROOT, suite))) {
      const doc = parseYaml(readFileSync(file, "utf8")) as { cases?: Case[] };
      for (const c of doc.cases ?? []) {
        count++;
        const problems: string[] = [];
        const modules: Module[] = [];
        (c.modules ?? []).forEach((m, i) => {
          const r = parseModule(new SourceFile(`module${i}.rego`, m));
          if (r.diagnostics.length > 0) problems.push(renderDiagnostics(r.diagnostics));
          if (r.module) modules.push(r.module);
        });
        const checked = checkModules(modules, { builtins });
        if (checked.diagnostics.length > 0) problems.push(renderDiagnostics(checked.diagnostics));
        if (c.query !== undefined) {
          const r = parseQuery(new SourceFile("query.rego", c.query));
          if (r.diagnostics.length > 0) problems.push(renderDiagnostics(r.diagnostics));
          if (r.query) {
            const q = checkQuery(r.query, checked.program, { builtins });
            if (q.diagnostics.length > 0) problems.push(renderDiagnostics(q.diagnostics));
          }
        }
        if (problems.length > 0) failures.push(`${file.slice(ROOT.length + 1)}: ${c.note}\n  ${problems.join("\n  ")}`);
      }
    }
    t.same(failures, [], "every case parses and checks", { failures: failures.join("\n") });
    t.comment(`${suite}: ${count} cases, ${failures.length} failed`);
    if (failures.length > 0) t.comment(failures.join("\n"));
  });
}
