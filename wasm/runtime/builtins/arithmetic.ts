// Builtins: plus minus mul div rem abs round ceil floor numbers.range. Input: numbers (minus
// also takes two sets: set difference). Output: a number/set/array, or 0 (undefined) for wrong
// types, division by zero and non-integer rem/range operands (OPA's non-strict behaviour).

import { T_SET, newArray, arrPush } from "../value";
import { numAdd, numSub, numMul, numDiv, numRem, numAbs, numRound, toI64, numOk, newInt } from "../number";
import { isNum, isType, setFilter } from "../builtin-support";

export function b_plus(a: usize, b: usize): usize {
  return isNum(a) && isNum(b) ? numAdd(a, b) : 0;
}

export function b_minus(a: usize, b: usize): usize {
  if (isNum(a) && isNum(b)) return numSub(a, b);
  if (isType(a, T_SET) && isType(b, T_SET)) return setFilter(a, b, false);
  return 0;
}

export function b_mul(a: usize, b: usize): usize {
  return isNum(a) && isNum(b) ? numMul(a, b) : 0;
}

export function b_div(a: usize, b: usize): usize {
  return isNum(a) && isNum(b) ? numDiv(a, b) : 0;
}

export function b_rem(a: usize, b: usize): usize {
  return isNum(a) && isNum(b) ? numRem(a, b) : 0;
}

export function b_abs(a: usize): usize {
  return isNum(a) ? numAbs(a) : 0;
}

export function b_round(a: usize): usize {
  return isNum(a) ? numRound(a, 0) : 0;
}

export function b_ceil(a: usize): usize {
  return isNum(a) ? numRound(a, 1) : 0;
}

export function b_floor(a: usize): usize {
  return isNum(a) ? numRound(a, 2) : 0;
}

export function b_numbers__range(a: usize, b: usize): usize {
  if (!isNum(a) || !isNum(b)) return 0;
  const x = toI64(a);
  if (!numOk) return 0;
  const y = toI64(b);
  if (!numOk) return 0;
  const n = x <= y ? y - x + 1 : x - y + 1;
  if (n <= 0 || n > 100000000) return 0;
  const r = newArray(<usize>n);
  if (x <= y) for (let i = x; i <= y; i++) arrPush(r, newInt(i));
  else for (let i = x; i >= y; i--) arrPush(r, newInt(i));
  return r;
}
