// Builtins: and (&), or (|), intersection, union over a set of sets. (Set difference is
// `minus`, in arithmetic.ts.) Input: sets. Output: a new set, or 0 for wrong types.

import { T_SET } from "../value";
import { tableNew, tableLen, keyAt, tableCopy, ensureSorted } from "../table";
import { isType, setAddAll, setFilter } from "../builtin-support";

export function b_and(a: usize, b: usize): usize {
  if (!isType(a, T_SET) || !isType(b, T_SET)) return 0;
  return tableLen(a) <= tableLen(b) ? setFilter(a, b, true) : setFilter(b, a, true);
}

export function b_or(a: usize, b: usize): usize {
  if (!isType(a, T_SET) || !isType(b, T_SET)) return 0;
  const r = tableCopy(a);
  setAddAll(r, b);
  return r;
}

export function b_intersection(s: usize): usize {
  if (!isType(s, T_SET)) return 0;
  const n = tableLen(s);
  if (n == 0) return tableNew(T_SET, 0);
  for (let i: usize = 0; i < n; i++) if (!isType(keyAt(s, i), T_SET)) return 0;
  let r = keyAt(s, 0);
  for (let i: usize = 1; i < n; i++) r = setFilter(r, keyAt(s, i), true);
  return n == 1 ? tableCopy(r) : r;
}

export function b_union(s: usize): usize {
  if (!isType(s, T_SET)) return 0;
  const n = tableLen(s);
  const r = tableNew(T_SET, 0);
  for (let i: usize = 0; i < n; i++) {
    const e = keyAt(s, i);
    if (!isType(e, T_SET)) return 0;
    setAddAll(r, e);
  }
  ensureSorted(r);
  return r;
}
