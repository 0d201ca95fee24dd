// Golden tests of `vpcgate explain` on the bundled examples (deny, allow, unknown), with the
// reference IAM evaluator (referenceExplainAll, traced) standing in for the Wasm engine; one case
// through the real Wasm engine must print the same. UPDATE_GOLDEN=1 rewrites them.
import t from "tap";
import { run } from "../../src/cli/cli.js";
import { bufferIo } from "../../src/cli/io.js";
import { makeExplainCommand } from "../../src/cli/commands/explain.js";
import { referenceEvaluate, referenceExplainAll } from "../oracle/iam-reference.js";
import { expectGolden, repoRoot } from "../helpers/golden.js";

const commands = [makeExplainCommand({ explainRequests: referenceExplainAll })];

async function explain(argv: string[]) {
  const io = bufferIo({ cwd: repoRoot });
  const code = await run(["explain", ...argv], io, { commands });
  return { code, out: io.out, err: io.err };
}

const cases: [string, string, string[], number][] = [
  ["deny", "aws_lambda_function.report", [], 1],
  ["allow", "aws_lambda_function.api", [], 0],
  ["unknown", "aws_lambda_function.worker", [], 1],
  ["allow-vpc-approved", "aws_lambda_function.api", ["--preset", "vpc-approved", "--preset-param", "subnets=subnet-0a1b2c3d4e5f60001"], 1],
];

for (const [name, address, extra, code] of cases) {
  t.test(`explain: ${name}`, async (t) => {
    const dir = name.split("-")[0] ?? name;
    const r = await explain([`testdata/examples/${dir}/plan.json`, address, "--source", `testdata/examples/${dir}`, ...extra]);
    t.equal(r.code, code, r.err);
    expectGolden(t, `testdata/golden/explain/${name}.txt`, r.out);
  });
}

t.test("explain: unknown address lists the functions, exit 2", async (t) => {
  const r = await explain(["testdata/examples/deny/plan.json", "aws_lambda_function.nope"]);
  t.equal(r.code, 2);
  t.match(r.err, /usage_error: no aws_lambda_function aws_lambda_function\.nope in this input \(functions: aws_lambda_function\.report\)/);
});

t.test("explain: the real Wasm engine prints the same trace as the oracle", async (t) => {
  const io = bufferIo({ cwd: repoRoot });
  const code = await run(["explain", "testdata/examples/allow/plan.json", "aws_lambda_function.api", "--source", "testdata/examples/allow", "--preset", "vpc-approved", "--preset-param", "subnets=subnet-0a1b2c3d4e5f60001"], io, { commands: [makeExplainCommand()] });
  t.equal(code, 1, io.err);
  expectGolden(t, "testdata/golden/explain/allow-vpc-approved.txt", io.out);
});
