// OPA's rules on what `with` may replace, checked through `vpcgate test` (regression tests for
// src/rego/check-resolve.ts): each fixture in testdata/regotest/with-errors is a compile error
// (exit 2) with a stable code at the `with` clause, never an internal error.
import t from "tap";
import { run } from "../../src/cli/cli.js";
import { bufferIo } from "../../src/cli/io.js";
import { repoRoot } from "../helpers/golden.js";

const cases: readonly [string, string, RegExp][] = [
  ["arity_mismatch", "rego_type_error", /arity mismatch/],
  ["builtin_arity", "rego_type_error", /arity mismatch/],
  ["eq_target", "rego_compile_error", /replacement of "eq" invalid/],
  ["internal_target", "rego_compile_error", /replacement of internal function "internal\.member_2" invalid/],
  ["metadata_target", "rego_compile_error", /must reference existing input, data, or a function/],
  ["partial_virtual", "rego_compile_error", /cannot partially replace virtual document/],
  ["relation_target", "rego_compile_error", /must not be a relation/],
  ["unknown_target", "rego_compile_error", /must reference existing input, data, or a function/],
  ["void_target", "rego_compile_error", /must not be a void function/],
];

for (const [name, code, msg] of cases) {
  t.test(`with target: ${name}`, async (t) => {
    const io = bufferIo({ cwd: repoRoot });
    t.equal(await run(["test", `testdata/regotest/with-errors/${name}.rego`], io), 2);
    t.equal(io.out, "");
    t.match(io.err, new RegExp(`^testdata/regotest/with-errors/${name}\\.rego:\\d+:\\d+: ${code}: `));
    t.match(io.err, msg);
    t.notMatch(io.err, /internal_error/);
  });
}
