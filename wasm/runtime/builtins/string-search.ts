// String builtins that search for several patterns or occurrences: strings.count,
// indexof_n, strings.any_prefix_match, strings.any_suffix_match, strings.replace_n (Go's
// strings.NewReplacer: keys in sorted order, earlier keys win, non-overlapping, left to right).
// Input: strings, arrays/sets of strings, a pattern object. Output: a value, or 0 (undefined).

import { T_STRING, T_OBJECT, strPtr, strLen, newArray, arrPush, boolValue, utf8Count } from "../value";
import { newInt } from "../number";
import { tableLen, keyAt, valAt, ensureSorted } from "../table";
import { isType, isColl, collLen, collAt } from "../builtin-support";
import { tbNew, tbBytes, tbString } from "../text-buf";

function isStr(v: usize): bool {
  return isType(v, T_STRING);
}

function matchAt(s: usize, sn: usize, i: usize, p: usize, pn: usize): bool {
  return i + pn <= sn && memory.compare(s + i, p, pn) == 0;
}

export function b_strings__count(s: usize, sub: usize): usize {
  if (!isStr(s) || !isStr(sub)) return 0;
  const p = strPtr(s), n = strLen(s), q = strPtr(sub), m = strLen(sub);
  if (m == 0) return newInt(<i64>utf8Count(p, n) + 1);
  let c: i64 = 0;
  let i: usize = 0;
  while (i + m <= n) {
    if (matchAt(p, n, i, q, m)) {
      c++;
      i += m;
    } else i++;
  }
  return newInt(c);
}

/** Code point indices of every (possibly overlapping) occurrence; undefined for an empty search. */
export function b_indexof_n(s: usize, sub: usize): usize {
  if (!isStr(s) || !isStr(sub) || strLen(sub) == 0) return 0;
  const p = strPtr(s), n = strLen(s), q = strPtr(sub), m = strLen(sub);
  const r = newArray(0);
  let cp: i64 = 0;
  for (let i: usize = 0; i < n; i++) {
    if ((load<u8>(p + i) & 0xc0) == 0x80) continue;
    if (matchAt(p, n, i, q, m)) arrPush(r, newInt(cp));
    cp++;
  }
  return r;
}

/** A string, or an array/set whose elements are all strings. */
function strOrColl(v: usize): bool {
  if (isStr(v)) return true;
  if (!isColl(v)) return false;
  const n = collLen(v);
  for (let i: usize = 0; i < n; i++) if (!isStr(collAt(v, i))) return false;
  return true;
}

function count(v: usize): usize {
  return isStr(v) ? 1 : collLen(v);
}

function item(v: usize, i: usize): usize {
  return isStr(v) ? v : collAt(v, i);
}

function anyMatch(a: usize, b: usize, suffix: bool): usize {
  if (!strOrColl(a) || !strOrColl(b)) return 0;
  const na = count(a), nb = count(b);
  for (let i: usize = 0; i < na; i++) {
    const s = item(a, i);
    const sp = strPtr(s), sn = strLen(s);
    for (let j: usize = 0; j < nb; j++) {
      const x = item(b, j);
      const xn = strLen(x);
      if (xn <= sn && memory.compare(suffix ? sp + sn - xn : sp, strPtr(x), xn) == 0) return boolValue(true);
    }
  }
  return boolValue(false);
}

export function b_strings__any_prefix_match(a: usize, b: usize): usize {
  return anyMatch(a, b, false);
}

export function b_strings__any_suffix_match(a: usize, b: usize): usize {
  return anyMatch(a, b, true);
}

/** Index (in sorted key order) of the first key matching at byte i, or -1; skipEmpty ignores "". */
function firstMatch(pats: usize, np: usize, p: usize, n: usize, i: usize, skipEmpty: bool): i32 {
  for (let k: usize = 0; k < np; k++) {
    const key = keyAt(pats, k);
    const kn = strLen(key);
    if (kn == 0 && skipEmpty) continue;
    if (matchAt(p, n, i, strPtr(key), kn)) return <i32>k;
  }
  return -1;
}

export function b_strings__replace_n(pats: usize, s: usize): usize {
  if (!isType(pats, T_OBJECT) || !isStr(s)) return 0;
  ensureSorted(pats);
  const np = tableLen(pats);
  for (let k: usize = 0; k < np; k++) {
    if (!isStr(keyAt(pats, k)) || !isStr(valAt(pats, k))) return 0;
  }
  const p = strPtr(s), n = strLen(s);
  if (np == 0) return s;
  const out = tbNew(n);
  let last: usize = 0;
  let i: usize = 0;
  let prevEmpty = false;
  while (i <= n) {
    const k = firstMatch(pats, np, p, n, i, prevEmpty);
    if (k >= 0) {
      const key = keyAt(pats, <usize>k);
      const val = valAt(pats, <usize>k);
      tbBytes(out, p + last, i - last);
      tbBytes(out, strPtr(val), strLen(val));
      prevEmpty = strLen(key) == 0;
      i += strLen(key);
      last = i;
      continue;
    }
    prevEmpty = false;
    i++;
  }
  if (last < n) tbBytes(out, p + last, n - last);
  return tbString(out);
}

