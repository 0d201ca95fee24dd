/*
 * JUnit XML: one <testsuite> per input and one <testcase> per function instance. Deny (and
 * unknown under --unknown=fail) is a <failure>; waived is <skipped>; no timing attributes, so the
 * output is deterministic.
 */

import { renderSpan } from "../diagnostics/diagnostic.js";
import type { Report, Result } from "../engine/report.js";
import { blocks } from "../engine/report.js";
import { xmlEscape, xmlText } from "./escape.js";
import type { FormatOptions } from "./format-options.js";

function testcase(r: Result, o: FormatOptions): string {
  const attrs = `name="${xmlEscape(r.address)}" classname="${xmlEscape(r.input)}" file="${xmlEscape(r.location.file)}" line="${r.location.line}"`;
  const detail = [
    `${r.address} (${renderSpan(r.location)})`,
    `verdict: ${r.verdict}`,
    `calls: ${r.calls.length > 0 ? r.calls.join(", ") : "(none)"}`,
    ...r.findings.map((f) => `${f.severity === "warning" ? "warning " : ""}${f.rule}: ${f.message}`),
  ].join("\n");
  if (r.waived !== null && !blocks(r, o.unknown)) {
    return `    <testcase ${attrs}>\n      <skipped message="${xmlEscape(`waived: ${r.waived.reason}`)}"/>\n    </testcase>`;
  }
  if (blocks(r, o.unknown)) {
    const first = r.findings.find((f) => f.severity === "error");
    const msg = first ? `${first.rule}: ${first.message}` : r.verdict;
    return `    <testcase ${attrs}>\n      <failure message="${xmlEscape(msg)}" type="${r.verdict}">${xmlText(detail)}</failure>\n    </testcase>`;
  }
  if (r.findings.length > 0) {
    return `    <testcase ${attrs}>\n      <system-out>${xmlText(detail)}</system-out>\n    </testcase>`;
  }
  return `    <testcase ${attrs}/>`;
}

/** format renders JUnit XML. */
export function format(report: Report, options: FormatOptions): string {
  const suites: string[] = [];
  let tests = 0, failures = 0, skipped = 0;
  for (const input of report.inputs) {
    const rs = report.results.filter((r) => r.input === input.path);
    const f = rs.filter((r) => blocks(r, options.unknown)).length;
    const s = rs.filter((r) => r.waived !== null && !blocks(r, options.unknown)).length;
    tests += rs.length; failures += f; skipped += s;
    const cases = rs.map((r) => testcase(r, options));
    suites.push(`  <testsuite name="${xmlEscape(input.path)}" tests="${rs.length}" failures="${f}" errors="0" skipped="${s}">` +
      (cases.length > 0 ? `\n${cases.join("\n")}\n  </testsuite>` : `</testsuite>`));
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="vpcgate" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}">\n` +
    (suites.length > 0 ? suites.join("\n") + "\n" : "") +
    `</testsuites>\n`;
}
