// Compiles a regex syntax tree (regex-syntax.ts) into a Pike VM program, as Go's
// regexp/syntax compiler does (x* over a possibly empty x becomes (x+)? for Go's priorities;
// x{n,m} is unrolled). Input: root node. Output: instructions at progBase (progLen of them,
// 16 bytes each: op, x, y, z), wrapped in SAVE 0 ... SAVE 1 MATCH. Nothing here is a builtin.

import { opa_malloc, opa_free, realloc } from "../malloc";
import {
  N_EMPTY, N_LIT, N_CLASS, N_ANYNL, N_ANY, N_ASSERT, N_CAT, N_ALT, N_REP, N_CAP, A_EOT,
  nKind, nA, nB, nC, nFirst, nNext,
} from "./regex-syntax";

export const OP_CHAR: i32 = 1; // x = code point
export const OP_CLASS: i32 = 2; // x = range offset, y = pairs
export const OP_ANYNL: i32 = 3;
export const OP_ANY: i32 = 4;
export const OP_SPLIT: i32 = 5; // x preferred, y
export const OP_JMP: i32 = 6; // x
export const OP_SAVE: i32 = 7; // x = slot
export const OP_ASSERT: i32 = 8; // x = A_* kind
export const OP_MATCH: i32 = 9;

const INST: usize = 16;
const MAX_INST: i32 = 1 << 20;

export let progBase: usize = 0;
export let progLen: i32 = 0;
let progCap: i32 = 0;
export let progTooBig: bool = false;

// @ts-ignore: decorator
@inline export function ip(pc: i32): usize {
  return progBase + <usize>pc * INST;
}

function emit(op: i32, x: i32, y: i32): i32 {
  if (progLen == progCap) {
    if (progCap >= MAX_INST) {
      progTooBig = true;
      return progLen - 1;
    }
    progBase = realloc(progBase, <usize>progCap * INST, <usize>progCap * 2 * INST);
    progCap *= 2;
  }
  const pc = progLen++;
  const p = ip(pc);
  store<i32>(p, op);
  store<i32>(p, x, 4);
  store<i32>(p, y, 8);
  store<i32>(p, 0, 12);
  return pc;
}

function setX(pc: i32, v: i32): void {
  if (!progTooBig) store<i32>(ip(pc), v, 4);
}

function setY(pc: i32, v: i32): void {
  if (!progTooBig) store<i32>(ip(pc), v, 8);
}

function nullable(n: i32): bool {
  const k = nKind(n);
  if (k == N_EMPTY || k == N_ASSERT) return true;
  if (k == N_LIT || k == N_CLASS || k == N_ANYNL || k == N_ANY) return false;
  if (k == N_CAT) {
    for (let c = nFirst(n); c >= 0; c = nNext(c)) if (!nullable(c)) return false;
    return true;
  }
  if (k == N_ALT) {
    for (let c = nFirst(n); c >= 0; c = nNext(c)) if (nullable(c)) return true;
    return false;
  }
  if (k == N_REP) return nA(n) == 0 || nullable(nFirst(n));
  if (k == N_CAP) return nullable(nFirst(n));
  return true;
}

function comp(n: i32): void {
  if (progTooBig) return;
  const k = nKind(n);
  if (k == N_EMPTY) return;
  if (k == N_LIT) { emit(OP_CHAR, nA(n), 0); return; }
  if (k == N_CLASS) { emit(OP_CLASS, nA(n), nB(n)); return; }
  if (k == N_ANYNL) { emit(OP_ANYNL, 0, 0); return; }
  if (k == N_ANY) { emit(OP_ANY, 0, 0); return; }
  if (k == N_ASSERT) { emit(OP_ASSERT, nA(n), 0); return; }
  if (k == N_CAT) {
    for (let c = nFirst(n); c >= 0; c = nNext(c)) comp(c);
    return;
  }
  if (k == N_ALT) {
    // SPLIT L1, next; L1: a; JMP end; next: SPLIT L2, next2; ... last
    let jumps = -1; // chain of JMPs through their x field
    let c = nFirst(n);
    while (c >= 0) {
      const nx = nNext(c);
      if (nx < 0) {
        comp(c);
        break;
      }
      const split = emit(OP_SPLIT, progLen + 1, 0);
      comp(c);
      const j = emit(OP_JMP, jumps, 0);
      jumps = j;
      setY(split, progLen);
      c = nx;
    }
    const endPc = progLen;
    while (jumps >= 0 && !progTooBig) {
      const prev = load<i32>(ip(jumps), 4);
      setX(jumps, endPc);
      jumps = prev;
    }
    return;
  }
  if (k == N_CAP) {
    const idx = nA(n);
    emit(OP_SAVE, 2 * idx, 0);
    comp(nFirst(n));
    emit(OP_SAVE, 2 * idx + 1, 0);
    return;
  }
  if (k == N_REP) {
    const min = nA(n);
    const max = nB(n);
    const greedy = nC(n) != 0;
    const sub = nFirst(n);
    if (max < 0) {
      if (min == 0) { star(sub, greedy); return; }
      for (let i = 0; i < min - 1; i++) comp(sub);
      plus(sub, greedy);
      return;
    }
    for (let i = 0; i < min; i++) comp(sub);
    // (x(x(x)?)?)? for the optional copies: each SPLIT skips to the common end
    let skips = -1;
    for (let i = min; i < max; i++) {
      const split = emit(OP_SPLIT, 0, skips);
      if (progTooBig) return;
      skips = split;
      comp(sub);
    }
    const endPc = progLen;
    let s = skips;
    while (s >= 0 && !progTooBig) {
      const prev = load<i32>(ip(s), 8);
      // body starts right after the split
      if (greedy) { setX(s, s + 1); setY(s, endPc); } else { setX(s, endPc); setY(s, s + 1); }
      s = prev;
    }
    return;
  }
}

function star(sub: i32, greedy: bool): void {
  if (nullable(sub)) { // (x+)?
    const split = emit(OP_SPLIT, 0, 0);
    plus(sub, greedy);
    if (greedy) { setX(split, split + 1); setY(split, progLen); } else { setX(split, progLen); setY(split, split + 1); }
    return;
  }
  const loop = emit(OP_SPLIT, 0, 0);
  comp(sub);
  emit(OP_JMP, loop, 0);
  if (greedy) { setX(loop, loop + 1); setY(loop, progLen); } else { setX(loop, progLen); setY(loop, loop + 1); }
}

function plus(sub: i32, greedy: bool): void {
  const start = progLen;
  comp(sub);
  const split = emit(OP_SPLIT, 0, 0);
  if (greedy) { setX(split, start); setY(split, split + 1); } else { setX(split, split + 1); setY(split, start); }
}

/**
 * Compiles root into a fresh program; anchorEnd adds an end-of-text assertion before the
 * final SAVE (used by glob.match). Returns false when the program is too large.
 */
export function compileProgram(root: i32, anchorEnd: bool): bool {
  progCap = 64;
  progBase = opa_malloc(<usize>progCap * INST);
  progLen = 0;
  progTooBig = false;
  emit(OP_SAVE, 0, 0);
  comp(root);
  if (anchorEnd) emit(OP_ASSERT, A_EOT, 0);
  emit(OP_SAVE, 1, 0);
  emit(OP_MATCH, 0, 0);
  return !progTooBig;
}

export function freeProgram(): void {
  opa_free(progBase);
  progBase = 0;
  progLen = 0;
}
