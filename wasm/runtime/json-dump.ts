// Serializers: opa_json_dump (JSON; sets as arrays, non-string keys as their JSON text) and
// opa_value_dump (Rego syntax; sets as {..} / set()). Input: a value pointer.
// Output: a NUL-terminated UTF-8 string on the heap. Objects and sets print in sorted order.

import { opa_malloc, opa_free, realloc } from "./malloc";
import { T_NULL, T_BOOLEAN, T_NUMBER, T_STRING, T_ARRAY, T_OBJECT, T_SET, strLen, strPtr, arrLen, arrGet } from "./value";
import { numberText, textPtr, textLen } from "./number";
import { tableLen, keyAt, valAt, ensureSorted } from "./table";
import { MAX_NESTING } from "./compare";
import { abortWith } from "./abort";

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

// Composite values are written with an explicit stack of {value, next index} frames, so any
// nesting depth works; only a composite *key* (written by a nested call) uses the Wasm stack,
// and those nested calls are bounded by MAX_NESTING.
let keyDepth: i32 = 0;

function writeScalar(v: usize): void {
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
  }
  sbLit("null");
}

function isComposite(v: usize): bool {
  const t = load<u8>(v);
  return t == T_ARRAY || t == T_OBJECT || t == T_SET;
}

/** Writes the opening of a composite value; false when it is complete already (rego `set()`). */
function open(v: usize, rego: bool): bool {
  const t = load<u8>(v);
  if (t == T_ARRAY) {
    sbByte(0x5b);
    return true;
  }
  ensureSorted(v);
  if (t == T_SET && rego && tableLen(v) == 0) {
    sbLit("set()");
    return false;
  }
  sbByte(t == T_OBJECT || rego ? 0x7b : 0x5b);
  return true;
}

function close(v: usize, rego: bool): void {
  const t = load<u8>(v);
  sbByte(t == T_ARRAY ? 0x5d : t == T_OBJECT || rego ? 0x7d : 0x5d);
}

function writeKey(k: usize, rego: bool): void {
  if (!isComposite(k)) {
    if (rego || load<u8>(k) == T_STRING) writeScalar(k);
    else {
      // Non-string key in JSON: its JSON text, as a string.
      const start = sbLen;
      writeScalar(k);
      const len = sbLen - start;
      const tmp = opa_malloc(len == 0 ? 1 : len);
      memory.copy(tmp, sbPtr + start, len);
      sbLen = start;
      writeQuoted(tmp, len);
    }
    return;
  }
  if (++keyDepth > MAX_NESTING) {
    keyDepth = 0;
    abortWith("value nested too deeply to serialize (more than 3000 levels)");
  }
  if (rego) writeValue(k, rego);
  else {
    const start = sbLen;
    writeValue(k, false);
    const len = sbLen - start;
    const tmp = opa_malloc(len == 0 ? 1 : len);
    memory.copy(tmp, sbPtr + start, len);
    sbLen = start;
    writeQuoted(tmp, len);
  }
  keyDepth--;
}

function writeValue(root: usize, rego: bool): void {
  if (!isComposite(root)) {
    writeScalar(root);
    return;
  }
  if (!open(root, rego)) return;
  // frames: {u32 value, u32 next index}
  let cap: usize = 64;
  let stack = opa_malloc(cap << 3);
  let sp: usize = 0;
  store<u32>(stack, <u32>root);
  store<u32>(stack, 0, 4);
  sp = 1;
  while (sp > 0) {
    const f = stack + ((sp - 1) << 3);
    const v = <usize>load<u32>(f);
    const i = <usize>load<u32>(f, 4);
    const t = load<u8>(v);
    const n = t == T_ARRAY ? arrLen(v) : tableLen(v);
    if (i >= n) {
      close(v, rego);
      sp--;
      continue;
    }
    store<u32>(f, <u32>(i + 1), 4);
    if (i > 0) sbByte(0x2c);
    let child: usize = 0;
    if (t == T_ARRAY) child = arrGet(v, i);
    else if (t == T_SET) child = keyAt(v, i);
    else {
      writeKey(keyAt(v, i), rego);
      sbByte(0x3a);
      child = valAt(v, i);
    }
    if (!isComposite(child)) {
      writeScalar(child);
      continue;
    }
    if (!open(child, rego)) continue;
    if (sp == cap) {
      stack = realloc(stack, cap << 3, cap << 4);
      cap <<= 1;
    }
    store<u32>(stack + (sp << 3), <u32>child);
    store<u32>(stack + (sp << 3), 0, 4);
    sp++;
  }
  opa_free(stack);
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
