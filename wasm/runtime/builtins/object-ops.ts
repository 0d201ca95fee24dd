// Object builtins: object.union (recursive merge, right wins), object.union_n (array of
// objects, left to right), object.remove and object.filter (keys given as an array, set or
// object), object.subset. Input: objects and key collections. Output: a new object/boolean, or
// 0 (undefined) for wrong types, like OPA's non-strict Wasm builtins.

import { T_OBJECT, T_ARRAY, T_SET, arrLen, arrGet, boolValue } from "../value";
import { tableNew, tableLen, keyAt, valAt, hashAt, tableAppendNew, tableFind, tableFindHashed, tableCopy, setValAt } from "../table";
import { compareValues, hashValue } from "../compare";
import { isType } from "../builtin-support";

function isObj(v: usize): bool {
  return isType(v, T_OBJECT);
}

/** a merged with b: keys of b overwrite, except object-with-object, which merge recursively. */
function merge(a: usize, b: usize): usize {
  const r = tableCopy(a);
  const n = tableLen(b);
  for (let i: usize = 0; i < n; i++) {
    const k = keyAt(b, i);
    const h = hashAt(b, i);
    const bv = valAt(b, i);
    const e = tableFindHashed(r, k, h);
    if (e < 0) {
      tableAppendNew(r, k, bv, h);
      continue;
    }
    const av = valAt(r, <usize>e);
    setValAt(r, <usize>e, isObj(av) && isObj(bv) ? merge(av, bv) : bv);
  }
  return r;
}

export function b_object__union(a: usize, b: usize): usize {
  if (!isObj(a) || !isObj(b)) return 0;
  return merge(a, b);
}

export function b_object__union_n(arr: usize): usize {
  if (!isType(arr, T_ARRAY)) return 0;
  const n = arrLen(arr);
  let r = tableNew(T_OBJECT, 0);
  for (let i: usize = 0; i < n; i++) {
    const o = arrGet(arr, i);
    if (!isObj(o)) return 0;
    r = merge(r, o);
  }
  return r;
}

/** Whether key k is in the key collection `keys` (array, set, or object keys). */
function hasKey(keys: usize, k: usize): bool {
  if (load<u8>(keys) == T_ARRAY) {
    const n = arrLen(keys);
    for (let i: usize = 0; i < n; i++) if (compareValues(arrGet(keys, i), k) == 0) return true;
    return false;
  }
  return tableFind(keys, k) >= 0;
}

function isKeyColl(v: usize): bool {
  return isType(v, T_ARRAY) || isType(v, T_SET) || isType(v, T_OBJECT);
}

function select(o: usize, keys: usize, keep: bool): usize {
  if (!isObj(o) || !isKeyColl(keys)) return 0;
  const n = tableLen(o);
  const r = tableNew(T_OBJECT, 0);
  // Arrays of keys are turned into a set first so that large key lists stay linear.
  let ks = keys;
  if (load<u8>(keys) == T_ARRAY && arrLen(keys) > 8) {
    ks = tableNew(T_SET, arrLen(keys));
    for (let i: usize = 0; i < arrLen(keys); i++) {
      const k = arrGet(keys, i);
      if (tableFind(ks, k) < 0) tableAppendNew(ks, k, 0, hashValue(k));
    }
  }
  for (let i: usize = 0; i < n; i++) {
    const k = keyAt(o, i);
    if (hasKey(ks, k) == keep) tableAppendNew(r, k, valAt(o, i), hashAt(o, i));
  }
  return r;
}

export function b_object__remove(o: usize, keys: usize): usize {
  return select(o, keys, false);
}

export function b_object__filter(o: usize, keys: usize): usize {
  return select(o, keys, true);
}

/** OPA's object.subset: objects recursively, arrays as contiguous sub-sequences, sets as subsets, other values by equality. */
function isSubset(sup: usize, sub: usize): bool {
  const ts = load<u8>(sup), tb = load<u8>(sub);
  if (ts == T_OBJECT && tb == T_OBJECT) {
    const n = tableLen(sub);
    for (let i: usize = 0; i < n; i++) {
      const e = tableFindHashed(sup, keyAt(sub, i), hashAt(sub, i));
      if (e < 0) return false;
      if (!isSubset(valAt(sup, <usize>e), valAt(sub, i))) return false;
    }
    return true;
  }
  if (ts == T_SET && tb == T_SET) {
    const n = tableLen(sub);
    for (let i: usize = 0; i < n; i++) if (tableFindHashed(sup, keyAt(sub, i), hashAt(sub, i)) < 0) return false;
    return true;
  }
  if (ts == T_ARRAY && tb == T_ARRAY) {
    const ns = arrLen(sup), nb = arrLen(sub);
    if (nb == 0) return true;
    for (let s: usize = 0; s + nb <= ns; s++) {
      let ok = true;
      for (let j: usize = 0; j < nb && ok; j++) ok = compareValues(arrGet(sup, s + j), arrGet(sub, j)) == 0;
      if (ok) return true;
    }
    return false;
  }
  return compareValues(sup, sub) == 0;
}

/** OPA's arraySetSubset (top level only): counts array elements found in the set, duplicates
 *  included, and is true once the count reaches the set's size while scanning (so `[]` ⊉ set()). */
function arraySetSubset(sup: usize, sub: usize): bool {
  let unmatched = tableLen(sub);
  for (let j: usize = 0; j < arrLen(sup); j++) {
    if (unmatched > 0 && tableFind(sub, arrGet(sup, j)) >= 0) unmatched--;
    if (unmatched == 0) return true;
  }
  return false;
}

export function b_object__subset(sup: usize, sub: usize): usize {
  const okSup = isType(sup, T_OBJECT) || isType(sup, T_ARRAY) || isType(sup, T_SET);
  const okSub = isType(sub, T_OBJECT) || isType(sub, T_ARRAY) || isType(sub, T_SET);
  if (!okSup || !okSub) return 0;
  // Mismatched kinds (other than array ⊇ set) are a type error in OPA.
  const ts = load<u8>(sup), tb = load<u8>(sub);
  if (ts != tb && !(ts == T_ARRAY && tb == T_SET)) return 0;
  if (ts == T_ARRAY && tb == T_SET) return boolValue(arraySetSubset(sup, sub));
  return boolValue(isSubset(sup, sub));
}
