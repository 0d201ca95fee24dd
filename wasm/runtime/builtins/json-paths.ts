// JSON path builtins with OPA's semantics: json.filter and json.remove (paths are "/a/b" JSON
// pointers with ~0/~1 escapes or arrays of segments, folded into a path tree first) and
// json.patch (RFC 6902 add/remove/replace/move/copy/test on any document, copy-on-write).
// Input: values. Output: a new value, or 0 (undefined) on invalid operands or a failed patch.

import { opa_malloc } from "../malloc";
import { T_NULL, T_STRING, T_NUMBER, T_ARRAY, T_OBJECT, T_SET, NULL_V, newString, strPtr, strLen, newArray, arrPush, arrLen, arrGet } from "../value";
import { tableNew, tableLen, keyAt, valAt, ensureSorted, tableFind, tableInsert, tableCopy, tableRemove } from "../table";
import { compareValues } from "../compare";
import { toI64, numOk } from "../number";
import { isType } from "../builtin-support";
import { tbNew, tbInt, tbString } from "../text-buf";

/** A path operand element as an array of segment values; 0 when invalid. */
function parsePath(p: usize): usize {
  if (isType(p, T_ARRAY)) return p;
  if (!isType(p, T_STRING)) return 0;
  const out = newArray(4);
  const s = strPtr(p), n = strLen(p);
  if (n == 0) return out;
  let i: usize = 0;
  while (i < n && load<u8>(s + i) == 0x2f) i++;
  while (true) {
    let j = i;
    while (j < n && load<u8>(s + j) != 0x2f) j++;
    // unescape ~1 → / first, then ~0 → ~ (as two passes do)
    const buf = opa_malloc(j - i + 1);
    let m: usize = 0;
    for (let k = i; k < j; k++) {
      const c = load<u8>(s + k);
      if (c == 0x7e && k + 1 < j && load<u8>(s + k + 1) == 0x31) {
        store<u8>(buf + m++, 0x2f);
        k++;
      } else store<u8>(buf + m++, c);
    }
    let m2: usize = 0;
    for (let k: usize = 0; k < m; k++) {
      const c = load<u8>(buf + k);
      if (c == 0x7e && k + 1 < m && load<u8>(buf + k + 1) == 0x30) {
        store<u8>(buf + m2++, 0x7e);
        k++;
      } else store<u8>(buf + m2++, c);
    }
    arrPush(out, newString(buf, m2));
    if (j >= n) break;
    i = j + 1;
  }
  return out;
}

/** The paths operand (array or set of paths) folded into a tree of objects with null leaves. */
function pathsTree(paths: usize): usize {
  let n: usize = 0;
  if (isType(paths, T_ARRAY)) n = arrLen(paths);
  else if (isType(paths, T_SET)) {
    ensureSorted(paths);
    n = tableLen(paths);
  } else return 0;
  const root = tableNew(T_OBJECT, 0);
  for (let i: usize = 0; i < n; i++) {
    const path = parsePath(isType(paths, T_ARRAY) ? arrGet(paths, i) : keyAt(paths, i));
    if (path == 0) return 0;
    const len = arrLen(path);
    if (len == 0) continue;
    let node = root;
    let done = false;
    for (let k: usize = 0; k + 1 < len && !done; k++) {
      const key = arrGet(path, k);
      const e = tableFind(node, key);
      if (e < 0) {
        const child = tableNew(T_OBJECT, 0);
        tableInsert(node, key, child);
        node = child;
      } else {
        const child = valAt(node, <usize>e);
        if (isType(child, T_NULL)) done = true;
        else node = child;
      }
    }
    if (!done) tableInsert(node, arrGet(path, len - 1), NULL_V);
  }
  return root;
}

function intKey(i: usize): usize {
  const b = tbNew(12);
  tbInt(b, <i64>i);
  return tbString(b);
}

function getIn(o: usize, k: usize): usize {
  const e = tableFind(o, k);
  return e < 0 ? 0 : valAt(o, <usize>e);
}

/** OPA's Object.Filter. */
function filterValue(v: usize, f: usize): usize {
  if (isType(f, T_NULL)) return v;
  if (!isType(f, T_OBJECT)) return 0;
  const t = load<u8>(v);
  if (t == T_ARRAY) {
    const out = newArray(0);
    for (let i: usize = 0; i < arrLen(v); i++) {
      const sub = getIn(f, intKey(i));
      if (sub != 0) {
        const x = filterValue(arrGet(v, i), sub);
        if (x == 0) return 0;
        arrPush(out, x);
      }
    }
    return out;
  }
  if (t == T_SET) {
    const out = tableNew(T_SET, 0);
    ensureSorted(v);
    for (let i: usize = 0; i < tableLen(v); i++) {
      const sub = getIn(f, keyAt(v, i));
      if (sub != 0) {
        const x = filterValue(keyAt(v, i), sub);
        if (x == 0) return 0;
        tableInsert(out, x, 0);
      }
    }
    return out;
  }
  if (t == T_OBJECT) {
    const out = tableNew(T_OBJECT, 0);
    ensureSorted(v);
    for (let i: usize = 0; i < tableLen(v); i++) {
      const sub = getIn(f, keyAt(v, i));
      if (sub != 0) {
        const x = filterValue(valAt(v, i), sub);
        if (x == 0) return 0;
        tableInsert(out, keyAt(v, i), x);
      }
    }
    return out;
  }
  return v;
}

export function b_json__filter(o: usize, paths: usize): usize {
  if (!isType(o, T_OBJECT)) return 0;
  const tree = pathsTree(paths);
  if (tree == 0) return 0;
  return filterValue(o, tree);
}

// remove: 0 = drop the value (b is a null leaf); otherwise the kept value.
function removeValue(a: usize, b: usize): usize {
  if (b == 0) return a;
  if (isType(b, T_NULL)) return 0;
  if (!isType(b, T_OBJECT)) return a;
  const t = load<u8>(a);
  if (t == T_OBJECT) {
    const out = tableNew(T_OBJECT, 0);
    ensureSorted(a);
    for (let i: usize = 0; i < tableLen(a); i++) {
      const x = removeValue(valAt(a, i), getIn(b, keyAt(a, i)));
      if (x != 0) tableInsert(out, keyAt(a, i), x);
    }
    return out;
  }
  if (t == T_SET) {
    const out = tableNew(T_SET, 0);
    ensureSorted(a);
    for (let i: usize = 0; i < tableLen(a); i++) {
      const x = removeValue(keyAt(a, i), getIn(b, keyAt(a, i)));
      if (x != 0) tableInsert(out, x, 0);
    }
    return out;
  }
  if (t == T_ARRAY) {
    const out = newArray(arrLen(a));
    for (let i: usize = 0; i < arrLen(a); i++) {
      const x = removeValue(arrGet(a, i), getIn(b, intKey(i)));
      if (x != 0) arrPush(out, x);
    }
    return out;
  }
  return a;
}

export function b_json__remove(o: usize, paths: usize): usize {
  if (!isType(o, T_OBJECT)) return 0;
  const tree = pathsTree(paths);
  if (tree == 0) return 0;
  const r = removeValue(o, tree);
  return r;
}

// ---- json.patch ----

/** Array index of a path segment: a decimal string or an integer number; -1 when invalid. */
function indexOf(k: usize, allowDash: bool, len: usize): i64 {
  if (isType(k, T_STRING)) {
    const p = strPtr(k), n = strLen(k);
    if (allowDash && n == 1 && load<u8>(p) == 0x2d) return <i64>len;
    if (n == 0 || n > 18) return -1;
    let x: i64 = 0;
    let start: usize = 0;
    if (load<u8>(p) == 0x2b) start = 1;
    if (start == n) return -1;
    for (let i = start; i < n; i++) {
      const c = load<u8>(p + i);
      if (c < 0x30 || c > 0x39) return -1;
      x = x * 10 + <i64>(c - 0x30);
    }
    return x;
  }
  if (isType(k, T_NUMBER)) {
    const x = toI64(k);
    return numOk ? x : -1;
  }
  return -1;
}

/** The value at path[from..]; 0 when absent. */
function getAt(v: usize, path: usize, from: usize): usize {
  for (let i = from; i < arrLen(path); i++) {
    const k = arrGet(path, i);
    const t = load<u8>(v);
    if (t == T_OBJECT) v = getIn(v, k);
    else if (t == T_SET) v = tableFind(v, k) >= 0 ? k : 0;
    else if (t == T_ARRAY) {
      const ix = indexOf(k, false, 0);
      v = ix < 0 || ix >= <i64>arrLen(v) ? 0 : arrGet(v, <usize>ix);
    } else v = 0;
    if (v == 0) return 0;
  }
  return v;
}

/** A copy of doc with `value` added at path[i..] (add = true) or the value there removed. */
function editAt(doc: usize, path: usize, i: usize, add: bool, value: usize): usize {
  const n = arrLen(path);
  if (i == n) return add ? value : 0;
  const k = arrGet(path, i);
  const t = load<u8>(doc);
  const last = i + 1 == n;
  if (t == T_OBJECT) {
    const e = tableFind(doc, k);
    if (last) {
      const r = tableCopy(doc);
      if (add) tableInsert(r, k, value);
      else if (e < 0 || !tableRemove(r, k)) return 0;
      return r;
    }
    if (e < 0) return 0;
    const x = editAt(valAt(doc, <usize>e), path, i + 1, add, value);
    if (x == 0) return 0;
    const r = tableCopy(doc);
    tableInsert(r, k, x);
    return r;
  }
  if (t == T_ARRAY) {
    const len = arrLen(doc);
    const ix = indexOf(k, add && last, len);
    if (ix < 0 || ix > <i64>len || (ix == <i64>len && !(add && last))) return 0;
    const r = newArray(len + 1);
    for (let j: usize = 0; j < len; j++) {
      if (<i64>j == ix) {
        if (last) {
          if (add) {
            arrPush(r, value);
            arrPush(r, arrGet(doc, j));
          }
          continue;
        }
        const x = editAt(arrGet(doc, j), path, i + 1, add, value);
        if (x == 0) return 0;
        arrPush(r, x);
      } else arrPush(r, arrGet(doc, j));
    }
    if (ix == <i64>len) arrPush(r, value);
    return r;
  }
  if (t == T_SET) {
    if (!last) {
      if (tableFind(doc, k) < 0) return 0;
      const x = editAt(k, path, i + 1, add, value);
      if (x == 0) return 0;
      const r = tableCopy(doc);
      tableRemove(r, k);
      tableInsert(r, x, 0);
      return r;
    }
    const r = tableCopy(doc);
    if (add) tableInsert(r, value, 0);
    else if (!tableRemove(r, k)) return 0;
    return r;
  }
  return 0;
}

function field(o: usize, name: string): usize {
  const p = changetype<usize>(name);
  const n = <usize>(load<u32>(p - 4) >> 1);
  const buf = opa_malloc(n);
  for (let i: usize = 0; i < n; i++) store<u8>(buf + i, <u8>load<u16>(p + (i << 1)));
  return getIn(o, newString(buf, n));
}

function opIs(op: usize, name: string): bool {
  const p = changetype<usize>(name);
  const n = <usize>(load<u32>(p - 4) >> 1);
  if (strLen(op) != n) return false;
  for (let i: usize = 0; i < n; i++) if (load<u8>(strPtr(op) + i) != <u8>load<u16>(p + (i << 1))) return false;
  return true;
}

export function b_json__patch(doc: usize, ops: usize): usize {
  if (doc == 0 || !isType(ops, T_ARRAY)) return 0;
  let cur = doc;
  for (let i: usize = 0; i < arrLen(ops); i++) {
    const o = arrGet(ops, i);
    if (!isType(o, T_OBJECT)) return 0;
    const op = field(o, "op");
    if (!isType(op, T_STRING)) return 0;
    const isAdd = opIs(op, "add"), isRemove = opIs(op, "remove"), isReplace = opIs(op, "replace");
    const isMove = opIs(op, "move"), isCopy = opIs(op, "copy"), isTest = opIs(op, "test");
    if (!(isAdd || isRemove || isReplace || isMove || isCopy || isTest)) return 0;
    const pathV = field(o, "path");
    if (pathV == 0) return 0;
    let from: usize = 0;
    if (isMove || isCopy) {
      const fv = field(o, "from");
      if (fv == 0) return 0;
      from = parsePath(fv);
      if (from == 0) return 0;
    }
    let value: usize = 0;
    if (isAdd || isReplace || isTest) {
      value = field(o, "value");
      if (value == 0) return 0;
    }
    const path = parsePath(pathV);
    if (path == 0) return 0;
    if (isAdd) cur = editAt(cur, path, 0, true, value);
    else if (isRemove) cur = arrLen(path) == 0 ? 0 : editAt(cur, path, 0, false, 0);
    else if (isReplace) {
      if (arrLen(path) > 0) {
        cur = editAt(cur, path, 0, false, 0);
        if (cur != 0) cur = editAt(cur, path, 0, true, value);
      } else cur = value;
    } else if (isMove || isCopy) {
      const chunk = getAt(cur, from, 0);
      if (chunk == 0) return 0;
      if (isMove) cur = arrLen(from) == 0 ? 0 : editAt(cur, from, 0, false, 0);
      if (cur != 0) cur = editAt(cur, path, 0, true, chunk);
    } else {
      const chunk = getAt(cur, path, 0);
      if (chunk == 0 || compareValues(chunk, value) != 0) return 0;
    }
    if (cur == 0) return 0;
  }
  return cur;
}
