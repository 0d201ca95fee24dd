// regex.globs_match: whether two globs in OPA's "glob intersection" syntax (the library
// yashtewari/glob-intersection v0.2: `.` any character, `[...]` classes with ranges, `*`/`+` after a
// token, `\` escapes) match a common string, with that library's exact (greedy) algorithm.
// Input: two strings. Output: a boolean, or 0 (undefined) on a syntax error or wrong types.

import { T_STRING, strPtr, strLen, boolValue } from "../value";
import { opa_malloc } from "../malloc";
import { isType } from "../builtin-support";
import { utf8Lenient, runeWidth } from "../utf8";

const K_CHAR: u8 = 0;
const K_DOT: u8 = 1;
const K_SET: u8 = 2;
const F_NONE: u8 = 0;
const F_PLUS: u8 = 1;
const F_STAR: u8 = 2;
// Token (16 bytes): u8 kind @0, u8 flag @1, u32 rune @4, u32 ranges @8 (pairs of u32), u32 count @12.
const TOK: usize = 16;

let gErr = false;

/** Decodes UTF-8 into an array of u32 runes (invalid bytes → U+FFFD); returns ptr, count in rnCount. */
let rnCount: i32 = 0;
function decode(p: usize, n: usize): usize {
  const out = opa_malloc((n + 1) << 2);
  let k: i32 = 0;
  let i: usize = 0;
  while (i < n) {
    store<u32>(out + (<usize>k << 2), <u32>utf8Lenient(p + i, n - i));
    k++;
    i += <usize>runeWidth;
  }
  rnCount = k;
  return out;
}

// Cursor state of the tokenizer.
let rs: usize = 0; // runes
let rn: i32 = 0; // rune count
let nrRune: u32 = 0;
let nrEsc = false;
/** nextRune: returns the new index, -1 at the end, -2 on a trailing backslash. */
function nextRune(i: i32): i32 {
  if (i >= rn) return -1;
  const r = load<u32>(rs + (<usize>i << 2));
  if (r == 0x5c) {
    if (i < rn - 1) {
      nrRune = load<u32>(rs + (<usize>(i + 1) << 2));
      nrEsc = true;
      return i + 2;
    }
    return -2;
  }
  nrRune = r;
  nrEsc = false;
  return i + 1;
}

/** Sorts and merges the ranges (pairs) at p, returns the new count. */
function normalize(p: usize, n: i32): i32 {
  for (let i = 1; i < n; i++) {
    const lo = load<u32>(p + (<usize>i << 3)), hi = load<u32>(p + (<usize>i << 3) + 4);
    let j = i;
    while (j > 0 && load<u32>(p + (<usize>(j - 1) << 3)) > lo) {
      store<u64>(p + (<usize>j << 3), load<u64>(p + (<usize>(j - 1) << 3)));
      j--;
    }
    store<u32>(p + (<usize>j << 3), lo);
    store<u32>(p + (<usize>j << 3) + 4, hi);
  }
  let m = 0;
  for (let i = 0; i < n; i++) {
    const lo = load<u32>(p + (<usize>i << 3)), hi = load<u32>(p + (<usize>i << 3) + 4);
    if (m > 0 && lo <= load<u32>(p + (<usize>(m - 1) << 3) + 4) + 1) {
      if (hi > load<u32>(p + (<usize>(m - 1) << 3) + 4)) store<u32>(p + (<usize>(m - 1) << 3) + 4, hi);
    } else {
      store<u32>(p + (<usize>m << 3), lo);
      store<u32>(p + (<usize>m << 3) + 4, hi);
      m++;
    }
  }
  return m;
}

/** Tokenizes the runes into tokens at out; returns the count or -1 on error. */
function tokenize(out: usize): i32 {
  let n = 0;
  let i = 0;
  while (true) {
    const ni = nextRune(i);
    if (ni == -1) break;
    if (ni == -2) return -1;
    const t = out + <usize>n * TOK;
    memory.fill(t, 0, TOK);
    i = ni;
    const r = nrRune;
    if (!nrEsc && r == 0x2e) store<u8>(t, K_DOT);
    else if (!nrEsc && r == 0x5d) return -1;
    else if (!nrEsc && (r == 0x2b || r == 0x2a)) return -1;
    else if (!nrEsc && r == 0x5b) {
      // class: pairs of (lo, hi), at most one per rune consumed
      const ranges = opa_malloc(<usize>(rn + 1) << 3);
      let cnt = 0;
      let prev: u32 = 0;
      let prevExists = false;
      let complete = false;
      let j = nextRune(i);
      while (!complete) {
        if (j == -1) break;
        if (j == -2) return -1;
        i = j;
        const c = nrRune;
        if (!nrEsc && c == 0x2d) {
          if (!prevExists) return -1;
          if (i >= rn - 1) return -1;
          const k = nextRune(i);
          if (k < 0) return -1;
          i = k;
          const e = nrRune;
          if (!nrEsc && (e == 0x5d || e == 0x2d)) return -1;
          if (e >= prev) {
            store<u32>(ranges + (<usize>cnt << 3), prev);
            store<u32>(ranges + (<usize>cnt << 3) + 4, e);
            cnt++;
          }
          prevExists = false;
        } else if (!nrEsc && c == 0x5d) {
          complete = true;
        } else {
          store<u32>(ranges + (<usize>cnt << 3), c);
          store<u32>(ranges + (<usize>cnt << 3) + 4, c);
          cnt++;
          prev = c;
          prevExists = true;
        }
        if (!complete) j = nextRune(i);
      }
      if (!complete) return -1;
      store<u8>(t, K_SET);
      store<u32>(t, <u32>ranges, 8);
      store<u32>(t, <u32>normalize(ranges, cnt), 12);
    } else {
      store<u8>(t, K_CHAR);
      store<u32>(t, r, 4);
    }
    // optional flag
    const fi = nextRune(i);
    if (fi == -2) return -1;
    if (fi >= 0 && !nrEsc && (nrRune == 0x2b || nrRune == 0x2a)) {
      store<u8>(t, nrRune == 0x2b ? F_PLUS : F_STAR, 1);
      i = fi;
    }
    n++;
  }
  return n;
}

function kind(t: usize): u8 {
  return load<u8>(t);
}
function flag(t: usize): u8 {
  return load<u8>(t, 1);
}

function setHas(s: usize, r: u32): bool {
  const p = <usize>load<u32>(s, 8), n = <usize>load<u32>(s, 12);
  for (let i: usize = 0; i < n; i++) {
    if (r >= load<u32>(p + (i << 3)) && r <= load<u32>(p + (i << 3) + 4)) return true;
  }
  return false;
}

function match(a: usize, b: usize): bool {
  if (kind(a) > kind(b)) {
    const x = a;
    a = b;
    b = x;
  }
  if (kind(a) == K_CHAR) {
    if (kind(b) == K_CHAR) return load<u32>(a, 4) == load<u32>(b, 4);
    if (kind(b) == K_DOT) return true;
    return setHas(b, load<u32>(a, 4));
  }
  if (kind(a) == K_DOT) return true;
  // two sets: do the ranges overlap?
  const pa = <usize>load<u32>(a, 8), na = <usize>load<u32>(a, 12);
  const pb = <usize>load<u32>(b, 8), nb = <usize>load<u32>(b, 12);
  for (let i: usize = 0; i < na; i++) {
    for (let j: usize = 0; j < nb; j++) {
      if (load<u32>(pa + (i << 3)) <= load<u32>(pb + (j << 3) + 4) && load<u32>(pb + (j << 3)) <= load<u32>(pa + (i << 3) + 4)) return true;
    }
  }
  return false;
}

function equalTok(a: usize, b: usize): bool {
  if (kind(a) != kind(b)) return false;
  if (kind(a) == K_CHAR) return load<u32>(a, 4) == load<u32>(b, 4);
  if (kind(a) == K_DOT) return true;
  const n = load<u32>(a, 12);
  if (n != load<u32>(b, 12)) return false;
  return memory.compare(<usize>load<u32>(a, 8), <usize>load<u32>(b, 8), <usize>n << 3) == 0;
}

/** Merges adjacent equal flagged tokens (t+t* = t+, t*t* = t*); returns the new count. */
function simplify(t: usize, n: i32): i32 {
  if (n == 0) return 0;
  let m = 1;
  for (let i = 1; i < n; i++) {
    const cur = t + <usize>i * TOK;
    const last = t + <usize>(m - 1) * TOK;
    if (flag(cur) != F_NONE && flag(last) != F_NONE && equalTok(cur, last)) {
      store<u8>(last, flag(cur) == F_PLUS || flag(last) == F_PLUS ? F_PLUS : F_STAR, 1);
      continue;
    }
    if (m != i) memory.copy(t + <usize>m * TOK, cur, TOK);
    m++;
  }
  return m;
}

function at(g: usize, i: i32): usize {
  return g + <usize>i * TOK;
}

function intersectNormal(g1: usize, n1: i32, g2: usize, n2: i32): bool {
  let i = 0, j = 0;
  for (; i < n1 && j < n2; i++, j++) {
    if (flag(at(g1, i)) == F_NONE && flag(at(g2, j)) == F_NONE) {
      if (!match(at(g1, i), at(g2, j))) return false;
    } else return intersectSpecial(at(g1, i), n1 - i, at(g2, j), n2 - j);
  }
  return i == n1 && j == n2;
}

function intersectSpecial(g1: usize, n1: i32, g2: usize, n2: i32): bool {
  if (flag(g1) != F_NONE) {
    return flag(g1) == F_PLUS ? intersectPlus(g1, n1, g2, n2) : intersectStar(g1, n1, g2, n2);
  }
  return flag(g2) == F_PLUS ? intersectPlus(g2, n2, g1, n1) : intersectStar(g2, n2, g1, n1);
}

function intersectPlus(p: usize, np: i32, o: usize, no: i32): bool {
  if (no == 0) {
    gErr = true; // the library indexes other[0] and panics
    return false;
  }
  if (!match(p, o)) return false;
  if (intersectStar(p, np, at(o, 1), no - 1)) return true;
  return flag(o) != F_NONE && intersectNormal(at(p, 1), np - 1, o, no);
}

function intersectStar(s: usize, ns: i32, o: usize, no: i32): bool {
  const hasNext = ns > 1;
  const next = at(s, 1);
  for (let i = 0; i < no; i++) {
    const t = at(o, i);
    if (hasNext && match(t, next)) {
      if (intersectNormal(next, ns - 1, t, no - i)) return true;
      if (!match(t, s)) return false;
    } else if (!match(t, s)) return false;
  }
  return !hasNext;
}

function parseGlob(v: usize): usize {
  rs = decode(strPtr(v), strLen(v));
  rn = rnCount;
  const toks = opa_malloc(<usize>(rn + 1) * TOK);
  const n = tokenize(toks);
  if (n < 0) return 0;
  store<u32>(toks + <usize>rn * TOK, <u32>simplify(toks, n)); // count kept after the tokens
  return toks;
}

export function b_regex__globs_match(a: usize, b: usize): usize {
  if (!isType(a, T_STRING) || !isType(b, T_STRING)) return 0;
  const g1 = parseGlob(a);
  if (g1 == 0) return 0;
  let n1 = <i32>load<u32>(g1 + <usize>rn * TOK);
  const g2 = parseGlob(b);
  if (g2 == 0) return 0;
  let n2 = <i32>load<u32>(g2 + <usize>rn * TOK);
  // trim matching unflagged prefixes and suffixes, keeping one token of each
  let l = 0;
  for (; l < n1 && l < n2 && flag(at(g1, l)) == F_NONE && flag(at(g2, l)) == F_NONE; l++) {
    if (!match(at(g1, l), at(g2, l))) return boolValue(false);
  }
  if (l > 0) l--;
  let r1 = n1 - 1, r2 = n2 - 1;
  for (; r1 >= 0 && r1 >= l && r2 >= 0 && r2 >= l && flag(at(g1, r1)) == F_NONE && flag(at(g2, r2)) == F_NONE; r1--, r2--) {
    if (!match(at(g1, r1), at(g2, r2))) return boolValue(false);
  }
  if (r1 < n1 - 1) {
    r1++;
    r2++;
  }
  if (r1 + 1 < l || r2 + 1 < l) return 0; // the library's slice bounds would panic
  gErr = false;
  const r = intersectNormal(at(g1, l), r1 + 1 - l, at(g2, l), r2 + 1 - l);
  if (gErr) return 0;
  return boolValue(r);
}
