/*
 * `vpcgate test <paths..> [-v] [--run REGEX] [--format pretty|json]`: runs Rego unit tests
 * (`test_*` rules) like `opa test`, compiled by vpcgate's compiler and run by the opa-wasm SDK.
 * Exit 0 when every test passes (skips allowed), 1 on any FAIL or ERROR or when no test is
 * found, 2 on usage, read or compile errors (every diagnostic printed as file:line:col).
 */

import { DiagnosticError, diagnostic, renderDiagnostics } from "../../diagnostics/diagnostic.js";
import type { Command } from "../command.js";

/** testCommand runs Rego unit tests. */
export const testCommand: Command = {
  command: "test <paths..>",
  describe: "run Rego unit tests (test_* rules) like opa test, compiled to Wasm by vpcgate",
  builder: (y) =>
    y
      .positional("paths", { type: "string", array: true, describe: ".rego files, data .json/.yaml files or directories" })
      .option("verbose", { alias: "v", type: "boolean", default: false, describe: "list every test with its duration" })
      .option("run", { alias: "r", type: "string", describe: "run only tests whose full name (data.pkg.test_x) matches this regular expression" })
      .option("format", { alias: "f", choices: ["pretty", "json"] as const, default: "pretty", describe: "output format" })
      .example("vpcgate test policies", "run every test under policies/")
      .example("vpcgate test policies -v --run 'data.vpcgate.iam.test_forall'", "run some tests, listing each"),
  handler: async (args, io) => {
    const paths = (args.paths as string[] | undefined) ?? [];
    let filter: RegExp | undefined;
    if (typeof args.run === "string") {
      try {
        filter = new RegExp(args.run);
      } catch (e) {
        throw new DiagnosticError([diagnostic("usage_error", `--run: ${e instanceof Error ? e.message : String(e)}`, { file: "--run" })]);
      }
    }
    // lazy: the test runner (and the compiler behind it) loads only for `vpcgate test`
    const { loadPolicyFiles } = await import("../../bundle/loader.js");
    const { renderJson, renderPretty, summarize } = await import("../../regotest/reporter.js");
    const { runTests } = await import("../../regotest/runner.js");
    const loaded = await loadPolicyFiles(paths, io.cwd);
    if (loaded.diagnostics.length > 0) throw new DiagnosticError(loaded.diagnostics);
    if (loaded.sources.length === 0) {
      throw new DiagnosticError([diagnostic("usage_error", "no .rego files found", { file: paths.join(" ") })]);
    }
    const { results, warnings } = await runTests(loaded.sources, loaded.data, { now: () => io.now(), ...(filter === undefined ? {} : { filter }) });
    if (warnings.length > 0) io.stderr(renderDiagnostics(warnings) + "\n");
    if (args.format === "json") io.stdout(renderJson(results));
    else io.stdout(renderPretty(results, { verbose: args.verbose === true }));
    if (results.length === 0) {
      io.stderr("vpcgate: no tests found\n");
      return 1;
    }
    const s = summarize(results);
    return s.fail + s.error > 0 ? 1 : 0;
  },
};
