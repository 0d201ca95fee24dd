// General ref heads: rules at or below a ground prefix with variables form one rule set there.
import t from "tap";
import { SourceFile } from "../../src/diagnostics/source.js";
import { parseModule } from "../../src/rego/parser.js";
import { checkModules } from "../../src/rego/check.js";
import type { Module, Term } from "../../src/rego/ast.js";

function check(text: string) {
  const p = parseModule(new SourceFile("g.rego", text));
  const c = checkModules(p.module === undefined ? [] : [p.module as Module]);
  return { program: c.program, diags: [...p.diagnostics, ...c.diagnostics].map((d) => `${d.span.line}:${d.span.column} ${d.code}`) };
}
const seg = (x: Term): string => (x.kind === "String" ? x.value : x.kind === "Var" ? "$var" : x.kind);

t.test("rules below the prefix join its rule set with static key paths", async (t) => {
  const { program, diags } = check("package x\np[k].r := 1 if some k in [1]\np.a.r := 2\np.b contains 3\ndefault p.c := 4\n");
  t.same(diags, []);
  t.same([...program.ruleSets.keys()], ["x.p"]);
  const rs = program.ruleSets.get("x.p");
  t.equal(rs?.kind, "partial-object");
  t.same(rs?.rules.map((r) => [r.keyPath?.map(seg), r.setLeaf, r.defaultLeaf === true]), [
    [["$var", "r"], false, false],
    [["a", "r"], false, false],
    [["b"], true, false],
    [["c"], false, true],
  ]);
});

t.test("a plain partial object stays a plain partial object", async (t) => {
  const { program } = check("package x\np[k] := 1 if some k in [1]\n");
  t.equal(program.ruleSets.get("x.p")?.rules[0]?.keyPath, undefined);
});

t.test("a complete rule at the prefix itself conflicts", async (t) => {
  const { diags } = check("package x\np[k].r := 1 if some k in [1]\np := 2\n");
  t.same(diags, ["3:1 rego_conflict_error"]);
});
