/*
 * Real IAM policy documents given with --iam-policy / --scp / --boundary (a JSON file or a
 * directory of them). Input: paths and the policy kind. Output: IamPolicy[] with Statement always
 * an array, named after the file; malformed documents become iam_policy_error at file:line:col.
 */

import { readdir, readFile, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { DiagnosticError, diagnostic } from "../diagnostics/diagnostic.js";
import { SourceFile } from "../diagnostics/source.js";
import type { IamPolicy, PolicyKind } from "../iam/types.js";

/** parseIamPolicy parses one policy document; returns the policy or diagnostics. */
export function parseIamPolicy(file: string, text: string, kind: PolicyKind): IamPolicy | Diagnostic[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const m = /position (\d+)/.exec(msg);
    const pos = m ? new SourceFile(file, text).positionAt(Number(m[1])) : undefined;
    return [diagnostic("iam_policy_error", `invalid JSON: ${msg}`, pos ? { file, line: pos.line, column: pos.column } : { file })];
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    return [diagnostic("iam_policy_error", "a policy document must be a JSON object with a Statement", { file, line: 1, column: 1 })];
  }
  const d = doc as Record<string, unknown>;
  const st = d.Statement;
  if (st === undefined || st === null || typeof st !== "object") {
    return [diagnostic("iam_policy_error", "the policy has no Statement (object or array)", { file, line: 1, column: 1 })];
  }
  const statements = Array.isArray(st) ? st : [st];
  return { name: basename(file).replace(/\.json$/i, ""), kind, document: { ...d, Statement: statements }, file };
}

async function filesOf(path: string): Promise<string[]> {
  let s;
  try { s = await stat(path); } catch {
    throw new DiagnosticError([diagnostic("input_read_error", "no such file or directory", { file: path })]);
  }
  if (!s.isDirectory()) return [path];
  const names = (await readdir(path)).filter((n) => n.toLowerCase().endsWith(".json")).sort();
  return names.map((n) => join(path, n));
}

/** loadIamPolicies reads every policy of the given kind from files or directories. */
export async function loadIamPolicies(paths: readonly string[], kind: PolicyKind): Promise<IamPolicy[]> {
  const out: IamPolicy[] = [];
  const errs: Diagnostic[] = [];
  for (const p of paths) {
    for (const f of await filesOf(p)) {
      const r = parseIamPolicy(f, await readFile(f, "utf8"), kind);
      if (Array.isArray(r)) errs.push(...r); else out.push(r);
    }
  }
  if (errs.length > 0) throw new DiagnosticError(errs);
  return out;
}
