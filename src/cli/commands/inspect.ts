/*
 * `vpcgate inspect --stage <stage> <file>`: prints one compiler stage of a Rego file
 * deterministically (tokens one per line with line:col; AST as stable JSON). STAGES is the
 * registry: add a stage (e.g. `ir`) with one line. Input: argv, Io. Output: exit 0, or 2 on errors.
 */

import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { DiagnosticError, diagnostic, hasErrors } from "../../diagnostics/diagnostic.js";
import { SourceFile } from "../../diagnostics/source.js";
import type { Command } from "../command.js";

/**
 * STAGE_NAMES lists the `--stage` choices in pipeline order. The stages themselves live in
 * inspect-stages.ts, loaded only when inspect runs, so other commands never load the compiler.
 */
export const STAGE_NAMES = ["tokens", "ast", "check", "ir"] as const;

/** inspectCommand prints a compiler stage of one Rego file. */
export const inspectCommand: Command = {
  command: "inspect <file>",
  describe: "print a compiler stage (tokens, ast, check, ...) of a Rego file",
  builder: (y) => y
    .positional("file", { type: "string", describe: "Rego file" })
    .option("stage", { choices: [...STAGE_NAMES], default: "ast", describe: "stage to print" })
    .example("vpcgate inspect --stage tokens policy.rego", "print the tokens with line:col"),
  handler: async (args, io) => {
    const file = String(args.file);
    const { STAGES } = await import("./inspect-stages.js");
    const stage = STAGES[String(args.stage)];
    if (stage === undefined) throw new DiagnosticError([diagnostic("usage_error", `unknown stage ${String(args.stage)}`, { file })]);
    let text: string;
    try {
      text = await readFile(resolve(io.cwd, file), "utf8");
    } catch (e) {
      throw new DiagnosticError([diagnostic("input_read_error", `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`, { file })]);
    }
    const out = stage(new SourceFile(file, text));
    if (hasErrors(out.diagnostics)) throw new DiagnosticError(out.diagnostics);
    io.stdout(out.text);
    return 0;
  },
};
