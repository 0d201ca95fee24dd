// Encoding builtins (Go semantics): base64.encode/decode/is_valid (StdEncoding, padded;
// CR/LF ignored), base64url.encode/decode/encode_no_pad (decode adds missing padding like OPA),
// hex.encode/decode, json.marshal/marshal_with_options (encoding/json: sorted keys, HTML-safe
// escapes, sets as arrays), json.unmarshal, json.is_valid. Input: values. Output: a value or 0.

import { opa_malloc } from "../malloc";
import {
  T_BOOLEAN, T_STRING, T_ARRAY, T_OBJECT, T_SET, strPtr, strLen, newString, arrLen, arrGet,
  boolValue,
} from "../value";
import { tableLen, keyAt, valAt, ensureSorted } from "../table";
import { opa_json_parse } from "../json-parse";
import { isType } from "../builtin-support";
import { MAX_NESTING } from "../compare";
import { abortWith } from "../abort";
import { tbNew, tbByte, tbBytes, tbLit, tbLen, tbPtr, tbString, tbScalar } from "../text-buf";
import { utf8Strict, decodedRune } from "../utf8";

const STD: usize = memory.data<u8>([
  65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90,
  97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118,
  119, 120, 121, 122, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 43, 47,
]);

function alpha(url: bool, i: u32): u8 {
  if (i == 62) return url ? 0x2d : 0x2b;
  if (i == 63) return url ? 0x5f : 0x2f;
  return load<u8>(STD + <usize>i);
}

function b64Value(c: u32, url: bool): i32 {
  if (c >= 0x41 && c <= 0x5a) return <i32>(c - 0x41);
  if (c >= 0x61 && c <= 0x7a) return <i32>(c - 0x61 + 26);
  if (c >= 0x30 && c <= 0x39) return <i32>(c - 0x30 + 52);
  if (url) {
    if (c == 0x2d) return 62;
    if (c == 0x5f) return 63;
  } else {
    if (c == 0x2b) return 62;
    if (c == 0x2f) return 63;
  }
  return -1;
}

function encode(s: usize, url: bool, pad: bool): usize {
  if (!isType(s, T_STRING)) return 0;
  const p = strPtr(s), n = strLen(s);
  const out = tbNew(((n + 2) / 3) * 4);
  let i: usize = 0;
  while (i + 3 <= n) {
    const v = (<u32>load<u8>(p + i) << 16) | (<u32>load<u8>(p + i + 1) << 8) | <u32>load<u8>(p + i + 2);
    tbByte(out, alpha(url, v >> 18));
    tbByte(out, alpha(url, (v >> 12) & 63));
    tbByte(out, alpha(url, (v >> 6) & 63));
    tbByte(out, alpha(url, v & 63));
    i += 3;
  }
  const rest = n - i;
  if (rest > 0) {
    let v = <u32>load<u8>(p + i) << 16;
    if (rest == 2) v |= <u32>load<u8>(p + i + 1) << 8;
    tbByte(out, alpha(url, v >> 18));
    tbByte(out, alpha(url, (v >> 12) & 63));
    if (rest == 2) tbByte(out, alpha(url, (v >> 6) & 63));
    else if (pad) tbByte(out, 0x3d);
    if (pad) tbByte(out, 0x3d);
  }
  return tbString(out);
}

/** Go's base64 decoding (padded); CR and LF are skipped. Returns a string value or 0. */
function decode(p: usize, n: usize, url: bool): usize {
  const out = tbNew((n / 4) * 3 + 3);
  let i: usize = 0;
  while (true) {
    let acc: u32 = 0;
    let j: u32 = 0;
    let padded = false;
    while (j < 4) {
      while (i < n && (load<u8>(p + i) == 0x0a || load<u8>(p + i) == 0x0d)) i++;
      if (i >= n) break;
      const c = <u32>load<u8>(p + i);
      if (c == 0x3d) {
        // padding: only in positions 2 and 3 of a quantum
        if (j < 2) return 0;
        i++;
        if (j == 2) {
          while (i < n && (load<u8>(p + i) == 0x0a || load<u8>(p + i) == 0x0d)) i++;
          if (i >= n || load<u8>(p + i) != 0x3d) return 0;
          i++;
        }
        while (i < n && (load<u8>(p + i) == 0x0a || load<u8>(p + i) == 0x0d)) i++;
        if (i < n) return 0;
        padded = true;
        break;
      }
      const d = b64Value(c, url);
      if (d < 0) return 0;
      acc = (acc << 6) | <u32>d;
      j++;
      i++;
    }
    if (j == 4) {
      tbByte(out, <u8>(acc >> 16));
      tbByte(out, <u8>(acc >> 8));
      tbByte(out, <u8>acc);
      continue;
    }
    if (j == 0 && !padded) break; // clean end
    if (!padded) return 0; // input ended inside a quantum
    acc <<= 6 * (4 - j);
    tbByte(out, <u8>(acc >> 16));
    if (j == 3) tbByte(out, <u8>(acc >> 8));
    break;
  }
  return tbString(out);
}

export function b_base64__encode(s: usize): usize {
  return encode(s, false, true);
}

export function b_base64__decode(s: usize): usize {
  if (!isType(s, T_STRING)) return 0;
  return decode(strPtr(s), strLen(s), false);
}

export function b_base64__is_valid(s: usize): usize {
  if (!isType(s, T_STRING)) return 0;
  return boolValue(decode(strPtr(s), strLen(s), false) != 0);
}

export function b_base64url__encode(s: usize): usize {
  return encode(s, true, true);
}

export function b_base64url__encode_no_pad(s: usize): usize {
  return encode(s, true, false);
}

/** Like OPA: unpadded input of length 2 or 3 (mod 4) gets its padding added first. */
export function b_base64url__decode(s: usize): usize {
  if (!isType(s, T_STRING)) return 0;
  const p = strPtr(s), n = strLen(s);
  if (n > 0 && load<u8>(p + n - 1) == 0x3d) return decode(p, n, true);
  const r = n & 3;
  if (r == 0) return decode(p, n, true);
  if (r == 1) return 0;
  const buf = opa_malloc(n + 2);
  memory.copy(buf, p, n);
  store<u8>(buf + n, 0x3d);
  store<u8>(buf + n + 1, 0x3d);
  return decode(buf, n + 4 - r, true);
}

function hexDigit(d: u32): u8 {
  return <u8>(d < 10 ? 0x30 + d : 0x57 + d);
}

function hexVal(c: u32): i32 {
  if (c >= 0x30 && c <= 0x39) return <i32>(c - 0x30);
  if (c >= 0x61 && c <= 0x66) return <i32>(c - 0x57);
  if (c >= 0x41 && c <= 0x46) return <i32>(c - 0x37);
  return -1;
}

export function b_hex__encode(s: usize): usize {
  if (!isType(s, T_STRING)) return 0;
  const p = strPtr(s), n = strLen(s);
  const buf = opa_malloc(n * 2 + 1);
  for (let i: usize = 0; i < n; i++) {
    const b = <u32>load<u8>(p + i);
    store<u8>(buf + 2 * i, hexDigit(b >> 4));
    store<u8>(buf + 2 * i + 1, hexDigit(b & 15));
  }
  return newString(buf, n * 2);
}

export function b_hex__decode(s: usize): usize {
  if (!isType(s, T_STRING)) return 0;
  const p = strPtr(s), n = strLen(s);
  if ((n & 1) != 0) return 0;
  const buf = opa_malloc(n / 2 + 1);
  for (let i: usize = 0; i < n; i += 2) {
    const a = hexVal(<u32>load<u8>(p + i));
    const b = hexVal(<u32>load<u8>(p + i + 1));
    if (a < 0 || b < 0) return 0;
    store<u8>(buf + i / 2, <u8>((a << 4) | b));
  }
  return newString(buf, n / 2);
}

// ---- JSON (Go encoding/json) ----

function writeU4(out: usize, cp: u32): void {
  tbLit(out, "\\u");
  tbByte(out, hexDigit((cp >> 12) & 15));
  tbByte(out, hexDigit((cp >> 8) & 15));
  tbByte(out, hexDigit((cp >> 4) & 15));
  tbByte(out, hexDigit(cp & 15));
}

/** A JSON string the way Go's encoding/json writes it (HTML-safe, U+2028/9 escaped, bad UTF-8 → U+FFFD). */
export function writeGoJsonString(out: usize, p: usize, n: usize): void {
  tbByte(out, 0x22);
  let i: usize = 0;
  while (i < n) {
    const c = load<u8>(p + i);
    if (c < 0x80) {
      if (c == 0x22 || c == 0x5c) {
        tbByte(out, 0x5c);
        tbByte(out, c);
      } else if (c == 0x0a) tbLit(out, "\\n");
      else if (c == 0x0d) tbLit(out, "\\r");
      else if (c == 0x09) tbLit(out, "\\t");
      else if (c == 0x08) tbLit(out, "\\b");
      else if (c == 0x0c) tbLit(out, "\\f");
      else if (c < 0x20 || c == 0x3c || c == 0x3e || c == 0x26) writeU4(out, c);
      else tbByte(out, c);
      i++;
      continue;
    }
    const k = utf8Strict(p + i, n - i);
    if (k == 0) {
      tbLit(out, "\\ufffd");
      i++;
      continue;
    }
    if (decodedRune() == 0x2028 || decodedRune() == 0x2029) writeU4(out, decodedRune());
    else tbBytes(out, p + i, k);
    i += k;
  }
  tbByte(out, 0x22);
}

// Indentation settings of the current marshal (prefix/indent strings; pretty off when indentP == 0 && !pretty).
let pretty = false;
let prefixP: usize = 0;
let prefixN: usize = 0;
let indentP: usize = 0;
let indentN: usize = 0;

function newline(out: usize, depth: i32): void {
  tbByte(out, 0x0a);
  tbBytes(out, prefixP, prefixN);
  for (let d: i32 = 0; d < depth; d++) tbBytes(out, indentP, indentN);
}

function writeKey(out: usize, k: usize): void {
  if (load<u8>(k) == T_STRING) {
    writeGoJsonString(out, strPtr(k), strLen(k));
    return;
  }
  // Non-string key: its JSON text as a string (like OPA's ast.JSON of such keys).
  const tmp = tbNew(16);
  writeGoJson(tmp, k, 0);
  writeGoJsonString(out, tbPtr(tmp), tbLen(tmp));
}

let gjDepth: i32 = 0;

export function writeGoJson(out: usize, v: usize, depth: i32): void {
  if (++gjDepth > MAX_NESTING) {
    gjDepth = 0;
    abortWith("json.marshal: value nested too deeply (more than 3000 levels)");
  }
  writeGoJsonInner(out, v, depth);
  gjDepth--;
}

function writeGoJsonInner(out: usize, v: usize, depth: i32): void {
  if (tbScalar(out, v)) return;
  switch (load<u8>(v)) {
    case T_STRING:
      writeGoJsonString(out, strPtr(v), strLen(v));
      return;
    case T_ARRAY:
    case T_SET: {
      const isSet = load<u8>(v) == T_SET;
      if (isSet) ensureSorted(v);
      const n = isSet ? tableLen(v) : arrLen(v);
      tbByte(out, 0x5b);
      for (let i: usize = 0; i < n; i++) {
        if (i > 0) tbByte(out, 0x2c);
        if (pretty) newline(out, depth + 1);
        writeGoJson(out, isSet ? keyAt(v, i) : arrGet(v, i), depth + 1);
      }
      if (pretty && n > 0) newline(out, depth);
      tbByte(out, 0x5d);
      return;
    }
    case T_OBJECT: {
      ensureSorted(v);
      const n = tableLen(v);
      tbByte(out, 0x7b);
      for (let i: usize = 0; i < n; i++) {
        if (i > 0) tbByte(out, 0x2c);
        if (pretty) newline(out, depth + 1);
        writeKey(out, keyAt(v, i));
        tbByte(out, 0x3a);
        if (pretty) tbByte(out, 0x20);
        writeGoJson(out, valAt(v, i), depth + 1);
      }
      if (pretty && n > 0) newline(out, depth);
      tbByte(out, 0x7d);
      return;
    }
  }
  tbLit(out, "null");
}

export function b_json__marshal(v: usize): usize {
  if (v == 0) return 0;
  pretty = false;
  const out = tbNew(64);
  writeGoJson(out, v, 0);
  return tbString(out);
}

const TAB: usize = memory.data<u8>([9]);

/** Options {pretty, indent, prefix}; indent/prefix imply pretty unless pretty is given. */
export function b_json__marshal_with_options(v: usize, opts: usize): usize {
  if (v == 0 || !isType(opts, T_OBJECT)) return 0;
  let explicit = false;
  let implicit = false;
  let want = false;
  prefixP = 0;
  prefixN = 0;
  indentP = TAB;
  indentN = 1;
  const n = tableLen(opts);
  for (let i: usize = 0; i < n; i++) {
    const k = keyAt(opts, i);
    const x = valAt(opts, i);
    if (!isType(k, T_STRING)) return 0;
    const kp = strPtr(k), kn = strLen(k);
    if (kn == 6 && memory.compare(kp, changetypeAscii("prefix"), 6) == 0) {
      if (!isType(x, T_STRING)) return 0;
      implicit = true;
      prefixP = strPtr(x);
      prefixN = strLen(x);
    } else if (kn == 6 && memory.compare(kp, changetypeAscii("indent"), 6) == 0) {
      if (!isType(x, T_STRING)) return 0;
      implicit = true;
      indentP = strPtr(x);
      indentN = strLen(x);
    } else if (kn == 6 && memory.compare(kp, changetypeAscii("pretty"), 6) == 0) {
      if (!isType(x, T_BOOLEAN)) return 0;
      explicit = true;
      want = load<u8>(x, 1) != 0;
    } else return 0;
  }
  pretty = explicit ? want : implicit;
  const out = tbNew(64);
  writeGoJson(out, v, 0);
  pretty = false;
  return tbString(out);
}

/** ASCII bytes of a literal in a fresh block (for memory.compare against string values). */
function changetypeAscii(s: string): usize {
  const p = changetype<usize>(s);
  const n = <usize>(load<u32>(p - 4) >> 1);
  const buf = opa_malloc(n + 1);
  for (let i: usize = 0; i < n; i++) store<u8>(buf + i, <u8>load<u16>(p + (i << 1)));
  return buf;
}

export function b_json__unmarshal(s: usize): usize {
  if (!isType(s, T_STRING)) return 0;
  return opa_json_parse(strPtr(s), strLen(s));
}

export function b_json__is_valid(s: usize): usize {
  if (!isType(s, T_STRING)) return boolValue(false);
  return boolValue(opa_json_parse(strPtr(s), strLen(s)) != 0);
}

