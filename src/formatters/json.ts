/*
 * The versioned JSON report (version 1, schemas/report.schema.json). Keys are written in a fixed
 * order so output is byte-identical for the same input; internal fields (input, location) are
 * not part of the shape.
 */

import type { Finding, Report, Result } from "../engine/report.js";
import type { FormatOptions } from "./format-options.js";

function finding(f: Finding): unknown {
  return {
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    statements: f.statements.map((s) => ({
      policy: s.policy, kind: s.kind, index: s.index,
      ...(s.sid !== undefined ? { sid: s.sid } : {}),
      effect: s.effect,
      ...(s.status !== undefined ? { status: s.status } : {}),
    })),
    location: { file: f.location.file, line: f.location.line, column: f.location.column },
  };
}

function result(r: Result): unknown {
  return {
    address: r.address,
    type: r.type,
    calls: r.calls,
    verdict: r.verdict,
    findings: r.findings.map(finding),
    context: r.context,
    unknowns: r.unknowns.map((u) => ({ key: u.key, reason: u.reason, resolve: u.resolve })),
    waived: r.waived === null ? null : { reason: r.waived.reason, ...(r.waived.expires !== undefined ? { expires: r.waived.expires } : {}) },
  };
}

/** toJsonReport builds the plain JSON value of the report (also used by tests and the schema check). */
export function toJsonReport(report: Report): unknown {
  return {
    version: report.version,
    tool: { name: report.tool.name, version: report.tool.version },
    inputs: report.inputs.map((i) => ({ path: i.path, kind: i.kind })),
    results: report.results.map(result),
    summary: { deny: report.summary.deny, allow: report.summary.allow, unknown: report.summary.unknown, waived: report.summary.waived },
  };
}

/** format renders the JSON report with two-space indentation and a final newline. */
export function format(report: Report, _options: FormatOptions): string {
  return JSON.stringify(toJsonReport(report), null, 2) + "\n";
}
