/*
 * OPA test-case files (the YAML schema of ../shared/opa-cases/wasm-assets/SCHEMA.md): loading,
 * naming and the exceptions file. Input: a directory of *.yaml/*.json case files. Output: Case[]
 * with a stable `id` ("<dir>/<file> :: <note>") used for reporting and for the exceptions file.
 */

import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { parse as parseYaml } from "yaml";

/** Case is one OPA test case, normalised (legacy return_code mapped to wantDefined). */
export interface Case {
  readonly id: string;
  readonly file: string;
  readonly note: string;
  readonly query: string;
  readonly modules: readonly string[];
  readonly moduleNames: readonly string[];
  readonly data?: unknown;
  readonly input?: unknown;
  readonly inputTerm?: string;
  readonly wantDefined?: boolean;
  readonly wantResult?: readonly Record<string, unknown>[];
  readonly wantError?: string;
  readonly wantErrorCode?: string;
  readonly sortBindings: boolean;
  readonly strictError: boolean;
  readonly skip?: string;
}

function listCaseFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ya?ml|json)$/.test(name) && !/exceptions/.test(name)) out.push(p);
    }
  };
  if (statSync(dir).isDirectory()) walk(dir);
  else out.push(dir);
  return out;
}

/** loadCases reads every case file under `dir` (recursively, in sorted order). */
export function loadCases(dir: string): Case[] {
  const cases: Case[] = [];
  for (const file of listCaseFiles(dir)) {
    const doc = parseYaml(readFileSync(file, "utf8"), { version: "1.1" }) as { cases?: unknown } | null;
    const list = Array.isArray(doc?.cases) ? (doc.cases as Record<string, unknown>[]) : [];
    const rel = relative(dir, file).split(sep).join("/") || file.split(sep).pop() || file;
    const seen = new Map<string, number>();
    const wasmStyle = /wasm-assets|\d{3}_[a-z_]+\.ya?ml$/.test(file);
    for (const c of list) {
      const note0 = String(c["note"] ?? "");
      const n = (seen.get(note0) ?? 0) + 1;
      seen.set(note0, n);
      const note = n > 1 ? `${note0} (${n})` : note0;
      const modules = Array.isArray(c["modules"]) ? (c["modules"] as unknown[]).map(String) : [];
      const rc = c["return_code"] ?? c["retutrn_code"];
      const wantDefined = typeof c["want_defined"] === "boolean" ? (c["want_defined"] as boolean)
        : typeof rc === "number" ? rc === 1 : undefined;
      const kase: Case = {
        id: `${rel} :: ${note}`,
        file,
        note,
        query: String(c["query"] ?? ""),
        modules,
        moduleNames: modules.map((_, i) => (wasmStyle ? `module${i}.rego` : `test-${i}.rego`)),
        sortBindings: c["sort_bindings"] === true,
        strictError: c["strict_error"] === true,
        ...("data" in c && c["data"] !== null ? { data: c["data"] } : {}),
        ...("input" in c ? { input: c["input"] } : {}),
        ...(typeof c["input_term"] === "string" ? { inputTerm: c["input_term"] as string } : {}),
        ...(wantDefined !== undefined ? { wantDefined } : {}),
        ...(Array.isArray(c["want_result"]) ? { wantResult: c["want_result"] as Record<string, unknown>[] } : {}),
        ...(typeof c["want_error"] === "string" ? { wantError: c["want_error"] as string } : {}),
        ...(typeof c["want_error_code"] === "string" ? { wantErrorCode: c["want_error_code"] as string } : {}),
        ...(c["skip"] === true ? { skip: String(c["skip_reason"] ?? "skipped upstream") } : {}),
      };
      cases.push(kase);
    }
  }
  return cases;
}

/** Exceptions maps a case id (or a bare note) to the reason it is expected to fail. */
export type Exceptions = ReadonlyMap<string, string>;

/** loadExceptions reads `id: reason` pairs from a YAML mapping; a missing file is empty. */
export function loadExceptions(path: string): Exceptions {
  let text: string;
  try { text = readFileSync(path, "utf8"); } catch { return new Map(); }
  const doc = parseYaml(text) as Record<string, unknown> | null;
  return new Map(Object.entries(doc ?? {}).map(([k, v]) => [k, String(v)]));
}
