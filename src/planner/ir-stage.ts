/*
 * The `ir` stage of `vpcgate inspect`: parse → check → plan one Rego file with every document
 * rule as an entrypoint, printed with printIr. Input: a SourceFile. Output: {text, diagnostics}.
 */

import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { hasErrors } from "../diagnostics/diagnostic.js";
import type { SourceFile } from "../diagnostics/source.js";
import { checkModules } from "../rego/check.js";
import { parseModule } from "../rego/parser.js";
import type { Program } from "../rego/program.js";
import { plan } from "./plan.js";
import { printIr } from "./pretty.js";

/** allEntrypoints lists the slash paths of every non-function rule set, sorted. */
export function allEntrypoints(program: Program): string[] {
  return [...program.ruleSets.values()].filter((rs) => rs.kind !== "function").map((rs) => rs.path.join("/")).sort();
}

/** irStage plans one file (all document rules as entrypoints) and prints the IR. */
export function irStage(source: SourceFile): { text: string; diagnostics: readonly Diagnostic[] } {
  const parsed = parseModule(source);
  if (parsed.module === undefined) return { text: "", diagnostics: parsed.diagnostics };
  const checked = checkModules([parsed.module]);
  const diagnostics = [...parsed.diagnostics, ...checked.diagnostics];
  if (hasErrors(diagnostics)) return { text: "", diagnostics };
  const planned = plan(checked.program, allEntrypoints(checked.program));
  return { text: printIr(planned.policy), diagnostics: [...diagnostics, ...planned.diagnostics] };
}
