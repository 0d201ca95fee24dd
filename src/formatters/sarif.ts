/*
 * SARIF 2.1.0 (validated in tests against the official schema) for GitHub code scanning.
 * One SARIF result per finding; locations are .tf files when known, else the input file.
 * Waived results carry an accepted external suppression. Deterministic: no timestamps, no absolute URIs.
 */

import { createHash } from "node:crypto";
import type { Finding, Report, Result } from "../engine/report.js";
import type { FormatOptions } from "./format-options.js";
import { ruleHelp } from "./rule-help.js";

const INFO_URI = "https://github.com/vpcgate/vpcgate";

/** toUri turns a report path into a relative URI with forward slashes and %-escaped specials. */
export function toUri(path: string): string {
  return path.replace(/\\/g, "/").split("/").map((seg) => encodeURIComponent(seg)).join("/");
}

function level(r: Result, f: Finding, o: FormatOptions): "error" | "warning" | "note" {
  if (f.severity === "warning") return "warning";
  if (r.verdict === "unknown" && f.rule === "iam-unknown" && o.unknown === "warn") return "warning";
  return "error";
}

function fingerprint(r: Result, f: Finding): string {
  return createHash("sha256").update(`${f.rule}\u0000${r.address}\u0000${f.message}`).digest("hex").slice(0, 32);
}

/** toSarif builds the SARIF log object. */
export function toSarif(report: Report, o: FormatOptions): unknown {
  const ruleIds = [...new Set(report.results.flatMap((r) => r.findings.map((f) => f.rule)))].sort();
  const rules = ruleIds.map((id) => {
    const h = ruleHelp(id);
    return {
      id,
      name: h.name,
      shortDescription: { text: h.short },
      fullDescription: { text: h.full },
      help: { text: h.help, markdown: h.help },
      helpUri: `${INFO_URI}/blob/main/docs/cli.md#rule-${id}`,
      defaultConfiguration: { level: id === "iam-unknown" && o.unknown === "warn" ? "warning" : "error" },
      properties: { tags: ["security", "iam", "lambda", "terraform"], precision: "high" },
    };
  });
  const results = report.results.flatMap((r) => r.findings.map((f) => ({
    ruleId: f.rule,
    ruleIndex: ruleIds.indexOf(f.rule),
    level: level(r, f, o),
    message: { text: `${r.address}: ${f.message}` },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: toUri(f.location.file), uriBaseId: "%SRCROOT%" },
        region: { startLine: f.location.line, startColumn: f.location.column },
      },
      logicalLocations: [{ fullyQualifiedName: r.address, kind: "resource" }],
    }],
    partialFingerprints: { "vpcgate/v1": fingerprint(r, f) },
    ...(r.waived !== null ? { suppressions: [{ kind: "external", status: "accepted", justification: r.waived.reason }] } : {}),
    properties: { verdict: r.verdict, calls: r.calls },
  })));
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [{
      tool: { driver: { name: "vpcgate", version: report.tool.version, semanticVersion: report.tool.version, informationUri: INFO_URI, rules } },
      columnKind: "utf16CodeUnits",
      results,
      properties: { summary: report.summary },
    }],
  };
}

/** format renders SARIF JSON. */
export function format(report: Report, options: FormatOptions): string {
  return JSON.stringify(toSarif(report, options), null, 2) + "\n";
}
