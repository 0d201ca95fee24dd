// Numbers: exact decimals with an int64 fast path. Input: i64s, decimal text, number values.
// Output: number values. Layouts (private): INT {u8 3, u8 repr=1, i64 @8}; DEC {u8 3, u8 repr=2,
// u8 sign @2, i32 exp @4, Nat* mantissa @8, u32 textLen @12, u32 textPtr @16} meaning
// (-1)^sign * mantissa * 10^exp; textPtr (0 if computed) keeps the literal for round-trips.

import { opa_malloc } from "./malloc";
import { abortWith } from "./abort";
import { T_NUMBER } from "./value";
import {
  natAlloc, natAdd, natSub, natCmp, natMul, natMulPow10, natFromU64, natToU64, natOverflow,
  natIsZero, natDigits, natTrailingZeros, natDivPow10, natDivMod, natRemBig, natWriteDigits,
  natFromDigits, natLen, limb, natMulAddInPlace, natCopy,
} from "./bignat";

const REPR_INT: u8 = 1;
const REPR_DEC: u8 = 2;
const MAX_SHIFT: i32 = 100000; // decimal digits an alignment may add before we give up
export const DIV_PRECISION: i32 = 34; // significant digits of inexact quotients

// Small non-negative ints 0..255, filled on demand (static, never mutated once filled).
const SMALL: usize = memory.data(256 * 16, 8);

export function newInt(x: i64): usize {
  if (x >= 0 && x < 256) {
    const p = SMALL + (<usize>x << 4);
    if (load<u8>(p) == 0) {
      store<u8>(p, REPR_INT, 1);
      store<i64>(p, x, 8);
      store<u8>(p, T_NUMBER);
    }
    return p;
  }
  const v = opa_malloc(16);
  store<u32>(v, 0);
  store<u8>(v, T_NUMBER);
  store<u8>(v, REPR_INT, 1);
  store<i64>(v, x, 8);
  return v;
}

function newDec(sign: u8, nat: usize, exp: i32, textPtr: usize, textLen: usize): usize {
  const v = opa_malloc(24);
  store<u32>(v, 0);
  store<u8>(v, T_NUMBER);
  store<u8>(v, REPR_DEC, 1);
  store<u8>(v, sign, 2);
  store<i32>(v, exp, 4);
  store<u32>(v, <u32>nat, 8);
  store<u32>(v, <u32>textLen, 12);
  store<u32>(v, <u32>textPtr, 16);
  return v;
}

// @ts-ignore: decorator
@inline export function isIntRepr(v: usize): bool {
  return load<u8>(v, 1) == REPR_INT;
}

// @ts-ignore: decorator
@inline export function intOf(v: usize): i64 {
  return load<i64>(v, 8);
}

// ---- unpacking into (sign, nat, exp) ----

export let uSign: u8 = 0;
export let uNat: usize = 0;
export let uExp: i32 = 0;

function absU64(x: i64): u64 {
  return x < 0 ? <u64>(-(x + 1)) + 1 : <u64>x;
}

export function unpack(v: usize): void {
  if (isIntRepr(v)) {
    const x = intOf(v);
    uSign = x < 0 ? 1 : 0;
    uNat = natFromU64(absU64(x));
    uExp = 0;
  } else {
    uSign = load<u8>(v, 2);
    uNat = <usize>load<u32>(v, 8);
    uExp = load<i32>(v, 4);
  }
  if (natIsZero(uNat)) {
    uSign = 0;
    uExp = 0;
  }
}

/** Canonical number: trailing zeros stripped; integers in int64 range become INT. */
export function makeNumber(sign: u8, nat: usize, exp: i32): usize {
  if (natIsZero(nat)) return newInt(0);
  const tz = natTrailingZeros(nat);
  if (tz > 0) {
    nat = natDivPow10(nat, tz);
    exp += <i32>tz;
  }
  if (exp >= 0 && <i32>natDigits(nat) + exp <= 18) {
    const m = natToU64(exp > 0 ? natMulPow10(nat, <usize>exp) : nat);
    return newInt(sign ? -<i64>m : <i64>m);
  }
  return newDec(sign, nat, exp, 0, 0);
}

// ---- integer views ----

/** Set by toI64: whether the number is an integer in int64 range. */
export let numOk: bool = false;

export function toI64(v: usize): i64 {
  numOk = true;
  if (isIntRepr(v)) return intOf(v);
  unpack(v);
  let nat = uNat;
  if (uExp < 0) {
    if (<i32>natTrailingZeros(nat) < -uExp) {
      numOk = false;
      return 0;
    }
    nat = natDivPow10(nat, <usize>(-uExp));
  } else if (uExp > 0) {
    if (<i32>natDigits(nat) + uExp > 19) {
      numOk = false;
      return 0;
    }
    nat = natMulPow10(nat, <usize>uExp);
  }
  const m = natToU64(nat);
  if (natOverflow || m > (uSign ? <u64>0x8000000000000000 : <u64>0x7fffffffffffffff)) {
    numOk = false;
    return 0;
  }
  return uSign ? <i64>(0 - m) : <i64>m;
}

export function isInteger(v: usize): bool {
  if (isIntRepr(v)) return true;
  unpack(v);
  return uExp >= 0 || <i32>natTrailingZeros(uNat) >= -uExp;
}

// ---- parsing ----

/** Parses JSON number text at p (n bytes); 0 if it is not a valid JSON number. */
export function parseNumber(p: usize, n: usize): usize {
  let i: usize = 0;
  let neg = false;
  if (i < n && load<u8>(p) == 0x2d) {
    neg = true;
    i++;
  }
  const intStart = i;
  if (i >= n) return 0;
  let c = load<u8>(p + i);
  if (c == 0x30) {
    i++;
  } else if (c >= 0x31 && c <= 0x39) {
    while (i < n && (c = load<u8>(p + i)) >= 0x30 && c <= 0x39) i++;
  } else return 0;
  const intEnd = i;
  let fracDigits: i32 = 0;
  let isDec = false;
  if (i < n && load<u8>(p + i) == 0x2e) {
    isDec = true;
    i++;
    const fs = i;
    while (i < n && (c = load<u8>(p + i)) >= 0x30 && c <= 0x39) i++;
    if (i == fs) return 0;
    fracDigits = <i32>(i - fs);
  }
  const mantEnd = i;
  let exp: i64 = 0;
  if (i < n && (load<u8>(p + i) | 0x20) == 0x65) {
    isDec = true;
    i++;
    let eneg = false;
    if (i < n && (load<u8>(p + i) == 0x2b || load<u8>(p + i) == 0x2d)) {
      eneg = load<u8>(p + i) == 0x2d;
      i++;
    }
    const es = i;
    while (i < n && (c = load<u8>(p + i)) >= 0x30 && c <= 0x39) {
      if (exp < 1000000000) exp = exp * 10 + <i64>(c - 0x30);
      i++;
    }
    if (i == es) return 0;
    if (eneg) exp = -exp;
  }
  if (i != n) return 0;
  const intDigits = intEnd - intStart;
  if (!isDec && intDigits <= 18) {
    let x: i64 = 0;
    for (let k = intStart; k < intEnd; k++) x = x * 10 + <i64>(load<u8>(p + k) - 0x30);
    return newInt(neg ? -x : x);
  }
  const nat = natFromDigits(p + intStart, mantEnd - intStart);
  const e = exp - <i64>fracDigits;
  if (e > 1000000000 || e < -1000000000) return 0;
  return newDec(neg && !natIsZero(nat) ? 1 : 0, nat, <i32>e, p, n);
}

// ---- text ----

export let textPtr: usize = 0;
export let textLen: usize = 0;

/** Sets textPtr/textLen to the JSON text of number v (the literal text when kept). */
export function numberText(v: usize): void {
  if (isIntRepr(v)) {
    const x = intOf(v);
    const buf = opa_malloc(24);
    let m = absU64(x);
    let k: usize = 24;
    do {
      k--;
      store<u8>(buf + k, <u8>(0x30 + m % 10));
      m /= 10;
    } while (m != 0);
    if (x < 0) {
      k--;
      store<u8>(buf + k, 0x2d);
    }
    textPtr = buf + k;
    textLen = 24 - k;
    return;
  }
  const tl = <usize>load<u32>(v, 12);
  if (tl != 0) {
    textPtr = <usize>load<u32>(v, 16);
    textLen = tl;
    return;
  }
  formatDec(load<u8>(v, 2), <usize>load<u32>(v, 8), load<i32>(v, 4));
}

function formatDec(sign: u8, nat: usize, exp: i32): void {
  const L = <i32>natDigits(nat);
  if (L == 0) {
    const b = opa_malloc(1);
    store<u8>(b, 0x30);
    textPtr = b;
    textLen = 1;
    return;
  }
  const digits = opa_malloc(<usize>L);
  natWriteDigits(nat, digits);
  const p = L + exp; // position of the decimal point
  let sci = false;
  if (exp >= 0) sci = exp > 21;
  else sci = p <= -6;
  const cap = <usize>(L + 32 + (sci ? 0 : (exp > 0 ? exp : 0) + (p < 0 ? -p : 0)));
  const out = opa_malloc(cap);
  let k: usize = 0;
  if (sign) store<u8>(out + k++, 0x2d);
  if (sci) {
    store<u8>(out + k++, load<u8>(digits));
    if (L > 1) {
      store<u8>(out + k++, 0x2e);
      memory.copy(out + k, digits + 1, <usize>(L - 1));
      k += <usize>(L - 1);
    }
    store<u8>(out + k++, 0x65);
    let e = p - 1;
    store<u8>(out + k++, e < 0 ? 0x2d : 0x2b);
    if (e < 0) e = -e;
    const tmp = opa_malloc(12);
    let t: usize = 0;
    do {
      store<u8>(tmp + t++, <u8>(0x30 + e % 10));
      e /= 10;
    } while (e != 0);
    while (t > 0) store<u8>(out + k++, load<u8>(tmp + --t));
  } else if (exp >= 0) {
    memory.copy(out + k, digits, <usize>L);
    k += <usize>L;
    memory.fill(out + k, 0x30, <usize>exp);
    k += <usize>exp;
  } else if (p > 0) {
    memory.copy(out + k, digits, <usize>p);
    k += <usize>p;
    store<u8>(out + k++, 0x2e);
    memory.copy(out + k, digits + <usize>p, <usize>(L - p));
    k += <usize>(L - p);
  } else {
    store<u8>(out + k++, 0x30);
    store<u8>(out + k++, 0x2e);
    memory.fill(out + k, 0x30, <usize>(-p));
    k += <usize>(-p);
    memory.copy(out + k, digits, <usize>L);
    k += <usize>L;
  }
  textPtr = out;
  textLen = k;
}

// ---- comparison and hashing ----

function cmpMagnitude(na: usize, ea: i32, nb: usize, eb: i32): i32 {
  const za = natIsZero(na);
  const zb = natIsZero(nb);
  if (za || zb) return za && zb ? 0 : za ? -1 : 1;
  const adjA = <i64>natDigits(na) + <i64>ea;
  const adjB = <i64>natDigits(nb) + <i64>eb;
  if (adjA != adjB) return adjA < adjB ? -1 : 1;
  if (ea > eb) return natCmp(natMulPow10(na, <usize>(ea - eb)), nb);
  if (eb > ea) return natCmp(na, natMulPow10(nb, <usize>(eb - ea)));
  return natCmp(na, nb);
}

export function compareNumbers(a: usize, b: usize): i32 {
  if (isIntRepr(a) && isIntRepr(b)) {
    const x = intOf(a);
    const y = intOf(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  unpack(a);
  const sa = uSign, na = uNat, ea = uExp;
  unpack(b);
  const sb = uSign, nb = uNat, eb = uExp;
  const za = natIsZero(na), zb = natIsZero(nb);
  if (za && zb) return 0;
  // signs (zero counts as positive with magnitude 0)
  if (sa != sb) return sa ? -1 : 1;
  const m = cmpMagnitude(na, ea, nb, eb);
  return sa ? -m : m;
}

function mix64(h: u32, x: u64): u32 {
  h ^= <u32>x;
  h *= 0x01000193;
  h ^= <u32>(x >> 32);
  h *= 0x01000193;
  return h;
}

export function hashNumber(v: usize): u32 {
  let sign: u8 = 0;
  let m: u64 = 0;
  let e: i32 = 0;
  if (isIntRepr(v)) {
    const x = intOf(v);
    sign = x < 0 ? 1 : 0;
    m = absU64(x);
    while (m != 0 && m % 10 == 0) {
      m /= 10;
      e++;
    }
    if (m == 0) sign = 0;
  } else {
    unpack(v);
    let nat = uNat;
    e = uExp;
    sign = uSign;
    const tz = natTrailingZeros(nat);
    if (tz > 0) {
      nat = natDivPow10(nat, tz);
      e += <i32>tz;
    }
    m = natToU64(nat);
    if (natOverflow) {
      let h: u32 = 0x811c9dc5 ^ <u32>sign;
      for (let i: usize = 0; i < natLen(nat); i++) h = mix64(h, <u64>limb(nat, i));
      return mix64(h, <u64>e);
    }
  }
  return mix64(mix64(0x811c9dc5 ^ <u32>sign, m), <u64><i64>e);
}

// ---- arithmetic ----

function checkShift(d: i32): void {
  if (d > MAX_SHIFT) abortWith("number too large");
}

function decAdd(sa: u8, na: usize, ea: i32, sb: u8, nb: usize, eb: i32): usize {
  const e = ea < eb ? ea : eb;
  checkShift(ea - e);
  checkShift(eb - e);
  const ma = ea > e ? natMulPow10(na, <usize>(ea - e)) : na;
  const mb = eb > e ? natMulPow10(nb, <usize>(eb - e)) : nb;
  if (sa == sb) return makeNumber(sa, natAdd(ma, mb), e);
  const c = natCmp(ma, mb);
  if (c == 0) return newInt(0);
  if (c > 0) return makeNumber(sa, natSub(ma, mb), e);
  return makeNumber(sb, natSub(mb, ma), e);
}

export function numAdd(a: usize, b: usize): usize {
  if (isIntRepr(a) && isIntRepr(b)) {
    const x = intOf(a), y = intOf(b);
    const r = x + y;
    if (((x ^ r) & (y ^ r)) >= 0) return newInt(r);
  }
  unpack(a);
  const sa = uSign, na = uNat, ea = uExp;
  unpack(b);
  return decAdd(sa, na, ea, uSign, uNat, uExp);
}

export function numSub(a: usize, b: usize): usize {
  if (isIntRepr(a) && isIntRepr(b)) {
    const x = intOf(a), y = intOf(b);
    const r = x - y;
    if (((x ^ y) & (x ^ r)) >= 0) return newInt(r);
  }
  unpack(a);
  const sa = uSign, na = uNat, ea = uExp;
  unpack(b);
  return decAdd(sa, na, ea, natIsZero(uNat) ? 0 : uSign ^ 1, uNat, uExp);
}

export function numMul(a: usize, b: usize): usize {
  if (isIntRepr(a) && isIntRepr(b)) {
    const x = intOf(a), y = intOf(b);
    if (x > -2147483648 && x < 2147483648 && y > -2147483648 && y < 2147483648) return newInt(x * y);
  }
  unpack(a);
  const sa = uSign, na = uNat, ea = uExp;
  unpack(b);
  const e = <i64>ea + <i64>uExp;
  if (e > 1000000000 || e < -1000000000) abortWith("number too large");
  return makeNumber(sa ^ uSign, natMul(na, uNat), <i32>e);
}

/** a / b; 0 (undefined) when b is zero. Inexact quotients are rounded half-even to DIV_PRECISION digits. */
export function numDiv(a: usize, b: usize): usize {
  if (isIntRepr(a) && isIntRepr(b)) {
    const x = intOf(a), y = intOf(b);
    if (y == 0) return 0;
    if (!(y == -1 && x == i64.MIN_VALUE) && x % y == 0) return newInt(x / y);
  }
  unpack(a);
  const sa = uSign, na = uNat, ea = uExp;
  unpack(b);
  const sb = uSign, nb = uNat, eb = uExp;
  if (natIsZero(nb)) return 0;
  if (natIsZero(na)) return newInt(0);
  let k = DIV_PRECISION + 1 + <i32>natDigits(nb) - <i32>natDigits(na);
  if (k < 0) k = 0;
  const A = k > 0 ? natMulPow10(na, <usize>k) : na;
  let q = natDivMod(A, nb);
  const r = natRemBig;
  let exp = <i64>ea - <i64>eb - <i64>k;
  if (!natIsZero(r)) {
    const D = <i32>natDigits(q);
    const drop = D - DIV_PRECISION;
    if (drop > 0) {
      const q2 = natDivPow10(q, <usize>drop);
      const dropped = natSub(q, natMulPow10(q2, <usize>drop));
      const half = natMulPow10(natFromU64(5), <usize>(drop - 1));
      const c = natCmp(dropped, half);
      let up = c > 0 || (c == 0 && (!natIsZero(r) || (limb(q2, 0) & 1) == 1));
      q = q2;
      if (up) {
        const t = natCopy(q, 1);
        natMulAddInPlace(t, 1, 1);
        q = t;
      }
      exp += <i64>drop;
    }
  }
  if (exp > 1000000000 || exp < -1000000000) abortWith("number too large");
  return makeNumber(sa ^ sb, q, <i32>exp);
}

/** Remainder (truncated, sign of the dividend) of integers; 0 when not integers or b is zero. */
export function numRem(a: usize, b: usize): usize {
  if (isIntRepr(a) && isIntRepr(b)) {
    const x = intOf(a), y = intOf(b);
    if (y == 0) return 0;
    if (y == -1) return newInt(0);
    return newInt(x % y);
  }
  if (!isInteger(a) || !isInteger(b)) return 0;
  unpack(a);
  const sa = uSign;
  const na = uExp > 0 ? natMulPow10(uNat, <usize>uExp) : natDivPow10(uNat, <usize>(-uExp));
  unpack(b);
  const nb = uExp > 0 ? natMulPow10(uNat, <usize>uExp) : natDivPow10(uNat, <usize>(-uExp));
  if (natIsZero(nb)) return 0;
  natDivMod(na, nb);
  return makeNumber(sa, natRemBig, 0);
}

export function numNeg(a: usize): usize {
  if (isIntRepr(a) && intOf(a) != i64.MIN_VALUE) return newInt(-intOf(a));
  unpack(a);
  return makeNumber(natIsZero(uNat) ? 0 : uSign ^ 1, uNat, uExp);
}

export function numAbs(a: usize): usize {
  if (isIntRepr(a)) {
    const x = intOf(a);
    if (x >= 0) return a;
    if (x != i64.MIN_VALUE) return newInt(-x);
  }
  unpack(a);
  if (uSign == 0) return a;
  return makeNumber(0, uNat, uExp);
}

/** mode 0 round (half away from zero), 1 ceil, 2 floor. */
export function numRound(a: usize, mode: i32): usize {
  if (isIntRepr(a)) return a;
  unpack(a);
  if (uExp >= 0) return a;
  const sign = uSign;
  const k = <usize>(-uExp);
  checkShift(<i32>k - <i32>natDigits(uNat));
  const div = natMulPow10(natFromU64(1), k);
  let ip = natDivMod(uNat, div);
  const frac = natRemBig;
  if (natIsZero(frac)) return makeNumber(sign, ip, 0);
  let up = false;
  if (mode == 0) up = natCmp(natAdd(frac, frac), div) >= 0;
  else if (mode == 1) up = sign == 0;
  else up = sign == 1;
  if (up) {
    const t = natCopy(ip, 1);
    natMulAddInPlace(t, 1, 1);
    ip = t;
  }
  return makeNumber(sign, ip, 0);
}

export function numIsZero(a: usize): bool {
  if (isIntRepr(a)) return intOf(a) == 0;
  return natIsZero(<usize>load<u32>(a, 8));
}

export function numSign(a: usize): i32 {
  if (isIntRepr(a)) {
    const x = intOf(a);
    return x < 0 ? -1 : x > 0 ? 1 : 0;
  }
  if (natIsZero(<usize>load<u32>(a, 8))) return 0;
  return load<u8>(a, 2) ? -1 : 1;
}

export function natOfZero(): usize {
  return natAlloc(0);
}
