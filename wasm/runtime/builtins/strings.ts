// Builtins on strings (Go strings semantics, indices in code points): concat startswith
// endswith contains indexof substring lower upper replace split trim trim_left trim_right
// trim_prefix trim_suffix trim_space strings.reverse. Input: string values (concat: array/set
// of strings). Output: a new value, or 0 (undefined) for wrong types.

import { opa_malloc } from "../malloc";
import { T_STRING, strPtr, strLen, newString, newArray, arrPush, boolValue, utf8Count } from "../value";
import { newInt, toI64, numOk } from "../number";
import { isType, isNum, isColl, collLen, collAt } from "../builtin-support";
import { utf8Lenient, runeWidth } from "../utf8";

function isStr(v: usize): bool {
  return isType(v, T_STRING);
}

/** Finds needle in haystack from byte offset `from`; returns the byte offset or -1. */
function find(h: usize, hn: usize, n: usize, nn: usize, from: usize): isize {
  if (nn == 0) return <isize>from;
  if (nn > hn) return -1;
  const first = load<u8>(n);
  for (let i = from; i + nn <= hn; i++) {
    if (load<u8>(h + i) == first && memory.compare(h + i, n, nn) == 0) return <isize>i;
  }
  return -1;
}

function hasPrefix(s: usize, sn: usize, p: usize, pn: usize): bool {
  return pn <= sn && memory.compare(s, p, pn) == 0;
}

function hasSuffix(s: usize, sn: usize, p: usize, pn: usize): bool {
  return pn <= sn && memory.compare(s + sn - pn, p, pn) == 0;
}

export function b_concat(delim: usize, coll: usize): usize {
  if (!isStr(delim) || !isColl(coll)) return 0;
  const n = collLen(coll);
  const dl = strLen(delim);
  let total: usize = 0;
  for (let i: usize = 0; i < n; i++) {
    const e = collAt(coll, i);
    if (!isStr(e)) return 0;
    total += strLen(e) + (i > 0 ? dl : 0);
  }
  const buf = opa_malloc(total);
  let o: usize = 0;
  for (let i: usize = 0; i < n; i++) {
    if (i > 0) {
      memory.copy(buf + o, strPtr(delim), dl);
      o += dl;
    }
    const e = collAt(coll, i);
    memory.copy(buf + o, strPtr(e), strLen(e));
    o += strLen(e);
  }
  return newString(buf, total);
}

export function b_startswith(s: usize, p: usize): usize {
  if (!isStr(s) || !isStr(p)) return 0;
  return boolValue(hasPrefix(strPtr(s), strLen(s), strPtr(p), strLen(p)));
}

export function b_endswith(s: usize, p: usize): usize {
  if (!isStr(s) || !isStr(p)) return 0;
  return boolValue(hasSuffix(strPtr(s), strLen(s), strPtr(p), strLen(p)));
}

export function b_contains(s: usize, p: usize): usize {
  if (!isStr(s) || !isStr(p)) return 0;
  return boolValue(find(strPtr(s), strLen(s), strPtr(p), strLen(p), 0) >= 0);
}

/** Code point index of the first occurrence, or -1; undefined for an empty search string. */
export function b_indexof(s: usize, p: usize): usize {
  if (!isStr(s) || !isStr(p) || strLen(p) == 0) return 0;
  const i = find(strPtr(s), strLen(s), strPtr(p), strLen(p), 0);
  if (i < 0) return newInt(-1);
  return newInt(<i64>utf8Count(strPtr(s), <usize>i));
}

/** Byte offset of code point index k (clamped to the end). */
function byteOffset(p: usize, n: usize, k: i64): usize {
  let i: usize = 0;
  let c: i64 = 0;
  while (i < n && c < k) {
    i++;
    while (i < n && (load<u8>(p + i) & 0xc0) == 0x80) i++;
    c++;
  }
  return i;
}

export function b_substring(s: usize, start: usize, length: usize): usize {
  if (!isStr(s) || !isNum(start) || !isNum(length)) return 0;
  const st = toI64(start);
  if (!numOk || st < 0) return 0;
  const ln = toI64(length);
  if (!numOk) return 0;
  const p = strPtr(s), n = strLen(s);
  const b0 = byteOffset(p, n, st);
  if (b0 >= n) return newString(p, 0);
  const b1 = ln < 0 ? n : b0 + byteOffset(p + b0, n - b0, ln);
  return newString(p + b0, b1 - b0);
}

function mapCase(cp: u32, upper: bool): u32 {
  if (upper) {
    if (cp >= 0x61 && cp <= 0x7a) return cp - 32;
    if (cp < 0x80) return cp;
    if (cp >= 0xe0 && cp <= 0xfe && cp != 0xf7) return cp - 32;
    if (cp >= 0x3b1 && cp <= 0x3c9 && cp != 0x3c2) return cp - 32;
    if (cp >= 0x430 && cp <= 0x44f) return cp - 32;
    if (cp >= 0x450 && cp <= 0x45f) return cp - 80;
  } else {
    if (cp >= 0x41 && cp <= 0x5a) return cp + 32;
    if (cp < 0x80) return cp;
    if (cp >= 0xc0 && cp <= 0xde && cp != 0xd7) return cp + 32;
    if (cp >= 0x391 && cp <= 0x3a9 && cp != 0x3a2) return cp + 32;
    if (cp >= 0x410 && cp <= 0x42f) return cp + 32;
    if (cp >= 0x400 && cp <= 0x40f) return cp + 80;
  }
  return cp;
}

function convertCase(s: usize, upper: bool): usize {
  if (!isStr(s)) return 0;
  const p = strPtr(s), n = strLen(s);
  const buf = opa_malloc(n);
  memory.copy(buf, p, n);
  let i: usize = 0;
  while (i < n) {
    const b = load<u8>(buf + i);
    if (b < 0x80) {
      if (upper && b >= 0x61 && b <= 0x7a) store<u8>(buf + i, b - 32);
      else if (!upper && b >= 0x41 && b <= 0x5a) store<u8>(buf + i, b + 32);
      i++;
      continue;
    }
    const cp = <u32>utf8Lenient(buf + i, n - i);
    const sz = <usize>runeWidth;
    if (sz == 2) {
      const m = mapCase(cp, upper);
      if (m != cp) {
        store<u8>(buf + i, <u8>(0xc0 | (m >> 6)));
        store<u8>(buf + i + 1, <u8>(0x80 | (m & 0x3f)));
      }
    }
    i += sz;
  }
  return newString(buf, n);
}

export function b_lower(s: usize): usize {
  return convertCase(s, false);
}

export function b_upper(s: usize): usize {
  return convertCase(s, true);
}

/** strings.NewReplacer(old, new) as OPA calls it; an empty `old` inserts `new` around every byte. */
export function b_replace(s: usize, old: usize, nw: usize): usize {
  if (!isStr(s) || !isStr(old) || !isStr(nw)) return 0;
  const p = strPtr(s), n = strLen(s);
  const op = strPtr(old), on = strLen(old);
  const np = strPtr(nw), nn = strLen(nw);
  // count matches
  let count: usize = 0;
  if (on == 0) count = n + 1;
  else {
    let i = find(p, n, op, on, 0);
    while (i >= 0) {
      count++;
      i = find(p, n, op, on, <usize>i + on);
    }
  }
  if (count == 0) return s;
  const total = n + count * nn - count * on;
  const buf = opa_malloc(total == 0 ? 1 : total);
  let o: usize = 0;
  if (on == 0) {
    let i: usize = 0;
    memory.copy(buf + o, np, nn);
    o += nn;
    while (i < n) {
      const j = i + 1;
      memory.copy(buf + o, p + i, j - i);
      o += j - i;
      memory.copy(buf + o, np, nn);
      o += nn;
      i = j;
    }
  } else {
    let last: usize = 0;
    let i = find(p, n, op, on, 0);
    while (i >= 0) {
      const at = <usize>i;
      memory.copy(buf + o, p + last, at - last);
      o += at - last;
      memory.copy(buf + o, np, nn);
      o += nn;
      last = at + on;
      i = find(p, n, op, on, last);
    }
    memory.copy(buf + o, p + last, n - last);
    o += n - last;
  }
  return newString(buf, o);
}

/** strings.Split; an empty delimiter splits into code points. */
export function b_split(s: usize, d: usize): usize {
  if (!isStr(s) || !isStr(d)) return 0;
  const p = strPtr(s), n = strLen(s);
  const dp = strPtr(d), dn = strLen(d);
  const r = newArray(0);
  if (dn == 0) {
    let i: usize = 0;
    while (i < n) {
      let j = i + 1;
      while (j < n && (load<u8>(p + j) & 0xc0) == 0x80) j++;
      arrPush(r, newString(p + i, j - i));
      i = j;
    }
    return r;
  }
  let last: usize = 0;
  let i = find(p, n, dp, dn, 0);
  while (i >= 0) {
    arrPush(r, newString(p + last, <usize>i - last));
    last = <usize>i + dn;
    i = find(p, n, dp, dn, last);
  }
  arrPush(r, newString(p + last, n - last));
  return r;
}

/** Whether code point cp occurs in the cutset string. */
function inCutset(cp: u32, c: usize, cn: usize): bool {
  let i: usize = 0;
  while (i < cn) {
    const x = <u32>utf8Lenient(c + i, cn - i);
    if (x == cp) return true;
    i += <usize>runeWidth;
  }
  return false;
}

function isSpace(cp: u32): bool {
  if (cp == 0x20 || (cp >= 0x09 && cp <= 0x0d)) return true;
  if (cp < 0x80) return false;
  return cp == 0x85 || cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 || cp == 0x2029 || cp == 0x202f || cp == 0x205f || cp == 0x3000;
}

/** Trims code points matching (cutset, or whitespace when space) from the left and/or right. */
function trimBy(s: usize, c: usize, cn: usize, space: bool, left: bool, right: bool): usize {
  const p = strPtr(s), n = strLen(s);
  let a: usize = 0;
  let b = n;
  if (left) {
    while (a < b) {
      const cp = <u32>utf8Lenient(p + a, b - a);
      const w = <usize>runeWidth; // before inCutset, which decodes too
      if (!(space ? isSpace(cp) : inCutset(cp, c, cn))) break;
      a += w;
    }
  }
  if (right) {
    while (b > a) {
      // Go's utf8.DecodeLastRune: the rune whose bytes end at b, else U+FFFD of one byte
      let k = b - 1;
      while (k > a && b - k < 4 && (load<u8>(p + k) & 0xc0) == 0x80) k--;
      let cp = <u32>utf8Lenient(p + k, b - k);
      if (<usize>runeWidth != b - k) {
        cp = 0xfffd;
        k = b - 1;
      }
      if (!(space ? isSpace(cp) : inCutset(cp, c, cn))) break;
      b = k;
    }
  }
  return newString(p + a, b - a);
}

export function b_trim(s: usize, c: usize): usize {
  if (!isStr(s) || !isStr(c)) return 0;
  return trimBy(s, strPtr(c), strLen(c), false, true, true);
}

export function b_trim_left(s: usize, c: usize): usize {
  if (!isStr(s) || !isStr(c)) return 0;
  return trimBy(s, strPtr(c), strLen(c), false, true, false);
}

export function b_trim_right(s: usize, c: usize): usize {
  if (!isStr(s) || !isStr(c)) return 0;
  return trimBy(s, strPtr(c), strLen(c), false, false, true);
}

export function b_trim_space(s: usize): usize {
  if (!isStr(s)) return 0;
  return trimBy(s, 0, 0, true, true, true);
}

export function b_trim_prefix(s: usize, pre: usize): usize {
  if (!isStr(s) || !isStr(pre)) return 0;
  const p = strPtr(s), n = strLen(s), pn = strLen(pre);
  if (!hasPrefix(p, n, strPtr(pre), pn)) return s;
  return newString(p + pn, n - pn);
}

export function b_trim_suffix(s: usize, suf: usize): usize {
  if (!isStr(s) || !isStr(suf)) return 0;
  const p = strPtr(s), n = strLen(s), sn = strLen(suf);
  if (!hasSuffix(p, n, strPtr(suf), sn)) return s;
  return newString(p, n - sn);
}

export function b_strings__reverse(s: usize): usize {
  if (!isStr(s)) return 0;
  const p = strPtr(s), n = strLen(s);
  const buf = opa_malloc(n == 0 ? 1 : n);
  let i: usize = 0;
  while (i < n) {
    let j = i + 1;
    while (j < n && (load<u8>(p + j) & 0xc0) == 0x80) j++;
    memory.copy(buf + n - j, p + i, j - i);
    i = j;
  }
  return newString(buf, n);
}

