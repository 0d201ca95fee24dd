// Deprecated builtins OPA still accepts: set_diff (set difference) and the cast_* conversions.
// Input: values. Output: the value itself / converted, or 0 (undefined) for wrong types.

import { T_NULL, T_BOOLEAN, T_STRING, T_ARRAY, T_OBJECT, T_SET, newArray, arrPush, arrLen, arrGet } from "../value";
import { tableNew, tableLen, keyAt, ensureSorted, tableInsert } from "../table";
import { isType, setFilter } from "../builtin-support";

export function b_set_diff(a: usize, b: usize): usize {
  if (!isType(a, T_SET) || !isType(b, T_SET)) return 0;
  return setFilter(a, b, false);
}

export function b_cast_array(v: usize): usize {
  if (isType(v, T_ARRAY)) return v;
  if (!isType(v, T_SET)) return 0;
  ensureSorted(v);
  const n = tableLen(v);
  const r = newArray(n);
  for (let i: usize = 0; i < n; i++) arrPush(r, keyAt(v, i));
  return r;
}

export function b_cast_set(v: usize): usize {
  if (isType(v, T_SET)) return v;
  if (!isType(v, T_ARRAY)) return 0;
  const n = arrLen(v);
  const s = tableNew(T_SET, n);
  for (let i: usize = 0; i < n; i++) tableInsert(s, arrGet(v, i), 0);
  return s;
}

export function b_cast_string(v: usize): usize {
  return isType(v, T_STRING) ? v : 0;
}

export function b_cast_boolean(v: usize): usize {
  return isType(v, T_BOOLEAN) ? v : 0;
}

export function b_cast_null(v: usize): usize {
  return isType(v, T_NULL) ? v : 0;
}

export function b_cast_object(v: usize): usize {
  return isType(v, T_OBJECT) ? v : 0;
}
