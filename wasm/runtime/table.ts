// Objects and sets: insertion-ordered entries plus an open-addressing hash index, sorted
// lazily (by OPA's total order of keys) before the first ordered access after a mutation.
// Layout (private): {u8 tag @0, u8 sorted @1, u32 len @4, u32 cap @8, u32 entries @12,
// u32 index @16, u32 mask @20, u32 iterHint @24}; entry = {u32 key, u32 value, u32 hash}.

import { opa_malloc, opa_free, realloc } from "./malloc";
import { compareValues, hashValue } from "./compare";

const ENTRY: usize = 12;

export function tableNew(tag: u8, cap: usize): usize {
  const t = opa_malloc(28);
  store<u32>(t, 0);
  store<u8>(t, tag);
  store<u8>(t, 1, 1);
  store<u32>(t, 0, 4);
  store<u32>(t, 0, 8);
  store<u32>(t, 0, 12);
  store<u32>(t, 0, 16);
  store<u32>(t, 0, 20);
  store<u32>(t, 0, 24);
  if (cap > 0) grow(t, cap);
  return t;
}

// @ts-ignore: decorator
@inline export function tableLen(t: usize): usize {
  return <usize>load<u32>(t, 4);
}

// @ts-ignore: decorator
@inline function entryAddr(t: usize, i: usize): usize {
  return <usize>load<u32>(t, 12) + i * ENTRY;
}

// @ts-ignore: decorator
@inline export function keyAt(t: usize, i: usize): usize {
  return <usize>load<u32>(entryAddr(t, i));
}

// @ts-ignore: decorator
@inline export function valAt(t: usize, i: usize): usize {
  return <usize>load<u32>(entryAddr(t, i), 4);
}

// @ts-ignore: decorator
@inline export function hashAt(t: usize, i: usize): u32 {
  return load<u32>(entryAddr(t, i), 8);
}

export function setValAt(t: usize, i: usize, v: usize): void {
  store<u32>(entryAddr(t, i), <u32>v, 4);
}

function indexPut(t: usize, e: usize, h: u32): void {
  const index = <usize>load<u32>(t, 16);
  const mask = load<u32>(t, 20);
  let i = h & mask;
  while (load<u32>(index + (<usize>i << 2)) != 0) i = (i + 1) & mask;
  store<u32>(index + (<usize>i << 2), <u32>(e + 1));
}

function rebuildIndex(t: usize): void {
  const index = <usize>load<u32>(t, 16);
  if (index == 0) return;
  const slots = <usize>load<u32>(t, 20) + 1;
  memory.fill(index, 0, slots << 2);
  const n = tableLen(t);
  for (let e: usize = 0; e < n; e++) indexPut(t, e, hashAt(t, e));
}

function grow(t: usize, want: usize): void {
  const cap = <usize>load<u32>(t, 8);
  let ncap: usize = cap < 4 ? 4 : cap << 1;
  while (ncap < want) ncap <<= 1;
  const entries = realloc(<usize>load<u32>(t, 12), cap * ENTRY, ncap * ENTRY);
  store<u32>(t, <u32>entries, 12);
  store<u32>(t, <u32>ncap, 8);
  const old = <usize>load<u32>(t, 16);
  if (old != 0) opa_free(old);
  const slots = ncap << 1;
  store<u32>(t, <u32>opa_malloc(slots << 2), 16);
  store<u32>(t, <u32>(slots - 1), 20);
  rebuildIndex(t);
}

/** Entry index of key (with hash h), or -1. */
export function tableFindHashed(t: usize, key: usize, h: u32): i32 {
  const index = <usize>load<u32>(t, 16);
  if (index == 0) return -1;
  const mask = load<u32>(t, 20);
  let i = h & mask;
  while (true) {
    const s = load<u32>(index + (<usize>i << 2));
    if (s == 0) return -1;
    const e = <usize>(s - 1);
    if (hashAt(t, e) == h) {
      const k = keyAt(t, e);
      if (k == key || compareValues(k, key) == 0) return <i32>e;
    }
    i = (i + 1) & mask;
  }
}

export function tableFind(t: usize, key: usize): i32 {
  if (tableLen(t) == 0) return -1;
  return tableFindHashed(t, key, hashValue(key));
}

/** Inserts or (objects) overwrites; sets keep the existing element. Returns the entry index. */
export function tableInsert(t: usize, key: usize, value: usize): usize {
  const h = hashValue(key);
  const found = tableFindHashed(t, key, h);
  if (found >= 0) {
    setValAt(t, <usize>found, value);
    return <usize>found;
  }
  return tableAppendNew(t, key, value, h);
}

/** Appends a key known to be absent. */
export function tableAppendNew(t: usize, key: usize, value: usize, h: u32): usize {
  const n = tableLen(t);
  if (n >= <usize>load<u32>(t, 8)) grow(t, n + 1);
  if (load<u8>(t, 1) != 0 && n > 0 && compareValues(keyAt(t, n - 1), key) > 0) store<u8>(t, 0, 1);
  const ea = entryAddr(t, n);
  store<u32>(ea, <u32>key);
  store<u32>(ea, <u32>value, 4);
  store<u32>(ea, h, 8);
  store<u32>(t, <u32>(n + 1), 4);
  indexPut(t, n, h);
  return n;
}

export function tableRemove(t: usize, key: usize): bool {
  const e = tableFind(t, key);
  if (e < 0) return false;
  const n = tableLen(t);
  const ea = entryAddr(t, <usize>e);
  memory.copy(ea, ea + ENTRY, (n - 1 - <usize>e) * ENTRY);
  store<u32>(t, <u32>(n - 1), 4);
  store<u32>(t, 0, 24);
  rebuildIndex(t);
  return true;
}

/** Sorts the entries by key (stable merge sort), in place, and rebuilds the index in place. */
export function ensureSorted(t: usize): void {
  if (load<u8>(t, 1) != 0) return;
  const n = tableLen(t);
  if (n > 1) {
    const base = <usize>load<u32>(t, 12);
    const tmp = opa_malloc(n * ENTRY);
    let src = base;
    let dst = tmp;
    for (let width: usize = 1; width < n; width <<= 1) {
      for (let lo: usize = 0; lo < n; lo += width << 1) {
        let mid = lo + width;
        if (mid > n) mid = n;
        let hi = lo + (width << 1);
        if (hi > n) hi = n;
        let i = lo, j = mid, k = lo;
        while (i < mid && j < hi) {
          const a = src + i * ENTRY;
          const b = src + j * ENTRY;
          if (compareValues(<usize>load<u32>(b), <usize>load<u32>(a)) < 0) {
            memory.copy(dst + k * ENTRY, b, ENTRY);
            j++;
          } else {
            memory.copy(dst + k * ENTRY, a, ENTRY);
            i++;
          }
          k++;
        }
        if (i < mid) memory.copy(dst + k * ENTRY, src + i * ENTRY, (mid - i) * ENTRY);
        else if (j < hi) memory.copy(dst + k * ENTRY, src + j * ENTRY, (hi - j) * ENTRY);
      }
      const s = src;
      src = dst;
      dst = s;
    }
    if (src != base) memory.copy(base, src, n * ENTRY);
    opa_free(tmp);
    rebuildIndex(t);
  }
  store<u8>(t, 1, 1);
  store<u32>(t, 0, 24);
}

/** Next key in sorted order after prev (0 = first); 0 at the end. */
export function tableIter(t: usize, prev: usize): usize {
  const n = tableLen(t);
  if (n == 0) return 0;
  ensureSorted(t);
  if (prev == 0) {
    store<u32>(t, 0, 24);
    return keyAt(t, 0);
  }
  let e: i32 = -1;
  const hint = <usize>load<u32>(t, 24);
  if (hint < n && keyAt(t, hint) == prev) e = <i32>hint;
  else e = tableFind(t, prev);
  if (e < 0) return 0;
  const next = <usize>e + 1;
  if (next >= n) return 0;
  store<u32>(t, <u32>next, 24);
  return keyAt(t, next);
}

/** A copy with the same entries (keys and values shared). */
export function tableCopy(t: usize): usize {
  const n = tableLen(t);
  const c = tableNew(load<u8>(t), n);
  if (n > 0) {
    memory.copy(<usize>load<u32>(c, 12), <usize>load<u32>(t, 12), n * ENTRY);
    store<u32>(c, <u32>n, 4);
    store<u8>(c, load<u8>(t, 1), 1);
    rebuildIndex(c);
  }
  return c;
}

/** Frees the table's internal blocks and header (not the keys and values). */
export function tableFree(t: usize): void {
  const e = <usize>load<u32>(t, 12);
  const i = <usize>load<u32>(t, 16);
  if (i != 0) opa_free(i);
  if (e != 0) opa_free(e);
  opa_free(t);
}
