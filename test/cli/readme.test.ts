// The README's CLI section: every quick-start command runs with the documented exit code
// (through run(), with the reference IAM evaluator standing in for the Wasm engine), and every
// flag that `check --help` / `explain --help` lists is documented.
import t from "tap";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "../../src/cli/cli.js";
import { bufferIo } from "../../src/cli/io.js";
import { makeCheckCommand } from "../../src/cli/commands/check.js";
import { makeExplainCommand } from "../../src/cli/commands/explain.js";
import { referenceEvaluate } from "../oracle/iam-reference.js";
import { repoRoot } from "../helpers/golden.js";

const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
const section = readme.slice(readme.indexOf("<!-- cli:start -->"), readme.indexOf("<!-- cli:end -->"));
const evaluateRequests = async (p: Parameters<typeof referenceEvaluate>[0], r: Parameters<typeof referenceEvaluate>[1]) => referenceEvaluate(p, r);
const commands = [makeCheckCommand({ evaluateRequests }), makeExplainCommand({ evaluateRequests })];

t.test("readme: quick-start commands give the documented exit codes", async (t) => {
  const block = /### Quick start[\s\S]*?```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
  const lines = block.split("\n").filter((l) => l.startsWith("node dist/bin/vpcgate.js "));
  t.ok(lines.length >= 4, "quick start lists vpcgate commands");
  t.ok(block.includes("make check"), "and make check");
  t.ok(block.includes("npm ci && npm run build"), "and how to build");
  for (const line of lines) {
    const [cmd, comment] = line.split("#");
    const want = Number(/exit (\d)/.exec(comment ?? "")?.[1]);
    const argv = (cmd ?? "").trim().split(/\s+/).slice(2);
    const io = bufferIo({ cwd: repoRoot });
    const code = await run(argv, io, { commands });
    t.equal(code, want, `${argv.join(" ")}\n${io.err}`);
  }
});

t.test("readme: every check/explain flag is documented", async (t) => {
  for (const cmd of ["check", "explain"]) {
    const io = bufferIo({ cwd: repoRoot });
    await run([cmd, "--help"], io, { commands });
    const flags = [...io.out.matchAll(/--([a-z][a-z-]*)/g)].map((m) => m[1] ?? "");
    t.ok(flags.length > 10, `${cmd} --help lists flags`);
    for (const f of new Set(flags)) t.ok(section.includes(`--${f}`), `--${f} is in README`);
    t.match(io.out, /Exit codes: 0 .* 1 .* 2 /s, `${cmd} --help documents exit codes`);
    t.match(io.out, /Examples:/, `${cmd} --help shows examples`);
  }
});

t.test("readme: the complete GitHub workflow is shown", async (t) => {
  for (const s of ["terraform plan", "-out", "terraform show -json", "upload-sarif", "uses: vpcgate/vpcgate"]) t.ok(section.includes(s), s);
});
