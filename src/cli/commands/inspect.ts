/*
 * `vpcgate inspect --stage <stage> <file>`: prints one compiler stage of a Rego file
 * deterministically (tokens one per line with line:col; AST as stable JSON). STAGES is the
 * registry: add a stage (e.g. `ir`) with one line. Input: argv, Io. Output: exit 0, or 2 on errors.
 */

import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { DiagnosticError, diagnostic, hasErrors } from "../../diagnostics/diagnostic.js";
import { SourceFile } from "../../diagnostics/source.js";
import { checkModules } from "../../rego/check.js";
import { dumpJson, dumpTokens } from "../../rego/dump.js";
import { lex } from "../../rego/lexer.js";
import { parseModule } from "../../rego/parser.js";
import { irStage } from "../../planner/ir-stage.js";
import type { Command } from "../command.js";

/** StageOutput is a stage's printable text and its diagnostics. */
export interface StageOutput {
  readonly text: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** Stage turns a source file into printable output. */
export type Stage = (source: SourceFile) => StageOutput;

/** STAGES maps each `--stage` name to its printer, in pipeline order. */
export const STAGES: Readonly<Record<string, Stage>> = {
  tokens: (src) => { const r = lex(src); return { text: dumpTokens(src, r.tokens), diagnostics: r.diagnostics }; },
  ast: (src) => { const r = parseModule(src); return { text: r.module ? dumpJson(r.module) : "", diagnostics: r.diagnostics }; },
  check: (src) => {
    const r = parseModule(src);
    if (!r.module) return { text: "", diagnostics: r.diagnostics };
    const c = checkModules([r.module]);
    return { text: dumpJson({ ruleSets: c.program.ruleSets, builtins: c.program.builtins }), diagnostics: [...r.diagnostics, ...c.diagnostics] };
  },
  ir: irStage,
};

/** inspectCommand prints a compiler stage of one Rego file. */
export const inspectCommand: Command = {
  command: "inspect <file>",
  describe: "print a compiler stage (tokens, ast, check, ...) of a Rego file",
  builder: (y) => y
    .positional("file", { type: "string", describe: "Rego file" })
    .option("stage", { choices: Object.keys(STAGES), default: "ast", describe: "stage to print" })
    .example("vpcgate inspect --stage tokens policy.rego", "print the tokens with line:col"),
  handler: async (args, io) => {
    const file = String(args.file);
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
