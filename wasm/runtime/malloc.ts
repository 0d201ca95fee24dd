// Heap allocator following OPA's heap ABI: a bump pointer above the static data, per-size
// free lists (exact 8-byte classes up to 512 bytes, one first-fit list above), reset by
// opa_heap_ptr_set. Input: sizes and addresses; output: 8-aligned addresses.
// Grows the (imported) memory itself; never caches the memory size across calls.

import { abortWith } from "./abort";

const HDR: usize = 8; // block header: u32 payload size, u32 reserved
const NCLASS: usize = 64; // classes 8..512 bytes
const MAX_SMALL: usize = NCLASS << 3;
const LISTS: usize = NCLASS + 1; // + one list of large blocks

const FREE_HEADS: usize = memory.data(<i32>(LISTS << 2), 8);
const STASH_HEADS: usize = memory.data(<i32>(LISTS << 2), 8);

let heapPtr: usize = 0;
let heapStart: usize = 0;

// @ts-ignore: decorator
@inline function align8(n: usize): usize {
  return (n + 7) & ~(<usize>7);
}

function ensureInit(): void {
  if (heapPtr == 0) {
    heapPtr = align8(__heap_base);
    heapStart = heapPtr;
  }
}

function clearFreeLists(): void {
  memory.fill(FREE_HEADS, 0, LISTS << 2);
}

function classOf(size: usize): usize {
  return size <= MAX_SMALL ? (size >> 3) - 1 : NCLASS;
}

function ensureMemory(end: usize): void {
  const pages = <usize>memory.size();
  const top = pages << 16;
  if (end <= top) return;
  const needed = (end - top + 0xffff) >> 16;
  // Grow by at least a quarter of the current size to keep growth amortized.
  let want = pages >> 2;
  if (want < needed) want = needed;
  if (memory.grow(<i32>want) < 0) {
    if (memory.grow(<i32>needed) < 0) abortWith("opa_malloc: failed");
  }
}

/** First address of the heap (above all static data). */
export function heapBase(): usize {
  ensureInit();
  return heapStart;
}

/** True for addresses of static data (below the heap): never mutated or freed. */
export function isStatic(p: usize): bool {
  ensureInit();
  return p < heapStart;
}

export function opa_malloc_init(base: usize): void {
  heapPtr = align8(base);
  heapStart = heapPtr;
  clearFreeLists();
  memory.fill(STASH_HEADS, 0, LISTS << 2);
}

export function opa_malloc(n: usize): usize {
  ensureInit();
  if (n > 0x7ffffff0) abortWith("opa_malloc: failed");
  let size = align8(n == 0 ? 8 : n);
  const cls = classOf(size);
  const headAddr = FREE_HEADS + (cls << 2);
  if (cls < NCLASS) {
    const p = load<u32>(headAddr);
    if (p != 0) {
      store<u32>(headAddr, load<u32>(p));
      return p;
    }
  } else {
    // First fit among large free blocks, accepting up to twice the size.
    let prev: usize = headAddr;
    let p = <usize>load<u32>(headAddr);
    while (p != 0) {
      const bs = <usize>load<u32>(p - HDR);
      if (bs >= size && bs <= (size << 1)) {
        store<u32>(prev, load<u32>(p));
        return p;
      }
      prev = p;
      p = load<u32>(p);
    }
  }
  const p = heapPtr + HDR;
  const end = p + size;
  if (end < p) abortWith("opa_malloc: failed");
  ensureMemory(end);
  store<u32>(p - HDR, <u32>size);
  store<u32>(p - HDR, 0, 4);
  heapPtr = end;
  return p;
}

export function opa_free(p: usize): void {
  ensureInit();
  if (p < heapStart + HDR || p >= heapPtr) return;
  const size = <usize>load<u32>(p - HDR);
  if (p + size == heapPtr) {
    // Last block: give it back to the bump pointer.
    heapPtr = p - HDR;
    return;
  }
  const headAddr = FREE_HEADS + (classOf(size) << 2);
  store<u32>(p, load<u32>(headAddr));
  store<u32>(headAddr, <u32>p);
}

/** Size of the payload of a heap block (its capacity). */
export function blockSize(p: usize): usize {
  return <usize>load<u32>(p - HDR);
}

/** Resizes a heap block, in place when it is the last block; copies otherwise. */
export function realloc(p: usize, oldSize: usize, newSize: usize): usize {
  ensureInit();
  if (p == 0) return opa_malloc(newSize);
  const size = align8(newSize == 0 ? 8 : newSize);
  if (p >= heapStart + HDR && p < heapPtr) {
    const cur = <usize>load<u32>(p - HDR);
    if (size <= cur) return p;
    if (p + cur == heapPtr) {
      ensureMemory(p + size);
      store<u32>(p - HDR, <u32>size);
      heapPtr = p + size;
      return p;
    }
  }
  const q = opa_malloc(size);
  memory.copy(q, p, oldSize < newSize ? oldSize : newSize);
  opa_free(p);
  return q;
}

/** Zero-filled allocation. */
export function calloc(n: usize): usize {
  const p = opa_malloc(n);
  memory.fill(p, 0, n);
  return p;
}

export function opa_heap_ptr_get(): usize {
  ensureInit();
  return heapPtr;
}

export function opa_heap_ptr_set(p: usize): void {
  ensureInit();
  heapPtr = align8(p);
  clearFreeLists();
}

export function opa_heap_blocks_stash(): void {
  // Move the current free blocks aside (appended to any earlier stash).
  for (let i: usize = 0; i < LISTS; i++) {
    const cur = load<u32>(FREE_HEADS + (i << 2));
    if (cur == 0) continue;
    let tail = <usize>cur;
    while (load<u32>(tail) != 0) tail = load<u32>(tail);
    store<u32>(tail, load<u32>(STASH_HEADS + (i << 2)));
    store<u32>(STASH_HEADS + (i << 2), cur);
  }
  clearFreeLists();
}

export function opa_heap_blocks_restore(): void {
  for (let i: usize = 0; i < LISTS; i++) {
    const st = load<u32>(STASH_HEADS + (i << 2));
    if (st == 0) continue;
    let tail = <usize>st;
    while (load<u32>(tail) != 0) tail = load<u32>(tail);
    store<u32>(tail, load<u32>(FREE_HEADS + (i << 2)));
    store<u32>(FREE_HEADS + (i << 2), st);
  }
  memory.fill(STASH_HEADS, 0, LISTS << 2);
}

export function opa_heap_stash_clear(): void {
  memory.fill(STASH_HEADS, 0, LISTS << 2);
}
