/*
 * Human-readable output (the default): results grouped per input, one line per function with its
 * reasons indented below, ending with a one-line summary. Colour only when options.color is set.
 */

import { renderSpan } from "../diagnostics/diagnostic.js";
import type { Report, Result } from "../engine/report.js";
import { exitCode } from "../engine/report.js";
import type { FormatOptions } from "./format-options.js";
import { resultLabel, summaryLine } from "./format-options.js";

const CODES = { red: 31, green: 32, yellow: 33, cyan: 36, dim: 2, bold: 1 } as const;
type Colour = keyof typeof CODES;

/** paint wraps text in an SGR colour when enabled. */
function paint(on: boolean, c: Colour, s: string): string {
  return on ? `\u001b[${CODES[c]}m${s}\u001b[0m` : s;
}

const LABEL_COLOUR = { deny: "red", allow: "green", unknown: "yellow", waived: "cyan" } as const;

function renderResult(r: Result, o: FormatOptions): string[] {
  const label = resultLabel(r);
  const tag = paint(o.color, LABEL_COLOUR[label], label.toUpperCase().padEnd(8));
  const where = renderSpan(r.location);
  const lines = [`  ${tag} ${paint(o.color, "bold", r.address)}  ${paint(o.color, "dim", where)}`];
  const pad = " ".repeat(11);
  lines.push(`${pad}calls: ${r.calls.length > 0 ? r.calls.join(", ") : "(none)"}`);
  if (r.waived !== null) {
    lines.push(`${pad}waived (${r.verdict}): ${r.waived.reason}${r.waived.expires !== undefined ? ` (until ${r.waived.expires})` : ""}`);
  }
  for (const f of r.findings) {
    const sev = f.severity === "warning" ? "warning " : "";
    lines.push(`${pad}${sev}${f.rule}: ${f.message.replace(/\r?\n/g, `\n${pad}  `)}`);
  }
  if (r.verdict === "unknown" && r.unknowns.length > 0 && !r.findings.some((f) => f.message.includes("to resolve:"))) {
    for (const u of r.unknowns) lines.push(`${pad}${u.key}: ${u.reason}; to resolve: ${u.resolve}`);
  }
  return lines;
}

/** format renders the text report. */
export function format(report: Report, options: FormatOptions): string {
  const out: string[] = [];
  for (const input of report.inputs) {
    const rs = report.results.filter((r) => r.input === input.path && (options.quiet !== true || r.verdict !== "allow" || r.findings.length > 0));
    if (options.quiet === true && rs.length === 0) continue;
    out.push(`${paint(options.color, "bold", input.path)} (${input.kind})`);
    if (rs.length === 0) out.push("  no aws_lambda_function in this input");
    for (const r of rs) out.push(...renderResult(r, options));
    out.push("");
  }
  const failed = exitCode(report, options.unknown) === 1;
  out.push(paint(options.color, failed ? "red" : "green", summaryLine(report, options.unknown, failed)));
  return out.join("\n") + "\n";
}
