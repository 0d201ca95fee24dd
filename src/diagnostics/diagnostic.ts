/*
 * The one diagnostic shape used by every stage (rego, planner, codegen, inputs, config, cli).
 * Stages return Diagnostic[]; façades throw a single DiagnosticError carrying them.
 * Rendering: `file:line:col: code: message` (1-based), the file alone when no position exists.
 */

import type { SourceFile } from "./source.js";

/** Severity of a diagnostic; only "error" stops a stage. */
export type Severity = "error" | "warning" | "info";

/** Span locates a diagnostic: 1-based line and column; line/column absent when unknown. */
export interface Span {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
}

/** Diagnostic is one problem with a stable snake_case code (see codes.ts). */
export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
}

/** diagnostic builds an error Diagnostic at a span. */
export function diagnostic(code: string, message: string, span: Span, severity: Severity = "error"): Diagnostic {
  return { code, severity, message, span };
}

/** diagnosticAt builds a Diagnostic from a UTF-16 offset range in a SourceFile. */
export function diagnosticAt(
  code: string,
  message: string,
  source: SourceFile,
  start: number,
  end: number = start,
  severity: Severity = "error",
): Diagnostic {
  const s = source.positionAt(start);
  const e = source.positionAt(end);
  return {
    code,
    severity,
    message,
    span: { file: source.path, line: s.line, column: s.column, endLine: e.line, endColumn: e.column },
  };
}

/** renderSpan renders `file:line:col`, `file:line` or `file`. */
export function renderSpan(span: Span): string {
  if (span.line === undefined) return span.file;
  if (span.column === undefined) return `${span.file}:${span.line}`;
  return `${span.file}:${span.line}:${span.column}`;
}

/** renderDiagnostic renders one diagnostic as `file:line:col: code: message`. */
export function renderDiagnostic(d: Diagnostic): string {
  const sev = d.severity === "error" ? "" : `${d.severity}: `;
  return `${renderSpan(d.span)}: ${sev}${d.code}: ${d.message}`;
}

/** renderDiagnostics renders all diagnostics, one per line, plus a count line when there are several errors. */
export function renderDiagnostics(ds: readonly Diagnostic[]): string {
  const lines = ds.map(renderDiagnostic);
  const errors = ds.filter((d) => d.severity === "error").length;
  if (errors > 1) lines.push(`${errors} errors occurred`);
  return lines.join("\n");
}

/** hasErrors reports whether any diagnostic is an error. */
export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === "error");
}

/** DiagnosticError is the one thrown carrier for user-facing problems; anything else thrown is a bug. */
export class DiagnosticError extends Error {
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[]) {
    super(renderDiagnostics(diagnostics));
    this.name = "DiagnosticError";
    this.diagnostics = diagnostics;
  }
}

/** fail throws a DiagnosticError holding a single error diagnostic. */
export function fail(code: string, message: string, span: Span): never {
  throw new DiagnosticError([diagnostic(code, message, span)]);
}

/** assertNever makes a `switch` over a `kind` union exhaustive at compile time. */
export function assertNever(x: never, what = "value"): never {
  throw new Error(`internal: unexpected ${what}: ${JSON.stringify(x)}`);
}
