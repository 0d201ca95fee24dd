/*
 * The compiler stages `vpcgate inspect` can print, in pipeline order: the registry behind
 * `--stage`. Add a stage with one line here and its name in STAGE_NAMES (inspect.ts).
 * Input: a SourceFile. Output: printable text and diagnostics.
 */

import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { SourceFile } from "../../diagnostics/source.js";
import { checkModules } from "../../rego/check.js";
import { dumpJson, dumpTokens } from "../../rego/dump.js";
import { lex } from "../../rego/lexer.js";
import { parseModule } from "../../rego/parser.js";
import { irStage } from "../../planner/ir-stage.js";

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
