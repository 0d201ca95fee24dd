// Regex builtins (RE2 syntax and Go regexp semantics, matched natively by the Pike VM in
// regex-vm.ts): regex.is_valid, regex.match / re_match, regex.find_n,
// regex.find_all_string_submatch_n, regex.split, regex.replace, regex.template_match.
// Input: string values (and an integer n). Output: a value, or 0 (undefined) for wrong types,
// invalid RE2 patterns, and patterns vpcgate refuses (see docs/regex.md).

import { opa_malloc, opa_free, realloc } from "../malloc";
import { T_STRING, strPtr, strLen, newString, newArray, arrPush, boolValue, FALSE_V, TRUE_V } from "../value";
import { toI64, numOk } from "../number";
import { isType, isNum } from "../builtin-support";
import {
  RX_OK, RX_INVALID, treeBegin, treeEnd, parseRegex, rxRoot, rxStatus, rxCaps, nameLen, namePtr,
} from "./regex-syntax";
import { utf8Lenient, runeWidth } from "../utf8";
import { compileProgram, freeProgram } from "./regex-prog";
import { vmInit, vmFree, vmExec, vmCap } from "./regex-vm";

function isStr(v: usize): bool {
  return isType(v, T_STRING);
}

/** Parses and compiles pattern bytes; true when runnable (then call done() afterwards). */
function prepare(p: usize, n: usize, slots: i32): bool {
  treeBegin();
  parseRegex(p, n);
  if (rxStatus != RX_OK) {
    treeEnd();
    return false;
  }
  if (!compileProgram(rxRoot, false)) {
    freeProgram();
    treeEnd();
    return false;
  }
  vmInit(slots < 0 ? 2 * (rxCaps + 1) : slots);
  return true;
}

function done(): void {
  vmFree();
  freeProgram();
  treeEnd();
}

/**
 * Classifies a pattern (a string value) for the compiler's constant-pattern check:
 * 0 ok, 1 not RE2, 2 RE2 but refused (JavaScript differs), 3 RE2 but not implemented.
 * Not a builtin (no b_ prefix); the linker does not re-export it.
 */
export function regex_classify(p: usize): i32 {
  if (!isStr(p)) return RX_INVALID;
  treeBegin();
  parseRegex(strPtr(p), strLen(p));
  const st = rxStatus;
  treeEnd();
  return st;
}

export function b_regex__is_valid(p: usize): usize {
  if (!isStr(p)) return FALSE_V;
  treeBegin();
  parseRegex(strPtr(p), strLen(p));
  const st = rxStatus;
  treeEnd();
  return st == RX_INVALID ? FALSE_V : TRUE_V;
}

function matchValue(p: usize, s: usize): usize {
  if (!isStr(p) || !isStr(s)) return 0;
  if (!prepare(strPtr(p), strLen(p), 0)) return 0;
  const m = vmExec(strPtr(s), <i32>strLen(s), 0, false);
  done();
  return boolValue(m);
}

export function b_regex__match(p: usize, s: usize): usize {
  return matchValue(p, s);
}

export function b_re_match(p: usize, s: usize): usize {
  return matchValue(p, s);
}

// ---- all matches (Go's allMatches) ----

let allMax: i32 = 0;
let allPos: i32 = 0;
let allPrevEnd: i32 = -1;
let allCount: i32 = 0;

function allBegin(max: i32): void {
  allMax = max;
  allPos = 0;
  allPrevEnd = -1;
  allCount = 0;
}

/** Next accepted match of the pattern in s (captures in vmCap); false when done. */
function allNext(s: usize, len: i32): bool {
  while (allCount < allMax && allPos <= len) {
    if (!vmExec(s, len, allPos, false)) return false;
    const m0 = vmCap(0);
    const m1 = vmCap(1);
    let accept = true;
    if (m1 == allPos) { // empty match
      if (m0 == allPrevEnd) accept = false; // right after the previous match
      if (allPos < len) {
        utf8Lenient(s + <usize>allPos, <usize>(len - allPos));
        allPos += runeWidth;
      } else {
        allPos = len + 1;
      }
    } else {
      allPos = m1;
    }
    allPrevEnd = m1;
    if (accept) {
      allCount++;
      return true;
    }
  }
  return false;
}

/** The n operand as Go's FindAll* reads it (n < 0: all); -2 for a bad operand. */
function countOperand(v: usize, len: i32): i32 {
  if (!isNum(v)) return -2;
  const k = toI64(v);
  if (!numOk) return -2;
  if (k < 0) return len + 1;
  if (k > <i64>(len + 1)) return len + 1;
  return <i32>k;
}

export function b_regex__find_n(p: usize, s: usize, nv: usize): usize {
  if (!isStr(p) || !isStr(s)) return 0;
  const len = <i32>strLen(s);
  const max = countOperand(nv, len);
  if (max == -2) return 0;
  if (!prepare(strPtr(p), strLen(p), 2)) return 0;
  const out = newArray(0);
  const sp = strPtr(s);
  allBegin(max);
  while (allNext(sp, len)) {
    const a = vmCap(0);
    arrPush(out, newString(sp + <usize>a, <usize>(vmCap(1) - a)));
  }
  done();
  return out;
}

export function b_regex__find_all_string_submatch_n(p: usize, s: usize, nv: usize): usize {
  if (!isStr(p) || !isStr(s)) return 0;
  const len = <i32>strLen(s);
  const max = countOperand(nv, len);
  if (max == -2) return 0;
  if (!prepare(strPtr(p), strLen(p), -1)) return 0;
  const groups = rxCaps + 1;
  const out = newArray(0);
  const sp = strPtr(s);
  allBegin(max);
  while (allNext(sp, len)) {
    const m = newArray(<usize>groups);
    for (let g = 0; g < groups; g++) {
      const a = vmCap(2 * g);
      const b = vmCap(2 * g + 1);
      arrPush(m, a < 0 || b < 0 ? newString(sp, 0) : newString(sp + <usize>a, <usize>(b - a)));
    }
    arrPush(out, m);
  }
  done();
  return out;
}

/** Go's Regexp.Split(s, -1). */
export function b_regex__split(p: usize, s: usize): usize {
  if (!isStr(p) || !isStr(s)) return 0;
  const len = <i32>strLen(s);
  const sp = strPtr(s);
  if (!prepare(strPtr(p), strLen(p), 2)) return 0;
  const out = newArray(0);
  if (strLen(p) > 0 && len == 0) {
    arrPush(out, newString(sp, 0));
    done();
    return out;
  }
  let beg = 0;
  let e = 0;
  allBegin(len + 1);
  while (allNext(sp, len)) {
    e = vmCap(0);
    if (vmCap(1) != 0) arrPush(out, newString(sp + <usize>beg, <usize>(e - beg)));
    beg = vmCap(1);
  }
  if (e != len) arrPush(out, newString(sp + <usize>beg, <usize>(len - beg)));
  done();
  return out;
}

// ---- output buffer ----

let ob: usize = 0;
let obLen: usize = 0;
let obCap: usize = 0;

function obBegin(cap: usize): void {
  obCap = cap < 16 ? 16 : cap;
  ob = opa_malloc(obCap);
  obLen = 0;
}

function obPut(p: usize, n: usize): void {
  if (n == 0) return;
  if (obLen + n > obCap) {
    let nc = obCap << 1;
    while (nc < obLen + n) nc <<= 1;
    ob = realloc(ob, obCap, nc);
    obCap = nc;
  }
  memory.copy(ob + obLen, p, n);
  obLen += n;
}

function isNameRune(r: i32): bool {
  // Go: unicode.IsLetter || unicode.IsDigit || '_'; non-ASCII code points count as letters
  return r == 0x5f || (r >= 0x30 && r <= 0x39) || (r >= 0x41 && r <= 0x5a) || (r >= 0x61 && r <= 0x7a) || r >= 0x80;
}

/** Appends capture group g of subject sp (if it took part in the match). */
function putGroup(sp: usize, g: i32): void {
  if (g > rxCaps) return;
  const a = vmCap(2 * g);
  const b = vmCap(2 * g + 1);
  if (a >= 0 && b >= 0) obPut(sp + <usize>a, <usize>(b - a));
}

/** Go's Regexp.Expand of template t (tn bytes) for the current match. */
function expand(t: usize, tn: usize, sp: usize): void {
  let i: usize = 0;
  while (i < tn) {
    let j = i;
    while (j < tn && load<u8>(t + j) != 0x24) j++;
    obPut(t + i, j - i);
    if (j >= tn) return;
    i = j + 1; // past '$'
    if (i < tn && load<u8>(t + i) == 0x24) {
      obPut(t + j, 1);
      i++;
      continue;
    }
    // name: {name} or a run of letters, digits and '_'
    let q = i;
    let brace = false;
    if (q < tn && load<u8>(q + t) == 0x7b) {
      brace = true;
      q++;
    }
    const nameStart = q;
    while (q < tn) {
      const r = utf8Lenient(t + q, tn - q);
      if (!isNameRune(r)) break;
      q += <usize>runeWidth;
    }
    const nameLenB = q - nameStart;
    let ok = nameLenB > 0;
    if (ok && brace) {
      if (q >= tn || load<u8>(t + q) != 0x7d) ok = false;
      else q++;
    }
    if (!ok) { // malformed: the '$' is literal
      obPut(t + j, 1);
      continue;
    }
    i = q;
    // number?
    let num: i32 = 0;
    for (let k: usize = 0; k < nameLenB; k++) {
      const c = <i32>load<u8>(t + nameStart + k);
      if (c < 0x30 || c > 0x39 || num >= 100000000) { num = -1; break; }
      num = num * 10 + c - 0x30;
    }
    if (nameLenB > 1 && load<u8>(t + nameStart) == 0x30) num = -1;
    if (num >= 0) {
      putGroup(sp, num);
    } else {
      for (let g = 1; g <= rxCaps; g++) {
        if (nameLen(g) == nameLenB && memory.compare(namePtr(g), t + nameStart, nameLenB) == 0) {
          putGroup(sp, g);
          break;
        }
      }
    }
  }
}

/** regex.replace(s, pattern, value): Go's ReplaceAllString (with $1 / ${name} expansion). */
export function b_regex__replace(s: usize, p: usize, v: usize): usize {
  if (!isStr(s) || !isStr(p) || !isStr(v)) return 0;
  if (!prepare(strPtr(p), strLen(p), -1)) return 0;
  const sp = strPtr(s);
  const len = <i32>strLen(s);
  obBegin(<usize>len + 16);
  let lastEnd = 0;
  let search = 0;
  let changed = false;
  while (search <= len) {
    if (!vmExec(sp, len, search, false)) break;
    const a0 = vmCap(0);
    const a1 = vmCap(1);
    obPut(sp + <usize>lastEnd, <usize>(a0 - lastEnd));
    if (a1 > lastEnd || a0 == 0) {
      expand(strPtr(v), strLen(v), sp);
      changed = true;
    }
    lastEnd = a1;
    let width = 0;
    if (search < len) {
      utf8Lenient(sp + <usize>search, <usize>(len - search));
      width = runeWidth;
    }
    if (search + width > a1) search += width;
    else if (search + 1 > a1) search++;
    else search = a1;
  }
  obPut(sp + <usize>lastEnd, <usize>(len - lastEnd));
  const res = changed ? newString(ob, obLen) : s;
  if (!changed) opa_free(ob);
  done();
  return res;
}

// ---- regex.template_match ----

function quoteMeta(p: usize, n: usize): void {
  for (let i: usize = 0; i < n; i++) {
    const c = load<u8>(p + i);
    // Go's regexp.QuoteMeta: \.+*?()|[]{}^$
    if (c == 0x5c || c == 0x2e || c == 0x2b || c == 0x2a || c == 0x3f || c == 0x28 || c == 0x29 ||
        c == 0x7c || c == 0x5b || c == 0x5d || c == 0x7b || c == 0x7d || c == 0x5e || c == 0x24) {
      store<u8>(scratch1, 0x5c);
      obPut(scratch1, 1);
    }
    obPut(p + i, 1);
  }
}

const scratch1: usize = memory.data(8);

/** Checks that ^part$ is a runnable pattern on its own. */
function partOk(p: usize, n: usize): bool {
  const buf = opa_malloc(n + 2);
  store<u8>(buf, 0x5e);
  memory.copy(buf + 1, p, n);
  store<u8>(buf + 1 + n, 0x24);
  treeBegin();
  parseRegex(buf, n + 2);
  const st = rxStatus;
  treeEnd();
  opa_free(buf);
  return st == RX_OK;
}

export function b_regex__template_match(t: usize, s: usize, ds: usize, de: usize): usize {
  if (!isStr(t) || !isStr(s) || !isStr(ds) || !isStr(de)) return 0;
  if (strLen(ds) != 1 || strLen(de) != 1) return 0;
  const open = load<u8>(strPtr(ds));
  const close = load<u8>(strPtr(de));
  const tp = strPtr(t);
  const tn = strLen(t);
  // balanced first-level delimiters
  let level = 0;
  for (let i: usize = 0; i < tn; i++) {
    const c = load<u8>(tp + i);
    if (c == open) level++;
    else if (c == close) {
      level--;
      if (level < 0) return 0;
    }
  }
  if (level != 0) return 0;
  obBegin(tn * 2 + 8);
  store<u8>(scratch1, 0x5e);
  obPut(scratch1, 1);
  let raw: usize = 0;
  let start: usize = 0;
  level = 0;
  for (let i: usize = 0; i < tn; i++) {
    const c = load<u8>(tp + i);
    if (c == open) {
      level++;
      if (level == 1) start = i;
    } else if (c == close) {
      level--;
      if (level == 0) {
        quoteMeta(tp + raw, start - raw);
        const pp = tp + start + 1;
        const pn = i - start - 1;
        const saveOb = ob;
        const saveLen = obLen;
        const saveCap = obCap;
        if (!partOk(pp, pn)) {
          opa_free(saveOb);
          return 0;
        }
        ob = saveOb;
        obLen = saveLen;
        obCap = saveCap;
        store<u8>(scratch1, 0x28);
        obPut(scratch1, 1);
        obPut(pp, pn);
        store<u8>(scratch1, 0x29);
        obPut(scratch1, 1);
        raw = i + 1;
      }
    }
  }
  quoteMeta(tp + raw, tn - raw);
  store<u8>(scratch1, 0x24);
  obPut(scratch1, 1);
  const pat = ob;
  const patLen = obLen;
  if (!prepare(pat, patLen, 0)) {
    opa_free(pat);
    return 0;
  }
  const m = vmExec(strPtr(s), <i32>strLen(s), 0, false);
  done();
  opa_free(pat);
  return boolValue(m);
}
