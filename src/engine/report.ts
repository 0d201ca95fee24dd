/*
 * The report: what `vpcgate check` produces and every formatter consumes (JSON shape version 1,
 * documented by schemas/report.schema.json). Input: per-function results built by engine/check.ts.
 * Output: a sorted, summarised Report and the exit code it implies. Formatters never sort.
 */

import type { ContextValue, StatementRef } from "../iam/types.js";
import type { Location, UnknownNote } from "../lambda/model.js";

/** REPORT_VERSION is the version of the JSON report shape. */
export const REPORT_VERSION = 1;

/** Verdict is the outcome for one function instance. */
export type Verdict = "deny" | "allow" | "unknown";

/** FindingSeverity: an error blocks (unless waived); a warning is reported only. */
export type FindingSeverity = "error" | "warning";

/** Finding is one reason behind a verdict: an IAM decision, a custom rule, an expired waiver. */
export interface Finding {
  readonly rule: string;
  readonly severity: FindingSeverity;
  readonly message: string;
  /** statements are the IAM statements that decided (empty for custom rules). */
  readonly statements: readonly StatementRef[];
  readonly location: Location;
}

/** Waived records the waiver that covers a result. */
export interface Waived {
  readonly reason: string;
  /** expires is an ISO date (YYYY-MM-DD); absent when the waiver never expires. */
  readonly expires?: string;
}

/** Result is one aws_lambda_function instance and its verdict. */
export interface Result {
  readonly address: string;
  readonly type: "aws_lambda_function";
  /** input is the path of the input the function came from (used for grouping, not serialised twice). */
  readonly input: string;
  readonly calls: readonly string[];
  readonly verdict: Verdict;
  readonly findings: readonly Finding[];
  /** context is the request context of the call that decided the verdict ({} when no call carries VPC keys). */
  readonly context: Readonly<Record<string, ContextValue>>;
  readonly unknowns: readonly UnknownNote[];
  readonly waived: Waived | null;
  /** location is where the function is defined (a .tf line when known, else the input file). */
  readonly location: Location;
}

/** InputRef names one input of the run. */
export interface InputRef {
  readonly path: string;
  readonly kind: "plan" | "hcl";
}

/** Summary counts results by verdict; waived results count under `waived` only. */
export interface Summary {
  readonly deny: number;
  readonly allow: number;
  readonly unknown: number;
  readonly waived: number;
}

/** Report is the whole outcome of one run. */
export interface Report {
  readonly version: typeof REPORT_VERSION;
  readonly tool: { readonly name: "vpcgate"; readonly version: string };
  readonly inputs: readonly InputRef[];
  readonly results: readonly Result[];
  readonly summary: Summary;
}

/** UnknownMode says whether an unknown verdict fails the gate. */
export type UnknownMode = "fail" | "warn";

/** compareStrings orders strings by UTF-16 code units, independent of locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** compareFindings orders findings by file, line, column, rule, message. */
export function compareFindings(a: Finding, b: Finding): number {
  return compareStrings(a.location.file, b.location.file)
    || a.location.line - b.location.line
    || a.location.column - b.location.column
    || compareStrings(a.rule, b.rule)
    || compareStrings(a.message, b.message);
}

/** compareResults orders results by input path, then address. */
export function compareResults(a: Result, b: Result): number {
  return compareStrings(a.input, b.input) || compareStrings(a.address, b.address);
}

/** summarize counts verdicts; a waived result counts only as waived. */
export function summarize(results: readonly Result[]): Summary {
  let deny = 0, allow = 0, unknown = 0, waived = 0;
  for (const r of results) {
    if (r.waived !== null) { waived++; continue; }
    if (r.verdict === "deny") deny++;
    else if (r.verdict === "allow") allow++;
    else unknown++;
  }
  return { deny, allow, unknown, waived };
}

/** buildReport sorts inputs, results and findings deterministically and summarises them. */
export function buildReport(args: {
  version: string;
  inputs: readonly InputRef[];
  results: readonly Result[];
}): Report {
  const inputs = [...args.inputs].sort((a, b) => compareStrings(a.path, b.path));
  const results = args.results
    .map((r) => ({ ...r, findings: [...r.findings].sort(compareFindings), calls: [...r.calls] }))
    .sort(compareResults);
  return {
    version: REPORT_VERSION,
    tool: { name: "vpcgate", version: args.version },
    inputs,
    results,
    summary: summarize(results),
  };
}

/** blocks reports whether one result fails the gate under the unknown mode. */
export function blocks(r: Result, unknown: UnknownMode): boolean {
  if (r.findings.some((f) => f.rule === WAIVER_EXPIRED_RULE)) return true;
  if (r.waived !== null) return false;
  if (r.verdict === "deny") return true;
  if (r.verdict === "unknown") return unknown === "fail";
  return false;
}

/** WAIVER_EXPIRED_RULE is the rule id of the finding an expired waiver produces. */
export const WAIVER_EXPIRED_RULE = "waiver-expired";

/** exitCode is 1 when any result blocks (deny; unknown unless warn; expired waiver), else 0. */
export function exitCode(report: Report, unknown: UnknownMode): 0 | 1 {
  return report.results.some((r) => blocks(r, unknown)) ? 1 : 0;
}
