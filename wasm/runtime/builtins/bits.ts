// Builtins bits.or, bits.and, bits.xor, bits.negate, bits.lsh, bits.rsh (OPA: math/big on
// integers). Input: integer numbers (shift counts non-negative). Output: an integer, or 0
// (undefined) for non-integers. and/or/xor/rsh need int64 operands; negate and lsh are exact.

import { newInt, toI64, numOk, isInteger, numNeg, numSub, numMul } from "../number";
import { isNum } from "../builtin-support";

let aI: i64 = 0;
let bI: i64 = 0;

function twoInts(a: usize, b: usize): bool {
  if (!isNum(a) || !isNum(b)) return false;
  aI = toI64(a);
  if (!numOk) return false;
  bI = toI64(b);
  return numOk;
}

export function b_bits__or(a: usize, b: usize): usize {
  return twoInts(a, b) ? newInt(aI | bI) : 0;
}

export function b_bits__and(a: usize, b: usize): usize {
  return twoInts(a, b) ? newInt(aI & bI) : 0;
}

export function b_bits__xor(a: usize, b: usize): usize {
  return twoInts(a, b) ? newInt(aI ^ bI) : 0;
}

export function b_bits__negate(a: usize): usize {
  if (!isNum(a) || !isInteger(a)) return 0;
  const x = toI64(a);
  if (numOk) return newInt(~x);
  return numSub(numNeg(a), newInt(1));
}

export function b_bits__lsh(a: usize, b: usize): usize {
  if (!isNum(a) || !isNum(b) || !isInteger(a)) return 0;
  const k = toI64(b);
  if (!numOk || k < 0) return 0;
  const x = toI64(a);
  if (numOk && k < 63) {
    const r = x << k;
    if (r >> k == x) return newInt(r);
  }
  if (k > 1000000) return 0;
  // Exact: a * 2^k by repeated squaring.
  let result = a;
  let p = newInt(2);
  let e = k;
  while (e > 0) {
    if ((e & 1) != 0) result = numMul(result, p);
    e >>= 1;
    if (e > 0) p = numMul(p, p);
  }
  return result;
}

export function b_bits__rsh(a: usize, b: usize): usize {
  if (!twoInts(a, b) || bI < 0) return 0;
  if (bI >= 63) return newInt(aI < 0 ? -1 : 0);
  return newInt(aI >> bI);
}
