// urlquery.encode/decode/encode_object/decode_object with Go's net/url semantics (QueryEscape:
// space → '+', unreserved A-Z a-z 0-9 - _ . ~ kept, other bytes %XX; QueryUnescape; Values.Encode
// sorts keys; ParseQuery splits on '&', rejects ';' and bad escapes).
// Input: strings / an object of strings or string collections. Output: a string / object, or 0.

import { opa_malloc } from "../malloc";
import { T_STRING, T_ARRAY, T_SET, T_OBJECT, strPtr, strLen, newString, newArray, arrPush, arrLen, arrGet } from "../value";
import { tableNew, tableLen, keyAt, valAt, ensureSorted, tableFind, tableInsert } from "../table";
import { isType } from "../builtin-support";
import { tbNew, tbByte, tbString } from "../text-buf";

function escapeInto(b: usize, p: usize, n: usize): void {
  for (let i: usize = 0; i < n; i++) {
    const c = load<u8>(p + i);
    const plain = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c == 0x2d || c == 0x5f || c == 0x2e || c == 0x7e;
    if (plain) tbByte(b, c);
    else if (c == 0x20) tbByte(b, 0x2b);
    else {
      tbByte(b, 0x25);
      const h = c >> 4, l = c & 15;
      tbByte(b, h < 10 ? 0x30 + h : 0x37 + h);
      tbByte(b, l < 10 ? 0x30 + l : 0x37 + l);
    }
  }
}

function hexv(c: u8): i32 {
  if (c >= 0x30 && c <= 0x39) return <i32>(c - 0x30);
  if (c >= 0x61 && c <= 0x66) return <i32>(c - 0x57);
  if (c >= 0x41 && c <= 0x46) return <i32>(c - 0x37);
  return -1;
}

/** QueryUnescape of bytes; 0 on a bad escape. */
function unescape(p: usize, n: usize): usize {
  const out = opa_malloc(n + 1);
  let m: usize = 0;
  for (let i: usize = 0; i < n; i++) {
    const c = load<u8>(p + i);
    if (c == 0x25) {
      if (i + 2 >= n) return 0;
      const h = hexv(load<u8>(p + i + 1)), l = hexv(load<u8>(p + i + 2));
      if (h < 0 || l < 0) return 0;
      store<u8>(out + m++, <u8>((h << 4) | l));
      i += 2;
    } else if (c == 0x2b) store<u8>(out + m++, 0x20);
    else store<u8>(out + m++, c);
  }
  return newString(out, m);
}

export function b_urlquery__encode(s: usize): usize {
  if (!isType(s, T_STRING)) return 0;
  const b = tbNew(strLen(s) + 8);
  escapeInto(b, strPtr(s), strLen(s));
  return tbString(b);
}

export function b_urlquery__decode(s: usize): usize {
  if (!isType(s, T_STRING)) return 0;
  return unescape(strPtr(s), strLen(s));
}

export function b_urlquery__encode_object(o: usize): usize {
  if (!isType(o, T_OBJECT)) return 0;
  ensureSorted(o);
  const b = tbNew(32);
  let first = true;
  for (let i: usize = 0; i < tableLen(o); i++) {
    const k = keyAt(o, i), v = valAt(o, i);
    if (!isType(k, T_STRING)) return 0;
    let vals: usize = 0;
    if (isType(v, T_STRING)) {
      vals = newArray(1);
      arrPush(vals, v);
    } else if (isType(v, T_ARRAY)) vals = v;
    else if (isType(v, T_SET)) {
      ensureSorted(v);
      vals = newArray(tableLen(v));
      for (let j: usize = 0; j < tableLen(v); j++) arrPush(vals, keyAt(v, j));
    } else return 0;
    for (let j: usize = 0; j < arrLen(vals); j++) {
      const x = arrGet(vals, j);
      if (!isType(x, T_STRING)) return 0;
      if (!first) tbByte(b, 0x26);
      first = false;
      escapeInto(b, strPtr(k), strLen(k));
      tbByte(b, 0x3d);
      escapeInto(b, strPtr(x), strLen(x));
    }
  }
  return tbString(b);
}

export function b_urlquery__decode_object(s: usize): usize {
  if (!isType(s, T_STRING)) return 0;
  const p = strPtr(s), n = strLen(s);
  const r = tableNew(T_OBJECT, 0);
  let i: usize = 0;
  while (i <= n) {
    let j = i;
    while (j < n && load<u8>(p + j) != 0x26) j++;
    if (j > i) {
      let eq = j;
      for (let k = i; k < j; k++) {
        const c = load<u8>(p + k);
        if (c == 0x3b) return 0; // Go rejects ';' separators
        if (c == 0x3d && eq == j) eq = k;
      }
      const key = unescape(p + i, eq - i);
      if (key == 0) return 0;
      const val = eq < j ? unescape(p + eq + 1, j - eq - 1) : newString(p, 0);
      if (val == 0) return 0;
      const e = tableFind(r, key);
      if (e < 0) {
        const a = newArray(1);
        arrPush(a, val);
        tableInsert(r, key, a);
      } else arrPush(valAt(r, <usize>e), val);
    }
    i = j + 1;
  }
  return r;
}
