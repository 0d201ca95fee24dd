import t from "tap";
import fc from "fast-check";
import { encodeU32, pushS32, pushS64, pushU32, readS32, readS64, readU32 } from "../../src/codegen/leb128.js";

const u32 = (v: number): number[] => { const o: number[] = []; pushU32(o, v); return o; };
const s32 = (v: number): number[] => { const o: number[] = []; pushS32(o, v); return o; };
const s64 = (v: bigint): number[] => { const o: number[] = []; pushS64(o, v); return o; };

t.test("leb128: unsigned edge cases", async (t) => {
  t.same(u32(0), [0]);
  t.same(u32(127), [0x7f]);
  t.same(u32(128), [0x80, 0x01]);
  t.same(u32(624485), [0xe5, 0x8e, 0x26]);
  t.same(u32(0xffffffff), [0xff, 0xff, 0xff, 0xff, 0x0f]);
  t.same([...encodeU32(300)], [0xac, 0x02]);
  t.throws(() => u32(-1));
  t.throws(() => u32(2 ** 32));
  // padded encodings (as some tools write section sizes) decode too
  t.same(readU32(Uint8Array.from([0x80, 0x80, 0x80, 0x80, 0x00]), 0), { value: 0, next: 5 });
  t.throws(() => readU32(Uint8Array.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x00]), 0));
  t.throws(() => readU32(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x1f]), 0));
  t.throws(() => readU32(Uint8Array.from([0x80]), 0));
});

t.test("leb128: signed edge cases", async (t) => {
  t.same(s32(0), [0]);
  t.same(s32(-1), [0x7f]);
  t.same(s32(63), [0x3f]);
  t.same(s32(64), [0xc0, 0x00]);
  t.same(s32(-64), [0x40]);
  t.same(s32(-65), [0xbf, 0x7f]);
  t.same(s32(-123456), [0xc0, 0xbb, 0x78]);
  t.same(s32(0x7fffffff), [0xff, 0xff, 0xff, 0xff, 0x07]);
  t.same(s32(-0x80000000), [0x80, 0x80, 0x80, 0x80, 0x78]);
  t.same(s64(-(1n << 63n)), [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f]);
  t.same(s64((1n << 63n) - 1n), [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00]);
  t.throws(() => s32(2 ** 31));
  t.throws(() => s64(1n << 63n));
});

t.test("leb128: round trips (property)", async (t) => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffffff }), (v) => {
    const b = Uint8Array.from(u32(v));
    const r = readU32(b, 0);
    return r.value === v && r.next === b.length;
  }));
  fc.assert(fc.property(fc.integer({ min: -0x80000000, max: 0x7fffffff }), (v) => {
    const b = Uint8Array.from(s32(v));
    const r = readS32(b, 0);
    return r.value === v && r.next === b.length;
  }));
  fc.assert(fc.property(fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }), (v) => {
    const b = Uint8Array.from(s64(v));
    const r = readS64(b, 0);
    return r.value === v && r.next === b.length;
  }));
  t.pass("properties hold");
});
