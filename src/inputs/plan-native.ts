/*
 * Native-speed reader for small plans (issue 7). In a fresh process the byte-level readers
 * (plan-scan.ts, and input-guard.ts's hazard scan) run before V8 has optimised them: ~200 ms for
 * a 1 MB plan against ~15 ms for JSON.parse. For files up to NATIVE_MAX_BYTES this reader uses only
 * native work (strict TextDecoder, JSON.parse, one global regex over the text) plus a walk of the
 * parsed tree, and proves that JSON.parse lost nothing the hazard scan looks for:
 *   - duplicate keys: one global regex finds every string of the text (and the risky numbers
 *     below); a string followed by `:` is a key. The walk counts the own keys of every parsed
 *     object. Equal counts ⇔ JSON.parse dropped no key.
 *   - numbers: outside strings, no number of 16 or more characters (so no integer beyond 2^53) and
 *     no exponent of 3 or more digits (so nothing overflows);
 *   - strings: no `\u` escape of a surrogate anywhere (so no lone surrogate);
 *   - nesting: the walk's depth stays within MAX_JSON_DEPTH.
 * When the proof holds, the document is checked like any other (plan-json.ts checkParsedPlan). When
 * anything fails or is merely unusual, it returns undefined and the usual readers run, so every
 * diagnostic and its position come from them: this reader only ever accepts, never refuses.
 * Input: the file's bytes and display path. Output: a Plan, or undefined.
 */

import { MAX_JSON_DEPTH } from "./input-guard.js";
import { checkParsedPlan, isZipMagic } from "./plan-json.js";
import type { Plan } from "./plan-types.js";

/** NATIVE_MAX_BYTES bounds this reader: above it the parse tree's memory matters and plan-scan.ts reads. */
export const NATIVE_MAX_BYTES = 8 * 1024 * 1024;

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * A JSON string, or (outside strings) a number of 16+ characters (maybe an integer beyond 2^53) or
 * an exponent of 3+ digits (maybe infinite). In valid JSON text no quote lies between two strings,
 * so scanning from the end of one match always meets the next string at its opening quote.
 */
const TOKEN = /"[^"\\]*(?:\\.[^"\\]*)*"|[0-9][0-9.eE+-]{15}|[eE][+-]?[0-9]{3}/g;
/** A `\u` escape of a UTF-16 surrogate (paired or not: the usual readers decide). */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

/** keyTokens returns how many keys the text holds (strings followed by `:`), or -1 when a token is risky. */
function keyTokens(text: string): number {
  if (text.includes("\\u") && SURROGATE_ESCAPE.test(text)) return -1;
  let keys = 0;
  TOKEN.lastIndex = 0;
  try {
    for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
      if (m[0].charCodeAt(0) !== 0x22) return -1;
      let j = TOKEN.lastIndex;
      for (let c = text.charCodeAt(j); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = text.charCodeAt(++j));
      if (text.charCodeAt(j) === 0x3a) keys++;
    }
  } catch {
    return -1; // a regex resource limit on a pathological string: let the usual readers decide
  }
  return keys;
}

/** treeKeys counts the own keys of every object in the parsed value; -1 when nesting exceeds the limit. */
function treeKeys(root: unknown): number {
  let keys = 0;
  const stack: unknown[] = [root];
  const depths: number[] = [1];
  while (stack.length > 0) {
    const v = stack.pop();
    const d = depths.pop() ?? 1;
    if (typeof v !== "object" || v === null) continue;
    if (d > MAX_JSON_DEPTH) return -1;
    if (Array.isArray(v)) {
      for (const x of v) if (typeof x === "object" && x !== null) { stack.push(x); depths.push(d + 1); }
      continue;
    }
    for (const k in v) {
      keys++;
      const x = (v as Record<string, unknown>)[k];
      if (typeof x === "object" && x !== null) { stack.push(x); depths.push(d + 1); }
    }
  }
  return keys;
}

/** readPlanNative reads a small, clean plan at native speed; undefined means "use the usual readers". */
export function readPlanNative(bytes: Uint8Array, path: string): Plan | undefined {
  // A byte order mark survives the decoder (ignoreBOM) and JSON.parse refuses it, so it declines too.
  if (bytes.length === 0 || bytes.length > NATIVE_MAX_BYTES || isZipMagic(bytes)) return undefined;
  let text: string;
  let doc: unknown;
  try {
    text = strict.decode(bytes);
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  const keys = keyTokens(text);
  if (keys < 0 || treeKeys(doc) !== keys) return undefined;
  const r = checkParsedPlan(text, doc, path);
  return r.plan !== undefined && r.diagnostics.length === 0 ? r.plan : undefined;
}
