// sprintf natively, with OPA's argument mapping onto Go's fmt: integers (int64) and big
// integers (*big.Int), other numbers as float64, strings as strings, every other value as its
// Rego text ({"a": 1}, [1, 2], {1, 2}, set(), true, null). Verbs: %v %d %s %q %x %X %o %O %b %c
// %U %e %E %f %F %g %G %t %T %%; flags + - # space 0; width/precision (also *); %[n] indexes;
// fmt's error texts (%!d(string=x), %!v(MISSING), %!(EXTRA ...), %!(NOVERB)). Output: a string.

import { opa_malloc } from "../malloc";
import {
  T_NUMBER, T_STRING, T_ARRAY, T_OBJECT, T_SET, strPtr, strLen, arrLen, arrGet, utf8Count,
} from "../value";
import { numberText, textPtr, textLen } from "../number";
import { natFromDigits, natDivSmall, natRemSmall, natIsZero, natDigits, natWriteDigits } from "../bignat";
import { tableLen, keyAt, valAt, ensureSorted } from "../table";
import { isType } from "../builtin-support";
import { tbNew, tbByte, tbBytes, tbLit, tbLen, tbPtr, tbString, tbRepeat, tbInt, tbRune, tbUint, tbScalar } from "../text-buf";
import { toF64, f64Ok, formatAbs } from "../float-fmt";
import { utf8Strict, decodedRune } from "../utf8";

const K_INT: u8 = 1;
const K_BIG: u8 = 2;
const K_FLOAT: u8 = 3;
const K_STR: u8 = 4;

// Classified arguments: 24 bytes each {u8 kind, i64 int @8 | f64 @8, u32 ptr @16, u32 len @20}
// (big: ptr = nat, len = sign; str: ptr/len = bytes).
let args: usize = 0;
let nargs: usize = 0;

// ---- Rego text of non-string values (ast.Term.String()) ----

function quoteGo(out: usize, p: usize, n: usize, q: u8): void {
  tbByte(out, q);
  let i: usize = 0;
  while (i < n) {
    const c = load<u8>(p + i);
    if (c < 0x80) {
      if (c == q || c == 0x5c) {
        tbByte(out, 0x5c);
        tbByte(out, c);
      } else if (c == 0x07) tbLit(out, "\\a");
      else if (c == 0x08) tbLit(out, "\\b");
      else if (c == 0x0c) tbLit(out, "\\f");
      else if (c == 0x0a) tbLit(out, "\\n");
      else if (c == 0x0d) tbLit(out, "\\r");
      else if (c == 0x09) tbLit(out, "\\t");
      else if (c == 0x0b) tbLit(out, "\\v");
      else if (c < 0x20 || c == 0x7f) {
        tbLit(out, "\\x");
        hex2(out, c);
      } else tbByte(out, c);
      i++;
      continue;
    }
    const k = utf8Strict(p + i, n - i);
    if (k == 0) {
      tbLit(out, "\\x");
      hex2(out, c);
      i++;
      continue;
    }
    if (!isPrint(decodedRune())) {
      if (decodedRune() < 0x10000) {
        tbLit(out, "\\u");
        hexN(out, decodedRune(), 4);
      } else {
        tbLit(out, "\\U");
        hexN(out, decodedRune(), 8);
      }
    } else tbBytes(out, p + i, k);
    i += k;
  }
  tbByte(out, q);
}

/** Rough unicode.IsPrint for non-ASCII: C1 controls, soft hyphen, surrogates, private use and some format characters are not printable. */
function isPrint(r: u32): bool {
  if (r < 0xa0) return false;
  if (r == 0xad) return false;
  if (r >= 0x2000 && r <= 0x200f) return r == 0x2000 ? false : r < 0x200b ? false : false;
  if (r >= 0x2028 && r <= 0x202f) return false;
  if (r >= 0x2060 && r <= 0x206f) return false;
  if (r == 0xfeff || (r >= 0xfff9 && r <= 0xfffb)) return false;
  if (r >= 0xe000 && r <= 0xf8ff) return false;
  if (r >= 0xf0000) return false;
  return true;
}

function hexDigit(d: u32, upper: bool): u8 {
  return <u8>(d < 10 ? 0x30 + d : (upper ? 0x37 : 0x57) + d);
}

function hex2(out: usize, c: u32): void {
  tbByte(out, hexDigit((c >> 4) & 15, false));
  tbByte(out, hexDigit(c & 15, false));
}

function hexN(out: usize, c: u32, n: i32): void {
  for (let s = (n - 1) * 4; s >= 0; s -= 4) tbByte(out, hexDigit((c >> <u32>s) & 15, false));
}

export function writeRego(out: usize, v: usize): void {
  if (tbScalar(out, v)) return;
  switch (load<u8>(v)) {
    case T_STRING:
      quoteGo(out, strPtr(v), strLen(v), 0x22);
      return;
    case T_ARRAY: {
      tbByte(out, 0x5b);
      const n = arrLen(v);
      for (let i: usize = 0; i < n; i++) {
        if (i > 0) tbLit(out, ", ");
        writeRego(out, arrGet(v, i));
      }
      tbByte(out, 0x5d);
      return;
    }
    case T_OBJECT: {
      ensureSorted(v);
      tbByte(out, 0x7b);
      const n = tableLen(v);
      for (let i: usize = 0; i < n; i++) {
        if (i > 0) tbLit(out, ", ");
        writeRego(out, keyAt(v, i));
        tbLit(out, ": ");
        writeRego(out, valAt(v, i));
      }
      tbByte(out, 0x7d);
      return;
    }
    case T_SET: {
      ensureSorted(v);
      const n = tableLen(v);
      if (n == 0) {
        tbLit(out, "set()");
        return;
      }
      tbByte(out, 0x7b);
      for (let i: usize = 0; i < n; i++) {
        if (i > 0) tbLit(out, ", ");
        writeRego(out, keyAt(v, i));
      }
      tbByte(out, 0x7d);
      return;
    }
  }
}

// ---- argument classification ----

function classify(slot: usize, v: usize): void {
  const t = load<u8>(v);
  if (t == T_STRING) {
    store<u8>(slot, K_STR);
    store<u32>(slot, <u32>strPtr(v), 16);
    store<u32>(slot, <u32>strLen(v), 20);
    return;
  }
  if (t == T_NUMBER) {
    numberText(v);
    const p = textPtr, n = textLen;
    let i: usize = 0;
    const neg = n > 0 && load<u8>(p) == 0x2d;
    if (neg || (n > 0 && load<u8>(p) == 0x2b)) i = 1;
    let digitsOnly = i < n;
    for (let k = i; k < n && digitsOnly; k++) {
      const c = load<u8>(p + k);
      digitsOnly = c >= 0x30 && c <= 0x39;
    }
    if (digitsOnly) {
      const nat = natFromDigits(p + i, n - i);
      // int64 when it fits (ParseInt), else *big.Int
      if (natDigits(nat) <= 19) {
        let u: u64 = 0;
        let ok = true;
        for (let k = i; k < n; k++) {
          const d = <u64>(load<u8>(p + k) - 0x30);
          if (u > (<u64>0xffffffffffffffff - d) / 10) {
            ok = false;
            break;
          }
          u = u * 10 + d;
        }
        if (ok && (neg ? u <= <u64>0x8000000000000000 : u <= <u64>0x7fffffffffffffff)) {
          store<u8>(slot, K_INT);
          store<i64>(slot, neg ? <i64>(0 - u) : <i64>u, 8);
          return;
        }
      }
      store<u8>(slot, K_BIG);
      store<u32>(slot, <u32>nat, 16);
      store<u32>(slot, neg ? 1 : 0, 20);
      return;
    }
    const f = toF64(v);
    if (f64Ok) {
      store<u8>(slot, K_FLOAT);
      store<f64>(slot, f, 8);
      return;
    }
    store<u8>(slot, K_STR);
    store<u32>(slot, <u32>p, 16);
    store<u32>(slot, <u32>n, 20);
    return;
  }
  const b = tbNew(32);
  writeRego(b, v);
  store<u8>(slot, K_STR);
  store<u32>(slot, <u32>tbPtr(b), 16);
  store<u32>(slot, <u32>tbLen(b), 20);
}

// ---- one directive's settings ----

let fPlus = false;
let fMinus = false;
let fSharp = false;
let fSpace = false;
let fZero = false;
let width: i32 = -1;
let prec: i32 = -1;

/** Appends body (in its own buffer) to out, padded to the width (zeros after a sign when asked). */
function pad(out: usize, body: usize, numeric: bool): void {
  const p = tbPtr(body), n = tbLen(body);
  const w = <i32>utf8Count(p, n);
  if (width <= w) {
    tbBytes(out, p, n);
    return;
  }
  const fill = <usize>(width - w);
  if (fMinus) {
    tbBytes(out, p, n);
    tbRepeat(out, 0x20, fill);
    return;
  }
  if (fZero) {
    let s: usize = 0;
    if (numeric && n > 0) {
      const c = load<u8>(p);
      if (c == 0x2d || c == 0x2b || c == 0x20) s = 1;
    }
    tbBytes(out, p, s);
    tbRepeat(out, 0x30, fill);
    tbBytes(out, p + s, n - s);
    return;
  }
  tbRepeat(out, 0x20, fill);
  tbBytes(out, p, n);
}

function typeName(out: usize, k: u8, ptrPrefix: bool): void {
  if (k == K_INT) tbLit(out, "int");
  else if (k == K_BIG) tbLit(out, ptrPrefix ? "*big.Int" : "big.Int");
  else if (k == K_FLOAT) tbLit(out, "float64");
  else tbLit(out, "string");
}

/** The %v text of an argument (for error texts and %v). */
function plainValue(out: usize, slot: usize): void {
  const k = load<u8>(slot);
  if (k == K_INT) tbInt(out, load<i64>(slot, 8));
  else if (k == K_BIG) {
    if (load<u32>(slot, 20) != 0) tbByte(out, 0x2d);
    bigDigits(out, <usize>load<u32>(slot, 16), 10, false);
  } else if (k == K_FLOAT) floatText(out, load<f64>(slot, 8), 0x67, -1, false, false);
  else tbBytes(out, <usize>load<u32>(slot, 16), <usize>load<u32>(slot, 20));
}

function badVerb(out: usize, verb: u32, slot: usize): void {
  tbLit(out, "%!");
  tbRune(out, verb);
  tbByte(out, 0x28);
  const k = load<u8>(slot);
  typeName(out, k, false);
  tbByte(out, 0x3d);
  const sv = fPlus; const sm = fMinus; const ss = fSharp; const sp = fSpace; const sz = fZero;
  const w = width, pr = prec;
  fPlus = fMinus = fSharp = fSpace = fZero = false;
  width = -1;
  prec = -1;
  plainValue(out, slot);
  fPlus = sv; fMinus = sm; fSharp = ss; fSpace = sp; fZero = sz; width = w; prec = pr;
  tbByte(out, 0x29);
}

function bigDigits(out: usize, nat: usize, base: u32, upper: bool): void {
  if (natIsZero(nat)) {
    tbByte(out, 0x30);
    return;
  }
  if (base == 10) {
    const buf = opa_malloc(natDigits(nat) + 1);
    const n = natWriteDigits(nat, buf);
    tbBytes(out, buf, n);
    return;
  }
  const cap = natDigits(nat) * 4 + 8;
  const buf = opa_malloc(cap);
  let k = cap;
  let x = nat;
  while (!natIsZero(x)) {
    x = natDivSmall(x, base);
    k--;
    store<u8>(buf + k, hexDigit(natRemSmall, upper));
  }
  tbBytes(out, buf + k, cap - k);
}

/** Integer formatting (fmtInteger): sign, precision (minimum digits), # prefixes. */
function fmtInteger(out: usize, neg: bool, mag: u64, nat: usize, base: u32, verb: u32, upper: bool): void {
  const body = tbNew(32);
  if (neg) tbByte(body, 0x2d);
  else if (fPlus) tbByte(body, 0x2b);
  else if (fSpace) tbByte(body, 0x20);
  if (fSharp || verb == 0x4f) {
    if (base == 2 && fSharp) tbLit(body, "0b");
    else if (base == 8 && verb == 0x4f) tbLit(body, "0o");
    else if (base == 16 && fSharp) tbLit(body, upper ? "0X" : "0x");
  }
  const digits = tbNew(32);
  if (nat != 0) bigDigits(digits, nat, base, upper);
  else if (mag == 0 && prec == 0) {
    // %.0d of zero prints nothing
  } else {
    const buf = opa_malloc(72);
    let k: usize = 72;
    let m = mag;
    do {
      k--;
      store<u8>(buf + k, hexDigit(<u32>(m % <u64>base), upper));
      m /= <u64>base;
    } while (m != 0);
    tbBytes(digits, buf + k, 72 - k);
  }
  if (base == 8 && fSharp && verb != 0x4f && (tbLen(digits) == 0 || load<u8>(tbPtr(digits)) != 0x30)) tbByte(body, 0x30);
  if (prec > 0 && <i32>tbLen(digits) < prec) tbRepeat(body, 0x30, <usize>(prec - <i32>tbLen(digits)));
  tbBytes(body, tbPtr(digits), tbLen(digits));
  const z = fZero;
  if (prec >= 0) fZero = false;
  pad(out, body, true);
  fZero = z;
}

function floatText(out: usize, x: f64, verb: u8, p: i32, plus: bool, space: bool): void {
  if (isNaN(x)) {
    tbLit(out, "NaN");
    return;
  }
  const neg = x < 0 || (x == 0 && 1 / x < 0);
  if (neg) tbByte(out, 0x2d);
  else if (plus) tbByte(out, 0x2b);
  else if (space) tbByte(out, 0x20);
  if (!isFinite(x)) {
    tbLit(out, "Inf");
    return;
  }
  formatAbs(out, x, verb, p);
}

function fmtString(out: usize, p: usize, n: usize, verb: u32): void {
  const body = tbNew(n + 2);
  if (verb == 0x73 || verb == 0x76) {
    let m = n;
    if (prec >= 0) {
      // truncate to prec runes
      let runes: i32 = 0;
      let i: usize = 0;
      while (i < n && runes < prec) {
        i++;
        while (i < n && (load<u8>(p + i) & 0xc0) == 0x80) i++;
        runes++;
      }
      m = i;
    }
    tbBytes(body, p, m);
  } else if (verb == 0x71) {
    quoteGo(body, p, n, 0x22);
  } else {
    // %x / %X: hex of the bytes
    const upper = verb == 0x58;
    for (let i: usize = 0; i < n; i++) {
      if (fSpace && i > 0) tbByte(body, 0x20);
      if (fSharp && (i == 0 || fSpace)) tbLit(body, upper ? "0X" : "0x");
      const c = <u32>load<u8>(p + i);
      tbByte(body, hexDigit(c >> 4, upper));
      tbByte(body, hexDigit(c & 15, upper));
    }
  }
  pad(out, body, false);
}

function formatArg(out: usize, slot: usize, verb: u32): void {
  const k = load<u8>(slot);
  if (verb == 0x54) {
    // %T
    const body = tbNew(16);
    typeName(body, k, true);
    pad(out, body, false);
    return;
  }
  if (k == K_STR) {
    if (verb == 0x73 || verb == 0x76 || verb == 0x71 || verb == 0x78 || verb == 0x58) {
      fmtString(out, <usize>load<u32>(slot, 16), <usize>load<u32>(slot, 20), verb);
    } else badVerb(out, verb, slot);
    return;
  }
  if (k == K_INT || k == K_BIG) {
    let neg = false;
    let mag: u64 = 0;
    let nat: usize = 0;
    if (k == K_INT) {
      const x = load<i64>(slot, 8);
      neg = x < 0;
      mag = neg ? <u64>(-(x + 1)) + 1 : <u64>x;
    } else {
      neg = load<u32>(slot, 20) != 0;
      nat = <usize>load<u32>(slot, 16);
    }
    switch (verb) {
      case 0x64: case 0x76: fmtInteger(out, neg, mag, nat, 10, verb, false); return;
      case 0x62: fmtInteger(out, neg, mag, nat, 2, verb, false); return;
      case 0x6f: case 0x4f: fmtInteger(out, neg, mag, nat, 8, verb, false); return;
      case 0x78: fmtInteger(out, neg, mag, nat, 16, verb, false); return;
      case 0x58: fmtInteger(out, neg, mag, nat, 16, verb, true); return;
    }
    if (k == K_BIG) {
      if (verb == 0x73) {
        fmtInteger(out, neg, mag, nat, 10, verb, false);
        return;
      }
      tbLit(out, "%!");
      tbRune(out, verb);
      tbLit(out, "(big.Int=");
      if (neg) tbByte(out, 0x2d);
      bigDigits(out, nat, 10, false);
      tbByte(out, 0x29);
      return;
    }
    const x = load<i64>(slot, 8);
    if (verb == 0x63 || verb == 0x71 || verb == 0x55) {
      let r = <u32>x;
      if (x < 0 || x > 0x10ffff || (x >= 0xd800 && x <= 0xdfff)) r = 0xfffd;
      const body = tbNew(16);
      if (verb == 0x63) tbRune(body, r);
      else if (verb == 0x71) {
        const tmp = tbNew(8);
        tbRune(tmp, r);
        quoteGo(body, tbPtr(tmp), tbLen(tmp), 0x27);
      } else {
        tbLit(body, "U+");
        const m = <u64>x;
        const hb = tbNew(16);
        let q: u64 = x < 0 ? <u64>x : m;
        const buf = opa_malloc(20);
        let kk: usize = 20;
        do {
          kk--;
          store<u8>(buf + kk, hexDigit(<u32>(q & 15), true));
          q >>= 4;
        } while (q != 0);
        let digits: usize = 20 - kk;
        while (digits < 4) {
          tbByte(hb, 0x30);
          digits++;
        }
        tbBytes(hb, buf + kk, 20 - kk);
        tbBytes(body, tbPtr(hb), tbLen(hb));
        if (fSharp && x >= 0 && x <= 0x10ffff) {
          tbLit(body, " '");
          tbRune(body, r);
          tbByte(body, 0x27);
        }
      }
      pad(out, body, false);
      return;
    }
    badVerb(out, verb, slot);
    return;
  }
  // float64
  const x = load<f64>(slot, 8);
  let v: u8 = 0;
  let p: i32 = prec;
  switch (verb) {
    case 0x76: v = 0x67; break;
    case 0x65: case 0x45: case 0x66: case 0x46: v = <u8>verb; if (p < 0) p = 6; break;
    case 0x67: case 0x47: v = <u8>verb; break;
    default:
      badVerb(out, verb, slot);
      return;
  }
  if (v == 0x46) v = 0x66;
  const body = tbNew(32);
  floatText(body, x, v, p, fPlus, fSpace);
  const z = fZero;
  if (!isFinite(x)) fZero = false;
  pad(out, body, true);
  fZero = z;
}

let pos: usize = 0;

/** The decimal digits at fmt+i as a number (capped near 10^7; 0 when there are none); pos is set after them. */
function readNum(fmt: usize, n: usize, i: usize): i32 {
  let v: i32 = 0;
  while (i < n) {
    const c = load<u8>(fmt + i);
    if (c < 0x30 || c > 0x39) break;
    if (v < 1000000) v = v * 10 + <i32>(c - 0x30);
    i++;
  }
  pos = i;
  return v;
}

// Argument cursor of the current b_sprintf call (Go's pp.argNum, pp.reordered, !pp.goodArgNum).
let argNum: usize = 0;
let reordered = false;
let badIndex = false;

/** An explicit argument index "[n]" at f+i, if there is one: moves argNum (or sets badIndex); returns where the format goes on. */
function explicitIndex(f: usize, n: usize, i: usize): usize {
  if (i >= n || load<u8>(f + i) != 0x5b) return i;
  pos = i;
  const idx = argIndex(f, n);
  reordered = true;
  if (idx < 0) badIndex = true;
  else argNum = <usize>idx;
  return pos;
}

let starVal: i64 = 0;

/** The argument of a '*' width or precision (Go's intFromArg): true with starVal set when it is an integer; argNum moves on. */
function starArg(): bool {
  const ok = argNum < nargs && load<u8>(args + argNum * 24) == K_INT;
  if (ok) starVal = load<i64>(args + argNum * 24, 8);
  argNum++;
  return ok;
}

export function b_sprintf(format: usize, arr: usize): usize {
  if (!isType(format, T_STRING) || !isType(arr, T_ARRAY)) return 0;
  nargs = arrLen(arr);
  args = opa_malloc(nargs * 24 + 8);
  for (let i: usize = 0; i < nargs; i++) classify(args + i * 24, arrGet(arr, i));
  const f = strPtr(format), n = strLen(format);
  const out = tbNew(n + 16);
  argNum = 0;
  reordered = false;
  let i: usize = 0;
  while (i < n) {
    const c = load<u8>(f + i);
    if (c != 0x25) {
      let j = i + 1;
      while (j < n && load<u8>(f + j) != 0x25) j++;
      tbBytes(out, f + i, j - i);
      i = j;
      continue;
    }
    i++;
    fPlus = fMinus = fSharp = fSpace = fZero = false;
    width = -1;
    prec = -1;
    // flags
    while (i < n) {
      const d = load<u8>(f + i);
      if (d == 0x2b) fPlus = true;
      else if (d == 0x2d) {
        fMinus = true;
        fZero = false;
      } else if (d == 0x23) fSharp = true;
      else if (d == 0x20) fSpace = true;
      else if (d == 0x30) fZero = !fMinus;
      else break;
      i++;
    }
    // argument index, width
    badIndex = false;
    i = explicitIndex(f, n, i);
    if (i < n && load<u8>(f + i) == 0x2a) {
      i++;
      if (starArg()) {
        const w = starVal;
        width = <i32>w;
        if (w < 0) {
          fMinus = true;
          fZero = false;
          width = <i32>-w;
        }
        if (w > 1000000 || w < -1000000) {
          width = -1;
          tbLit(out, "%!(BADWIDTH)");
        }
      } else tbLit(out, "%!(BADWIDTH)");
    } else {
      width = readNum(f, n, i);
      if (pos == i) width = -1;
      i = pos;
    }
    // precision
    if (i < n && load<u8>(f + i) == 0x2e) {
      i = explicitIndex(f, n, i + 1);
      if (i < n && load<u8>(f + i) == 0x2a) {
        i++;
        if (starArg()) {
          const pv = starVal;
          prec = <i32>pv;
          if (pv < 0 || pv > 1000000) {
            prec = -1;
            tbLit(out, "%!(BADPREC)");
          }
        } else tbLit(out, "%!(BADPREC)");
      } else {
        prec = readNum(f, n, i);
        i = pos;
      }
    }
    i = explicitIndex(f, n, i);
    if (i >= n) {
      tbLit(out, "%!(NOVERB)");
      break;
    }
    // the verb (a rune)
    let verb = <u32>load<u8>(f + i);
    let vl: usize = 1;
    if (verb >= 0x80) {
      const k = utf8Strict(f + i, n - i);
      if (k > 0) {
        verb = decodedRune();
        vl = k;
      } else verb = 0xfffd;
    }
    i += vl;
    if (verb == 0x25) {
      tbByte(out, 0x25);
      continue;
    }
    if (badIndex) {
      tbLit(out, "%!");
      tbRune(out, verb);
      tbLit(out, "(BADINDEX)");
      continue;
    }
    if (argNum >= nargs) {
      tbLit(out, "%!");
      tbRune(out, verb);
      tbLit(out, "(MISSING)");
      continue;
    }
    formatArg(out, args + argNum * 24, verb);
    argNum++;
  }
  if (!reordered && argNum < nargs) {
    tbLit(out, "%!(EXTRA ");
    for (let k = argNum; k < nargs; k++) {
      if (k > argNum) tbLit(out, ", ");
      const slot = args + k * 24;
      typeName(out, load<u8>(slot), true);
      tbByte(out, 0x3d);
      fPlus = fMinus = fSharp = fSpace = fZero = false;
      width = -1;
      prec = -1;
      plainValue(out, slot);
    }
    tbByte(out, 0x29);
  }
  return tbString(out);
}

/** Parses "[n]" at pos (1-based in the format, 0-based result); -1 if bad. Advances pos. */
function argIndex(f: usize, n: usize): i32 {
  let i = pos + 1;
  let v: i32 = 0;
  const s = i;
  while (i < n && load<u8>(f + i) >= 0x30 && load<u8>(f + i) <= 0x39) {
    if (v < 1000000) v = v * 10 + <i32>(load<u8>(f + i) - 0x30);
    i++;
  }
  if (i >= n || load<u8>(f + i) != 0x5d) {
    // not "[digits]": like Go, skip to the closing bracket, or only the "[" when there is none
    while (i < n && load<u8>(f + i) != 0x5d) i++;
    pos = i < n ? i + 1 : pos + 1;
    return -1;
  }
  pos = i + 1;
  if (i == s || v < 1 || <usize>v > nargs) return -1;
  return v - 1;
}
