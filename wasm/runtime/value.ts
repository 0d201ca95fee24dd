// Value model: type tags, the static null/boolean values, strings and arrays.
// Input: raw pointers; output: value pointers (0 = undefined). Layouts the codegen relies on:
// null {u8 1}; boolean {u8 2, u8 v}; string {u8 4, u32 len @4, u32 ptr @8}. Arrays are private:
// {u8 5, u32 len @4, u32 cap @8, u32 elems @12} with elems an array of u32 value pointers.

import { opa_malloc, realloc } from "./malloc";

export const T_NULL: u8 = 1;
export const T_BOOLEAN: u8 = 2;
export const T_NUMBER: u8 = 3;
export const T_STRING: u8 = 4;
export const T_ARRAY: u8 = 5;
export const T_OBJECT: u8 = 6;
export const T_SET: u8 = 7;

// null @0, false @4, true @8 (static, never mutated).
const STATICS: usize = memory.data<u8>([1, 0, 0, 0, 2, 0, 0, 0, 2, 1, 0, 0], 8);
export const NULL_V: usize = STATICS;
export const FALSE_V: usize = STATICS + 4;
export const TRUE_V: usize = STATICS + 8;

// @ts-ignore: decorator
@inline export function tagOf(v: usize): u8 {
  return load<u8>(v);
}

export function boolValue(b: bool): usize {
  return b ? TRUE_V : FALSE_V;
}

export function isTrue(v: usize): bool {
  return v != 0 && load<u8>(v) == T_BOOLEAN && load<u8>(v, 1) != 0;
}

// ---- strings ----

export function newString(ptr: usize, len: usize): usize {
  const v = opa_malloc(12);
  store<u32>(v, 0);
  store<u8>(v, T_STRING);
  store<u32>(v, <u32>len, 4);
  store<u32>(v, <u32>ptr, 8);
  return v;
}

// @ts-ignore: decorator
@inline export function strLen(v: usize): usize {
  return <usize>load<u32>(v, 4);
}

// @ts-ignore: decorator
@inline export function strPtr(v: usize): usize {
  return <usize>load<u32>(v, 8);
}

/** A heap string value with a copy of an ASCII AssemblyScript literal. */
export function litString(s: string): usize {
  const p = changetype<usize>(s);
  const n = <usize>(load<u32>(p - 4) >> 1);
  const buf = opa_malloc(n);
  for (let i: usize = 0; i < n; i++) store<u8>(buf + i, <u8>load<u16>(p + (i << 1)));
  return newString(buf, n);
}

/**
 * Number of runes in UTF-8 bytes, like Go's utf8.RuneCount (OPA's count/[]rune): each byte of an
 * invalid or truncated sequence counts as one rune (U+FFFD), so random bytes are not undercounted.
 */
export function utf8Count(p: usize, n: usize): usize {
  let c: usize = 0;
  let i: usize = 0;
  while (i < n) {
    const b = <u32>load<u8>(p + i);
    c++;
    if (b < 0x80) { i++; continue; }
    const w = utf8SeqLen(p + i, n - i, b);
    i += w;
  }
  return c;
}

/** utf8SeqLen is the byte length of the valid sequence starting with lead byte b, or 1 if invalid (Go's accept ranges). */
function utf8SeqLen(q: usize, avail: usize, b: u32): usize {
  let len: usize = 0;
  let lo: u32 = 0x80;
  let hi: u32 = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) len = 2;
  else if (b >= 0xe0 && b <= 0xef) {
    len = 3;
    if (b == 0xe0) lo = 0xa0;
    else if (b == 0xed) hi = 0x9f;
  } else if (b >= 0xf0 && b <= 0xf4) {
    len = 4;
    if (b == 0xf0) lo = 0x90;
    else if (b == 0xf4) hi = 0x8f;
  } else return 1;
  if (avail < len) return 1;
  const b1 = <u32>load<u8>(q + 1);
  if (b1 < lo || b1 > hi) return 1;
  for (let k: usize = 2; k < len; k++) {
    if ((<u32>load<u8>(q + k) & 0xc0) != 0x80) return 1;
  }
  return len;
}

// ---- arrays ----

export function newArray(cap: usize): usize {
  const v = opa_malloc(16);
  store<u32>(v, 0);
  store<u8>(v, T_ARRAY);
  store<u32>(v, 0, 4);
  store<u32>(v, <u32>cap, 8);
  store<u32>(v, cap == 0 ? 0 : <u32>opa_malloc(cap << 2), 12);
  return v;
}

// @ts-ignore: decorator
@inline export function arrLen(a: usize): usize {
  return <usize>load<u32>(a, 4);
}

// @ts-ignore: decorator
@inline export function arrGet(a: usize, i: usize): usize {
  return <usize>load<u32>(<usize>load<u32>(a, 12) + (i << 2));
}

export function arrPush(a: usize, v: usize): void {
  const len = <usize>load<u32>(a, 4);
  let cap = <usize>load<u32>(a, 8);
  let elems = <usize>load<u32>(a, 12);
  if (len >= cap) {
    const ncap: usize = cap < 4 ? 4 : cap << 1;
    elems = realloc(elems, cap << 2, ncap << 2);
    cap = ncap;
    store<u32>(a, <u32>cap, 8);
    store<u32>(a, <u32>elems, 12);
  }
  store<u32>(elems + (len << 2), <u32>v);
  store<u32>(a, <u32>(len + 1), 4);
}

export function arrSet(a: usize, i: usize, v: usize): void {
  store<u32>(<usize>load<u32>(a, 12) + (i << 2), <u32>v);
}
