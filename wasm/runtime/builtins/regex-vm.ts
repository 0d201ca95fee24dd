// Pike VM over the program of regex-prog.ts: linear-time, leftmost-first submatches exactly as
// Go's regexp NFA (threads in priority order; a match cuts lower-priority threads). Input:
// UTF-8 subject bytes, a start offset (the bytes before it are context for ^ and \b).
// Output: whether it matched, and the capture offsets in vmCap(i) (-1 = unset).

import { opa_malloc, opa_free } from "../malloc";
import {
  OP_CHAR, OP_CLASS, OP_ANYNL, OP_ANY, OP_SPLIT, OP_JMP, OP_SAVE, OP_ASSERT, OP_MATCH,
  progLen, ip,
} from "./regex-prog";
import { A_BOT, A_EOT, A_BOL, A_EOL, A_WORDB, rngBase } from "./regex-syntax";
import { utf8Lenient, runeWidth } from "../utf8";

let ncap: i32 = 0; // capture slots tracked (0 = only "did it match")
let n: i32 = 0; // instructions
let marks: usize = 0; // per pc: generation of the list it was added to
let gen: i32 = 0;
// two lists: pcs (n i32) and caps (n * ncap i32)
let pcsA: usize = 0;
let pcsB: usize = 0;
let capsA: usize = 0;
let capsB: usize = 0;
let cntA: i32 = 0;
let cntB: i32 = 0;
let genA: i32 = 0;
let genB: i32 = 0;
let stack: usize = 0; // (kind, a, b) triples
let cur: usize = 0; // ncap scratch captures
let best: usize = 0; // ncap captures of the match
let block: usize = 0;

/** Prepares buffers for the current program with `slots` capture slots (even, >= 0). */
export function vmInit(slots: i32): void {
  ncap = slots;
  n = progLen;
  const nn = <usize>n;
  const capBytes = nn * <usize>ncap * 4;
  const total = nn * 4 + nn * 4 * 2 + capBytes * 2 + (nn * 2 + 4) * 12 + <usize>ncap * 8 + 8;
  block = opa_malloc(total);
  let p = block;
  marks = p; p += nn * 4;
  pcsA = p; p += nn * 4;
  pcsB = p; p += nn * 4;
  capsA = p; p += capBytes;
  capsB = p; p += capBytes;
  stack = p; p += (nn * 2 + 4) * 12;
  cur = p; p += <usize>ncap * 4;
  best = p;
  memory.fill(marks, 0, nn * 4);
  gen = 0;
}

export function vmFree(): void {
  opa_free(block);
  block = 0;
}

export function vmCap(i: i32): i32 {
  return load<i32>(best + (<usize>i << 2));
}

function isWordChar(r: i32): bool {
  return (r >= 0x30 && r <= 0x39) || (r >= 0x41 && r <= 0x5a) || (r >= 0x61 && r <= 0x7a) || r == 0x5f;
}

function inClass(off: i32, pairs: i32, r: i32): bool {
  let lo = 0;
  let hi = pairs - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = rngBase + (<usize>(off + 2 * mid) << 2);
    if (r < load<i32>(p)) hi = mid - 1;
    else if (r > load<i32>(p, 4)) lo = mid + 1;
    else return true;
  }
  return false;
}

function assertHolds(kind: i32, prev: i32, next: i32): bool {
  if (kind == A_BOT) return prev < 0;
  if (kind == A_EOT) return next < 0;
  if (kind == A_BOL) return prev < 0 || prev == 10;
  if (kind == A_EOL) return next < 0 || next == 10;
  const b = isWordChar(prev) != isWordChar(next);
  return kind == A_WORDB ? b : !b;
}

/**
 * Adds the thread (pc0, caps copied from srcCaps) to list B or A (toB), following JMP/SPLIT/
 * SAVE/ASSERT in priority order; pos is the position, prev/next the runes around it.
 */
function addThread(toB: bool, pc0: i32, srcCaps: usize, pos: i32, prev: i32, next: i32): void {
  const g = toB ? genB : genA;
  const pcs = toB ? pcsB : pcsA;
  const caps = toB ? capsB : capsA;
  let cnt = toB ? cntB : cntA;
  const capBytes = <usize>ncap << 2;
  if (ncap > 0) {
    if (srcCaps == 0) memory.fill(cur, 0xff, capBytes);
    else memory.copy(cur, srcCaps, capBytes);
  }
  let sp: usize = 0;
  store<i32>(stack, 0);
  store<i32>(stack, pc0, 4);
  sp = 1;
  while (sp > 0) {
    sp--;
    const e = stack + sp * 12;
    const kind = load<i32>(e);
    if (kind == 1) { // restore a capture slot
      store<i32>(cur + (<usize>load<i32>(e, 4) << 2), load<i32>(e, 8));
      continue;
    }
    const pc = load<i32>(e, 4);
    const mk = marks + (<usize>pc << 2);
    if (load<i32>(mk) == g) continue;
    store<i32>(mk, g);
    const p = ip(pc);
    const op = load<i32>(p);
    if (op == OP_JMP) {
      const t = stack + sp * 12;
      store<i32>(t, 0);
      store<i32>(t, load<i32>(p, 4), 4);
      sp++;
    } else if (op == OP_SPLIT) {
      let t = stack + sp * 12;
      store<i32>(t, 0);
      store<i32>(t, load<i32>(p, 8), 4);
      t += 12;
      store<i32>(t, 0);
      store<i32>(t, load<i32>(p, 4), 4);
      sp += 2;
    } else if (op == OP_SAVE) {
      const slot = load<i32>(p, 4);
      if (slot < ncap) {
        let t = stack + sp * 12;
        const sa = cur + (<usize>slot << 2);
        store<i32>(t, 1);
        store<i32>(t, slot, 4);
        store<i32>(t, load<i32>(sa), 8);
        store<i32>(sa, pos);
        t += 12;
        store<i32>(t, 0);
        store<i32>(t, pc + 1, 4);
        sp += 2;
      } else {
        const t = stack + sp * 12;
        store<i32>(t, 0);
        store<i32>(t, pc + 1, 4);
        sp++;
      }
    } else if (op == OP_ASSERT) {
      if (assertHolds(load<i32>(p, 4), prev, next)) {
        const t = stack + sp * 12;
        store<i32>(t, 0);
        store<i32>(t, pc + 1, 4);
        sp++;
      }
    } else {
      store<i32>(pcs + (<usize>cnt << 2), pc);
      if (ncap > 0) memory.copy(caps + <usize>cnt * capBytes, cur, capBytes);
      cnt++;
    }
  }
  if (toB) cntB = cnt;
  else cntA = cnt;
}

/** The rune ending just before byte offset i (-1 at 0). */
function runeBefore(s: usize, i: i32): i32 {
  if (i <= 0) return -1;
  let j = i - 1;
  let k = 0;
  while (j > 0 && k < 3 && (load<u8>(s + <usize>j) & 0xc0) == 0x80) {
    j--;
    k++;
  }
  const r = utf8Lenient(s + <usize>j, <usize>(i - j));
  if (j + runeWidth != i) return 0xfffd;
  return r;
}

/**
 * Searches s[0..len) from byte offset start for the leftmost-first match. With anchored, only
 * a match starting at `start` counts. With ncap == 0 it stops at the first match found.
 */
export function vmExec(s: usize, len: i32, start: i32, anchored: bool): bool {
  let matched = false;
  gen++;
  genA = gen;
  cntA = 0;
  let pos = start;
  let prev = runeBefore(s, pos);
  let r = -1;
  let w = 0;
  if (pos < len) {
    r = utf8Lenient(s + <usize>pos, <usize>(len - pos));
    w = runeWidth;
  }
  const capBytes = <usize>ncap << 2;
  while (true) {
    if (cntA == 0 && matched) break;
    if (cntA == 0 && anchored && pos != start) break;
    if (!matched && (!anchored || pos == start)) addThread(false, 0, 0, pos, prev, r);
    // step: consume r at pos into list B (positions pos + w)
    gen++;
    genB = gen;
    cntB = 0;
    let nr = -1;
    let nw = 0;
    const npos = pos + w;
    if (npos < len) {
      nr = utf8Lenient(s + <usize>npos, <usize>(len - npos));
      nw = runeWidth;
    }
    for (let j = 0; j < cntA; j++) {
      const pc = load<i32>(pcsA + (<usize>j << 2));
      const p = ip(pc);
      const op = load<i32>(p);
      let ok = false;
      if (op == OP_MATCH) {
        if (ncap > 0) memory.copy(best, capsA + <usize>j * capBytes, capBytes);
        matched = true;
        if (ncap == 0) return true;
        break; // leftmost-first: drop the lower-priority threads
      } else if (r >= 0) {
        if (op == OP_CHAR) ok = r == load<i32>(p, 4);
        else if (op == OP_CLASS) ok = inClass(load<i32>(p, 4), load<i32>(p, 8), r);
        else if (op == OP_ANYNL) ok = r != 10;
        else if (op == OP_ANY) ok = true;
      }
      if (ok) addThread(true, pc + 1, ncap > 0 ? capsA + <usize>j * capBytes : 0, npos, r, nr);
    }
    if (pos >= len) break;
    // swap lists
    const tp = pcsA; pcsA = pcsB; pcsB = tp;
    const tc = capsA; capsA = capsB; capsB = tc;
    cntA = cntB;
    genA = genB;
    pos = npos;
    prev = r;
    r = nr;
    w = nw;
  }
  return matched;
}
