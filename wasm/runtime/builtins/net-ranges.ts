// Network range builtins with OPA's semantics (Go net.ParseCIDR/ParseIP and IPNet.String):
// net.cidr_expand (every address of a CIDR), net.cidr_merge (smallest CIDR list covering the
// operands; plain IPv4 addresses take their classful default mask, unmerged networks keep Go's
// text) and net.cidr_contains_matches (pairs of keys whose CIDRs contain each other).
// Input: strings / collections. Output: sets, or 0 (undefined) on invalid operands.

import { T_STRING, T_ARRAY, T_SET, T_OBJECT, strPtr, strLen, newArray, arrPush, arrLen, arrGet, isTrue } from "../value";
import { tableNew, tableLen, keyAt, valAt, ensureSorted, tableInsert } from "../table";
import { opa_malloc } from "../malloc";
import { newInt } from "../number";
import { isType } from "../builtin-support";
import { tbNew, tbByte, tbUint, tbString } from "../text-buf";
import { b_net__cidr_contains } from "./net";
import { ADDR, addrIsV4, parseAddr, parseCidr } from "../ip-addr";

// Result of parseNet: 128-bit masked network (hi, lo), prefix in 128-bit terms, nV4 = IPv4 text.
let nHi: u64 = 0;
let nLo: u64 = 0;
let nOnes: i32 = 0;
let nV4 = false;

function hiOf(p: usize): u64 {
  return bswap<u64>(load<u64>(p));
}
function loOf(p: usize): u64 {
  return bswap<u64>(load<u64>(p + 8));
}

/** Mask of the top `ones` bits of a 128-bit value, as (hi, lo) via globals. */
let mHi: u64 = 0;
let mLo: u64 = 0;
function maskOf(ones: i32): void {
  if (ones <= 0) {
    mHi = 0;
    mLo = 0;
  } else if (ones < 64) {
    mHi = ~(<u64>0) << <u64>(64 - ones);
    mLo = 0;
  } else if (ones == 64) {
    mHi = ~(<u64>0);
    mLo = 0;
  } else if (ones < 128) {
    mHi = ~(<u64>0);
    mLo = ~(<u64>0) << <u64>(128 - ones);
  } else {
    mHi = ~(<u64>0);
    mLo = ~(<u64>0);
  }
}

/** net.ParseCIDR: sets nHi/nLo (masked), nOnes (128-bit terms), nV4. */
function parseNet(v: usize): bool {
  if (!isType(v, T_STRING)) return false;
  const ones = parseCidr(strPtr(v), strLen(v));
  if (ones < 0) return false;
  nV4 = addrIsV4();
  nOnes = addrIsV4() ? ones + 96 : ones;
  maskOf(nOnes);
  nHi = hiOf(ADDR) & mHi;
  nLo = loOf(ADDR) & mLo;
  return true;
}

function isMapped(hi: u64, lo: u64): bool {
  return hi == 0 && (lo >> 32) == 0xffff;
}

/** Go's IP.String of a 16-byte address (IPv4-mapped ones print dotted). */
function writeIP(b: usize, hi: u64, lo: u64): void {
  if (isMapped(hi, lo)) {
    for (let i = 3; i >= 0; i--) {
      tbUint(b, (lo >> <u64>(i * 8)) & 0xff, 0);
      if (i > 0) tbByte(b, 0x2e);
    }
    return;
  }
  const g = opa_malloc(32);
  for (let i = 0; i < 4; i++) store<u32>(g + (<usize>i << 2), <u32>((hi >> <u64>(48 - i * 16)) & 0xffff));
  for (let i = 0; i < 4; i++) store<u32>(g + (<usize>(i + 4) << 2), <u32>((lo >> <u64>(48 - i * 16)) & 0xffff));
  let bestS = -1, bestL = 0;
  for (let i = 0; i < 8; ) {
    if (load<u32>(g + (<usize>i << 2)) != 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && load<u32>(g + (<usize>j << 2)) == 0) j++;
    if (j - i > bestL && j - i >= 2) {
      bestS = i;
      bestL = j - i;
    }
    i = j;
  }
  for (let i = 0; i < 8; i++) {
    if (i == bestS) {
      tbByte(b, 0x3a);
      tbByte(b, 0x3a);
      i += bestL - 1;
      continue;
    }
    if (i > 0 && i != bestS + bestL) tbByte(b, 0x3a);
    const x = load<u32>(g + (<usize>i << 2));
    let started = false;
    for (let s = 12; s >= 0; s -= 4) {
      const d = (x >> <u32>s) & 0xf;
      if (d != 0 || started || s == 0) {
        tbByte(b, <u8>(d < 10 ? 0x30 + d : 0x57 + d));
        started = true;
      }
    }
  }
}

function ipString(hi: u64, lo: u64): usize {
  const b = tbNew(40);
  writeIP(b, hi, lo);
  return tbString(b);
}

/** Go's IPNet.String for a network given in 128-bit terms. */
function netString(hi: u64, lo: u64, ones: i32): usize {
  const b = tbNew(44);
  writeIP(b, hi, lo);
  tbByte(b, 0x2f);
  tbUint(b, <u64>(isMapped(hi, lo) ? (ones >= 96 ? ones - 96 : 0) : ones), 0);
  return tbString(b);
}

export function b_net__cidr_expand(v: usize): usize {
  if (!parseNet(v)) return 0;
  const r = tableNew(T_SET, 0);
  maskOf(nOnes);
  let hi = nHi, lo = nLo;
  while (true) {
    tableInsert(r, ipString(hi, lo), 0);
    // last address: every host bit set
    if ((hi | mHi) == ~(<u64>0) && (lo | mLo) == ~(<u64>0)) break;
    lo++;
    if (lo == 0) hi++;
  }
  return r;
}

// ---- net.cidr_merge ----
// Range records (40 bytes): firstHi @0, firstLo @8, lastHi @16, lastLo @24, u32 text @32 (0 = merged).
const REC: usize = 40;

function cmp128(ah: u64, al: u64, bh: u64, bl: u64): i32 {
  if (ah != bh) return ah < bh ? -1 : 1;
  if (al != bl) return al < bl ? -1 : 1;
  return 0;
}

function recLess(a: usize, b: usize): bool {
  const c = cmp128(load<u64>(a, 16), load<u64>(a, 24), load<u64>(b, 16), load<u64>(b, 24));
  if (c != 0) return c < 0;
  return cmp128(load<u64>(a), load<u64>(a, 8), load<u64>(b), load<u64>(b, 8)) < 0;
}

/** One operand element as a range record at r; false when invalid. */
function toRange(e: usize, r: usize): bool {
  if (!isType(e, T_STRING)) return false;
  const p = strPtr(e), n = strLen(e);
  if (parseAddr(p, n)) {
    const hi = hiOf(ADDR), lo = loOf(ADDR);
    if (!isMapped(hi, lo)) return false; // IPv6 needs a prefix length
    const a = <u32>(lo & 0xff000000) >> 24;
    const ones: i32 = a < 0x80 ? 8 : a < 0xc0 ? 16 : 24;
    maskOf(96 + ones);
    store<u64>(r, hi);
    store<u64>(r, lo & mLo, 8);
    store<u64>(r, hi, 16);
    store<u64>(r, lo | ~mLo, 24);
    // Go keeps the unmasked address in the network's text
    store<u32>(r, <u32>netString(hi, lo, 96 + ones), 32);
    return true;
  }
  if (!parseNet(e)) return false;
  maskOf(nOnes);
  store<u64>(r, nHi);
  store<u64>(r, nLo, 8);
  store<u64>(r, nHi | ~mHi, 16);
  store<u64>(r, nLo | ~mLo, 24);
  store<u32>(r, <u32>netString(nHi, nLo, nOnes), 32);
  return true;
}

/** Adds the smallest list of CIDRs covering [first, last] to set out. */
function rangeToCidrs(out: usize, fh: u64, fl: u64, lh: u64, ll: u64): void {
  const v4 = isMapped(fh, fl);
  const maxHost: i32 = v4 ? 32 : 128;
  while (cmp128(fh, fl, lh, ll) <= 0) {
    let k: i32 = 0;
    // grow the block while it stays aligned and within the range
    while (k < maxHost) {
      const nk = k + 1;
      maskOf(128 - nk);
      if ((fh & ~mHi) != 0 || (fl & ~mLo) != 0) break;
      if (cmp128(fh | ~mHi, fl | ~mLo, lh, ll) > 0) break;
      k = nk;
    }
    tableInsert(out, netString(fh, fl, 128 - k), 0);
    maskOf(128 - k);
    const eh = fh | ~mHi, el = fl | ~mLo;
    if (eh == ~(<u64>0) && el == ~(<u64>0)) break;
    fl = el + 1;
    fh = fl == 0 ? eh + 1 : eh;
  }
}

export function b_net__cidr_merge(v: usize): usize {
  if (!isType(v, T_ARRAY) && !isType(v, T_SET)) return 0;
  let n: usize = 0;
  if (isType(v, T_ARRAY)) n = arrLen(v);
  else {
    ensureSorted(v);
    n = tableLen(v);
  }
  const recs = opa_malloc(n * REC + 8);
  for (let i: usize = 0; i < n; i++) {
    const e = isType(v, T_ARRAY) ? arrGet(v, i) : keyAt(v, i);
    if (!toRange(e, recs + i * REC)) return 0;
  }
  // insertion sort by (last, first)
  const tmp = opa_malloc(REC);
  for (let i: usize = 1; i < n; i++) {
    memory.copy(tmp, recs + i * REC, REC);
    let j = i;
    while (j > 0 && recLess(tmp, recs + (j - 1) * REC)) {
      memory.copy(recs + j * REC, recs + (j - 1) * REC, REC);
      j--;
    }
    memory.copy(recs + j * REC, tmp, REC);
  }
  // merge from the end (OPA's order): previous address of range i vs last of range i-1
  let m = n;
  for (let i = <isize>n - 1; i > 0; i--) {
    const a = recs + <usize>(i - 1) * REC, b = recs + <usize>i * REC;
    let ph = load<u64>(b), pl = load<u64>(b, 8);
    const atZero = (ph == 0 && pl == 0) || (ph == 0 && pl == <u64>0xffff00000000);
    if (!atZero) {
      if (pl == 0) ph--;
      pl--;
    }
    if (cmp128(ph, pl, load<u64>(a, 16), load<u64>(a, 24)) <= 0) {
      if (cmp128(load<u64>(b), load<u64>(b, 8), load<u64>(a), load<u64>(a, 8)) <= 0) {
        store<u64>(a, load<u64>(b));
        store<u64>(a, load<u64>(b, 8), 8);
      }
      store<u64>(a, load<u64>(b, 16), 16);
      store<u64>(a, load<u64>(b, 24), 24);
      store<u32>(a, 0, 32);
      memory.copy(b, b + REC, (m - <usize>i - 1) * REC);
      m--;
    }
  }
  const out = tableNew(T_SET, 0);
  for (let i: usize = 0; i < m; i++) {
    const r = recs + i * REC;
    const text = <usize>load<u32>(r, 32);
    if (text != 0) tableInsert(out, text, 0);
    else rangeToCidrs(out, load<u64>(r), load<u64>(r, 8), load<u64>(r, 16), load<u64>(r, 24));
  }
  return out;
}

// ---- net.cidr_contains_matches ----

/** The CIDR of an element: a string, or the first element of a non-empty array; else 0. */
function cidrOf(e: usize): usize {
  if (isType(e, T_STRING)) return e;
  if (isType(e, T_ARRAY) && arrLen(e) > 0) return arrGet(e, 0);
  return 0;
}

/** Operand as parallel arrays of [cidr, key] pairs in iteration order; 0 when an element is invalid. */
function pairsOf(x: usize): usize {
  const out = newArray(4);
  if (isType(x, T_STRING)) {
    arrPush(out, x);
    arrPush(out, x);
  } else if (isType(x, T_ARRAY)) {
    for (let i: usize = 0; i < arrLen(x); i++) {
      const c = cidrOf(arrGet(x, i));
      if (c == 0) return 0;
      arrPush(out, c);
      arrPush(out, newInt(<i64>i));
    }
  } else if (isType(x, T_SET) || isType(x, T_OBJECT)) {
    ensureSorted(x);
    const set = isType(x, T_SET);
    for (let i: usize = 0; i < tableLen(x); i++) {
      const c = cidrOf(set ? keyAt(x, i) : valAt(x, i));
      if (c == 0) return 0;
      arrPush(out, c);
      arrPush(out, keyAt(x, i));
    }
  }
  return out;
}

export function b_net__cidr_contains_matches(a: usize, b: usize): usize {
  if (a == 0 || b == 0) return 0;
  const pa = pairsOf(a);
  if (pa == 0) return 0;
  const pb = pairsOf(b);
  const r = tableNew(T_SET, 0);
  for (let i: usize = 0; i < arrLen(pa); i += 2) {
    if (pb == 0) return 0;
    for (let j: usize = 0; j < arrLen(pb); j += 2) {
      const c = b_net__cidr_contains(arrGet(pa, i), arrGet(pb, j));
      if (c == 0) return 0;
      if (isTrue(c)) {
        const pair = newArray(2);
        arrPush(pair, arrGet(pa, i + 1));
        arrPush(pair, arrGet(pb, j + 1));
        tableInsert(r, pair, 0);
      }
    }
  }
  return r;
}
