// glob.match and glob.quote_meta with OPA's semantics (gobwas/glob v0.2.3 as OPA's topdown uses
// it): * (no delimiter), ** (anything), ?, [abc] [!abc] [a-z] [!a-z], {a,b} (nestable), \ escapes.
// Delimiters: null = none; [] = ["."]; otherwise single-character strings. The pattern becomes a
// regex syntax tree matched by the Pike VM, anchored at both ends. Input: values. Output: a
// boolean value, or 0 (undefined) for wrong types and invalid patterns, as OPA non-strict.

import { opa_malloc } from "../malloc";
import { T_STRING, T_ARRAY, T_NULL, strPtr, strLen, newString, arrLen, arrGet, boolValue } from "../value";
import { isType } from "../builtin-support";
import {
  N_LIT, N_ANY, N_CAT, N_ALT, N_REP, treeBegin, treeEnd, nodeNew, nodeAppend, nParent,
  rngPush, rngLen, classFinish,
} from "./regex-syntax";
import { utf8Lenient, runeWidth } from "../utf8";
import { compileProgram, freeProgram } from "./regex-prog";
import { vmInit, vmFree, vmExec } from "./regex-vm";

// delimiters as code points (at most 64 distinct ones are kept; more are rare)
const delims: usize = memory.data(4 * 64);
let ndelims: i32 = 0;

/** Reads the delimiters operand; false when it is not null or an array of 1-rune strings. */
function readDelims(d: usize): bool {
  ndelims = 0;
  if (isType(d, T_NULL)) return true;
  if (!isType(d, T_ARRAY)) return false;
  const n = arrLen(d);
  if (n == 0) {
    store<i32>(delims, 0x2e);
    ndelims = 1;
    return true;
  }
  for (let i: usize = 0; i < n; i++) {
    const e = arrGet(d, i);
    if (!isType(e, T_STRING)) return false;
    const len = strLen(e);
    if (len == 0) return false;
    const r = utf8Lenient(strPtr(e), len);
    if (<usize>runeWidth != len) return false;
    if (ndelims < 64) {
      store<i32>(delims + (<usize>ndelims << 2), r);
      ndelims++;
    }
  }
  return true;
}

/** A node matching one code point that is not a delimiter. */
function notDelim(): i32 {
  if (ndelims == 0) return nodeNew(N_ANY, 0, 0, 0);
  const s = rngLen;
  for (let i = 0; i < ndelims; i++) {
    const r = load<i32>(delims + (<usize>i << 2));
    rngPush(r, r);
  }
  return classFinish(s, true);
}

function star(sub: i32): i32 {
  const rep = nodeNew(N_REP, 0, -1, 1);
  nodeAppend(rep, sub);
  return rep;
}

// ---- lexer over runes (gobwas v0.2.3: U+0000 reads as end of input, U+FFFD is an error) ----

let gp: usize = 0;
let ge: usize = 0;
let gbad: bool = false;
let lastW: usize = 0;

/** Reads the next rune; 0 at the end (or for U+0000, which gobwas treats as the end). */
function readRune(): i32 {
  if (gp >= ge) {
    lastW = 0;
    return 0;
  }
  const r = utf8Lenient(gp, ge - gp);
  if (r == 0xfffd) {
    gbad = true;
    lastW = 0;
    return 0;
  }
  lastW = <usize>runeWidth;
  gp += lastW;
  return r;
}

function unread(): void {
  gp -= lastW;
}

function peekRune(): i32 {
  if (gp >= ge) return 0;
  const r = utf8Lenient(gp, ge - gp);
  if (r == 0xfffd) {
    gbad = true;
    return 0;
  }
  return r;
}

/** Text up to a breaker (escapes resolved) as literal nodes appended to cat. */
function text(cat: i32, inTerms: bool, inRange: bool): i32 {
  let escaped = false;
  let count = 0;
  while (true) {
    const r = readRune();
    if (r == 0) break;
    if (!escaped) {
      if (r == 0x5c) {
        escaped = true;
        continue;
      }
      let brk = false;
      if (inRange) brk = r == 0x5d;
      else brk = r == 0x3f || r == 0x2a || r == 0x5b || r == 0x7b || (inTerms && (r == 0x7d || r == 0x2c));
      if (brk) {
        unread();
        break;
      }
    }
    escaped = false;
    if (inRange) rngPush(r, r);
    else nodeAppend(cat, nodeNew(N_LIT, r, 0, 0));
    count++;
  }
  return count;
}

/** After '[': a list or a range, possibly negated; appends a class node. */
function range(cat: i32): bool {
  let wantHi = false;
  let wantClose = false;
  let seenNot = false;
  let lo = 0;
  let hi = 0;
  let chars = 0;
  const s = rngLen;
  while (true) {
    const r = readRune();
    if (r == 0) return false; // unexpected end of input
    if (wantClose) {
      if (r != 0x5d) return false;
      break;
    }
    if (wantHi) {
      hi = r;
      if (hi < lo) return false;
      wantClose = true;
      continue;
    }
    if (!seenNot && r == 0x21) {
      seenNot = true;
      continue;
    }
    if (peekRune() == 0x2d) {
      gp++;
      lo = r;
      wantHi = true;
      continue;
    }
    unread();
    chars = text(cat, false, true);
    wantClose = true;
  }
  if (gbad) return false;
  const isRange = lo != 0 && hi != 0;
  const isChars = chars > 0;
  if (isRange == isChars) return false;
  if (isRange) rngPush(lo, hi);
  nodeAppend(cat, classFinish(s, seenNot));
  return true;
}

/** Parses the glob at p (n bytes) into a tree; returns the root or -1 when invalid. */
function parseGlob(p: usize, n: usize): i32 {
  gp = p;
  ge = p + n;
  gbad = false;
  const root = nodeNew(N_CAT, 0, 0, 0);
  let cur = root;
  let level = 0;
  while (true) {
    const r = readRune();
    if (gbad) return -1;
    if (r == 0) break;
    if (r == 0x7b) { // {
      level++;
      const alt = nodeNew(N_ALT, 0, 0, 0);
      nodeAppend(cur, alt);
      const c = nodeNew(N_CAT, 0, 0, 0);
      nodeAppend(alt, c);
      cur = c;
    } else if (r == 0x2c && level > 0) { // ,
      const c = nodeNew(N_CAT, 0, 0, 0);
      nodeAppend(nParent(cur), c);
      cur = c;
    } else if (r == 0x7d && level > 0) { // }
      level--;
      cur = nParent(nParent(cur));
    } else if (r == 0x5b) { // [
      if (!range(cur)) return -1;
    } else if (r == 0x3f) { // ?
      nodeAppend(cur, notDelim());
    } else if (r == 0x2a) { // * or **
      if (readRune() == 0x2a) {
        nodeAppend(cur, star(nodeNew(N_ANY, 0, 0, 0)));
      } else {
        unread();
        nodeAppend(cur, star(notDelim()));
      }
    } else {
      unread();
      text(cur, level > 0, false);
    }
    if (gbad) return -1;
  }
  return root;
}

export function b_glob__match(pattern: usize, delimiters: usize, match: usize): usize {
  if (!isType(pattern, T_STRING) || !isType(match, T_STRING)) return 0;
  if (!readDelims(delimiters)) return 0;
  treeBegin();
  const root = parseGlob(strPtr(pattern), strLen(pattern));
  if (root < 0 || !compileProgram(root, true)) {
    if (root >= 0) freeProgram();
    treeEnd();
    return 0;
  }
  vmInit(0);
  const m = vmExec(strPtr(match), <i32>strLen(match), 0, true);
  vmFree();
  freeProgram();
  treeEnd();
  return boolValue(m);
}

/** glob.quote_meta: a backslash before each of * ? \ [ ] { }. */
export function b_glob__quote_meta(s: usize): usize {
  if (!isType(s, T_STRING)) return 0;
  const p = strPtr(s);
  const n = strLen(s);
  let extra: usize = 0;
  for (let i: usize = 0; i < n; i++) if (special(load<u8>(p + i))) extra++;
  if (extra == 0) return s;
  const buf = opa_malloc(n + extra);
  let o: usize = 0;
  for (let i: usize = 0; i < n; i++) {
    const c = load<u8>(p + i);
    if (special(c)) store<u8>(buf + o++, 0x5c);
    store<u8>(buf + o++, c);
  }
  return newString(buf, n + extra);
}

function special(c: u8): bool {
  return c == 0x2a || c == 0x3f || c == 0x5c || c == 0x5b || c == 0x5d || c == 0x7b || c == 0x7d;
}
