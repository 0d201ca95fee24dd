/*
 * A small scanner over .tf text that finds top-level block headers (`resource "t" "n" {`,
 * `module "m" {`, ...) with their 1-based line:column, skipping strings, templates, heredocs and
 * comments; it also collects `# vpcgate:ignore <rule> <reason>` comments directly above a block.
 * Input: file path and text. Output: TopBlock[] (HashiCorp's parser gives no block positions).
 */

import { SourceFile } from "../../diagnostics/source.js";
import type { Location, Waiver } from "../../lambda/model.js";

/** TopBlock is one top-level block header. */
export interface TopBlock {
  readonly type: string;
  readonly labels: readonly string[];
  readonly location: Location;
  readonly waivers: readonly Waiver[];
}

const IDENT_START = /[A-Za-z_]/;
const IDENT = /[A-Za-z0-9_-]/;

/** scanBlocks returns the top-level blocks of one .tf file in source order. */
export function scanBlocks(path: string, text: string): TopBlock[] {
  const src = new SourceFile(path, text);
  const out: TopBlock[] = [];
  let i = 0;
  let depth = 0;
  const n = text.length;
  // Pending header state at depth 0.
  let headerStart = -1;
  let headerType = "";
  let labels: string[] = [];
  let lastCodeEnd = 0; // offset just after the last non-comment token
  let prevCodeEnd = 0; // lastCodeEnd when the pending header started
  const comments: { start: number; end: number; text: string }[] = [];

  const resetHeader = (): void => { headerStart = -1; headerType = ""; labels = []; };

  const skipString = (j: number): number => {
    // j at opening quote; handles ${ ... } / %{ ... } with nesting.
    j++;
    while (j < n) {
      const c = text.charAt(j);
      if (c === "\\") { j += 2; continue; }
      if (c === '"') return j + 1;
      if ((c === "$" || c === "%") && text.charAt(j + 1) === "{") {
        if (text.charAt(j - 1) === c && text.charAt(j - 2) !== c) { j += 2; continue; } // $${ escape
        j = skipBraces(j + 1);
        continue;
      }
      if (c === "\n") return j; // unterminated: HashiCorp's parser reports it
      j++;
    }
    return j;
  };
  const skipBraces = (j: number): number => {
    // j at "{"; returns offset after the matching "}".
    let d = 0;
    while (j < n) {
      const c = text.charAt(j);
      if (c === '"') { j = skipString(j); continue; }
      if (c === "{") d++;
      else if (c === "}") { d--; if (d === 0) return j + 1; }
      j++;
    }
    return j;
  };
  const skipHeredoc = (j: number): number => {
    const m = /^<<-?([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/.exec(text.slice(j, j + 200));
    if (m === null) return j + 2;
    const marker = m[1] as string;
    let k = j + m[0].length;
    while (k < n) {
      const eol = text.indexOf("\n", k);
      const line = text.slice(k, eol < 0 ? n : eol);
      if (line.trim() === marker) return eol < 0 ? n : eol;
      if (eol < 0) return n;
      k = eol + 1;
    }
    return n;
  };

  while (i < n) {
    const c = text.charAt(i);
    if (c === "#" || (c === "/" && text.charAt(i + 1) === "/")) {
      const eol = text.indexOf("\n", i);
      const end = eol < 0 ? n : eol;
      comments.push({ start: i, end, text: text.slice(i, end) });
      i = end;
      continue;
    }
    if (c === "/" && text.charAt(i + 1) === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? n : end + 2;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r") { i++; continue; }
    if (c === "\n") { i++; continue; }
    if (c === '"') {
      const end = skipString(i);
      if (depth === 0 && headerStart >= 0) labels.push(unquote(text.slice(i, end)));
      i = end;
      lastCodeEnd = i;
      continue;
    }
    if (c === "<" && text.charAt(i + 1) === "<") {
      i = skipHeredoc(i);
      lastCodeEnd = i;
      continue;
    }
    if (c === "{") {
      if (depth === 0 && headerStart >= 0) {
        const pos = src.positionAt(headerStart);
        out.push({
          type: headerType,
          labels,
          location: { file: path, line: pos.line, column: pos.column },
          waivers: waiversAbove(src, comments, headerStart, prevCodeEnd),
        });
        resetHeader();
      }
      depth++;
      i++;
      lastCodeEnd = i;
      continue;
    }
    if (c === "}") {
      depth = Math.max(0, depth - 1);
      i++;
      lastCodeEnd = i;
      continue;
    }
    if (c === "[" || c === "(") {
      // brackets at depth 0 only appear in malformed files; skip as expression text.
      i++;
      lastCodeEnd = i;
      continue;
    }
    if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < n && IDENT.test(text.charAt(j))) j++;
      const word = text.slice(i, j);
      if (depth === 0) {
        if (headerStart < 0) { headerStart = i; headerType = word; labels = []; prevCodeEnd = lastCodeEnd; }
        else labels.push(word);
      }
      i = j;
      lastCodeEnd = i;
      continue;
    }
    if (c === "=" && depth === 0) resetHeader();
    i++;
    lastCodeEnd = i;
  }
  return out;
}

function unquote(s: string): string {
  try {
    return JSON.parse(s) as string;
  } catch {
    return s.slice(1, -1);
  }
}

const WAIVER = /^(?:#|\/\/)\s*vpcgate:ignore\s+(\S+)(?:\s+(.*\S))?\s*$/;

/** waiversAbove collects `vpcgate:ignore` comments in the run of comment lines directly above `start`. */
function waiversAbove(src: SourceFile, comments: readonly { start: number; end: number; text: string }[], start: number, codeEnd: number): Waiver[] {
  const out: Waiver[] = [];
  let line = src.positionAt(start).line;
  for (let k = comments.length - 1; k >= 0; k--) {
    const cm = comments[k];
    if (cm === undefined || cm.start >= start) continue;
    if (cm.start < codeEnd) break;
    const p = src.positionAt(cm.start);
    if (p.line !== line - 1) break;
    line = p.line;
    const m = WAIVER.exec(cm.text.trim());
    if (m !== null) out.unshift({ rule: m[1] as string, reason: m[2] ?? "", location: { file: src.path, line: p.line, column: p.column } });
  }
  return out;
}
