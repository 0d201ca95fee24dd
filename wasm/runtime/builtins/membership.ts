// Builtins behind `in`: internal.member_2(x, coll) and internal.member_3(key, value, coll).
// Input: a value and an array/object/set (other types: false). Output: true/false.

import { T_ARRAY, T_OBJECT, T_SET, T_NUMBER, arrLen, arrGet, boolValue } from "../value";
import { tableLen, tableFind, valAt } from "../table";
import { compareValues } from "../compare";
import { toI64, numOk } from "../number";

export function b_internal__member_2(x: usize, c: usize): usize {
  if (x == 0 || c == 0) return 0;
  switch (load<u8>(c)) {
    case T_ARRAY: {
      const n = arrLen(c);
      for (let i: usize = 0; i < n; i++) if (compareValues(arrGet(c, i), x) == 0) return boolValue(true);
      return boolValue(false);
    }
    case T_SET:
      return boolValue(tableFind(c, x) >= 0);
    case T_OBJECT: {
      const n = tableLen(c);
      for (let i: usize = 0; i < n; i++) if (compareValues(valAt(c, i), x) == 0) return boolValue(true);
      return boolValue(false);
    }
  }
  return boolValue(false);
}

export function b_internal__member_3(k: usize, x: usize, c: usize): usize {
  if (k == 0 || x == 0 || c == 0) return 0;
  switch (load<u8>(c)) {
    case T_ARRAY: {
      if (load<u8>(k) != T_NUMBER) return boolValue(false);
      const i = toI64(k);
      if (!numOk || i < 0 || <u64>i >= <u64>arrLen(c)) return boolValue(false);
      return boolValue(compareValues(arrGet(c, <usize>i), x) == 0);
    }
    case T_OBJECT: {
      const e = tableFind(c, k);
      return boolValue(e >= 0 && compareValues(valAt(c, <usize>e), x) == 0);
    }
  }
  return boolValue(false);
}
