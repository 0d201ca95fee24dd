/*
 * LEB128 variable-length integers as used by the WebAssembly binary format.
 * Input: numbers/bigints to write, or a byte array and offset to read. Output: bytes, or
 * {value, next}. Unsigned values up to 2^53-1 as number; signed i32 as number, i64 as bigint.
 */

/** pushU32 appends the unsigned LEB128 encoding of `value` (0 ≤ value < 2^32) to `out`. */
export function pushU32(out: number[], value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`internal: u32 out of range: ${value}`);
  }
  let v = value;
  do {
    let byte = v % 128;
    v = Math.floor(v / 128);
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
}

/** pushS32 appends the signed LEB128 encoding of a 32-bit integer to `out`. */
export function pushS32(out: number[], value: number): void {
  if (!Number.isInteger(value) || value < -0x80000000 || value > 0x7fffffff) {
    throw new RangeError(`internal: s32 out of range: ${value}`);
  }
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return;
  }
}

/** pushS64 appends the signed LEB128 encoding of a 64-bit integer (bigint) to `out`. */
export function pushS64(out: number[], value: bigint): void {
  if (value < -(1n << 63n) || value >= 1n << 63n) {
    throw new RangeError(`internal: s64 out of range: ${value}`);
  }
  let v = value;
  for (;;) {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    const done = (v === 0n && (byte & 0x40) === 0) || (v === -1n && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return;
  }
}

/** encodeU32 returns the unsigned LEB128 encoding of `value` as bytes. */
export function encodeU32(value: number): Uint8Array {
  const out: number[] = [];
  pushU32(out, value);
  return Uint8Array.from(out);
}

/** Decoded is a value read from a byte array and the offset just after it. */
export interface Decoded<T> {
  readonly value: T;
  readonly next: number;
}

/** readU32 decodes an unsigned LEB128 u32 at `offset` (at most 5 bytes, padding allowed). */
export function readU32(bytes: Uint8Array, offset: number): Decoded<number> {
  let result = 0;
  let mul = 1;
  let i = offset;
  for (let n = 0; n < 5; n++) {
    const b = bytes[i++];
    if (b === undefined) throw new RangeError("unexpected end of LEB128");
    result += (b & 0x7f) * mul;
    mul *= 128;
    if ((b & 0x80) === 0) {
      if (result > 0xffffffff) throw new RangeError("LEB128 u32 overflow");
      return { value: result, next: i };
    }
  }
  throw new RangeError("LEB128 u32 too long");
}

/** readS32 decodes a signed LEB128 i32 at `offset`. */
export function readS32(bytes: Uint8Array, offset: number): Decoded<number> {
  const r = readS64(bytes, offset, 5);
  if (r.value < -0x80000000n || r.value > 0x7fffffffn) throw new RangeError("LEB128 s32 overflow");
  return { value: Number(r.value), next: r.next };
}

/** readS64 decodes a signed LEB128 integer of up to `maxBytes` bytes (10 for i64) at `offset`. */
export function readS64(bytes: Uint8Array, offset: number, maxBytes = 10): Decoded<bigint> {
  let result = 0n;
  let shift = 0n;
  let i = offset;
  for (let n = 0; n < maxBytes; n++) {
    const b = bytes[i++];
    if (b === undefined) throw new RangeError("unexpected end of LEB128");
    result |= BigInt(b & 0x7f) << shift;
    shift += 7n;
    if ((b & 0x80) === 0) {
      if ((b & 0x40) !== 0) result -= 1n << shift;
      return { value: BigInt.asIntN(64, result), next: i };
    }
  }
  throw new RangeError("LEB128 signed integer too long");
}
