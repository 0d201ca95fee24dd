// Helpers shared by the builtin families (not exported from the module): type tests,
// element access over arrays and sets, sorting of value arrays, set construction.
// Input/output: value pointers.

import { opa_malloc, opa_free } from "./malloc";
import { T_NUMBER, T_ARRAY, T_SET, arrLen, arrGet } from "./value";
import { tableNew, tableLen, keyAt, ensureSorted, tableFindHashed, tableAppendNew, hashAt, tableInsert } from "./table";
import { compareValues } from "./compare";

export function isType(v: usize, tag: u8): bool {
  return v != 0 && load<u8>(v) == tag;
}

export function isNum(v: usize): bool {
  return v != 0 && load<u8>(v) == T_NUMBER;
}

/** Arrays and sets both count as collections of elements (sets in sorted order). */
export function isColl(v: usize): bool {
  if (v == 0) return false;
  const t = load<u8>(v);
  return t == T_ARRAY || t == T_SET;
}

export function collLen(v: usize): usize {
  if (load<u8>(v) == T_ARRAY) return arrLen(v);
  ensureSorted(v);
  return tableLen(v);
}

/** Element i of an array or (sorted) set; call collLen first for sets. */
export function collAt(v: usize, i: usize): usize {
  return load<u8>(v) == T_ARRAY ? arrGet(v, i) : keyAt(v, i);
}

/** Sorts n u32 value pointers at p by the total order (stable merge sort). */
export function sortValues(p: usize, n: usize): void {
  if (n < 2) return;
  const tmp = opa_malloc(n << 2);
  let src = p;
  let dst = tmp;
  for (let w: usize = 1; w < n; w <<= 1) {
    for (let lo: usize = 0; lo < n; lo += w << 1) {
      let mid = lo + w;
      if (mid > n) mid = n;
      let hi = lo + (w << 1);
      if (hi > n) hi = n;
      let i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        const a = load<u32>(src + (i << 2));
        const b = load<u32>(src + (j << 2));
        if (compareValues(b, a) < 0) {
          store<u32>(dst + (k << 2), b);
          j++;
        } else {
          store<u32>(dst + (k << 2), a);
          i++;
        }
        k++;
      }
      while (i < mid) store<u32>(dst + (k++ << 2), load<u32>(src + (i++ << 2)));
      while (j < hi) store<u32>(dst + (k++ << 2), load<u32>(src + (j++ << 2)));
    }
    const s = src;
    src = dst;
    dst = s;
  }
  if (src != p) memory.copy(p, src, n << 2);
  opa_free(tmp);
}

/** Adds every element of set b to set r (hashes reused). */
export function setAddAll(r: usize, b: usize): void {
  const n = tableLen(b);
  for (let i: usize = 0; i < n; i++) {
    const k = keyAt(b, i);
    const h = hashAt(b, i);
    if (tableFindHashed(r, k, h) < 0) tableAppendNew(r, k, 0, h);
  }
}

/** Elements of a that are (keep = true) or are not (keep = false) in b. */
export function setFilter(a: usize, b: usize, keep: bool): usize {
  const r = tableNew(T_SET, 0);
  const n = tableLen(a);
  for (let i: usize = 0; i < n; i++) {
    const k = keyAt(a, i);
    const h = hashAt(a, i);
    if ((tableFindHashed(b, k, h) >= 0) == keep) tableAppendNew(r, k, 0, h);
  }
  return r;
}

export function newSetWith(v: usize): usize {
  const s = tableNew(T_SET, 0);
  tableInsert(s, v, 0);
  return s;
}
