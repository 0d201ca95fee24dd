import t from "tap";
import { loadPolicy } from "@open-policy-agent/opa-wasm";
import { compileRego } from "../src/compile.js";
import { DiagnosticError } from "../src/diagnostics/diagnostic.js";
import { Wasm } from "./helpers/wasm-api.js";

t.test("compile: end to end through the SDK", async (t) => {
  const text = [
    "package example",
    "import rego.v1",
    "default allow := false",
    'allow if input.user == "alice"',
    "names contains n if some n in input.names",
    "",
  ].join("\n");
  const { wasm, diagnostics } = compileRego([{ path: "example.rego", text }], ["example/allow", "example/names"]);
  t.same(diagnostics, []);
  t.ok(Wasm.validate(wasm));
  const pol = await loadPolicy(wasm);
  t.same(pol.entrypoints, { "example/allow": 0, "example/names": 1 });
  t.same(pol.evaluate({ user: "alice" }), [{ result: true }]);
  t.same(pol.evaluate({ user: "bob" }), [{ result: false }]);
  t.same(pol.evaluate({ names: ["b", "a", "b"] }, "example/names"), [{ result: ["a", "b"] }]);
});

t.test("compile: errors are thrown as one DiagnosticError", async (t) => {
  try {
    compileRego([{ path: "bad.rego", text: "package x\nallow if {\n" }], ["x/allow"]);
    t.fail("no error");
  } catch (e) {
    t.ok(e instanceof DiagnosticError);
    if (e instanceof DiagnosticError) t.equal(e.diagnostics[0]?.span.file, "bad.rego");
  }
});
