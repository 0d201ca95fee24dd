/*
 * The requests file of `vpcgate simulate`: a JSON array, or JSON lines, of
 * {action, resource, context[, notes]} where context maps a key to a string, a list of strings,
 * or an unknown marker (docs/unknowns.md). Input: path and text. Output: Request[] or
 * input_parse_error / input_schema_error diagnostics at file:line:col.
 */

import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnostic } from "../diagnostics/diagnostic.js";
import { SourceFile } from "../diagnostics/source.js";
import { isLocateError, parseJsonLocated } from "./json-locate.js";
import type { Located } from "./json-locate.js";
import type { Request } from "./types.js";

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

/** scalarProblem describes why x is not a valid scalar value (string or marker), or undefined. */
export function scalarProblem(x: unknown, inParts = false): string | undefined {
  if (typeof x === "string") return /[\u0000-\u0008\u000e-\u001f]/.test(x) ? "control characters are not allowed" : undefined;
  if (!isObj(x)) return "expected a string or a marker object";
  const keys = Object.keys(x);
  if (typeof x.$unknown === "string" && keys.length === 1) return undefined;
  if (typeof x.$fresh === "string" && keys.every((k) => k === "$fresh" || (k === "note" && typeof x.note === "string"))) return scalarProblem(x.$fresh);
  if (!inParts && Array.isArray(x.$parts) && keys.length === 1) {
    for (const p of x.$parts) {
      const pr = scalarProblem(p, true);
      if (pr !== undefined) return `in $parts: ${pr}`;
      if (isObj(p) && "$parts" in p) return "$parts cannot nest";
    }
    return undefined;
  }
  return 'a marker is {"$unknown": note}, {"$fresh": prefix} or {"$parts": [...]}';
}

/** parseRequestsFile parses a requests file (JSON array or JSON lines). */
export function parseRequestsFile(file: string, text: string): { requests: Request[]; diagnostics: Diagnostic[] } {
  const src = new SourceFile(file, text);
  const diagnostics: Diagnostic[] = [];
  const requests: Request[] = [];
  const docs: { located: Located; start: number }[] = [];
  const trimmed = text.trimStart();
  if (trimmed.startsWith("[")) {
    const r = parseJsonLocated(text);
    if (isLocateError(r)) return { requests, diagnostics: [diagnostic("input_parse_error", `invalid JSON: ${r.message}`, { file, ...src.positionAt(r.offset) })] };
    const arr = r.value as unknown[];
    arr.forEach((_, i) => docs.push({ located: { value: arr[i], offsets: new Map([...r.offsets].filter(([k]) => k === `/${i}` || k.startsWith(`/${i}/`)).map(([k, o]) => [k.slice(`/${i}`.length), o])) }, start: 0 }));
  } else {
    let pos = 0;
    for (const line of text.split("\n")) {
      const end = pos + line.length;
      if (line.trim() !== "") {
        const r = parseJsonLocated(text, pos, end);
        if (isLocateError(r)) diagnostics.push(diagnostic("input_parse_error", `invalid JSON line: ${r.message}`, { file, ...src.positionAt(r.offset) }));
        else docs.push({ located: r, start: pos });
      }
      pos = end + 1;
    }
  }
  for (const { located } of docs) {
    const at = (ptr: string) => ({ file, ...src.positionAt(located.offsets.get(ptr) ?? located.offsets.get("") ?? 0) });
    const bad = (ptr: string, msg: string): void => { diagnostics.push(diagnostic("input_schema_error", msg, at(ptr))); };
    const v = located.value;
    if (!isObj(v)) { bad("", "a request must be an object {action, resource, context}"); continue; }
    for (const k of Object.keys(v)) if (!["action", "resource", "context", "notes"].includes(k)) bad(`/${k}`, `unknown request member "${k}"`);
    if (typeof v.action !== "string" || !/^[A-Za-z0-9-]+:[A-Za-z0-9]+$/.test(v.action)) { bad("/action", "action must be service:Action"); continue; }
    const rp = scalarProblem(v.resource);
    if (rp !== undefined) { bad("/resource", `resource: ${rp}`); continue; }
    const ctx = v.context ?? {};
    if (!isObj(ctx)) { bad("/context", "context must map keys to values"); continue; }
    const seen = new Map<string, string>();
    let ok = true;
    for (const [k, val] of Object.entries(ctx)) {
      const kp = `/context/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      const prev = seen.get(k.toLowerCase());
      if (prev !== undefined) { bad(kp, `context key "${k}" repeats "${prev}" (keys are case-insensitive)`); ok = false; }
      seen.set(k.toLowerCase(), k);
      const vals = Array.isArray(val) ? val : [val];
      for (const x of vals) {
        const p = isObj(x) && typeof x.$unknown === "string" && !Array.isArray(val) ? undefined : scalarProblem(x);
        if (p !== undefined) { bad(kp, `${k}: ${p}`); ok = false; break; }
      }
    }
    if (v.notes !== undefined && !(Array.isArray(v.notes) && v.notes.every((n) => typeof n === "string"))) { bad("/notes", "notes must be a list of strings"); ok = false; }
    if (ok) requests.push(v as unknown as Request);
  }
  return { requests, diagnostics };
}
