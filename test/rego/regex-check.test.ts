// Constant regex patterns at compile time: RE2-only, JavaScript-only and unimplemented patterns
// are refused at their location; portable ones and ones both engines reject pass the check.
import t from "tap";
import { SourceFile } from "../../src/diagnostics/source.js";
import { parseModule } from "../../src/rego/parser.js";
import { checkModules } from "../../src/rego/check.js";
import { classifyPattern } from "../../src/rego/regex-check.js";
import { compileRego } from "../../src/compile.js";
import { DiagnosticError } from "../../src/diagnostics/diagnostic.js";

function diagnose(src: string): string[] {
  const r = parseModule(new SourceFile("m.rego", src));
  if (r.module === undefined) throw new Error("parse failed");
  return checkModules([r.module]).diagnostics.map((d) => `${d.span.line}:${d.span.column}: ${d.code}`);
}

t.test("classifyPattern", async (t) => {
  t.equal(classifyPattern("^[a-z]+\\[[0-9]+\\]$").kind, "ok");
  t.equal(classifyPattern("(?<name>x)\\d+").kind, "ok");
  t.equal(classifyPattern("[").kind, "invalid", "both reject: undefined at run time, as in OPA");
  t.equal(classifyPattern("(?i)abc").kind, "re2_only");
  t.equal(classifyPattern("\\Aabc\\z").kind, "re2_only");
  t.equal(classifyPattern("[[:alpha:]]").kind, "re2_only");
  t.equal(classifyPattern("a{,2}").kind, "re2_only");
  t.equal(classifyPattern("subnet\\-").kind, "re2_only");
  t.equal(classifyPattern("(?=a)").kind, "js_only");
  t.equal(classifyPattern("(a)\\1").kind, "js_only");
  t.equal(classifyPattern("\\u0041").kind, "js_only");
  t.equal(classifyPattern("x{1001}").kind, "js_only");
  t.equal(classifyPattern("\\p{L}").kind, "unimplemented");
});

t.test("check: refused constant patterns are reported at the literal", async (t) => {
  const src = [
    "package x",
    'a if regex.match("(?i)abc", input.s)',
    'b if re_match(`(?=x)`, input.s)',
    'c := regex.replace(input.s, "\\\\pL", "")',
    'd := regex.find_n("[[:alpha:]]+", input.s, -1)',
    'e := regex.split("a{,2}", input.s)',
    'f if regex.match("^ok[0-9]+$", input.s)',
    'g if regex.match("[", input.s)',
    'h := regex.is_valid("(?i)x")',
    'i := regex.match(input.p, input.s)',
    "",
  ].join("\n");
  t.strictSame(diagnose(src), [
    "2:18: rego_unsupported_error",
    "3:15: rego_type_error",
    "4:29: rego_unsupported_error",
    "5:19: rego_unsupported_error",
    "6:18: rego_unsupported_error",
  ]);
});

t.test("compileRego refuses them too (queries included)", async (t) => {
  t.throws(() => compileRego([{ path: "m.rego", text: 'package x\np if regex.match("\\\\z", "a")\n' }], ["x/p"]), DiagnosticError);
  t.throws(() => compileRego([{ path: "m.rego", text: "package x\np := 1\n" }], [{ name: "q", query: 'regex.match("(?s).", "a")' }]), DiagnosticError);
  const ok = compileRego([{ path: "m.rego", text: 'package x\np if regex.match("^a.c$", "abc")\n' }], ["x/p"]);
  t.ok(ok.wasm.length > 0);
});
