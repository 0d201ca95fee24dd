// Regex syntax tree shared by regex.* and glob.match: a node arena (kinds below) and a code
// point range arena for character classes, plus the RE2 parser (Go regexp/syntax, Perl flags).
// Input: UTF-8 pattern bytes. Output: root node (rxRoot), rxStatus (valid / invalid RE2 /
// valid but refused: JavaScript's RegExp (u flag) would reject or read it differently / not
// implemented here), capture count and names. Nothing here is a builtin.

import { opa_malloc, opa_free, realloc } from "../malloc";
import { utf8Lenient, runeWidth } from "../utf8";

// ---- status ----
export const RX_OK: i32 = 0;
export const RX_INVALID: i32 = 1; // not RE2 syntax (Go's regexp.Compile fails)
export const RX_NONPORTABLE: i32 = 2; // RE2 accepts it; JavaScript's RegExp rejects or differs
export const RX_UNSUPPORTED: i32 = 3; // RE2 accepts it; vpcgate does not implement it (\p{..})

// ---- node kinds ----
export const N_EMPTY: i32 = 0;
export const N_LIT: i32 = 1; // a = code point
export const N_CLASS: i32 = 2; // a = range offset (i32 units), b = pair count
export const N_ANYNL: i32 = 3; // any code point but \n
export const N_ANY: i32 = 4; // any code point
export const N_ASSERT: i32 = 5; // a = A_* kind
export const N_CAT: i32 = 6; // children
export const N_ALT: i32 = 7; // children
export const N_REP: i32 = 8; // a = min, b = max (-1 = none), c = greedy; child = sub
export const N_CAP: i32 = 9; // a = capture index; child = sub

export const A_BOT: i32 = 1;
export const A_EOT: i32 = 2;
export const A_BOL: i32 = 3;
export const A_EOL: i32 = 4;
export const A_WORDB: i32 = 5;
export const A_NWORDB: i32 = 6;

export const MAX_RUNE: i32 = 0x10ffff;

// Node: kind @0, a @4, b @8, c @12, first child @16, next sibling @20, last child @24, parent @28.
const NODE: usize = 32;
let nodes: usize = 0;
let nodeCap: i32 = 0;
let nodeCount: i32 = 0;

// Ranges: pairs of i32 (lo, hi), inclusive.
export let rngBase: usize = 0;
let rngCap: i32 = 0;
export let rngLen: i32 = 0;

// Capture names: per capture index i (1-based), (ptr, len) at names + i*8.
export let namesBase: usize = 0;
let namesCap: i32 = 0;

export let rxRoot: i32 = -1;
export let rxStatus: i32 = RX_OK;
export let rxCaps: i32 = 0; // number of capture groups (not counting group 0)

/** Resets the arenas (allocating them on first use in this heap epoch). */
export function treeBegin(): void {
  nodes = opa_malloc(64 * NODE);
  nodeCap = 64;
  nodeCount = 0;
  rngBase = opa_malloc(64 << 2);
  rngCap = 64;
  rngLen = 0;
  namesBase = opa_malloc(8 * 8);
  namesCap = 8;
  rxCaps = 0;
  rxRoot = -1;
  rxStatus = RX_OK;
}

/** Frees the arenas (callers free in reverse order of allocation where they can). */
export function treeEnd(): void {
  opa_free(namesBase);
  opa_free(rngBase);
  opa_free(nodes);
  nodes = 0;
  rngBase = 0;
  namesBase = 0;
}

// ---- nodes ----

// @ts-ignore: decorator
@inline function np(n: i32): usize {
  return nodes + <usize>n * NODE;
}

export function nodeNew(kind: i32, a: i32, b: i32, c: i32): i32 {
  if (nodeCount == nodeCap) {
    nodes = realloc(nodes, <usize>nodeCap * NODE, <usize>nodeCap * 2 * NODE);
    nodeCap *= 2;
  }
  const n = nodeCount++;
  const p = np(n);
  store<i32>(p, kind);
  store<i32>(p, a, 4);
  store<i32>(p, b, 8);
  store<i32>(p, c, 12);
  store<i32>(p, -1, 16);
  store<i32>(p, -1, 20);
  store<i32>(p, -1, 24);
  store<i32>(p, -1, 28);
  return n;
}

export function nKind(n: i32): i32 { return load<i32>(np(n)); }
export function nA(n: i32): i32 { return load<i32>(np(n), 4); }
export function nB(n: i32): i32 { return load<i32>(np(n), 8); }
export function nC(n: i32): i32 { return load<i32>(np(n), 12); }
export function nFirst(n: i32): i32 { return load<i32>(np(n), 16); }
export function nNext(n: i32): i32 { return load<i32>(np(n), 20); }
export function nLast(n: i32): i32 { return load<i32>(np(n), 24); }
export function nParent(n: i32): i32 { return load<i32>(np(n), 28); }
export function nSetParent(n: i32, p: i32): void { store<i32>(np(n), p, 28); }

/** Appends child to parent's child list. */
export function nodeAppend(parent: i32, child: i32): void {
  const last = nLast(parent);
  if (last < 0) store<i32>(np(parent), child, 16);
  else store<i32>(np(last), child, 20);
  store<i32>(np(parent), child, 24);
  store<i32>(np(child), parent, 28);
}

/** Replaces parent's last child by wrapper, which takes the old last child as its only child. */
function wrapLast(parent: i32, wrapper: i32): void {
  const last = nLast(parent);
  let prev = -1;
  let c = nFirst(parent);
  while (c != last) {
    prev = c;
    c = nNext(c);
  }
  if (prev < 0) store<i32>(np(parent), wrapper, 16);
  else store<i32>(np(prev), wrapper, 20);
  store<i32>(np(parent), wrapper, 24);
  store<i32>(np(wrapper), parent, 28);
  store<i32>(np(last), -1, 20);
  store<i32>(np(wrapper), last, 16);
  store<i32>(np(wrapper), last, 24);
  store<i32>(np(last), wrapper, 28);
}

// ---- ranges ----

export function rngPush(lo: i32, hi: i32): void {
  if (rngLen + 2 > rngCap) {
    rngBase = realloc(rngBase, <usize>rngCap << 2, <usize>rngCap << 3);
    rngCap *= 2;
  }
  store<i32>(rngBase + (<usize>rngLen << 2), lo);
  store<i32>(rngBase + (<usize>rngLen << 2), hi, 4);
  rngLen += 2;
}

export function rngLo(off: i32, i: i32): i32 {
  return load<i32>(rngBase + (<usize>(off + 2 * i) << 2));
}

export function rngHi(off: i32, i: i32): i32 {
  return load<i32>(rngBase + (<usize>(off + 2 * i) << 2), 4);
}

/**
 * Sorts and merges the pairs pushed since `start` (optionally negating them over
 * 0..MAX_RUNE) and returns a class node over them.
 */
export function classFinish(start: i32, negate: bool): i32 {
  const n = (rngLen - start) >> 1;
  const base = rngBase + (<usize>start << 2);
  // insertion sort by lo
  for (let i = 1; i < n; i++) {
    const lo = load<i32>(base + (<usize>i << 3));
    const hi = load<i32>(base + (<usize>i << 3), 4);
    let j = i - 1;
    while (j >= 0 && load<i32>(base + (<usize>j << 3)) > lo) {
      store<i64>(base + (<usize>(j + 1) << 3), load<i64>(base + (<usize>j << 3)));
      j--;
    }
    store<i32>(base + (<usize>(j + 1) << 3), lo);
    store<i32>(base + (<usize>(j + 1) << 3), hi, 4);
  }
  // merge overlapping or adjacent pairs
  let m = 0;
  for (let i = 0; i < n; i++) {
    const lo = load<i32>(base + (<usize>i << 3));
    const hi = load<i32>(base + (<usize>i << 3), 4);
    if (m > 0 && lo <= load<i32>(base + (<usize>(m - 1) << 3), 4) + 1) {
      if (hi > load<i32>(base + (<usize>(m - 1) << 3), 4)) store<i32>(base + (<usize>(m - 1) << 3), hi, 4);
    } else {
      store<i32>(base + (<usize>m << 3), lo);
      store<i32>(base + (<usize>m << 3), hi, 4);
      m++;
    }
  }
  rngLen = start + 2 * m;
  if (negate) {
    // write the complement after the merged pairs, then move it down
    const mid = rngLen;
    let next = 0;
    for (let i = 0; i < m; i++) {
      const lo = rngLo(start, i);
      const hi = rngHi(start, i);
      if (lo > next) rngPush(next, lo - 1);
      next = hi + 1;
    }
    if (next <= MAX_RUNE) rngPush(next, MAX_RUNE);
    const cnt = rngLen - mid;
    memory.copy(rngBase + (<usize>start << 2), rngBase + (<usize>mid << 2), <usize>cnt << 2);
    rngLen = start + cnt;
    m = cnt >> 1;
  }
  return nodeNew(N_CLASS, start, m, 0);
}

// ASCII tables: pairs, 0-terminated lists are awkward in AS, so each table is a function.
function pushDigit(): void { rngPush(0x30, 0x39); }
function pushSpace(): void { rngPush(9, 10); rngPush(12, 13); rngPush(32, 32); }
function pushWord(): void { rngPush(0x30, 0x39); rngPush(0x41, 0x5a); rngPush(0x5f, 0x5f); rngPush(0x61, 0x7a); }

/** Pushes the pairs of perl class letter c (d s w), negated into a scratch area when asked. */
function pushPerl(c: i32, neg: bool): void {
  const s = rngLen;
  if (c == 0x64) pushDigit();
  else if (c == 0x73) pushSpace();
  else pushWord();
  if (neg) pushNegatedSince(s);
}

/** Replaces the (sorted, disjoint) pairs pushed since s by their complement. */
function pushNegatedSince(s: i32): void {
  const mid = rngLen;
  const m = (mid - s) >> 1;
  let next = 0;
  for (let i = 0; i < m; i++) {
    const lo = rngLo(s, i);
    const hi = rngHi(s, i);
    if (lo > next) rngPush(next, lo - 1);
    next = hi + 1;
  }
  if (next <= MAX_RUNE) rngPush(next, MAX_RUNE);
  const cnt = rngLen - mid;
  memory.copy(rngBase + (<usize>s << 2), rngBase + (<usize>mid << 2), <usize>cnt << 2);
  rngLen = s + cnt;
}

// ---- RE2 parser ----

let src: usize = 0; // pattern start
let pos: usize = 0; // current byte
let end: usize = 0; // pattern end
let bad: bool = false; // not RE2
let nonPortable: bool = false;
let unsupported: bool = false;

// @ts-ignore: decorator
@inline function at(i: usize): i32 {
  return pos + i < end ? <i32>load<u8>(pos + i) : -1;
}

function fail(): i32 {
  bad = true;
  return -1;
}

function isDigit(c: i32): bool { return c >= 0x30 && c <= 0x39; }
function isAlnum(c: i32): bool { return isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a); }
function unhex(c: i32): i32 {
  if (isDigit(c)) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/** JavaScript (u flag) identity escapes: the syntax characters and '/'. */
function jsSyntaxChar(c: i32): bool {
  return c == 0x5e || c == 0x24 || c == 0x5c || c == 0x2e || c == 0x2a || c == 0x2b || c == 0x3f ||
    c == 0x28 || c == 0x29 || c == 0x5b || c == 0x5d || c == 0x7b || c == 0x7d || c == 0x7c || c == 0x2f;
}

/**
 * Parses a pattern. Sets rxRoot, rxStatus, rxCaps and capture names. Call treeBegin first.
 */
export function parseRegex(p: usize, n: usize): void {
  src = p;
  pos = p;
  end = p + n;
  bad = false;
  nonPortable = false;
  unsupported = false;
  // invalid UTF-8 is a syntax error in Go
  for (let q = p; q < end; ) {
    const c = utf8Lenient(q, end - q);
    if (c == 0xfffd && runeWidth == 1) { bad = true; break; }
    q += <usize>runeWidth;
  }
  let root = -1;
  if (!bad) {
    root = parseAlt(0);
    if (!bad && pos < end) fail(); // an unmatched ')'
  }
  rxRoot = root;
  rxStatus = bad ? RX_INVALID : unsupported ? RX_UNSUPPORTED : nonPortable ? RX_NONPORTABLE : RX_OK;
}

const MAX_DEPTH: i32 = 1000;

function parseAlt(depth: i32): i32 {
  if (depth > MAX_DEPTH) return fail();
  const first = parseConcat(depth);
  if (bad) return -1;
  if (at(0) != 0x7c) return first;
  const alt = nodeNew(N_ALT, 0, 0, 0);
  nodeAppend(alt, first);
  while (at(0) == 0x7c) {
    pos++;
    const next = parseConcat(depth);
    if (bad) return -1;
    nodeAppend(alt, next);
  }
  return alt;
}

function parseConcat(depth: i32): i32 {
  const cat = nodeNew(N_CAT, 0, 0, 0);
  let lastWasRepeat = false;
  while (pos < end) {
    const c = at(0);
    if (c == 0x7c || c == 0x29) break; // | )
    let atom = -1;
    let isRepeat = false;
    if (c == 0x28) { // (
      if (at(1) == 0x3f) {
        const g = parseGroupExt(depth);
        if (bad) return -1;
        if (g == -2) { // flags only: nothing pushed, the previous item stays repeatable
          lastWasRepeat = false;
          continue;
        }
        atom = g;
      } else {
        pos++;
        const idx = ++rxCaps;
        setName(idx, 0, 0);
        const sub = parseAlt(depth + 1);
        if (bad) return -1;
        if (at(0) != 0x29) return fail(); // missing closing )
        pos++;
        atom = nodeNew(N_CAP, idx, 0, 0);
        nodeAppend(atom, sub);
      }
    } else if (c == 0x2a || c == 0x2b || c == 0x3f) { // * + ?
      pos++;
      const min = c == 0x2b ? 1 : 0;
      const max = c == 0x3f ? 1 : -1;
      if (!applyRepeat(cat, min, max, lastWasRepeat)) return -1;
      isRepeat = true;
    } else if (c == 0x7b) { // {
      const save = pos;
      if (parseRepeatSpec()) {
        if (repMin < 0 || repMin > 1000 || repMax > 1000 || (repMax >= 0 && repMin > repMax)) return fail();
        if (!applyRepeat(cat, repMin, repMax, lastWasRepeat)) return -1;
        isRepeat = true;
      } else {
        pos = save + 1;
        nonPortable = true; // a literal { is a syntax error in JavaScript (u flag)
        atom = nodeNew(N_LIT, 0x7b, 0, 0);
      }
    } else if (c == 0x5e) { // ^
      pos++;
      atom = nodeNew(N_ASSERT, A_BOT, 0, 0);
    } else if (c == 0x24) { // $
      pos++;
      atom = nodeNew(N_ASSERT, A_EOT, 0, 0);
    } else if (c == 0x2e) { // .
      pos++;
      atom = nodeNew(N_ANYNL, 0, 0, 0);
    } else if (c == 0x5b) { // [
      atom = parseClass();
      if (bad) return -1;
    } else if (c == 0x5c) { // backslash
      atom = parseEscapeAtom();
      if (bad) return -1;
      if (atom == -2) { // \Q...\E: its literals join this concatenation one by one
        let q = nFirst(quoteNode);
        while (q >= 0) {
          const nx = nNext(q);
          store<i32>(np(q), -1, 20);
          nodeAppend(cat, q);
          q = nx;
        }
        lastWasRepeat = false;
        continue;
      }
    } else {
      if (c == 0x5d || c == 0x7d) nonPortable = true; // ] } literals: JavaScript (u) rejects them
      const r = utf8Lenient(pos, end - pos);
      pos += <usize>runeWidth;
      atom = nodeNew(N_LIT, r, 0, 0);
    }
    if (atom >= 0) nodeAppend(cat, atom);
    lastWasRepeat = isRepeat;
  }
  return cat;
}

let repMin: i32 = 0;
let repMax: i32 = 0;

/** Parses a leading integer (no leading zeros); -1 when too large; returns false if none. */
function parseInt(): bool {
  const c = at(0);
  if (!isDigit(c)) return false;
  if (c == 0x30 && isDigit(at(1))) return false;
  let v = 0;
  while (isDigit(at(0))) {
    if (v >= 100000000) v = -1;
    else if (v >= 0) v = v * 10 + at(0) - 0x30;
    pos++;
  }
  parsedInt = v;
  return true;
}

let parsedInt: i32 = 0;

/** {n}, {n,}, {n,m} at pos; on success pos is past the '}'. */
function parseRepeatSpec(): bool {
  if (at(0) != 0x7b) return false;
  pos++;
  if (!parseInt()) return false;
  repMin = parsedInt;
  if (pos >= end) return false;
  if (at(0) != 0x2c) {
    repMax = repMin;
  } else {
    pos++;
    if (pos >= end) return false;
    if (at(0) == 0x7d) repMax = -1;
    else {
      if (!parseInt()) return false;
      repMax = parsedInt;
      if (repMax < 0) repMin = -1;
    }
  }
  if (at(0) != 0x7d) return false;
  pos++;
  return true;
}

function applyRepeat(cat: i32, min: i32, max: i32, lastWasRepeat: bool): bool {
  let greedy = 1;
  if (at(0) == 0x3f) {
    pos++;
    greedy = 0;
  }
  if (lastWasRepeat) { fail(); return false; } // invalid nested repetition operator
  const last = nLast(cat);
  if (last < 0) { fail(); return false; } // missing argument to repetition operator
  if (nKind(last) == N_ASSERT) nonPortable = true; // JavaScript (u) cannot quantify assertions
  if (min >= 2 || max >= 2) { // the new repetition counts first (Go's repeatIsValid on it)
    const m = max < 0 ? min : max;
    if (m > 1000 || (m > 0 && !repeatIsValid(last, 1000 / m))) { fail(); return false; }
  }
  const rep = nodeNew(N_REP, min, max, greedy);
  wrapLast(cat, rep);
  return true;
}

/** Go's limit: nested counted repetitions may not multiply beyond 1000. */
function repeatIsValid(n: i32, limit: i32): bool {
  let lim = limit;
  if (nKind(n) == N_REP) {
    let m = nB(n);
    if (m == 0) return true;
    if (m < 0) m = nA(n);
    if (m > lim) return false;
    if (m > 0) lim /= m;
  }
  for (let c = nFirst(n); c >= 0; c = nNext(c)) {
    if (!repeatIsValid(c, lim)) return false;
  }
  return true;
}

function setName(idx: i32, p: usize, n: usize): void {
  if (idx >= namesCap) {
    namesBase = realloc(namesBase, <usize>namesCap << 3, <usize>namesCap << 4);
    namesCap *= 2;
  }
  store<u32>(namesBase + (<usize>idx << 3), <u32>p);
  store<u32>(namesBase + (<usize>idx << 3), <u32>n, 4);
}

export function nameLen(idx: i32): usize { return <usize>load<u32>(namesBase + (<usize>idx << 3), 4); }
export function namePtr(idx: i32): usize { return <usize>load<u32>(namesBase + (<usize>idx << 3)); }

/** At "(?": named capture, non-capturing group, or flags. Returns a node, or -2 for flags only. */
function parseGroupExt(depth: i32): i32 {
  const startP = at(2) == 0x50 && at(3) == 0x3c; // (?P<
  const startN = at(2) == 0x3c; // (?<
  if ((startP && pos + 4 < end) || (startN && pos + 3 < end)) {
    const nameStart = pos + (startP ? 4 : 3);
    let q = nameStart;
    while (q < end && load<u8>(q) != 0x3e) q++;
    if (q >= end) return fail();
    const nlen = q - nameStart;
    if (nlen == 0) return fail();
    for (let i: usize = 0; i < nlen; i++) {
      const ch = <i32>load<u8>(nameStart + i);
      if (ch != 0x5f && !isAlnum(ch)) return fail();
    }
    if (startP) nonPortable = true; // (?P<name> is Python/RE2 only
    if (isDigit(<i32>load<u8>(nameStart))) nonPortable = true; // JavaScript names are identifiers
    for (let i = 1; i <= rxCaps; i++) { // duplicate names: JavaScript rejects them
      if (nameLen(i) == nlen && memory.compare(namePtr(i), nameStart, nlen) == 0) nonPortable = true;
    }
    pos = q + 1;
    const idx = ++rxCaps;
    setName(idx, nameStart, nlen);
    const sub = parseAlt(depth + 1);
    if (bad) return -1;
    if (at(0) != 0x29) return fail();
    pos++;
    const cap = nodeNew(N_CAP, idx, 0, 0);
    nodeAppend(cap, sub);
    return cap;
  }
  // flags: (?flags) or (?flags:re); flags from imsU with at most one '-'
  let q = pos + 2;
  let sign = 1;
  let sawFlag = false;
  while (q < end) {
    const c = <i32>load<u8>(q);
    q++;
    if (c == 0x69 || c == 0x6d || c == 0x73 || c == 0x55) { // i m s U
      sawFlag = true;
      continue;
    }
    if (c == 0x2d) { // -
      if (sign < 0) return fail();
      sign = -1;
      sawFlag = false;
      continue;
    }
    if (c == 0x3a || c == 0x29) { // : )
      if (sign < 0 && !sawFlag) return fail();
      const plain = c == 0x3a && q == pos + 3; // exactly "(?:"
      if (!plain) nonPortable = true; // inline flags: JavaScript (Node 20) has none
      pos = q;
      if (c == 0x29) return -2;
      const sub = parseAlt(depth + 1);
      if (bad) return -1;
      if (at(0) != 0x29) return fail();
      pos++;
      // a non-capturing group: wrap so that a following repetition applies to the whole group
      const g = nodeNew(N_CAT, 0, 0, 0);
      nodeAppend(g, sub);
      return g;
    }
    return fail();
  }
  return fail();
}

/**
 * Parses a single-character escape at pos (pointing at the backslash) as Go's parseEscape;
 * returns the code point or -1 (and bad) for an invalid escape. inClass selects the
 * JavaScript portability rule.
 */
function parseEscape(inClass: bool): i32 {
  pos++; // backslash
  if (pos >= end) return fail(); // trailing backslash
  const c = utf8Lenient(pos, end - pos);
  pos += <usize>runeWidth;
  if (c < 0x80 && !isAlnum(c)) {
    if (!(jsSyntaxChar(c) || (inClass && c == 0x2d))) nonPortable = true;
    return c;
  }
  if (c >= 0x31 && c <= 0x37) { // \1-\7: octal only when followed by an octal digit
    const d = at(0);
    if (d < 0x30 || d > 0x37) return fail(); // a backreference
  }
  if (c >= 0x30 && c <= 0x37) {
    let r = c - 0x30;
    let k = 0;
    for (let i = 1; i < 3; i++) {
      const d = at(0);
      if (d < 0x30 || d > 0x37) break;
      r = r * 8 + d - 0x30;
      pos++;
      k++;
    }
    if (c != 0x30 || k > 0 || isDigit(at(0))) nonPortable = true; // JavaScript: only \0 not before a digit
    return r;
  }
  if (c == 0x78) { // x
    if (pos >= end) return fail();
    const c1 = at(0);
    pos++;
    if (c1 == 0x7b) { // \x{...}
      nonPortable = true;
      let r = 0;
      let nhex = 0;
      while (true) {
        if (pos >= end) return fail();
        const h = at(0);
        pos++;
        if (h == 0x7d) break;
        const v = unhex(h);
        if (v < 0) return fail();
        r = r * 16 + v;
        if (r > MAX_RUNE) return fail();
        nhex++;
      }
      if (nhex == 0) return fail();
      return r;
    }
    if (pos >= end) return fail();
    const c2 = at(0);
    pos++;
    const x = unhex(c1);
    const y = unhex(c2);
    if (x < 0 || y < 0) return fail();
    return x * 16 + y;
  }
  if (c == 0x61) { nonPortable = true; return 7; } // \a
  if (c == 0x66) return 12; // \f
  if (c == 0x6e) return 10; // \n
  if (c == 0x72) return 13; // \r
  if (c == 0x74) return 9; // \t
  if (c == 0x76) return 11; // \v
  return fail();
}

// Unicode general categories Go knows (besides scripts).
function knownCategory(p: usize, n: usize): bool {
  const c0 = n > 0 ? <i32>load<u8>(p) : 0;
  if (n == 3 && c0 == 0x41 && load<u8>(p + 1) == 0x6e && load<u8>(p + 2) == 0x79) return true; // Any
  if (n == 1) return c0 == 0x43 || c0 == 0x4c || c0 == 0x4d || c0 == 0x4e || c0 == 0x50 || c0 == 0x53 || c0 == 0x5a;
  if (n == 2 && c0 >= 0x41 && c0 <= 0x5a) return true; // two-letter categories (approximation)
  // scripts: a capitalised word with letters and '_' (approximation of Go's script table)
  if (n >= 3 && c0 >= 0x41 && c0 <= 0x5a) {
    for (let i: usize = 1; i < n; i++) {
      const ch = <i32>load<u8>(p + i);
      if (!(ch == 0x5f || (ch >= 0x61 && ch <= 0x7a) || (ch >= 0x41 && ch <= 0x5a))) return false;
    }
    return true;
  }
  return false;
}

/** \pX, \p{Name}, \P..., \p{^Name}: parsed for validity, not implemented (matches nothing). */
function parseUnicodeClass(): i32 {
  pos += 2; // \p
  if (pos >= end) return fail();
  let nameP = pos;
  let nameN: usize = 0;
  if (at(0) != 0x7b) {
    utf8Lenient(pos, end - pos);
    nameN = <usize>runeWidth;
    pos += nameN;
  } else {
    let q = pos;
    while (q < end && load<u8>(q) != 0x7d) q++;
    if (q >= end) return fail();
    nameP = pos + 1;
    nameN = q - nameP;
    pos = q + 1;
  }
  if (nameN > 0 && load<u8>(nameP) == 0x5e) {
    nameP++;
    nameN--;
  }
  if (!knownCategory(nameP, nameN)) return fail();
  unsupported = true;
  const s = rngLen;
  return classFinish(s, false); // empty class
}

/** Escape outside a class: assertion, class, \Q..\E (returns -2), or literal. */
function parseEscapeAtom(): i32 {
  const c = at(1);
  if (c < 0) return fail();
  if (c == 0x41) { pos += 2; nonPortable = true; return nodeNew(N_ASSERT, A_BOT, 0, 0); } // \A
  if (c == 0x7a) { pos += 2; nonPortable = true; return nodeNew(N_ASSERT, A_EOT, 0, 0); } // \z
  if (c == 0x62) { pos += 2; return nodeNew(N_ASSERT, A_WORDB, 0, 0); } // \b
  if (c == 0x42) { pos += 2; return nodeNew(N_ASSERT, A_NWORDB, 0, 0); } // \B
  if (c == 0x43) return fail(); // \C
  if (c == 0x51) { // \Q ... \E
    nonPortable = true;
    pos += 2;
    return -2 - quoteLiterals();
  }
  if (c == 0x70 || c == 0x50) return parseUnicodeClass();
  if (c == 0x64 || c == 0x73 || c == 0x77 || c == 0x44 || c == 0x53 || c == 0x57) {
    pos += 2;
    const s = rngLen;
    pushPerl(c | 0x20, c < 0x60);
    return classFinish(s, false);
  }
  const r = parseEscape(false);
  if (bad) return -1;
  return nodeNew(N_LIT, r, 0, 0);
}

// \Q..\E literals are collected in a CAT node (quoteNode) that the caller splices in.
let quoteNode: i32 = -1;

function quoteLiterals(): i32 {
  quoteNode = nodeNew(N_CAT, 0, 0, 0);
  while (pos < end) {
    if (at(0) == 0x5c && at(1) == 0x45) { // \E
      pos += 2;
      break;
    }
    const r = utf8Lenient(pos, end - pos);
    pos += <usize>runeWidth;
    nodeAppend(quoteNode, nodeNew(N_LIT, r, 0, 0));
  }
  return 0;
}

/** Character class at pos ('['). */
function parseClass(): i32 {
  pos++;
  const start = rngLen;
  let negate = false;
  if (at(0) == 0x5e) {
    negate = true;
    pos++;
  }
  let first = true;
  while (true) {
    if (pos >= end) return fail(); // missing closing ]
    const c = at(0);
    if (c == 0x5d && !first) break;
    if (c == 0x5d) nonPortable = true; // []...]: JavaScript reads [] as an empty class
    first = false;
    // POSIX [:name:]
    if (c == 0x5b && at(1) == 0x3a && pos + 2 < end) {
      let q = pos + 2;
      let found = false;
      while (q + 1 < end) {
        if (load<u8>(q) == 0x3a && load<u8>(q + 1) == 0x5d) { found = true; break; }
        q++;
      }
      if (found) {
        if (!pushPosix(pos + 2, q - (pos + 2))) return fail();
        nonPortable = true;
        pos = q + 2;
        continue;
      }
    }
    if (c == 0x5c && (at(1) == 0x70 || at(1) == 0x50)) {
      if (parseUnicodeClass() < 0) return -1;
      continue;
    }
    if (c == 0x5c) {
      const e = at(1);
      if (e == 0x64 || e == 0x73 || e == 0x77 || e == 0x44 || e == 0x53 || e == 0x57) {
        pos += 2;
        const s = rngLen;
        pushPerl(e | 0x20, e < 0x60);
        if (at(0) == 0x2d && at(1) != 0x5d && at(1) >= 0) nonPortable = true; // [\d-z]
        continue;
      }
    }
    const lo = classChar();
    if (bad) return -1;
    let hi = lo;
    if (at(0) == 0x2d && pos + 1 < end && at(1) != 0x5d) {
      pos++;
      hi = classChar();
      if (bad) return -1;
      if (hi < lo) return fail();
    }
    rngPush(lo, hi);
  }
  pos++; // ]
  return classFinish(start, negate);
}

function classChar(): i32 {
  if (pos >= end) return fail();
  if (at(0) == 0x5c) return parseEscape(true);
  const r = utf8Lenient(pos, end - pos);
  pos += <usize>runeWidth;
  return r;
}

function nameIs(p: usize, n: usize, lit: string): bool {
  const l = <usize>lit.length;
  if (l != n) return false;
  for (let i: usize = 0; i < n; i++) {
    if (<i32>load<u8>(p + i) != lit.charCodeAt(<i32>i)) return false;
  }
  return true;
}

/** POSIX class [:name:] / [:^name:] (name at p, n bytes); false if unknown. */
function pushPosix(p0: usize, n0: usize): bool {
  let p = p0;
  let n = n0;
  let neg = false;
  if (n > 0 && load<u8>(p) == 0x5e) {
    neg = true;
    p++;
    n--;
  }
  const s = rngLen;
  if (nameIs(p, n, "alnum")) { rngPush(0x30, 0x39); rngPush(0x41, 0x5a); rngPush(0x61, 0x7a); }
  else if (nameIs(p, n, "alpha")) { rngPush(0x41, 0x5a); rngPush(0x61, 0x7a); }
  else if (nameIs(p, n, "ascii")) rngPush(0, 0x7f);
  else if (nameIs(p, n, "blank")) { rngPush(9, 9); rngPush(32, 32); }
  else if (nameIs(p, n, "cntrl")) { rngPush(0, 0x1f); rngPush(0x7f, 0x7f); }
  else if (nameIs(p, n, "digit")) rngPush(0x30, 0x39);
  else if (nameIs(p, n, "graph")) rngPush(0x21, 0x7e);
  else if (nameIs(p, n, "lower")) rngPush(0x61, 0x7a);
  else if (nameIs(p, n, "print")) rngPush(0x20, 0x7e);
  else if (nameIs(p, n, "punct")) { rngPush(0x21, 0x2f); rngPush(0x3a, 0x40); rngPush(0x5b, 0x60); rngPush(0x7b, 0x7e); }
  else if (nameIs(p, n, "space")) { rngPush(9, 13); rngPush(32, 32); }
  else if (nameIs(p, n, "upper")) rngPush(0x41, 0x5a);
  else if (nameIs(p, n, "word")) pushWord();
  else if (nameIs(p, n, "xdigit")) { rngPush(0x30, 0x39); rngPush(0x41, 0x46); rngPush(0x61, 0x66); }
  else return false;
  if (neg) pushNegatedSince(s);
  return true;
}
