// A default rule's value must be a constant, as in OPA (found by the Rego program fuzzer).
import t from "tap";
import { SourceFile } from "../../src/diagnostics/source.js";
import { parseModule } from "../../src/rego/parser.js";
import { checkModules } from "../../src/rego/check.js";
import type { Module } from "../../src/rego/ast.js";

function diags(text: string) {
  const p = parseModule(new SourceFile("d.rego", text));
  const c = checkModules(p.module === undefined ? [] : [p.module as Module]);
  return [...p.diagnostics, ...c.diagnostics].map((d) => `${d.span.line}:${d.span.column} ${d.code}: ${d.message}`);
}

t.same(diags("package x\ndefault allow := input.xs[i]\n"), ["2:18 rego_parse_error: illegal default rule (value cannot contain ref)"]);
t.same(diags("package x\ndefault allow := [1, y]\n"), ["2:22 rego_parse_error: illegal default rule (value cannot contain var)"]);
t.same(diags("package x\ndefault allow := count([1])\n"), ["2:18 rego_parse_error: illegal default rule (value cannot contain call)"]);
t.same(diags("package x\ndefault allow := {\"a\": [1, {2}], \"b\": null}\n"), []);
t.same(diags("package x\ndefault f(_) := false\n"), []);
// Comprehensions are closures, allowed as in OPA (upstream defaultkeyword cases 0807/0809).
t.same(diags("package x\ndefault allow := [v | v := input.xs[_]]\n"), []);
t.same(diags("package x\ndefault allow := {\"k\": {v | v := data.a[_]}}\n"), []);
