/*
 * GitHub Actions workflow commands: one `::error|warning|notice file=…,line=…,col=…,title=…::msg`
 * annotation per finding, escaped per the workflow-command rules (escape.ts), then a plain summary.
 * Spec: https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */

import type { Finding, Report, Result } from "../engine/report.js";
import { exitCode } from "../engine/report.js";
import { workflowData, workflowProperty } from "./escape.js";
import type { FormatOptions } from "./format-options.js";
import { summaryLine } from "./format-options.js";

function command(r: Result, f: Finding, o: FormatOptions): "error" | "warning" | "notice" {
  if (r.waived !== null && f.rule !== "waiver-expired") return "notice";
  if (f.severity === "warning") return "warning";
  if (r.verdict === "unknown" && f.rule === "iam-unknown" && o.unknown === "warn") return "warning";
  return "error";
}

/** format renders workflow-command annotations. */
export function format(report: Report, options: FormatOptions): string {
  const lines: string[] = [];
  for (const r of report.results) {
    for (const f of r.findings) {
      const props = [
        `file=${workflowProperty(f.location.file)}`,
        `line=${f.location.line}`,
        `col=${f.location.column}`,
        `title=${workflowProperty(`vpcgate ${f.rule}: ${r.address}`)}`,
      ].join(",");
      const waived = r.waived !== null && f.rule !== "waiver-expired" ? ` [waived: ${r.waived.reason}]` : "";
      lines.push(`::${command(r, f, options)} ${props}::${workflowData(`${r.address}: ${f.message}${waived}`)}`);
    }
  }
  const failed = exitCode(report, options.unknown) === 1;
  lines.push(`vpcgate ${summaryLine(report, options.unknown, failed)}`);
  return lines.join("\n") + "\n";
}
