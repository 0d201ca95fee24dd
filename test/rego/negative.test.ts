// Negative tests: each bad module must produce the expected diagnostic code at line:column.
import t from "tap";
import { SourceFile } from "../../src/diagnostics/source.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { parseModule } from "../../src/rego/parser.js";
import { checkModules } from "../../src/rego/check.js";
import type { Module } from "../../src/rego/ast.js";

/** diagnose parses and (when parsing succeeded) checks the sources, returning all diagnostics. */
export function diagnose(srcs: readonly string[], implemented?: ReadonlySet<string>): Diagnostic[] {
  const mods: Module[] = [];
  const out: Diagnostic[] = [];
  srcs.forEach((s, i) => {
    const r = parseModule(new SourceFile(`m${i}.rego`, s));
    out.push(...r.diagnostics);
    if (r.module) mods.push(r.module);
  });
  if (out.length > 0) return out;
  return checkModules(mods, implemented === undefined ? {} : { implemented }).diagnostics;
}

// [note, sources, code, line, column, message substring?]
type Case = readonly [string, readonly string[], string, number, number, string?];
const P = "package x\n";
const cases: readonly Case[] = [
  // lexer / parser
  ["parse: missing package", ["p := 1\n"], "rego_parse_error", 1, 1],
  ["parse: illegal character", [P + "p := 1 @\n"], "rego_parse_error", 2, 8, "illegal token"],
  ["parse: unterminated string", [P + 'p := "abc\n'], "rego_parse_error", 2, 6, "non-terminated string"],
  ["parse: unterminated raw string", [P + "p := `abc\n"], "rego_parse_error", 2, 6, "non-terminated raw string"],
  ["parse: bad escape", [P + 'p := "a\\qb"\n'], "rego_parse_error", 2, 8, "invalid escape"],
  ["parse: bad unicode escape", [P + 'p := "\\u12"\n'], "rego_parse_error", 2, 7, "unicode"],
  ["parse: missing closing brace", [P + "p if {\n  true\n"], "rego_parse_error", 4, 1],
  ["parse: missing closing bracket", [P + "p := [1, 2\n"], "rego_parse_error", 3, 1],
  ["parse: empty body", [P + "p if {}\n"], "rego_parse_error", 2, 6, "empty body"],
  ["parse: two exprs on one line", [P + "p if { true true }\n"], "rego_parse_error", 2, 13],
  ["parse: second package", [P + "package y\n"], "rego_parse_error", 2, 1],
  ["parse: import after rule", [P + "p := 1\nimport data.y\n"], "rego_parse_error", 3, 1],
  ["parse: default with body", [P + "default p := 1 if { true }\n"], "rego_parse_error", 2, 1],
  ["parse: else on partial set", [P + "p contains 1 if { false } else := 2\n"], "rego_parse_error", 2, 27],
  ["parse: v1 body needs if", ["package x\nimport rego.v1\np { true }\n"], "rego_parse_error", 3, 5, "if"],
  ["parse: bad number", [P + "p := 12ab\n"], "rego_parse_error", 2, 6, "number"],
  ["parse: some needs vars", [P + "p if { some 1 }\n"], "rego_parse_error", 2, 13],
  ["parse: every without body", [P + "p if { every x in [1] }\n"], "rego_parse_error", 2, 23],
  ["parse: with without as", [P + "p if { true with input.x }\n"], "rego_parse_error", 2, 26],
  ["parse: errors in two rules are both reported (second)", [P + "p := (\nq := 1\nr := ]\n"], "rego_parse_error", 4, 6],
  // safety
  ["unsafe: var in body", [P + "p if { x > 1 }\n"], "rego_unsafe_var_error", 2, 8, "var x is unsafe"],
  ["unsafe: var in head", [P + "p := y if { true }\n"], "rego_unsafe_var_error", 2, 6, "var y is unsafe"],
  ["unsafe: negated var", [P + "q contains 1\np if { not q[x] }\n"], "rego_unsafe_var_error", 3, 14, "var x is unsafe"],
  ["unsafe: comprehension head", [P + "p := [y | true]\n"], "rego_unsafe_var_error", 2, 7, "var y is unsafe"],
  ["unsafe: declared but unbound", [P + "p if { some x; x > 1 }\n"], "rego_unsafe_var_error", 2, 16, "var x is unsafe"],
  ["unsafe: partial set key", [P + "p contains z if { true }\n"], "rego_unsafe_var_error", 2, 12, "var z is unsafe"],
  ["unsafe: function value", [P + "f(x) := y if { x > 0 }\n"], "rego_unsafe_var_error", 2, 9, "var y is unsafe"],
  ["unsafe: every body", [P + "p if { every v in [1] { v > w } }\n"], "rego_unsafe_var_error", 2, 29, "var w is unsafe"],
  // recursion
  ["recursion: self", [P + "p if { p }\n"], "rego_recursion_error", 2, 1, "rule data.x.p is recursive: data.x.p -> data.x.p"],
  ["recursion: mutual", [P + "p if { q }\nq if { p }\n"], "rego_recursion_error", 2, 1, "data.x.p -> data.x.q -> data.x.p"],
  ["recursion: function", [P + "f(n) := f(n)\n"], "rego_recursion_error", 2, 1, "data.x.f"],
  ["recursion: across packages", ["package a\np if { data.b.q }\n", "package b\nq if { data.a.p }\n"], "rego_recursion_error", 2, 1, "data.a.p -> data.b.q -> data.a.p"],
  ["recursion: via comprehension", [P + "p := [1 | q]\nq if { count(p) > 0 }\n"], "rego_recursion_error", 2, 1],
  // conflicts
  ["conflict: complete vs partial set", [P + "p := 1\np contains 2\n"], "rego_conflict_error", 3, 1, "conflicting rules data.x.p"],
  ["conflict: function vs complete", [P + "f(x) := 1\nf := 2\n"], "rego_conflict_error", 3, 1],
  ["conflict: function arity", [P + "f(x) := 1\nf(x, y) := 2\n"], "rego_conflict_error", 3, 1, "arity"],
  ["conflict: multiple defaults", [P + "default p := 1\ndefault p := 2\n"], "rego_conflict_error", 3, 9, "multiple default"],
  ["conflict: nested rule paths", [P + "a.b := 1\na.b.c := 2\n"], "rego_conflict_error", 3, 1],
  ["conflict: rule shadows input", [P + "input := 1\n"], "rego_compile_error", 2, 1, "shadow"],
  // imports
  ["import: bad root", [P + "import foo.bar\np := 1\n"], "rego_import_error", 2, 1],
  ["import: bad rego import", [P + "import rego.v2\np := 1\n"], "rego_import_error", 2, 1],
  ["import: unknown future keyword", [P + "import future.keywords.foo\np := 1\n"], "rego_import_error", 2, 1],
  ["import: duplicate alias", [P + "import data.a.q\nimport data.b.q\np := 1\n"], "rego_import_error", 3, 1, "shadow"],
  // calls
  ["arity: builtin", [P + "p := count(1, 2, 3)\n"], "rego_type_error", 2, 6, "count: arity mismatch"],
  ["arity: user function", [P + "f(x) := x\np := f(1, 2, 3)\n"], "rego_type_error", 3, 6, "arity mismatch"],
  ["arity: too few arguments", [P + "p if { startswith(\"a\") }\n"], "rego_type_error", 2, 8],
  ["undefined: function", [P + "p := nope(1)\n"], "rego_undefined_function_error", 2, 6, "undefined function nope"],
  ["undefined: dotted function", [P + "p := foo.bar(1)\n"], "rego_undefined_function_error", 2, 6, "foo.bar"],
  ["undefined: data function", [P + "p := data.y.f(1)\n"], "rego_undefined_function_error", 2, 6, "data.y.f"],
  ["not a function: rule called", [P + "q := 1\np := q(1)\n"], "rego_type_error", 3, 6, "not a function"],
  // compile errors
  ["compile: assigned twice", [P + "p if { x := 1; x := 2 }\n"], "rego_compile_error", 2, 16, "var x assigned above"],
  ["compile: assigned after use", [P + "p if { x = 1; x := 2 }\n"], "rego_compile_error", 2, 15, "referenced above"],
  ["compile: assign to ref", [P + "p if { input.x := 1 }\n"], "rego_compile_error", 2, 8],
  ["compile: bad with target", [P + "p if { true with foo as 1 }\n"], "rego_compile_error", 2, 18, "with keyword target"],
  ["conflict: function below a general ref head", [P + "a[x].b := 1 if { x := 1 }\na.c(y) := y\n"], "rego_conflict_error", 3, 1],
  ["conflict: two defaults below a general ref head", [P + "a[x].b := 1 if { x := 1 }\ndefault a.c := 1\ndefault a.c := 2\n"], "rego_conflict_error", 4, 9],
];

for (const [note, srcs, code, line, column, msg] of cases) {
  t.test(note, async (t) => {
    const ds = diagnose(srcs);
    const hit = ds.find((d) => d.code === code && d.span.line === line && d.span.column === column);
    t.ok(hit, `${code} at ${line}:${column}`, { got: ds.map((d) => `${d.span.file}:${d.span.line}:${d.span.column}: ${d.code}: ${d.message}`) });
    if (hit && msg !== undefined) t.match(hit.message, msg);
  });
}

t.test("unsupported: known builtin that codegen does not implement", async (t) => {
  const ds = diagnose([P + "p := sprintf(\"%v\", [1])\n"], new Set(["plus"]));
  t.same(ds.map((d) => [d.code, d.span.line, d.span.column]), [["rego_unsupported_error", 2, 6]]);
  t.match(ds[0]?.message ?? "", "sprintf");
});

t.test("all problems are reported, not just the first", async (t) => {
  const ds = diagnose([P + "p if { x > 1 }\nq := nope(1)\nr := count(1, 2, 3)\ns if { s }\n"]);
  t.same(ds.map((d) => d.code).sort(), ["rego_recursion_error", "rego_type_error", "rego_undefined_function_error", "rego_unsafe_var_error"]);
});
