// The bundled examples (testdata/examples/examples.json, run by `make check`) give the expected
// verdict under each preset: checked here through run() with the reference IAM evaluator, so the
// manifest stays right even before the Wasm engine can build policies/.
import t from "tap";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "../../src/cli/cli.js";
import { bufferIo } from "../../src/cli/io.js";
import { makeCheckCommand } from "../../src/cli/commands/check.js";
import { referenceEvaluate } from "../oracle/iam-reference.js";
import { repoRoot } from "../helpers/golden.js";

interface Manifest {
  examples: { name: string; plan: string; source: string; address: string }[];
  policies: { name: string; args: string[]; expect: Record<string, string> }[];
}
const dir = "testdata/examples";
const manifest = JSON.parse(readFileSync(join(repoRoot, dir, "examples.json"), "utf8")) as Manifest;
const commands = [makeCheckCommand({ evaluateRequests: async (p, r) => referenceEvaluate(p, r) })];

for (const pol of manifest.policies) {
  for (const ex of manifest.examples) {
    t.test(`examples: ${ex.name} under ${pol.name}`, async (t) => {
      const io = bufferIo({ cwd: repoRoot });
      const code = await run(["check", join(dir, ex.plan), "--source", join(dir, ex.source), ...pol.args, "--format", "json"], io, { commands });
      const report = JSON.parse(io.out) as { results: { address: string; verdict: string }[] };
      const want = pol.expect[ex.name];
      t.equal(report.results.find((r) => r.address === ex.address)?.verdict, want, io.err);
      t.equal(code, want === "allow" ? 0 : 1);
    });
  }
}
