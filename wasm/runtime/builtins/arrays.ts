// Builtins: array.concat array.slice array.reverse. Input: arrays (slice: integer bounds,
// clamped to the array like OPA). Output: a new array, or 0 for wrong types.

import { T_ARRAY, newArray, arrPush, arrLen, arrGet } from "../value";
import { toI64, numOk } from "../number";
import { isType, isNum } from "../builtin-support";

export function b_array__concat(a: usize, b: usize): usize {
  if (!isType(a, T_ARRAY) || !isType(b, T_ARRAY)) return 0;
  const na = arrLen(a), nb = arrLen(b);
  const r = newArray(na + nb);
  for (let i: usize = 0; i < na; i++) arrPush(r, arrGet(a, i));
  for (let i: usize = 0; i < nb; i++) arrPush(r, arrGet(b, i));
  return r;
}

export function b_array__slice(a: usize, start: usize, stop: usize): usize {
  if (!isType(a, T_ARRAY) || !isNum(start) || !isNum(stop)) return 0;
  let s = toI64(start);
  if (!numOk) return 0;
  let e = toI64(stop);
  if (!numOk) return 0;
  const n = <i64>arrLen(a);
  if (s < 0) s = 0;
  if (e > n) e = n;
  const r = newArray(0);
  for (let i = s; i < e; i++) arrPush(r, arrGet(a, <usize>i));
  return r;
}

export function b_array__reverse(a: usize): usize {
  if (!isType(a, T_ARRAY)) return 0;
  const n = arrLen(a);
  const r = newArray(n);
  for (let i = n; i > 0; i--) arrPush(r, arrGet(a, i - 1));
  return r;
}
