// Serializers: opa_json_dump (JSON; sets as arrays, non-string keys as their JSON text) and
// opa_value_dump (Rego syntax; sets as {..} / set()). Input: a value pointer.
// Output: a NUL-terminated UTF-8 string on the heap. Objects and sets print in sorted order.

import { opa_malloc, realloc } from "./malloc";
import { T_NULL, T_BOOLEAN, T_NUMBER, T_STRING, T_ARRAY, T_OBJECT, T_SET, strLen, strPtr, arrLen, arrGet } from "./value";
import { numberText, textPtr, textLen } from "./number";
import { tableLen, keyAt, valAt, ensureSorted } from "./table";

let sbPtr: usize = 0;
let sbLen: usize = 0;
let sbCap: usize = 0;

function sbReserve(extra: usize): void {
  const need = sbLen + extra;
  if (need <= sbCap) return;
  let ncap = sbCap << 1;
  if (ncap < need) ncap = need + 64;
  sbPtr = realloc(sbPtr, sbLen, ncap);
  sbCap = ncap;
}

// @ts-ignore: decorator
@inline function sbByte(b: u8): void {
  if (sbLen >= sbCap) sbReserve(1);
  store<u8>(sbPtr + sbLen, b);
  sbLen++;
}

function sbBytes(p: usize, n: usize): void {
  sbReserve(n);
  memory.copy(sbPtr + sbLen, p, n);
  sbLen += n;
}

function sbLit(s: string): void {
  const p = changetype<usize>(s);
  const n = <usize>(load<u32>(p - 4) >> 1);
  sbReserve(n);
  for (let i: usize = 0; i < n; i++) store<u8>(sbPtr + sbLen + i, <u8>load<u16>(p + (i << 1)));
  sbLen += n;
}

function hexDigit(d: u32): u8 {
  return <u8>(d < 10 ? 0x30 + d : 0x57 + d);
}

export function writeQuoted(p: usize, n: usize): void {
  sbReserve(n + 2);
  sbByte(0x22);
  let start: usize = 0;
  for (let i: usize = 0; i < n; i++) {
    const c = load<u8>(p + i);
    if (c >= 0x20 && c != 0x22 && c != 0x5c) continue;
    if (i > start) sbBytes(p + start, i - start);
    start = i + 1;
    sbByte(0x5c);
    if (c == 0x22 || c == 0x5c) sbByte(c);
    else if (c == 0x0a) sbByte(0x6e);
    else if (c == 0x0d) sbByte(0x72);
    else if (c == 0x09) sbByte(0x74);
    else if (c == 0x08) sbByte(0x62);
    else if (c == 0x0c) sbByte(0x66);
    else {
      sbByte(0x75);
      sbByte(0x30);
      sbByte(0x30);
      sbByte(hexDigit(<u32>c >> 4));
      sbByte(hexDigit(<u32>c & 15));
    }
  }
  if (n > start) sbBytes(p + start, n - start);
  sbByte(0x22);
}

function writeValue(v: usize, rego: bool): void {
  switch (load<u8>(v)) {
    case T_NULL:
      sbLit("null");
      return;
    case T_BOOLEAN:
      if (load<u8>(v, 1)) sbLit("true");
      else sbLit("false");
      return;
    case T_NUMBER:
      numberText(v);
      sbBytes(textPtr, textLen);
      return;
    case T_STRING:
      writeQuoted(strPtr(v), strLen(v));
      return;
    case T_ARRAY: {
      sbByte(0x5b);
      const n = arrLen(v);
      for (let i: usize = 0; i < n; i++) {
        if (i > 0) sbByte(0x2c);
        writeValue(arrGet(v, i), rego);
      }
      sbByte(0x5d);
      return;
    }
    case T_OBJECT: {
      ensureSorted(v);
      sbByte(0x7b);
      const n = tableLen(v);
      for (let i: usize = 0; i < n; i++) {
        if (i > 0) sbByte(0x2c);
        const k = keyAt(v, i);
        if (rego || load<u8>(k) == T_STRING) {
          writeValue(k, rego);
        } else {
          // Non-string key in JSON: its JSON text, as a string.
          const start = sbLen;
          writeValue(k, false);
          const len = sbLen - start;
          const tmp = opa_malloc(len == 0 ? 1 : len);
          memory.copy(tmp, sbPtr + start, len);
          sbLen = start;
          writeQuoted(tmp, len);
        }
        sbByte(0x3a);
        writeValue(valAt(v, i), rego);
      }
      sbByte(0x7d);
      return;
    }
    case T_SET: {
      ensureSorted(v);
      const n = tableLen(v);
      if (rego && n == 0) {
        sbLit("set()");
        return;
      }
      sbByte(rego ? 0x7b : 0x5b);
      for (let i: usize = 0; i < n; i++) {
        if (i > 0) sbByte(0x2c);
        writeValue(keyAt(v, i), rego);
      }
      sbByte(rego ? 0x7d : 0x5d);
      return;
    }
  }
  sbLit("null");
}

function dump(v: usize, rego: bool): usize {
  sbCap = 64;
  sbLen = 0;
  sbPtr = opa_malloc(sbCap);
  if (v == 0) {
    sbByte(0);
    return sbPtr;
  }
  writeValue(v, rego);
  sbByte(0);
  const p = sbPtr;
  sbPtr = 0;
  sbCap = 0;
  sbLen = 0;
  return p;
}

export function opa_json_dump(v: usize): usize {
  return dump(v, false);
}

export function opa_value_dump(v: usize): usize {
  return dump(v, true);
}
