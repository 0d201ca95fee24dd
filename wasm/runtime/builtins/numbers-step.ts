// numbers.range_step(a, b, step): integers from a to b (inclusive, counting down when a > b) in
// steps of `step` > 0, like OPA. Input: integer numbers (int64 here). Output: an array, or 0
// (undefined) for non-integers, a step <= 0 or more than 100,000,000 elements.

import { newArray, arrPush } from "../value";
import { toI64, numOk, newInt } from "../number";
import { isNum } from "../builtin-support";

export function b_numbers__range_step(a: usize, b: usize, s: usize): usize {
  if (!isNum(a) || !isNum(b) || !isNum(s)) return 0;
  const x = toI64(a);
  if (!numOk) return 0;
  const y = toI64(b);
  if (!numOk) return 0;
  const step = toI64(s);
  if (!numOk || step <= 0) return 0;
  const span: u64 = x <= y ? <u64>y - <u64>x : <u64>x - <u64>y;
  const n: u64 = span / <u64>step + 1;
  if (n > 100000000) return 0;
  const r = newArray(<usize>n);
  let v = x;
  for (let i: u64 = 0; i < n; i++) {
    arrPush(r, newInt(v));
    if (i + 1 < n) v = x <= y ? v + step : v - step;
  }
  return r;
}
