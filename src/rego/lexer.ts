/*
 * The Rego lexer. Input: a SourceFile. Output: every token (ending with EOF) with [start, end)
 * UTF-16 offsets and a "newline before" flag (Rego separates expressions by newlines), plus
 * rego_parse_error diagnostics for bad characters, unterminated strings and bad escapes.
 * Comments (`#` to end of line) and whitespace are skipped.
 */

import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticAt } from "../diagnostics/diagnostic.js";
import type { SourceFile } from "../diagnostics/source.js";
import type { Token, TokenKind } from "./tokens.js";
import { KEYWORDS } from "./tokens.js";

/** LexResult is the token stream (always ending with EOF) and any lexical errors. */
export interface LexResult {
  readonly tokens: Token[];
  readonly diagnostics: Diagnostic[];
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isIdentStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isIdentPart = (c: number): boolean => isIdentStart(c) || isDigit(c);
const isHex = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

// Longest operators first so `:=` wins over `:` and `<=` over `<`.
const OPERATORS: readonly TokenKind[] = [
  ":=", "==", "!=", "<=", ">=",
  "{", "}", "[", "]", "(", ")", ".", ",", ";", ":", "|", "&", "=", "<", ">", "+", "-", "*", "/", "%",
];

/** lex tokenises a Rego source; it never throws and always ends the stream with EOF. */
export function lex(source: SourceFile): LexResult {
  const text = source.text;
  const n = text.length;
  const tokens: Token[] = [];
  const diagnostics: Diagnostic[] = [];
  let i = 0;
  let nl = false;
  const err = (msg: string, start: number, end = start): void => {
    diagnostics.push(diagnosticAt("rego_parse_error", msg, source, start, end));
  };
  const push = (kind: TokenKind, start: number, end: number, value?: string): void => {
    const tok: Token = value === undefined
      ? { kind, start, end, text: text.slice(start, end), nl }
      : { kind, start, end, text: text.slice(start, end), value, nl };
    tokens.push(tok);
    nl = false;
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) { nl = true; i++; continue; }
    if (c === 32 || c === 9 || c === 12 || c === 0xfeff) { i++; continue; }
    if (c === 35) { // '#'
      while (i < n && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
      continue;
    }
    const start = i;
    if (isIdentStart(c)) {
      while (i < n && isIdentPart(text.charCodeAt(i))) i++;
      const word = text.slice(start, i);
      push(KEYWORDS.get(word) ?? "Ident", start, i);
      continue;
    }
    if (isDigit(c)) {
      i = scanNumber(text, i);
      if (i < n && isIdentStart(text.charCodeAt(i))) {
        err(`illegal number format`, start, i);
        while (i < n && isIdentPart(text.charCodeAt(i))) i++;
      }
      push("Number", start, i);
      continue;
    }
    if (c === 34) { // '"'
      const r = scanString(text, i, err);
      i = r.end;
      push("String", start, i, r.value);
      continue;
    }
    if (c === 96) { // '`'
      const close = text.indexOf("`", i + 1);
      if (close < 0) {
        err("non-terminated raw string", start);
        i = n;
        push("RawString", start, i, text.slice(start + 1));
      } else {
        i = close + 1;
        push("RawString", start, i, text.slice(start + 1, close));
      }
      continue;
    }
    let matched: TokenKind | undefined;
    for (const op of OPERATORS) {
      if (text.startsWith(op, i)) { matched = op; break; }
    }
    if (matched !== undefined) {
      i += matched.length;
      push(matched, start, i);
      continue;
    }
    const cp = text.codePointAt(i) ?? c;
    const width = cp > 0xffff ? 2 : 1;
    err(`illegal token: ${JSON.stringify(String.fromCodePoint(cp))}`, start, start + width);
    i += width;
  }
  push("EOF", n, n);
  return { tokens, diagnostics };
}

/** scanNumber returns the end of the number literal starting at i: int, fraction, exponent. */
function scanNumber(text: string, i: number): number {
  const n = text.length;
  while (i < n && isDigit(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) { // '.' digit
    i++;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
  }
  const e = text.charCodeAt(i);
  if (e === 101 || e === 69) { // e E
    let j = i + 1;
    const s = text.charCodeAt(j);
    if (s === 43 || s === 45) j++;
    if (isDigit(text.charCodeAt(j))) {
      i = j;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
    }
  }
  return i;
}

/** scanString decodes a "..." literal starting at i (the opening quote); errors go to err. */
function scanString(
  text: string,
  i: number,
  err: (msg: string, start: number, end?: number) => void,
): { end: number; value: string } {
  const start = i;
  const n = text.length;
  i++;
  let out = "";
  let chunk = i;
  while (true) {
    if (i >= n) {
      err("non-terminated string", start);
      return { end: n, value: out + text.slice(chunk, n) };
    }
    const c = text.charCodeAt(i);
    if (c === 34) {
      out += text.slice(chunk, i);
      return { end: i + 1, value: out };
    }
    if (c === 10 || c === 13) {
      err("non-terminated string", start);
      return { end: i, value: out + text.slice(chunk, i) };
    }
    if (c !== 92) { i++; continue; }
    out += text.slice(chunk, i);
    const esc = text.charCodeAt(i + 1);
    switch (esc) {
      case 34: out += '"'; i += 2; break;
      case 92: out += "\\"; i += 2; break;
      case 47: out += "/"; i += 2; break;
      case 98: out += "\b"; i += 2; break;
      case 102: out += "\f"; i += 2; break;
      case 110: out += "\n"; i += 2; break;
      case 114: out += "\r"; i += 2; break;
      case 116: out += "\t"; i += 2; break;
      case 117: { // \uXXXX; surrogate pairs combine naturally as UTF-16 code units
        const hex = text.slice(i + 2, i + 6);
        if (hex.length === 4 && [...hex].every((h) => isHex(h.charCodeAt(0)))) {
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else {
          err("invalid unicode escape in string", i, i + 2);
          i += 2;
        }
        break;
      }
      default:
        err("invalid escape sequence in string", i, i + 2);
        i += Number.isNaN(esc) ? 1 : 2; // a lone backslash at EOF
    }
    chunk = i;
  }
}
