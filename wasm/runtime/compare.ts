// OPA's total order over values and value hashing. Input: value pointers (0 = undefined,
// ordered before everything). Output: <0/0/>0 and u32 hashes; equal values hash equally
// (numbers by numeric value, objects and sets independent of insertion order).

import { T_NULL, T_BOOLEAN, T_NUMBER, T_STRING, T_ARRAY, T_OBJECT, T_SET, strLen, strPtr, arrLen, arrGet } from "./value";
import { compareNumbers, hashNumber } from "./number";
import { tableLen, keyAt, valAt, hashAt, ensureSorted } from "./table";
import { abortWith } from "./abort";

/** Deepest nesting compared, hashed or dumped; deeper values abort cleanly (the Wasm stack would overflow near 7,000). */
export const MAX_NESTING: i32 = 3000;
let cmpDepth: i32 = 0;
let hashDepth: i32 = 0;

export function compareBytes(pa: usize, la: usize, pb: usize, lb: usize): i32 {
  const n = la < lb ? la : lb;
  if (pa != pb) {
    const c = memory.compare(pa, pb, n);
    if (c != 0) return c < 0 ? -1 : 1;
  }
  return la < lb ? -1 : la > lb ? 1 : 0;
}

export function compareValues(a: usize, b: usize): i32 {
  if (a == b) return 0;
  if (a == 0) return -1;
  if (b == 0) return 1;
  const ta = load<u8>(a);
  const tb = load<u8>(b);
  if (ta != tb) return ta < tb ? -1 : 1;
  if (ta >= T_ARRAY) {
    if (++cmpDepth > MAX_NESTING) {
      cmpDepth = 0;
      abortWith("value nested too deeply to compare (more than 3000 levels)");
    }
    const c = compareComposite(a, b, ta);
    cmpDepth--;
    return c;
  }
  switch (ta) {
    case T_NULL:
      return 0;
    case T_BOOLEAN:
      return <i32>load<u8>(a, 1) - <i32>load<u8>(b, 1);
    case T_NUMBER:
      return compareNumbers(a, b);
    case T_STRING:
      return compareBytes(strPtr(a), strLen(a), strPtr(b), strLen(b));
  }
  return 0;
}

function compareComposite(a: usize, b: usize, ta: u8): i32 {
  switch (ta) {
    case T_ARRAY: {
      const na = arrLen(a), nb = arrLen(b);
      const n = na < nb ? na : nb;
      for (let i: usize = 0; i < n; i++) {
        const c = compareValues(arrGet(a, i), arrGet(b, i));
        if (c != 0) return c;
      }
      return na < nb ? -1 : na > nb ? 1 : 0;
    }
    case T_OBJECT: {
      ensureSorted(a);
      ensureSorted(b);
      const na = tableLen(a), nb = tableLen(b);
      const n = na < nb ? na : nb;
      for (let i: usize = 0; i < n; i++) {
        let c = compareValues(keyAt(a, i), keyAt(b, i));
        if (c != 0) return c;
        c = compareValues(valAt(a, i), valAt(b, i));
        if (c != 0) return c;
      }
      return na < nb ? -1 : na > nb ? 1 : 0;
    }
    case T_SET: {
      ensureSorted(a);
      ensureSorted(b);
      const na = tableLen(a), nb = tableLen(b);
      const n = na < nb ? na : nb;
      for (let i: usize = 0; i < n; i++) {
        const c = compareValues(keyAt(a, i), keyAt(b, i));
        if (c != 0) return c;
      }
      return na < nb ? -1 : na > nb ? 1 : 0;
    }
  }
  return 0;
}

export function hashBytes(p: usize, n: usize): u32 {
  let h: u32 = 0x811c9dc5;
  for (let i: usize = 0; i < n; i++) {
    h ^= <u32>load<u8>(p + i);
    h *= 0x01000193;
  }
  return h;
}

export function hashValue(v: usize): u32 {
  if (v == 0) return 0;
  if (load<u8>(v) == T_ARRAY || load<u8>(v) == T_OBJECT) {
    if (++hashDepth > MAX_NESTING) {
      hashDepth = 0;
      abortWith("value nested too deeply to hash (more than 3000 levels)");
    }
    const h = hashInner(v);
    hashDepth--;
    return h;
  }
  return hashInner(v);
}

function hashInner(v: usize): u32 {
  switch (load<u8>(v)) {
    case T_NULL:
      return 0x2545f491;
    case T_BOOLEAN:
      return load<u8>(v, 1) ? 0x9e3779b9 : 0x7f4a7c15;
    case T_NUMBER:
      return hashNumber(v);
    case T_STRING:
      return hashBytes(strPtr(v), strLen(v));
    case T_ARRAY: {
      let h: u32 = 0x3c6ef372;
      const n = arrLen(v);
      for (let i: usize = 0; i < n; i++) h = h * 31 + hashValue(arrGet(v, i));
      return h;
    }
    case T_OBJECT: {
      let h: u32 = 0x1b873593;
      const n = tableLen(v);
      for (let i: usize = 0; i < n; i++) h += hashAt(v, i) * 0x85ebca6b + hashValue(valAt(v, i));
      return h;
    }
    case T_SET: {
      let h: u32 = 0xcc9e2d51;
      const n = tableLen(v);
      for (let i: usize = 0; i < n; i++) h += hashAt(v, i);
      return h;
    }
  }
  return 0;
}
