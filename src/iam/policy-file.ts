/*
 * Loading IAM policy files for simulate/check. Input: a file's path and text, and the kind the
 * user gave it (identity, SCP, boundary). Output: IamPolicy[] (Statement always an array, condition
 * values as strings) or iam_policy_error diagnostics at file:line:col. Accepts a standard policy
 * document and the AWS CLI shapes of `get-policy-version` and `get-account-authorization-details`.
 */

import type { Diagnostic, Span } from "../diagnostics/diagnostic.js";
import { diagnostic } from "../diagnostics/diagnostic.js";
import { SourceFile } from "../diagnostics/source.js";
import { isLocateError, parseJsonLocated } from "./json-locate.js";
import type { IamPolicy, PolicyKind } from "./types.js";
import { validatePolicyDocument } from "./policy-validate.js";
import { jsonHazardDiagnostic } from "../inputs/input-guard.js";

/** PolicyFileResult is what one file yields. */
export interface PolicyFileResult {
  readonly policies: IamPolicy[];
  readonly diagnostics: Diagnostic[];
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

/** baseName is the file name without directories and .json. */
function baseName(file: string): string {
  return (file.split(/[\\/]/).pop() ?? file).replace(/\.json$/i, "");
}

/** normalisePolicyDocument makes Statement an array and condition values strings. */
export function normalisePolicyDocument(doc: Record<string, unknown>): Record<string, unknown> {
  const st = doc.Statement;
  const list = Array.isArray(st) ? st : st === undefined ? [] : [st];
  const text = (v: unknown): unknown => (typeof v === "boolean" || typeof v === "number" ? String(v) : v);
  return {
    ...doc,
    Statement: list.map((s) => {
      if (!isObj(s) || !isObj(s.Condition)) return s;
      const cond: Record<string, unknown> = {};
      for (const [op, block] of Object.entries(s.Condition)) {
        cond[op] = isObj(block) ? Object.fromEntries(Object.entries(block).map(([k, v]) => [k, Array.isArray(v) ? v.map(text) : text(v)])) : block;
      }
      return { ...s, Condition: cond };
    }),
  };
}

/** parsePolicyFile parses one policy file of the given kind. */
export function parsePolicyFile(file: string, text: string, kind: PolicyKind): PolicyFileResult {
  const src = new SourceFile(file, text);
  const spanAt = (offset: number): Span => ({ file, ...src.positionAt(offset) });
  // Issue 8: a duplicate key (e.g. two Effects) or an unsafe number means JSON readers disagree.
  const hazard = jsonHazardDiagnostic(text, file);
  if (hazard !== undefined) return { policies: [], diagnostics: [diagnostic("iam_policy_error", hazard.message, hazard.span)] };
  const parsed = parseJsonLocated(text);
  if (isLocateError(parsed)) {
    return { policies: [], diagnostics: [diagnostic("iam_policy_error", `invalid JSON: ${parsed.message}`, spanAt(parsed.offset))] };
  }
  const at = (ptr: string): Span => {
    let p = ptr;
    for (;;) {
      const o = parsed.offsets.get(p);
      if (o !== undefined) return spanAt(o);
      if (p === "") return { file, line: 1, column: 1 };
      p = p.slice(0, p.lastIndexOf("/"));
    }
  };
  const policies: IamPolicy[] = [];
  const diagnostics: Diagnostic[] = [];
  const add = (name: string, doc: unknown, ptr: string): void => {
    let d = doc;
    let pos = at;
    let base = ptr;
    if (typeof doc === "string") {
      // IAM APIs return documents URL-encoded; the CLI usually decodes them.
      let decoded = doc;
      try { decoded = decodeURIComponent(doc); } catch { /* keep as is */ }
      const innerHazard = jsonHazardDiagnostic(decoded, file);
      if (innerHazard !== undefined) { diagnostics.push(diagnostic("iam_policy_error", `policy document ${name}: ${innerHazard.message}`, at(ptr))); return; }
      const inner = parseJsonLocated(decoded);
      if (isLocateError(inner)) { diagnostics.push(diagnostic("iam_policy_error", `policy document ${name} is not JSON: ${inner.message}`, at(ptr))); return; }
      d = inner.value;
      pos = () => at(ptr);
      base = "";
    }
    const ds = validatePolicyDocument(d, pos, base);
    diagnostics.push(...ds);
    if (ds.length === 0 && isObj(d)) policies.push({ name, kind, document: normalisePolicyDocument(d), file });
  };
  const v = parsed.value;
  if (isObj(v) && isObj(v.PolicyVersion)) {
    add(baseName(file), v.PolicyVersion.Document, "/PolicyVersion/Document");
  } else if (isObj(v) && ["UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"].some((k) => Array.isArray(v[k]))) {
    authorizationDetails(v, add);
  } else {
    add(baseName(file), v, "");
  }
  return { policies, diagnostics };
}

function authorizationDetails(v: Record<string, unknown>, add: (name: string, doc: unknown, ptr: string) => void): void {
  const lists: [string, string, string][] = [["UserDetailList", "UserName", "UserPolicyList"], ["GroupDetailList", "GroupName", "GroupPolicyList"], ["RoleDetailList", "RoleName", "RolePolicyList"]];
  for (const [list, nameKey, inline] of lists) {
    const xs = v[list];
    if (!Array.isArray(xs)) continue;
    xs.forEach((p, i) => {
      if (!isObj(p) || !Array.isArray(p[inline])) return;
      (p[inline] as unknown[]).forEach((ip, j) => {
        if (isObj(ip)) add(`${String(p[nameKey])}/${String(ip.PolicyName)}`, ip.PolicyDocument, `/${list}/${i}/${inline}/${j}/PolicyDocument`);
      });
    });
  }
  const pols = v.Policies;
  if (!Array.isArray(pols)) return;
  pols.forEach((p, i) => {
    if (!isObj(p) || !Array.isArray(p.PolicyVersionList)) return;
    (p.PolicyVersionList as unknown[]).forEach((pv, j) => {
      if (isObj(pv) && pv.IsDefaultVersion === true) add(String(p.PolicyName), pv.Document, `/Policies/${i}/PolicyVersionList/${j}/Document`);
    });
  });
}
