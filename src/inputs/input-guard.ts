/*
 * Hostile-input guards for JSON inputs (issue 8). Input: the raw bytes of a file, then its text.
 * Output: the strictly decoded text, or one located Diagnostic for what JSON.parse would accept
 * or hide: a size over MAX_INPUT_BYTES, invalid UTF-8, a byte order mark, nesting deeper than
 * MAX_JSON_DEPTH, a duplicate key anywhere, an integer beyond 2^53, a number that overflows, a
 * lone surrogate escape. The JSON scan is iterative (no recursion), one pass, no allocation per value.
 */

import { diagnostic } from "../diagnostics/diagnostic.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { SourceFile } from "../diagnostics/source.js";

/** MAX_INPUT_BYTES is the largest input file vpcgate reads (128 MiB; documented in docs/reliability.md). */
export const MAX_INPUT_BYTES = 128 * 1024 * 1024;

/** MAX_JSON_DEPTH is the deepest nesting of arrays and objects vpcgate accepts in a JSON input. */
export const MAX_JSON_DEPTH = 1000;

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder("utf-8", { ignoreBOM: true });

/** tooLarge is the diagnostic for a file over MAX_INPUT_BYTES. */
export function tooLarge(file: string, size: number): Diagnostic {
  return diagnostic("input_too_large", `the input is ${size} bytes; vpcgate reads at most ${MAX_INPUT_BYTES} bytes (${MAX_INPUT_BYTES / 1048576} MiB) per file`, { file });
}

/** firstInvalidUtf8 returns the offset of the first byte that does not belong to valid UTF-8. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] ?? 0;
    if (c < 0x80) { i++; continue; }
    let n = 0;
    let min = 0;
    if (c >= 0xc2 && c <= 0xdf) { n = 1; min = 0x80; } else if (c >= 0xe0 && c <= 0xef) { n = 2; min = 0x800; } else if (c >= 0xf0 && c <= 0xf4) { n = 3; min = 0x10000; } else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

/** decodeInput decodes the bytes of a text input strictly: size, BOMs and UTF-8 validity. */
export function decodeInput(bytes: Uint8Array, file: string): { text: string } | { problem: Diagnostic } {
  if (bytes.length > MAX_INPUT_BYTES) return { problem: tooLarge(file, bytes.length) };
  const at1 = { file, line: 1, column: 1 };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { problem: diagnostic("input_parse_error", "the file is UTF-16 (it starts with a UTF-16 byte order mark); vpcgate reads UTF-8 JSON: save it as UTF-8 without a byte order mark", at1) };
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { problem: diagnostic("input_parse_error", "the file starts with a UTF-8 byte order mark, which JSON text must not have (RFC 8259 §8.1); save it without the mark", at1) };
  }
  try {
    return { text: strict.decode(bytes) };
  } catch {
    const bad = Math.max(0, firstInvalidUtf8(bytes));
    const prefix = lenient.decode(bytes.subarray(0, bad));
    const p = new SourceFile(file, prefix).positionAt(prefix.length);
    return { problem: diagnostic("input_parse_error", `invalid UTF-8 (byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, "0")} at byte offset ${bad})`, { file, line: p.line, column: p.column }) };
  }
}

/** JsonHazard is the first problem scanJsonHazards found: its UTF-16 offset and a message. */
export interface JsonHazard {
  readonly offset: number;
  readonly message: string;
}

const isHex = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

/**
 * scanJsonHazards scans JSON text that JSON.parse accepted and returns the first hazard, or
 * undefined. It never throws and never recurses, whatever the input.
 */
export function scanJsonHazards(t: string, maxDepth: number = MAX_JSON_DEPTH): JsonHazard | undefined {
  // Per open container: a key set for objects, undefined for arrays.
  const stack: (Set<string> | undefined)[] = [];
  let expectKey = false;
  let i = 0;
  const n = t.length;
  while (i < n) {
    const c = t.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) {
      stack.push(c === 0x7b ? new Set<string>() : undefined);
      if (stack.length > maxDepth) return { offset: i, message: `JSON nested deeper than ${maxDepth} levels` };
      expectKey = c === 0x7b;
      i++;
      continue;
    }
    if (c === 0x7d || c === 0x5d) { stack.pop(); expectKey = false; i++; continue; }
    if (c === 0x2c) { expectKey = stack[stack.length - 1] !== undefined; i++; continue; }
    if (c === 0x22) {
      const start = i;
      let j = i + 1;
      let escaped = false;
      for (; j < n; j++) {
        const d = t.charCodeAt(j);
        if (d === 0x5c) { escaped = true; j++; continue; }
        if (d === 0x22) break;
      }
      if (j >= n) return undefined; // not valid JSON; JSON.parse reports it
      if (escaped) {
        const bad = loneSurrogate(t, start + 1, j);
        if (bad >= 0) return { offset: bad, message: "a \\u escape is a lone UTF-16 surrogate (not a Unicode character)" };
      }
      if (expectKey) {
        const set = stack[stack.length - 1];
        const key = escaped ? (JSON.parse(t.slice(start, j + 1)) as string) : t.slice(start + 1, j);
        if (set !== undefined) {
          if (set.has(key)) return { offset: start, message: `duplicate key ${JSON.stringify(key)}: JSON readers disagree on which one counts, so vpcgate refuses the input` };
          set.add(key);
        }
        expectKey = false;
      }
      i = j + 1;
      continue;
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      let j = i + 1;
      let integer = true;
      for (; j < n; j++) {
        const d = t.charCodeAt(j);
        if (d >= 0x30 && d <= 0x39) continue;
        if (d === 0x2e || d === 0x65 || d === 0x45 || d === 0x2b || d === 0x2d) { integer = false; continue; }
        break;
      }
      if (j - i > 15) {
        const raw = t.slice(i, j);
        const v = Number(raw);
        if (Number.isNaN(v)) { i = j; continue; } // not a JSON number: a syntax error, reported by the parser
        if (!Number.isFinite(v)) return { offset: i, message: `the number ${raw.length > 40 ? raw.slice(0, 40) + "…" : raw} is out of range` };
        if (integer && !Number.isSafeInteger(v)) return { offset: i, message: `the integer ${raw.length > 40 ? raw.slice(0, 40) + "…" : raw} is beyond 2^53: JSON readers disagree on its value, so vpcgate refuses the input` };
      } else if (!integer && Math.abs(Number(t.slice(i, j))) === Infinity) {
        return { offset: i, message: `the number ${t.slice(i, j)} is out of range` };
      }
      i = j;
      continue;
    }
    i++;
  }
  return undefined;
}

/** loneSurrogate returns the offset of a `\u` escape that is an unpaired surrogate in t[from, to), or -1. */
function loneSurrogate(t: string, from: number, to: number): number {
  const unit = (k: number): number => {
    if (t.charCodeAt(k) !== 0x5c || t.charCodeAt(k + 1) !== 0x75) return -1;
    for (let h = 2; h < 6; h++) if (!isHex(t.charCodeAt(k + h))) return -1;
    return parseInt(t.slice(k + 2, k + 6), 16);
  };
  for (let k = from; k < to; k++) {
    if (t.charCodeAt(k) !== 0x5c) continue;
    const u = unit(k);
    if (u < 0) { k++; continue; }
    if (u >= 0xd800 && u <= 0xdbff) {
      const lo = unit(k + 6);
      if (lo < 0xdc00 || lo > 0xdfff) return k;
      k += 11;
      continue;
    }
    if (u >= 0xdc00 && u <= 0xdfff) return k;
    k += 5;
  }
  return -1;
}

/** jsonHazardDiagnostic runs scanJsonHazards and locates its finding in `file`. */
export function jsonHazardDiagnostic(text: string, file: string): Diagnostic | undefined {
  const h = scanJsonHazards(text);
  if (h === undefined) return undefined;
  const p = new SourceFile(file, text).positionAt(h.offset);
  const code = h.message.startsWith("JSON nested") ? "input_too_large" : "input_parse_error";
  return diagnostic(code, h.message, { file, line: p.line, column: p.column });
}
