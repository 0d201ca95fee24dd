/*
 * Validation of one IAM policy document (standard JSON). Input: the parsed document and a
 * function mapping a JSON pointer to a Span. Output: iam_policy_error diagnostics for a wrong
 * Version, bad Effect, missing Action, bad ARN, unknown operator, malformed values, and so on.
 */

import type { Diagnostic, Span } from "../diagnostics/diagnostic.js";
import { diagnostic } from "../diagnostics/diagnostic.js";
import { parseOperator } from "./operators.js";

type At = (pointer: string) => Span;

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const esc = (k: string): string => k.replace(/~/g, "~0").replace(/\//g, "~1");

const NUM = /^[+-]?[0-9]+(\.[0-9]+)?$/;
const DATE = /^([0-9]+|[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2}))$/;
const IP = /^([0-9]{1,3}(\.[0-9]{1,3}){3}|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*)(\/[0-9]{1,3})?$/;

/** validatePolicyDocument checks one document; `base` is the JSON pointer of the document. */
export function validatePolicyDocument(doc: unknown, at: At, base = ""): Diagnostic[] {
  const out: Diagnostic[] = [];
  const bad = (ptr: string, msg: string): void => { out.push(diagnostic("iam_policy_error", msg, at(ptr))); };
  if (!isObj(doc)) { bad(base, "a policy document must be a JSON object"); return out; }
  if (doc.Version !== undefined && doc.Version !== "2012-10-17" && doc.Version !== "2008-10-17") {
    bad(`${base}/Version`, `wrong Version ${JSON.stringify(doc.Version)}: use "2012-10-17"`);
  }
  for (const k of Object.keys(doc)) {
    if (!["Version", "Id", "Statement"].includes(k)) bad(`${base}/${esc(k)}`, `unknown policy element "${k}"`);
  }
  const st = doc.Statement;
  if (st === undefined) { bad(base, "the policy has no Statement"); return out; }
  const list = Array.isArray(st) ? st : [st];
  list.forEach((s, i) => {
    const p = Array.isArray(st) ? `${base}/Statement/${i}` : `${base}/Statement`;
    if (!isObj(s)) { bad(p, "a statement must be a JSON object"); return; }
    validateStatement(s, p, bad);
  });
  return out;
}

function strings(v: unknown): v is string | string[] {
  return typeof v === "string" || (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "string"));
}

function validateStatement(s: Record<string, unknown>, p: string, bad: (ptr: string, msg: string) => void): void {
  for (const k of Object.keys(s)) {
    if (k === "Principal" || k === "NotPrincipal") bad(`${p}/${k}`, `${k} is not allowed in identity policies, SCPs or permissions boundaries`);
    else if (!["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition"].includes(k)) bad(`${p}/${esc(k)}`, `unknown statement element "${k}"`);
  }
  if (s.Sid !== undefined && typeof s.Sid !== "string") bad(`${p}/Sid`, "Sid must be a string");
  if (s.Effect !== "Allow" && s.Effect !== "Deny") bad(s.Effect === undefined ? p : `${p}/Effect`, `bad Effect ${JSON.stringify(s.Effect)}: must be "Allow" or "Deny"`);
  if ((s.Action === undefined) === (s.NotAction === undefined)) bad(p, "a statement needs exactly one of Action or NotAction");
  for (const k of ["Action", "NotAction"]) {
    const v = s[k];
    if (v === undefined) continue;
    if (!strings(v)) { bad(`${p}/${k}`, `${k} must be a string or a non-empty list of strings`); continue; }
    (Array.isArray(v) ? v : [v]).forEach((a, i) => {
      if (a !== "*" && !/^[A-Za-z0-9*?-]+:[A-Za-z0-9*?]+$/.test(a)) bad(Array.isArray(v) ? `${p}/${k}/${i}` : `${p}/${k}`, `bad action "${a}": use service:Action`);
    });
  }
  if (s.Resource !== undefined && s.NotResource !== undefined) bad(p, "a statement cannot have both Resource and NotResource");
  for (const k of ["Resource", "NotResource"]) {
    const v = s[k];
    if (v === undefined) continue;
    if (!strings(v)) { bad(`${p}/${k}`, `${k} must be a string or a non-empty list of strings`); continue; }
    (Array.isArray(v) ? v : [v]).forEach((r, i) => {
      if (r !== "*" && (!r.startsWith("arn:") || r.split(":").length < 6)) bad(Array.isArray(v) ? `${p}/${k}/${i}` : `${p}/${k}`, `bad ARN "${r}": expected arn:partition:service:region:account:resource or "*"`);
    });
  }
  if (s.Condition !== undefined) validateCondition(s.Condition, `${p}/Condition`, bad);
}

function validateCondition(c: unknown, p: string, bad: (ptr: string, msg: string) => void): void {
  if (!isObj(c)) { bad(p, "Condition must be an object of operator → {key: values}"); return; }
  for (const [opName, block] of Object.entries(c)) {
    const op = parseOperator(opName);
    const pp = `${p}/${esc(opName)}`;
    if (op === undefined) { bad(pp, `unknown condition operator "${opName}"`); continue; }
    if (!isObj(block)) { bad(pp, `${opName} must map condition keys to values`); continue; }
    for (const [key, raw] of Object.entries(block)) {
      const kp = `${pp}/${esc(key)}`;
      const vals = Array.isArray(raw) ? raw : [raw];
      if (vals.length === 0) { bad(kp, `no values for ${key}`); continue; }
      vals.forEach((v, i) => {
        const vp = Array.isArray(raw) ? `${kp}/${i}` : kp;
        if (typeof v !== "string" && typeof v !== "boolean" && typeof v !== "number") { bad(vp, "condition values must be strings"); return; }
        const t = String(v);
        switch (op.family) {
          case "Null": if (t !== "true" && t !== "false") bad(vp, `Null takes "true" or "false", not ${JSON.stringify(v)}`); break;
          case "Bool": if (t.toLowerCase() !== "true" && t.toLowerCase() !== "false") bad(vp, `Bool takes "true" or "false", not ${JSON.stringify(v)}`); break;
          case "Numeric": if (!NUM.test(t)) bad(vp, `"${t}" is not a number`); break;
          case "Date": if (!DATE.test(t)) bad(vp, `"${t}" is not a date (ISO 8601 or epoch seconds)`); break;
          case "Ip": if (!IP.test(t)) bad(vp, `"${t}" is not an IP address or CIDR`); break;
          case "Arn": if (t !== "*" && t.split(":").length < 6) bad(vp, `bad ARN "${t}": expected six colon-separated components`); break;
          case "String": case "Binary": break;
        }
      });
    }
  }
}
