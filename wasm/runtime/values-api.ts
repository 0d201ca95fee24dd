// Exported value API used by generated code and hosts: constructors, type/length/get/iter,
// compare/hash, merge, shallow copy, add/remove path, free. Input/output: value pointers
// (0 = undefined). opa_string/opa_string_terminated reference the given bytes (no copy).

import { opa_malloc, opa_free, isStatic } from "./malloc";
import {
  T_NULL, T_BOOLEAN, T_NUMBER, T_STRING, T_ARRAY, T_OBJECT, T_SET, NULL_V, boolValue,
  newString, newArray, arrLen, arrGet, arrPush, strLen,
} from "./value";
import { newInt, parseNumber, toI64, numOk } from "./number";
import { tableNew, tableLen, tableFind, tableInsert, tableIter, tableCopy, tableRemove, tableFree, keyAt, valAt, setValAt } from "./table";
import { compareValues, hashValue } from "./compare";
import { abortWith } from "./abort";

export function opa_value_type(v: usize): i32 {
  return v == 0 ? 0 : <i32>load<u8>(v);
}

export function opa_null(): usize {
  return NULL_V;
}

export function opa_boolean(b: i32): usize {
  return boolValue(b != 0);
}

export function opa_number_int(x: i64): usize {
  return newInt(x);
}

export function opa_number_size(n: usize): usize {
  return newInt(<i64>n);
}

export function opa_number_ref(p: usize, n: usize): usize {
  const v = parseNumber(p, n);
  if (v == 0) abortWith("opa_number_ref: invalid number");
  return v;
}

export function opa_string(p: usize, n: usize): usize {
  return newString(p, n);
}

export function opa_string_terminated(p: usize): usize {
  let n: usize = 0;
  while (load<u8>(p + n) != 0) n++;
  return newString(p, n);
}

export function opa_array(): usize {
  return newArray(0);
}

export function opa_array_with_cap(n: usize): usize {
  return newArray(n);
}

export function opa_array_append(a: usize, v: usize): void {
  arrPush(a, v);
}

export function opa_object(): usize {
  return tableNew(T_OBJECT, 0);
}

export function opa_object_insert(o: usize, k: usize, v: usize): void {
  tableInsert(o, k, v);
}

export function opa_set(): usize {
  return tableNew(T_SET, 0);
}

export function opa_set_add(s: usize, v: usize): void {
  tableInsert(s, v, 0);
}

export function opa_value_compare(a: usize, b: usize): i32 {
  return compareValues(a, b);
}

export function opa_value_hash(v: usize): u32 {
  return hashValue(v);
}

/** Length of arrays, objects and sets; byte length of strings; 0 otherwise. */
export function opa_value_length(v: usize): i32 {
  if (v == 0) return 0;
  switch (load<u8>(v)) {
    case T_ARRAY:
      return <i32>arrLen(v);
    case T_OBJECT:
    case T_SET:
      return <i32>tableLen(v);
    case T_STRING:
      return <i32>strLen(v);
  }
  return 0;
}

export function opa_value_get(v: usize, key: usize): usize {
  if (v == 0 || key == 0) return 0;
  switch (load<u8>(v)) {
    case T_ARRAY: {
      if (load<u8>(key) != T_NUMBER) return 0;
      const i = toI64(key);
      if (!numOk || i < 0 || <u64>i >= <u64>arrLen(v)) return 0;
      return arrGet(v, <usize>i);
    }
    case T_OBJECT: {
      const e = tableFind(v, key);
      return e < 0 ? 0 : valAt(v, <usize>e);
    }
    case T_SET: {
      const e = tableFind(v, key);
      return e < 0 ? 0 : keyAt(v, <usize>e);
    }
  }
  return 0;
}

export function opa_value_iter(v: usize, prev: usize): usize {
  if (v == 0) return 0;
  switch (load<u8>(v)) {
    case T_ARRAY: {
      const n = arrLen(v);
      if (prev == 0) return n > 0 ? newInt(0) : 0;
      const i = toI64(prev);
      if (!numOk || i < 0 || <u64>(i + 1) >= <u64>n) return 0;
      return newInt(i + 1);
    }
    case T_OBJECT:
    case T_SET:
      return tableIter(v, prev);
  }
  return 0;
}

/** Recursive object merge (a's entries first); 0 on a conflict between non-objects. */
export function opa_value_merge(a: usize, b: usize): usize {
  if (a == 0) return b;
  if (b == 0) return a;
  if (load<u8>(a) != T_OBJECT || load<u8>(b) != T_OBJECT) return 0;
  const r = tableNew(T_OBJECT, tableLen(a) + tableLen(b));
  const na = tableLen(a);
  for (let i: usize = 0; i < na; i++) {
    const k = keyAt(a, i);
    const va = valAt(a, i);
    const e = tableFind(b, k);
    if (e < 0) {
      tableInsert(r, k, va);
    } else {
      const m = opa_value_merge(va, valAt(b, <usize>e));
      if (m == 0) return 0;
      tableInsert(r, k, m);
    }
  }
  const nb = tableLen(b);
  for (let i: usize = 0; i < nb; i++) {
    const k = keyAt(b, i);
    if (tableFind(a, k) < 0) tableInsert(r, k, valAt(b, i));
  }
  return r;
}

/** One level copy of arrays, objects and sets; other values are returned as they are. */
export function opa_value_shallow_copy(v: usize): usize {
  if (v == 0) return 0;
  switch (load<u8>(v)) {
    case T_ARRAY: {
      const n = arrLen(v);
      const c = newArray(n);
      for (let i: usize = 0; i < n; i++) arrPush(c, arrGet(v, i));
      return c;
    }
    case T_OBJECT:
    case T_SET:
      return tableCopy(v);
  }
  return v;
}

const ERR_OK: i32 = 0;
const ERR_INVALID_TYPE: i32 = 2;
const ERR_INVALID_PATH: i32 = 3;

/** Upserts v at path (an array of keys) in object base, creating objects on the way. */
export function opa_value_add_path(base: usize, path: usize, v: usize): i32 {
  if (base == 0 || path == 0 || load<u8>(path) != T_ARRAY) return ERR_INVALID_TYPE;
  const n = arrLen(path);
  if (n == 0) return ERR_INVALID_PATH;
  let cur = base;
  for (let i: usize = 0; i < n - 1; i++) {
    if (load<u8>(cur) != T_OBJECT) return ERR_INVALID_TYPE;
    const k = arrGet(path, i);
    let next = opa_value_get(cur, k);
    if (next == 0) {
      next = tableNew(T_OBJECT, 0);
      tableInsert(cur, k, next);
    }
    cur = next;
  }
  if (load<u8>(cur) != T_OBJECT) return ERR_INVALID_TYPE;
  tableInsert(cur, arrGet(path, n - 1), v);
  return ERR_OK;
}

export function opa_value_remove_path(base: usize, path: usize): i32 {
  if (base == 0 || path == 0 || load<u8>(path) != T_ARRAY) return ERR_INVALID_TYPE;
  const n = arrLen(path);
  if (n == 0) return ERR_INVALID_PATH;
  let cur = base;
  for (let i: usize = 0; i < n - 1; i++) {
    cur = opa_value_get(cur, arrGet(path, i));
    if (cur == 0) return ERR_OK;
  }
  if (load<u8>(cur) != T_OBJECT) return ERR_INVALID_TYPE;
  tableRemove(cur, arrGet(path, n - 1));
  return ERR_OK;
}

/** Frees the value's own blocks (not shared children: they may be referenced elsewhere). */
export function opa_value_free(v: usize): void {
  if (v == 0 || isStatic(v)) return;
  switch (load<u8>(v)) {
    case T_NULL:
    case T_BOOLEAN:
      return;
    case T_ARRAY: {
      const e = <usize>load<u32>(v, 12);
      if (e != 0) opa_free(e);
      opa_free(v);
      return;
    }
    case T_OBJECT:
    case T_SET:
      tableFree(v);
      return;
  }
  opa_free(v);
}

// keep setValAt referenced for builtins that update in place
export function objectSetAt(o: usize, i: usize, v: usize): void {
  setValAt(o, i, v);
}
