// semver.is_valid / semver.compare with OPA's internal semver rules (go-semver style):
// MAJOR.MINOR.PATCH (each a Go ParseInt int64) with optional -PRERELEASE and +METADATA made of
// dot-separated [0-9A-Za-z-]+ identifiers; precedence by numbers, then a version without a
// pre-release is greater, then pre-release fields (numeric < alphanumeric, then text order).
// Input: strings. Output: a boolean / -1, 0, 1, or 0 (undefined) for invalid versions.

import { T_STRING, strPtr, strLen, boolValue, FALSE_V } from "../value";
import { newInt } from "../number";
import { compareBytes } from "../compare";
import { isType } from "../builtin-support";

// Parsed version: major/minor/patch and the pre-release span.
let vMaj: i64 = 0, vMin: i64 = 0, vPat: i64 = 0;
let vPre: usize = 0, vPreLen: usize = 0;
let intOk = false;

/** strconv.ParseInt(s, 10, 64) / Atoi: optional sign, decimal digits, no overflow. */
function parseI64(p: usize, n: usize): i64 {
  intOk = false;
  let i: usize = 0;
  let neg = false;
  if (n > 0 && (load<u8>(p) == 0x2b || load<u8>(p) == 0x2d)) {
    neg = load<u8>(p) == 0x2d;
    i = 1;
  }
  if (i == n) return 0;
  let x: u64 = 0;
  for (; i < n; i++) {
    const c = load<u8>(p + i);
    if (c < 0x30 || c > 0x39) return 0;
    if (x > 922337203685477580) return 0;
    x = x * 10 + <u64>(c - 0x30);
  }
  if (x > (neg ? <u64>0x8000000000000000 : <u64>0x7fffffffffffffff)) return 0;
  intOk = true;
  return neg ? <i64>(0 - x) : <i64>x;
}

/** `^[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*$` or empty. */
function validIdent(p: usize, n: usize): bool {
  if (n == 0) return true;
  let run: usize = 0;
  for (let i: usize = 0; i < n; i++) {
    const c = load<u8>(p + i);
    if (c == 0x2e) {
      if (run == 0) return false;
      run = 0;
      continue;
    }
    const ok = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c == 0x2d;
    if (!ok) return false;
    run++;
  }
  return run > 0;
}

function indexOfByte(p: usize, n: usize, c: u8): isize {
  for (let i: usize = 0; i < n; i++) if (load<u8>(p + i) == c) return <isize>i;
  return -1;
}

function parse(v: usize): bool {
  if (!isType(v, T_STRING)) return false;
  const p = strPtr(v);
  let n = strLen(v);
  let metaP: usize = 0, metaN: usize = 0;
  const plus = indexOfByte(p, n, 0x2b);
  if (plus >= 0) {
    metaP = p + <usize>plus + 1;
    metaN = n - <usize>plus - 1;
    n = <usize>plus;
  }
  vPre = 0;
  vPreLen = 0;
  const dash = indexOfByte(p, n, 0x2d);
  if (dash >= 0) {
    vPre = p + <usize>dash + 1;
    vPreLen = n - <usize>dash - 1;
    n = <usize>dash;
  }
  const d1 = indexOfByte(p, n, 0x2e);
  if (d1 < 0) return false;
  const r1 = p + <usize>d1 + 1, n1 = n - <usize>d1 - 1;
  const d2 = indexOfByte(r1, n1, 0x2e);
  if (d2 < 0) return false;
  if (!validIdent(vPre, vPreLen) || !validIdent(metaP, metaN)) return false;
  vMaj = parseI64(p, <usize>d1);
  if (!intOk) return false;
  vMin = parseI64(r1, <usize>d2);
  if (!intOk) return false;
  vPat = parseI64(r1 + <usize>d2 + 1, n1 - <usize>d2 - 1);
  return intOk;
}

export function b_semver__is_valid(v: usize): usize {
  if (!isType(v, T_STRING)) return FALSE_V;
  return boolValue(parse(v));
}

function cmpI(a: i64, b: i64): i32 {
  return a < b ? -1 : a > b ? 1 : 0;
}

function comparePre(ap: usize, an: usize, bp: usize, bn: usize): i32 {
  let i: usize = 0, j: usize = 0;
  while (true) {
    const aDone = i >= an, bDone = j >= bn;
    if (aDone) return bDone ? 0 : -1;
    if (bDone) return 1;
    let ie = i;
    while (ie < an && load<u8>(ap + ie) != 0x2e) ie++;
    let je = j;
    while (je < bn && load<u8>(bp + je) != 0x2e) je++;
    const ai = parseI64(ap + i, ie - i);
    const aInt = intOk;
    const bi = parseI64(bp + j, je - j);
    const bInt = intOk;
    if (aInt && !bInt) return -1;
    if (!aInt && bInt) return 1;
    if (aInt && bInt && ai != bi) return ai < bi ? -1 : 1;
    const c = compareBytes(ap + i, ie - i, bp + j, je - j);
    if (c != 0) return c;
    i = ie + 1;
    j = je + 1;
  }
}

export function b_semver__compare(a: usize, b: usize): usize {
  if (!parse(a)) return 0;
  const aMaj = vMaj, aMin = vMin, aPat = vPat, aPre = vPre, aPreLen = vPreLen;
  if (!parse(b)) return 0;
  let c = cmpI(aMaj, vMaj);
  if (c == 0) c = cmpI(aMin, vMin);
  if (c == 0) c = cmpI(aPat, vPat);
  if (c == 0) {
    if (aPreLen == 0 && vPreLen > 0) c = 1;
    else if (vPreLen == 0 && aPreLen > 0) c = -1;
    else c = comparePre(aPre, aPreLen, vPre, vPreLen);
  }
  return newInt(<i64>c);
}
