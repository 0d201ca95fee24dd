/*
 * The binary fails closed: its exit code is 2 until run() settles, and the sandbox never makes the
 * process await an unref'd worker. Regression: an invalid plan once exited 0 with no output in
 * about one run in five, when the prewarmed evaluator was discarded while its module was loading.
 * Input: dist/bin/vpcgate.js (built by make test). Output: 8 spawned runs, all with the right code.
 */
import t from "tap";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../helpers/golden.js";

const bin = join(repoRoot, "dist/bin/vpcgate.js");

t.test("invalid plan and denied plan: the same exit code on every run", async (t) => {
  if (!existsSync(bin)) {
    t.pass("skipped: dist/ is not built (make test builds it)");
    return;
  }
  for (let i = 0; i < 4; i++) {
    const bad = spawnSync(process.execPath, [bin, "check", "testdata/bad/plan/reserved-concurrency-string.json"], { cwd: repoRoot, encoding: "utf8" });
    t.equal(bad.status, 2, `run ${i}: invalid plan exits 2`);
    t.match(bad.stderr, /input_schema_error/, `run ${i}: and says why`);
    const deny = spawnSync(process.execPath, [bin, "check", "testdata/examples/deny/plan.json"], { cwd: repoRoot, encoding: "utf8" });
    t.equal(deny.status, 1, `run ${i}: denied plan exits 1`);
    t.match(deny.stdout, /FAIL: 1 deny/, `run ${i}: with its report`);
  }
});
