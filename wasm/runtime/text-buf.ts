// Growable byte buffers for builtins that build strings (sprintf, encodings, time formats).
// Input: bytes, ASCII literals, integers, scalar values. Output: a string value over the buffer's bytes.
// A buffer is a heap block {u32 ptr, u32 len, u32 cap}, so several may be in use at once.

import { opa_malloc, realloc } from "./malloc";
import { T_NULL, T_BOOLEAN, T_NUMBER, newString } from "./value";
import { numberText, textPtr, textLen } from "./number";

export function tbNew(cap: usize): usize {
  const b = opa_malloc(12);
  const c: usize = cap < 16 ? 16 : cap;
  store<u32>(b, <u32>opa_malloc(c));
  store<u32>(b, 0, 4);
  store<u32>(b, <u32>c, 8);
  return b;
}

// @ts-ignore: decorator
@inline export function tbPtr(b: usize): usize {
  return <usize>load<u32>(b);
}

// @ts-ignore: decorator
@inline export function tbLen(b: usize): usize {
  return <usize>load<u32>(b, 4);
}

export function tbSetLen(b: usize, n: usize): void {
  store<u32>(b, <u32>n, 4);
}

export function tbReserve(b: usize, extra: usize): void {
  const len = tbLen(b);
  const cap = <usize>load<u32>(b, 8);
  if (len + extra <= cap) return;
  let ncap = cap << 1;
  if (ncap < len + extra) ncap = len + extra + 16;
  store<u32>(b, <u32>realloc(tbPtr(b), len, ncap));
  store<u32>(b, <u32>ncap, 8);
}

export function tbByte(b: usize, c: u8): void {
  tbReserve(b, 1);
  const len = tbLen(b);
  store<u8>(tbPtr(b) + len, c);
  store<u32>(b, <u32>(len + 1), 4);
}

export function tbRepeat(b: usize, c: u8, n: usize): void {
  tbReserve(b, n);
  const len = tbLen(b);
  memory.fill(tbPtr(b) + len, c, n);
  store<u32>(b, <u32>(len + n), 4);
}

export function tbBytes(b: usize, p: usize, n: usize): void {
  tbReserve(b, n);
  const len = tbLen(b);
  memory.copy(tbPtr(b) + len, p, n);
  store<u32>(b, <u32>(len + n), 4);
}

/** Appends an ASCII AssemblyScript string literal. */
export function tbLit(b: usize, s: string): void {
  const p = changetype<usize>(s);
  const n = <usize>(load<u32>(p - 4) >> 1);
  tbReserve(b, n);
  const len = tbLen(b);
  const dst = tbPtr(b) + len;
  for (let i: usize = 0; i < n; i++) store<u8>(dst + i, <u8>load<u16>(p + (i << 1)));
  store<u32>(b, <u32>(len + n), 4);
}

/** Appends a code point as UTF-8. */
export function tbRune(b: usize, cp: u32): void {
  if (cp < 0x80) {
    tbByte(b, <u8>cp);
  } else if (cp < 0x800) {
    tbByte(b, <u8>(0xc0 | (cp >> 6)));
    tbByte(b, <u8>(0x80 | (cp & 0x3f)));
  } else if (cp < 0x10000) {
    tbByte(b, <u8>(0xe0 | (cp >> 12)));
    tbByte(b, <u8>(0x80 | ((cp >> 6) & 0x3f)));
    tbByte(b, <u8>(0x80 | (cp & 0x3f)));
  } else {
    tbByte(b, <u8>(0xf0 | (cp >> 18)));
    tbByte(b, <u8>(0x80 | ((cp >> 12) & 0x3f)));
    tbByte(b, <u8>(0x80 | ((cp >> 6) & 0x3f)));
    tbByte(b, <u8>(0x80 | (cp & 0x3f)));
  }
}

/** Appends the decimal digits of an unsigned value, zero-padded to at least `width` digits. */
export function tbUint(b: usize, x: u64, width: i32): void {
  const tmp = opa_malloc(24);
  let k: i32 = 24;
  do {
    k--;
    store<u8>(tmp + <usize>k, <u8>(0x30 + x % 10));
    x /= 10;
  } while (x != 0);
  while (24 - k < width) {
    k--;
    store<u8>(tmp + <usize>k, 0x30);
  }
  tbBytes(b, tmp + <usize>k, <usize>(24 - k));
}

export function tbInt(b: usize, x: i64): void {
  if (x < 0) {
    tbByte(b, 0x2d);
    tbUint(b, <u64>(-(x + 1)) + 1, 0);
  } else tbUint(b, <u64>x, 0);
}

/** tbScalar appends the text of a null, boolean or number (the same in JSON and in Rego) and returns true; false (nothing written) for other values. */
export function tbScalar(b: usize, v: usize): bool {
  const t = load<u8>(v);
  if (t == T_NULL) tbLit(b, "null");
  else if (t == T_BOOLEAN) {
    if (load<u8>(v, 1)) tbLit(b, "true");
    else tbLit(b, "false");
  } else if (t == T_NUMBER) {
    numberText(v);
    tbBytes(b, textPtr, textLen);
  } else return false;
  return true;
}

/** The buffer's bytes as a string value (the buffer must not be appended to afterwards). */
export function tbString(b: usize): usize {
  return newString(tbPtr(b), tbLen(b));
}
