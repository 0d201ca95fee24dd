// Builtins on objects: object.get (a key, or an array path through objects/arrays/sets, with a
// default) and object.keys. Input: an object (+ key/path and default). Output: a value, or 0
// (undefined) when the first operand is not an object.

import { T_OBJECT, T_ARRAY, T_SET, arrLen, arrGet } from "../value";
import { tableNew, tableLen, keyAt, hashAt, tableAppendNew } from "../table";
import { opa_value_get } from "../values-api";
import { isType } from "../builtin-support";

export function b_object__get(o: usize, key: usize, dflt: usize): usize {
  if (!isType(o, T_OBJECT) || key == 0) return 0;
  if (!isType(key, T_ARRAY)) {
    const v = opa_value_get(o, key);
    return v != 0 ? v : dflt;
  }
  let cur = o;
  const n = arrLen(key);
  for (let i: usize = 0; i < n; i++) {
    cur = opa_value_get(cur, arrGet(key, i));
    if (cur == 0) return dflt;
  }
  return cur;
}

export function b_object__keys(o: usize): usize {
  if (!isType(o, T_OBJECT)) return 0;
  const n = tableLen(o);
  const s = tableNew(T_SET, n);
  for (let i: usize = 0; i < n; i++) tableAppendNew(s, keyAt(o, i), 0, hashAt(o, i));
  return s;
}
