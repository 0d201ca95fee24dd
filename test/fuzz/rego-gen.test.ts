/*
 * Property 4 (issue 8): random Rego programs from a small grammar either compile or fail with
 * located diagnostics (DiagnosticError, file:line:col); the compiler never throws anything else.
 * Programs that compile are evaluated by @open-policy-agent/opa-wasm on random input: they return
 * a result or a clean Error (a Wasm trap surfaces as an Error, never a process crash).
 * Fixed seed; VPCGATE_FUZZ_RUNS sets the run count (make fuzz: 100,000).
 */
import t from "tap";
import fc from "fast-check";
import { loadPolicy } from "@open-policy-agent/opa-wasm";
import { compileRego } from "../../src/compile.js";
import { DiagnosticError } from "../../src/diagnostics/diagnostic.js";
import { fuzzRuns } from "../oracle/gen.js";

const v = fc.constantFrom("x", "y", "z", "i");
const scalar = fc.oneof(fc.integer({ min: -3, max: 3 }).map(String), fc.constantFrom('"a"', '"b"', "true", "false", "null", "1.5"));
const ref = fc.constantFrom("input.a", "input.b", "input.xs", "input.xs[i]", "input.xs[_]", "data.q.r", "input", "input.o.k");
const term: fc.Arbitrary<string> = fc.letrec((tie) => ({
  t: fc.oneof({ depthSize: "small", withCrossShrink: true },
    scalar, v, ref,
    fc.tuple(tie("t"), fc.constantFrom("+", "-", "*", "/", "%", "&", "|"), tie("t")).map(([a, o, b]) => `(${a} ${o} ${b})`),
    fc.array(tie("t"), { maxLength: 3 }).map((xs) => `[${xs.join(", ")}]`),
    fc.array(tie("t"), { maxLength: 2 }).map((xs) => `{${xs.join(", ")}}`),
    fc.tuple(fc.constantFrom('"k"', '"l"'), tie("t")).map(([k, x]) => `{${k}: ${x}}`),
    fc.tuple(fc.constantFrom("count", "sum", "max", "sort", "is_number", "to_number", "lower", "abs", "object.keys", "json.marshal", "array.concat", "concat", "startswith", "sprintf", "nope.fn"), fc.array(tie("t"), { minLength: 1, maxLength: 2 })).map(([f, as]) => `${f}(${as.join(", ")})`),
    fc.tuple(tie("t"), v, ref).map(([x, w, r]) => `[${x} | some ${w} in ${r}]`),
  ),
})).t;
const expr = fc.oneof(
  fc.tuple(term, fc.constantFrom("==", "!=", "<", ">=", ":=", "="), term).map(([a, o, b]) => `${a} ${o} ${b}`),
  fc.tuple(v, term).map(([x, e]) => `${x} := ${e}`),
  fc.tuple(v, ref).map(([x, r]) => `some ${x} in ${r}`),
  term.map((e) => `not ${e}`),
  term,
);
const body = fc.array(expr, { minLength: 1, maxLength: 4 }).map((es) => es.map((e) => `  ${e}`).join("\n"));
const rule = fc.oneof(
  fc.tuple(term, body).map(([h, b]) => `deny contains ${h} if {\n${b}\n}`),
  fc.tuple(body).map(([b]) => `allow if {\n${b}\n}`),
  fc.tuple(term).map(([h]) => `val := ${h}`),
  fc.tuple(v, term, body).map(([a, h, b]) => `f(${a}) := ${h} if {\n${b}\n}`),
  fc.tuple(term).map(([h]) => `default allow := ${h}`),
  fc.constantFrom("deny contains", "allow if {", "import input.a", "p[x] {", "}"),
);
const program = fc.array(rule, { minLength: 1, maxLength: 4 }).map((rs) => `package p\n\n${rs.join("\n\n")}\n`);
const inputArb = fc.record({ a: fc.oneof(fc.integer(), fc.string({ maxLength: 3 })), b: fc.boolean(), xs: fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 4 }), o: fc.record({ k: fc.integer() }) });

const runs = fuzzRuns(200);
const tally = { compiled: 0, diagnosed: 0, evaluated: 0, evalErrors: 0 };

t.test(`rego: random programs compile or fail located, and evaluate without crashing (${runs} programs)`, async (t) => {
  await fc.assert(
    fc.asyncProperty(program, inputArb, async (text, input) => {
      let wasm: Uint8Array;
      try {
        wasm = compileRego([{ path: "gen.rego", text }], ["p/deny", "p/allow"]).wasm;
      } catch (e) {
        if (!(e instanceof DiagnosticError)) throw new Error(`compiler crashed on:\n${text}\n${(e as Error).stack ?? String(e)}`);
        const errors = e.diagnostics.filter((d) => d.severity === "error");
        if (errors.length === 0) throw new Error(`DiagnosticError without errors on:\n${text}`);
        for (const d of errors) if (d.span.file !== "gen.rego" || d.span.line === undefined) throw new Error(`unlocated diagnostic ${d.code}: ${d.message} on:\n${text}`);
        tally.diagnosed++;
        return;
      }
      tally.compiled++;
      const policy = await loadPolicy(wasm);
      for (const ep of ["p/deny", "p/allow"]) {
        try {
          policy.evaluate(input, ep);
          tally.evaluated++;
        } catch (e) {
          if (!(e instanceof Error)) throw new Error(`evaluation threw a non-Error on:\n${text}`);
          tally.evalErrors++;
        }
      }
    }),
    { seed: 20260811, numRuns: runs },
  );
  t.comment(`rego generator: ${JSON.stringify(tally)}`);
  t.ok(tally.compiled > 0 && tally.diagnosed > 0, "both outcomes are reached");
});
