// Float64 formatting with Go's strconv semantics for sprintf: exact decimal → correctly rounded
// float64 (fast path + exact midpoint refinement), its exact decimal digits, and %e/%f/%g
// (shortest or fixed precision, round half to even on the exact binary value).
// Input: a number value. Output: ASCII digits appended to a text buffer.

import { opa_malloc } from "./malloc";
import { natFromU64, natCopy, natMulAddInPlace, natDigits, natWriteDigits, natIsZero } from "./bignat";
import { unpack, uSign, uNat, uExp, makeNumber, compareNumbers } from "./number";
import { tbByte, tbBytes, tbRepeat } from "./text-buf";

// ---- float64 from an exact decimal ----

const P10: StaticArray<f64> = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/** m * 2^e as an exact decimal: sets dNat / dExp (value = dNat * 10^dExp). */
let dNat: usize = 0;
let dExp: i32 = 0;
function dyadic(m: u64, e: i32): void {
  let n = natFromU64(m);
  if (e >= 0) {
    let k = e;
    n = natCopy(n, <usize>(k / 29 + 2));
    while (k >= 29) {
      natMulAddInPlace(n, 1 << 29, 0);
      k -= 29;
    }
    if (k > 0) natMulAddInPlace(n, 1 << <u32>k, 0);
    dNat = n;
    dExp = 0;
  } else {
    let k = -e;
    n = natCopy(n, <usize>(k / 13 + 2));
    while (k >= 13) {
      natMulAddInPlace(n, 1220703125, 0); // 5^13
      k -= 13;
    }
    let p: u32 = 1;
    for (let i = 0; i < k; i++) p *= 5;
    if (p > 1) natMulAddInPlace(n, p, 0);
    dNat = n;
    dExp = e;
  }
}

function cmpDec(sn: usize, se: i32, m: u64, e: i32): i32 {
  dyadic(m, e);
  return compareNumbers(makeNumber(0, sn, se), makeNumber(0, dNat, dExp));
}

let fM: u64 = 0;
let fE: i32 = 0;
function decompose(x: f64): void {
  const bits = reinterpret<u64>(x);
  const ef = <i32>((bits >> 52) & 0x7ff);
  const frac = bits & 0xfffffffffffff;
  if (ef == 0) {
    fM = frac;
    fE = -1074;
  } else {
    fM = frac | (<u64>1 << 52);
    fE = ef - 1075;
  }
}

/** Set by toF64: false when the decimal overflows float64 (Go's ParseFloat range error). */
export let f64Ok: bool = true;

/** The float64 nearest to number v (ties to even), like strconv.ParseFloat of its text. */
export function toF64(v: usize): f64 {
  f64Ok = true;
  unpack(v);
  const sign = uSign, nat = uNat, exp = uExp;
  if (natIsZero(nat)) return 0;
  const D = <i32>natDigits(nat);
  const digits = opa_malloc(<usize>D);
  natWriteDigits(nat, digits);
  // approximation from the leading 17 digits
  const take = D < 17 ? D : 17;
  let lead: u64 = 0;
  for (let i = 0; i < take; i++) lead = lead * 10 + <u64>(load<u8>(digits + <usize>i) - 0x30);
  let e10 = exp + (D - take);
  let x = <f64>lead;
  if (D <= 15 && e10 >= -22 && e10 <= 22) {
    x = e10 >= 0 ? x * unchecked(P10[e10]) : x / unchecked(P10[-e10]);
    return sign ? -x : x;
  }
  if (<i64>e10 + <i64>take > 310) {
    f64Ok = false;
    return 0;
  }
  if (<i64>e10 + <i64>take < -330) return sign ? -0.0 : 0.0;
  while (e10 > 22) {
    x *= 1e22;
    e10 -= 22;
  }
  while (e10 < -22) {
    x /= 1e22;
    e10 += 22;
    if (x < 1e-300 && e10 < -22) {
      // avoid losing everything to underflow: rescale late
      x *= 1e22;
      e10 += 22;
      break;
    }
  }
  if (e10 >= 0) x *= unchecked(P10[e10]);
  else if (e10 >= -22) x /= unchecked(P10[-e10]);
  else {
    while (e10 < 0) {
      x /= 10;
      e10++;
    }
  }
  if (!isFinite(x)) x = 1.7976931348623157e308;
  // exact refinement against the midpoints to the neighbours
  for (let iter = 0; iter < 64; iter++) {
    decompose(x);
    const M = fM, E = fE;
    if (M == 0) {
      x = 4.9e-324;
      continue;
    }
    const cu = cmpDec(nat, exp, 2 * M + 1, E - 1);
    if (cu > 0) {
      const nx = reinterpret<f64>(reinterpret<u64>(x) + 1);
      if (!isFinite(nx)) {
        f64Ok = false;
        return 0;
      }
      x = nx;
      continue;
    }
    if (cu == 0) {
      if ((M & 1) == 1) x = reinterpret<f64>(reinterpret<u64>(x) + 1);
      break;
    }
    let cl: i32;
    if (M == (<u64>1 << 52) && E > -1074) cl = cmpDec(nat, exp, 4 * M - 1, E - 2);
    else cl = cmpDec(nat, exp, 2 * M - 1, E - 1);
    if (cl < 0) {
      x = reinterpret<f64>(reinterpret<u64>(x) - 1);
      if (x == 0) break;
      continue;
    }
    if (cl == 0 && (M & 1) == 1) x = reinterpret<f64>(reinterpret<u64>(x) - 1);
    break;
  }
  return sign ? -x : x;
}

// ---- decimal digit strings {digits, nd, dp}: value = 0.d1d2...dn * 10^dp ----

let dd: usize = 0; // digits of the value being formatted
let nd: i32 = 0;
let dp: i32 = 0;

function setDigits(m: u64, e: i32): void {
  dyadic(m, e);
  const D = <i32>natDigits(dNat);
  dd = opa_malloc(<usize>D + 2);
  natWriteDigits(dNat, dd);
  nd = D;
  dp = D + dExp;
  while (nd > 0 && load<u8>(dd + <usize>(nd - 1)) == 0x30) nd--;
}

function roundUp(k: i32): void {
  let i = k - 1;
  while (i >= 0) {
    const c = load<u8>(dd + <usize>i);
    if (c < 0x39) {
      store<u8>(dd + <usize>i, c + 1);
      nd = i + 1;
      return;
    }
    i--;
  }
  // all nines
  store<u8>(dd, 0x31);
  nd = 1;
  dp++;
}

function roundDown(k: i32): void {
  nd = k;
  while (nd > 0 && load<u8>(dd + <usize>(nd - 1)) == 0x30) nd--;
}

function shouldRoundUp(k: i32): bool {
  const c = load<u8>(dd + <usize>k);
  if (c == 0x35 && k + 1 == nd) return k > 0 && ((load<u8>(dd + <usize>(k - 1)) - 0x30) & 1) == 1;
  return c >= 0x35;
}

function roundTo(k: i32): void {
  if (k < 0 || k >= nd) return;
  if (shouldRoundUp(k)) roundUp(k);
  else roundDown(k);
}

function digitOf(p: usize, n: i32, i: i32): u8 {
  return i >= 0 && i < n ? load<u8>(p + <usize>i) : 0x30;
}

/** Go's roundShortest: the fewest digits that still read back as the same float64. */
function roundShortest(M: u64, E: i32): void {
  if (nd == 0) return;
  const saveD = dd, saveN = nd, saveP = dp;
  setDigits(2 * M + 1, E - 1);
  const up = dd, upN = nd, upP = dp;
  if (M > (<u64>1 << 52) || E == -1074) setDigits(2 * M - 1, E - 1);
  else setDigits(4 * M - 1, E - 2);
  const lo = dd, loN = nd, loP = dp;
  dd = saveD;
  nd = saveN;
  dp = saveP;
  const inclusive = (M & 1) == 0;
  let upperdelta: i32 = 0;
  for (let ui: i32 = 0; ; ui++) {
    const mi = ui - upP + dp;
    if (mi >= nd) break;
    const li = ui - upP + loP;
    const l = digitOf(lo, loN, li);
    const m = mi >= 0 ? load<u8>(dd + <usize>mi) : <u8>0x30;
    const u = digitOf(up, upN, ui);
    const okdown = l != m || (inclusive && li + 1 == loN);
    if (upperdelta == 0 && m + 1 < u) upperdelta = 2;
    else if (upperdelta == 0 && m != u) upperdelta = 1;
    else if (upperdelta == 1 && (m != 0x39 || u != 0x30)) upperdelta = 2;
    const okup = upperdelta > 0 && (inclusive || upperdelta > 1 || ui + 1 < upN);
    if (okdown && okup) {
      roundTo(mi + 1);
      return;
    }
    if (okdown) {
      roundDown(mi + 1);
      return;
    }
    if (okup) {
      roundUp(mi + 1);
      return;
    }
  }
}

function putExp(out: usize, verb: u8, e: i32): void {
  tbByte(out, verb == 0x45 || verb == 0x47 ? 0x45 : 0x65);
  tbByte(out, e < 0 ? 0x2d : 0x2b);
  if (e < 0) e = -e;
  if (e < 10) tbByte(out, 0x30);
  if (e >= 100) tbByte(out, <u8>(0x30 + e / 100));
  if (e >= 10) tbByte(out, <u8>(0x30 + (e / 10) % 10));
  tbByte(out, <u8>(0x30 + e % 10));
}

function fmtE(out: usize, prec: i32, verb: u8): void {
  tbByte(out, nd == 0 ? 0x30 : load<u8>(dd));
  if (prec > 0) {
    tbByte(out, 0x2e);
    let i: i32 = 1;
    const m = nd < prec + 1 ? nd : prec + 1;
    if (i < m) {
      tbBytes(out, dd + <usize>i, <usize>(m - i));
      i = m;
    }
    if (i <= prec) tbRepeat(out, 0x30, <usize>(prec - i + 1));
  }
  putExp(out, verb, nd == 0 ? 0 : dp - 1);
}

function fmtF(out: usize, prec: i32): void {
  if (dp > 0) {
    const m = nd < dp ? nd : dp;
    tbBytes(out, dd, <usize>m);
    if (m < dp) tbRepeat(out, 0x30, <usize>(dp - m));
  } else tbByte(out, 0x30);
  if (prec > 0) {
    tbByte(out, 0x2e);
    for (let i: i32 = 1; i <= prec; i++) tbByte(out, digitOf(dd, nd, dp + i - 1));
  }
}

/**
 * Appends |x| formatted like strconv.FormatFloat(x, verb, prec, 64) (verb e E f F g G; prec < 0 =
 * shortest). The sign is the caller's business. Inf/NaN are written as +Inf / NaN by the caller.
 */
export function formatAbs(out: usize, x: f64, verb: u8, prec: i32): void {
  decompose(x < 0 ? -x : x);
  const M = fM, E = fE;
  if (M == 0) {
    dd = opa_malloc(1);
    nd = 0;
    dp = 0;
  } else setDigits(M, E);
  const shortest = prec < 0;
  const lv = verb | 0x20;
  if (shortest) {
    roundShortest(M, E);
    if (lv == 0x65) prec = nd - 1;
    else if (lv == 0x66) prec = nd - dp > 0 ? nd - dp : 0;
    else prec = nd;
  } else if (lv == 0x65) roundTo(prec + 1);
  else if (lv == 0x66) roundTo(dp + prec);
  else {
    if (prec == 0) prec = 1;
    roundTo(prec);
  }
  if (lv == 0x65) {
    fmtE(out, prec, verb);
    return;
  }
  if (lv == 0x66) {
    fmtF(out, prec);
    return;
  }
  let eprec = prec;
  if (eprec > nd && nd >= dp) eprec = nd;
  if (shortest) eprec = 6;
  const exp = dp - 1;
  if (exp < -4 || exp >= eprec) {
    if (prec > nd) prec = nd;
    fmtE(out, prec - 1, verb);
    return;
  }
  if (prec > dp) prec = nd;
  fmtF(out, prec - dp > 0 ? prec - dp : 0);
}
