/*
 * The options every formatter receives. Formatters are pure: colour is decided by the CLI
 * (TTY, NO_COLOR, FORCE_COLOR) and passed in; the unknown mode changes how unknowns are ranked.
 */

import type { Report, UnknownMode } from "../engine/report.js";

/** FormatOptions configures one formatter call. */
export interface FormatOptions {
  readonly color: boolean;
  readonly unknown: UnknownMode;
  /** quiet: show only results that block or are waived (text). */
  readonly quiet?: boolean;
}

/** Formatter renders a report to text. */
export type Formatter = (report: Report, options: FormatOptions) => string;

/** resultLabel is the display status of a result: waived, or its verdict. */
export function resultLabel(r: Report["results"][number]): "deny" | "allow" | "unknown" | "waived" {
  return r.waived !== null ? "waived" : r.verdict;
}

/** summaryLine is the one-line summary shared by text, github and markdown output. */
export function summaryLine(report: Report, unknown: UnknownMode, failed: boolean): string {
  const s = report.summary;
  const n = report.results.length;
  const unk = unknown === "warn" && s.unknown > 0 ? " (unknown=warn)" : "";
  return `${failed ? "FAIL" : "PASS"}: ${s.deny} deny, ${s.allow} allow, ${s.unknown} unknown${unk}, ${s.waived} waived` +
    ` (${n} function${n === 1 ? "" : "s"} in ${report.inputs.length} input${report.inputs.length === 1 ? "" : "s"})`;
}
