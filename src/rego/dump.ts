/*
 * Deterministic text dumps of front-end stages for `vpcgate inspect` and golden tests.
 * Input: tokens or AST nodes. Output: one token per line (`line:col kind text`) or stable
 * pretty JSON of the AST (SourceFile references are replaced by the file path).
 */

import type { SourceFile } from "../diagnostics/source.js";
import type { Token } from "./tokens.js";

/** dumpTokens renders tokens one per line: `line:col Kind text` (EOF included). */
export function dumpTokens(source: SourceFile, tokens: readonly Token[]): string {
  return tokens.map((t) => {
    const p = source.positionAt(t.start);
    const shown = t.kind === "String" || t.kind === "RawString" ? JSON.stringify(t.value ?? "") : t.text;
    return `${p.line}:${p.column} ${t.kind}${shown === "" || shown === t.kind ? "" : " " + shown}`;
  }).join("\n") + "\n";
}

/** dumpJson renders any AST/Program value as stable JSON: SourceFiles become paths, Maps objects. */
export function dumpJson(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => {
    if (key === "source" && typeof v === "object" && v !== null && "path" in v) return (v as { path: string }).path;
    if (v instanceof Map) return Object.fromEntries([...v.entries()].sort(([a], [b]) => (String(a) < String(b) ? -1 : 1)));
    return v;
  }, 2) + "\n";
}
