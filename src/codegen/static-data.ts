/*
 * Static data of the generated code: one data segment placed right after the runtime's data.
 * Input: strings, C strings and constant values requested during lowering (deduplicated).
 * Output: their absolute addresses, and the segment bytes + heap base at the end.
 * Layouts (fixed by the runtime contract): null {u8 1}; boolean {u8 2, u8 v};
 * string {u8 4, u32 len @4, u32 ptr @8} with ptr → UTF-8 bytes.
 */

import { STRING_VALUE_SIZE, Tag } from "./abi.js";

/** StaticData lays out constants from `base` upwards. */
export class StaticData {
  readonly base: number;
  #bytes: number[] = [];
  #utf8 = new Map<string, number>();
  #cstr = new Map<string, number>();
  #strings = new Map<string, number>();
  #bools = new Map<boolean, number>();
  #null: number | undefined;

  constructor(base: number) {
    this.base = base;
  }

  /** end is the first address after the data laid out so far. */
  get end(): number {
    return this.base + this.#bytes.length;
  }

  /** bytes returns the segment contents. */
  bytes(): Uint8Array {
    return Uint8Array.from(this.#bytes);
  }

  /** raw appends bytes aligned to `align` and returns their address. */
  raw(bytes: ArrayLike<number>, align = 1): number {
    while ((this.base + this.#bytes.length) % align !== 0) this.#bytes.push(0);
    const addr = this.end;
    for (let i = 0; i < bytes.length; i++) this.#bytes.push(bytes[i] ?? 0);
    return addr;
  }

  /** utf8 returns the address of the UTF-8 bytes of `s` (not NUL-terminated) and their length. */
  utf8(s: string): { addr: number; len: number } {
    const b = new TextEncoder().encode(s);
    let addr = this.#utf8.get(s);
    if (addr === undefined) {
      addr = this.raw(b);
      this.#utf8.set(s, addr);
    }
    return { addr, len: b.length };
  }

  /** cstr returns the address of a NUL-terminated copy of `s` (for abort and error messages). */
  cstr(s: string): number {
    let addr = this.#cstr.get(s);
    if (addr === undefined) {
      const b = new TextEncoder().encode(s);
      addr = this.raw([...b, 0]);
      this.#cstr.set(s, addr);
    }
    return addr;
  }

  /** stringValue returns the address of a static string value holding `s`. */
  stringValue(s: string): number {
    let addr = this.#strings.get(s);
    if (addr === undefined) {
      const { addr: ptr, len } = this.utf8(s);
      const v = new Array<number>(STRING_VALUE_SIZE).fill(0);
      v[0] = Tag.String;
      writeU32(v, 4, len);
      writeU32(v, 8, ptr);
      addr = this.raw(v, 4);
      this.#strings.set(s, addr);
    }
    return addr;
  }

  /** booleanValue returns the address of the static boolean value `b`. */
  booleanValue(b: boolean): number {
    let addr = this.#bools.get(b);
    if (addr === undefined) {
      addr = this.raw([Tag.Boolean, b ? 1 : 0], 4);
      this.#bools.set(b, addr);
    }
    return addr;
  }

  /** nullValue returns the address of the static null value. */
  nullValue(): number {
    if (this.#null === undefined) this.#null = this.raw([Tag.Null], 4);
    return this.#null;
  }
}

function writeU32(out: number[], at: number, v: number): void {
  out[at] = v & 0xff;
  out[at + 1] = (v >>> 8) & 0xff;
  out[at + 2] = (v >>> 16) & 0xff;
  out[at + 3] = (v >>> 24) & 0xff;
}
