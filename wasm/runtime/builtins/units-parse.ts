// units.parse (OPA): quotes removed, no spaces; a decimal number (fraction and exponent
// allowed, exponent at most 6 digits) then a unit, case-sensitive in its first letter only:
// m (milli, the float64 0.001 exactly, as Go's big.Rat.SetFloat64), k/K, M, g/G, t/T, p/P, e/E
// and binary ki/Ki ... ei/Ei. Integral results are integers, others rounded to 10 decimals.
// Input: a string. Output: a number, or 0 (undefined) when invalid.

import { opa_malloc } from "../malloc";
import { T_STRING, strPtr, strLen } from "../value";
import { newInt, makeNumber, numMul, numRound, isInteger } from "../number";
import { natFromDigits } from "../bignat";
import { isType } from "../builtin-support";

// float64(0.001) exactly: 0.001000000000000000020816681711721685132943093776702880859375
const MILLI_DIGITS = "1000000000000000020816681711721685132943093776702880859375";

function digitsNumber(s: string, exp: i32): usize {
  const p = changetype<usize>(s);
  const n = <usize>(load<u32>(p - 4) >> 1);
  const buf = opa_malloc(n);
  for (let i: usize = 0; i < n; i++) store<u8>(buf + i, <u8>load<u16>(p + (i << 1)));
  return makeNumber(0, natFromDigits(buf, n), exp);
}

function isDigit(c: u8): bool {
  return c >= 0x30 && c <= 0x39;
}

/** Multiplier for the unit bytes at p (length n), first letter as written, rest lower-cased; 0 = unknown. */
function unitMul(p: usize, n: usize): usize {
  if (n == 0) return newInt(1);
  if (n > 2) return 0;
  const c0 = load<u8>(p);
  let c1: u8 = n == 2 ? load<u8>(p + 1) : 0;
  if (c1 >= 0x41 && c1 <= 0x5a) c1 += 32;
  if (n == 2 && c1 != 0x69) return 0; // only the binary "i" suffix
  let k: i32 = -1;
  const lc: u8 = c0 >= 0x41 && c0 <= 0x5a ? c0 + 32 : c0;
  if (n == 1 && c0 == 0x6d) return digitsNumber(MILLI_DIGITS, -60);
  if (n == 1 && c0 == 0x4d) k = 2;
  else if (lc == 0x6b) k = 1;
  else if (lc == 0x6d) k = n == 2 ? 2 : -1;
  else if (lc == 0x67) k = 3;
  else if (lc == 0x74) k = 4;
  else if (lc == 0x70) k = 5;
  else if (lc == 0x65) k = 6;
  if (k < 0) return 0;
  let m: i64 = 1;
  for (let i = 0; i < k; i++) m *= n == 2 ? 1024 : 1000;
  return newInt(m);
}

export function b_units__parse(s: usize): usize {
  if (!isType(s, T_STRING)) return 0;
  const src = strPtr(s), len = strLen(s);
  const buf = opa_malloc(len + 1);
  let n: usize = 0;
  for (let i: usize = 0; i < len; i++) {
    const c = load<u8>(src + i);
    if (c == 0x22) continue;
    if (c == 0x20) return 0;
    store<u8>(buf + n++, c);
  }
  // split number / unit like OPA's extractNumAndUnit
  let cut: usize = n;
  for (let i: usize = 0; i < n; i++) {
    const c = load<u8>(buf + i);
    if (!isDigit(c) && c != 0x2e && c != 0x65 && c != 0x45 && c != 0x2b && c != 0x2d) {
      cut = i;
      break;
    }
    if (c == 0x65 || c == 0x45) {
      if (i == n - 1) {
        cut = i;
        break;
      }
      const d = load<u8>(buf + i + 1);
      if (!isDigit(d) && d != 0x2b && d != 0x2d) {
        cut = i;
        break;
      }
      let j = i + 1;
      if (d == 0x2b || d == 0x2d) j++;
      let e = j;
      while (e < n && isDigit(load<u8>(buf + e))) e++;
      if (e - j > 6) return 0;
      if (d == 0x2b || d == 0x2d) i++;
    }
  }
  if (cut == 0) return 0;
  const mult = unitMul(buf + cut, n - cut);
  if (mult == 0) return 0;
  // the number: [sign] digits [. digits] [e [sign] digits] (big.Rat.SetString)
  let i: usize = 0;
  let sign: u8 = 0;
  if (i < cut && (load<u8>(buf) == 0x2b || load<u8>(buf) == 0x2d)) {
    sign = load<u8>(buf) == 0x2d ? 1 : 0;
    i++;
  }
  const digits = opa_malloc(cut + 1);
  let nd: usize = 0;
  let frac: i32 = 0;
  let seenDot = false;
  while (i < cut) {
    const c = load<u8>(buf + i);
    if (isDigit(c)) {
      store<u8>(digits + nd++, c);
      if (seenDot) frac++;
    } else if (c == 0x2e && !seenDot) seenDot = true;
    else break;
    i++;
  }
  if (nd == 0) return 0;
  let exp: i32 = 0;
  if (i < cut) {
    const c = load<u8>(buf + i);
    if (c != 0x65 && c != 0x45) return 0;
    i++;
    let esign: i32 = 1;
    if (i < cut && (load<u8>(buf + i) == 0x2b || load<u8>(buf + i) == 0x2d)) {
      if (load<u8>(buf + i) == 0x2d) esign = -1;
      i++;
    }
    if (i == cut) return 0;
    while (i < cut) {
      const d = load<u8>(buf + i);
      if (!isDigit(d)) return 0;
      exp = exp * 10 + <i32>(d - 0x30);
      i++;
    }
    exp *= esign;
  }
  const x = numMul(makeNumber(sign, natFromDigits(digits, nd), exp - frac), mult);
  if (isInteger(x)) return x;
  // round half away from zero to 10 decimals (big.Rat.FloatString(10))
  const scaled = numRound(numMul(x, newInt(10000000000)), 0);
  return numMul(scaled, digitsNumber("1", -10));
}
