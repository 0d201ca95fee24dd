/*
 * Determinism (issue 8): the same inputs give byte-identical output in every format (text, json,
 * sarif, junit, github, markdown), run after run and in any order of the input files, with the
 * real engine (Wasm IAM evaluator in its sandbox worker).
 */
import t from "tap";
import { run } from "../../src/cli/cli.js";
import { bufferIo } from "../../src/cli/io.js";
import { repoRoot } from "../helpers/golden.js";

const FORMATS = ["text", "json", "sarif", "junit", "github", "markdown"] as const;
const INPUTS = [
  "testdata/examples/deny/plan.json",
  "testdata/examples/allow/plan.json",
  "testdata/examples/unknown/plan.json",
  "testdata/inputs/plan/features-1.2.json",
  "../shared/terraform/plans/checkov/runner-plan.json",
];

async function once(paths: readonly string[], format: string): Promise<{ code: number; out: string; err: string }> {
  const io = bufferIo({ cwd: repoRoot, env: {} });
  const code = await run(["check", ...paths, "--format", format, "--source", "testdata/examples/deny"], io);
  return { code, out: io.out, err: io.err };
}

/** orders are the input lists: as given, reversed, and rotated. */
const orders = [INPUTS, [...INPUTS].reverse(), [...INPUTS.slice(2), ...INPUTS.slice(0, 2)]];

t.test("every format is byte-identical across runs and input orders", async (t) => {
  for (const f of FORMATS) {
    const first = await once(INPUTS, f);
    t.not(first.code, 2, `${f}: runs (${first.err.split("\n")[0]})`);
    t.ok(first.out.length > 0, `${f}: output`);
    for (const order of [...orders, INPUTS]) {
      const again = await once(order, f);
      t.equal(again.code, first.code, `${f}: same exit code`);
      t.equal(again.out, first.out, `${f}: identical output for order ${order.map((p) => p.split("/").slice(-2).join("/")).join(", ")}`);
      t.equal(again.err, first.err, `${f}: identical warnings`);
    }
  }
});
