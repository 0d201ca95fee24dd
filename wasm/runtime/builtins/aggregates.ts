// Builtins: count sum product max min sort all any. Input: strings (count only), arrays,
// objects (count only) and sets. Output: a number/value/array/boolean, or 0 (undefined) for
// wrong types, non-numeric elements of sum/product and empty max/min.

import { T_STRING, T_ARRAY, T_OBJECT, T_SET, T_BOOLEAN, strPtr, strLen, utf8Count, newArray, arrPush, arrLen, boolValue } from "../value";
import { tableLen } from "../table";
import { newInt, numAdd, numMul } from "../number";
import { compareValues } from "../compare";
import { isColl, collLen, collAt, isNum, sortValues } from "../builtin-support";

export function b_count(v: usize): usize {
  if (v == 0) return 0;
  switch (load<u8>(v)) {
    case T_STRING:
      return newInt(<i64>utf8Count(strPtr(v), strLen(v)));
    case T_ARRAY:
      return newInt(<i64>arrLen(v));
    case T_OBJECT:
    case T_SET:
      return newInt(<i64>tableLen(v));
  }
  return 0;
}

export function b_sum(v: usize): usize {
  if (!isColl(v)) return 0;
  const n = collLen(v);
  let acc = newInt(0);
  for (let i: usize = 0; i < n; i++) {
    const e = collAt(v, i);
    if (!isNum(e)) return 0;
    acc = numAdd(acc, e);
  }
  return acc;
}

export function b_product(v: usize): usize {
  if (!isColl(v)) return 0;
  const n = collLen(v);
  let acc = newInt(1);
  for (let i: usize = 0; i < n; i++) {
    const e = collAt(v, i);
    if (!isNum(e)) return 0;
    acc = numMul(acc, e);
  }
  return acc;
}

function extreme(v: usize, sign: i32): usize {
  if (!isColl(v)) return 0;
  const n = collLen(v);
  if (n == 0) return 0;
  let best = collAt(v, 0);
  for (let i: usize = 1; i < n; i++) {
    const e = collAt(v, i);
    if (compareValues(e, best) * sign > 0) best = e;
  }
  return best;
}

export function b_max(v: usize): usize {
  return extreme(v, 1);
}

export function b_min(v: usize): usize {
  return extreme(v, -1);
}

export function b_sort(v: usize): usize {
  if (!isColl(v)) return 0;
  const n = collLen(v);
  const r = newArray(n);
  for (let i: usize = 0; i < n; i++) arrPush(r, collAt(v, i));
  if (load<u8>(v) == T_ARRAY) sortValues(<usize>load<u32>(r, 12), n);
  return r;
}

function isTrueValue(e: usize): bool {
  return e != 0 && load<u8>(e) == T_BOOLEAN && load<u8>(e, 1) != 0;
}

export function b_all(v: usize): usize {
  if (!isColl(v)) return 0;
  const n = collLen(v);
  for (let i: usize = 0; i < n; i++) if (!isTrueValue(collAt(v, i))) return boolValue(false);
  return boolValue(true);
}

export function b_any(v: usize): usize {
  if (!isColl(v)) return 0;
  const n = collLen(v);
  for (let i: usize = 0; i < n; i++) if (isTrueValue(collAt(v, i))) return boolValue(true);
  return boolValue(false);
}

