/*
 * Markdown for $GITHUB_STEP_SUMMARY and pull-request comments: a heading with the outcome, a
 * summary table, then one table row per function with its reasons. Cells are escaped (escape.ts).
 */

import { renderSpan } from "../diagnostics/diagnostic.js";
import type { Report } from "../engine/report.js";
import { exitCode } from "../engine/report.js";
import { markdownCell, markdownCode } from "./escape.js";
import type { FormatOptions } from "./format-options.js";
import { resultLabel } from "./format-options.js";

const ICON = { deny: "❌ deny", allow: "✅ allow", unknown: "❔ unknown", waived: "⏸️ waived" } as const;

/** format renders the Markdown report. */
export function format(report: Report, options: FormatOptions): string {
  const failed = exitCode(report, options.unknown) === 1;
  const s = report.summary;
  const out: string[] = [
    `## vpcgate: ${failed ? "❌ failed" : "✅ passed"}`,
    "",
    "| deny | allow | unknown | waived |",
    "|---:|---:|---:|---:|",
    `| ${s.deny} | ${s.allow} | ${s.unknown} | ${s.waived} |`,
    "",
  ];
  if (options.unknown === "warn" && s.unknown > 0) out.push("Unknown verdicts are reported as warnings (`--unknown=warn`).", "");
  if (report.results.length === 0) {
    out.push("No `aws_lambda_function` found in the inputs.", "");
    return out.join("\n");
  }
  out.push("| verdict | function | calls | location | reason |", "|---|---|---|---|---|");
  for (const r of report.results) {
    const reasons = r.findings.map((f) => `${markdownCode(f.rule)} ${markdownCell(f.message)}`);
    if (r.waived !== null) reasons.unshift(`waived (${r.verdict}): ${markdownCell(r.waived.reason)}${r.waived.expires !== undefined ? ` (until ${r.waived.expires})` : ""}`);
    out.push(`| ${ICON[resultLabel(r)]} | ${markdownCode(r.address)} | ${r.calls.map(markdownCode).join("<br>") || "(none)"} | ${markdownCell(renderSpan(r.location))} | ${reasons.join("<br>") || "–"} |`);
  }
  out.push("");
  return out.join("\n");
}
