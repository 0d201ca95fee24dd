// Parsers: opa_json_parse (strict JSON) and opa_value_parse (JSON plus Rego set literals
// `{1,2}`, `set()` and non-string object keys). Input: UTF-8 bytes (ptr, len). Output: a
// value or 0 on any syntax error. Iterative (explicit frame stack), so deep nesting is fine.
// Strings without escapes reference the input bytes (no copy); escaped ones are decoded.

import { opa_malloc, opa_free, realloc } from "./malloc";
import { T_STRING, T_OBJECT, T_SET, NULL_V, TRUE_V, FALSE_V, newString, newArray, arrPush } from "./value";
import { parseNumber } from "./number";
import { tableNew, tableInsert } from "./table";

const K_ARRAY: u32 = 1;
const K_OBJ_KEY: u32 = 2;
const K_OBJ_VAL: u32 = 3;
const K_BRACE_FIRST: u32 = 4;
const K_SET: u32 = 5;

let src: usize = 0;
let end: usize = 0;
let pos: usize = 0;

// @ts-ignore: decorator
@inline function peek(): u32 {
  return pos < end ? <u32>load<u8>(pos) : 0xffffffff;
}

function skipWs(): void {
  while (pos < end) {
    const c = load<u8>(pos);
    if (c != 0x20 && c != 0x0a && c != 0x0d && c != 0x09) return;
    pos++;
  }
}

function matchLit(s: string): bool {
  const p = changetype<usize>(s);
  const n = <usize>(load<u32>(p - 4) >> 1);
  if (end - pos < n) return false;
  for (let i: usize = 0; i < n; i++) {
    if (<u16>load<u8>(pos + i) != load<u16>(p + (i << 1))) return false;
  }
  pos += n;
  return true;
}

function hexVal(c: u32): i32 {
  if (c >= 0x30 && c <= 0x39) return <i32>(c - 0x30);
  c |= 0x20;
  if (c >= 0x61 && c <= 0x66) return <i32>(c - 0x57);
  return -1;
}

function read4Hex(at: usize): i32 {
  if (at + 4 > end) return -1;
  let v: i32 = 0;
  for (let i: usize = 0; i < 4; i++) {
    const h = hexVal(<u32>load<u8>(at + i));
    if (h < 0) return -1;
    v = (v << 4) | h;
  }
  return v;
}

function putUtf8(out: usize, cp: u32): usize {
  if (cp < 0x80) {
    store<u8>(out, <u8>cp);
    return 1;
  }
  if (cp < 0x800) {
    store<u8>(out, <u8>(0xc0 | (cp >> 6)));
    store<u8>(out + 1, <u8>(0x80 | (cp & 0x3f)));
    return 2;
  }
  if (cp < 0x10000) {
    store<u8>(out, <u8>(0xe0 | (cp >> 12)));
    store<u8>(out + 1, <u8>(0x80 | ((cp >> 6) & 0x3f)));
    store<u8>(out + 2, <u8>(0x80 | (cp & 0x3f)));
    return 3;
  }
  store<u8>(out, <u8>(0xf0 | (cp >> 18)));
  store<u8>(out + 1, <u8>(0x80 | ((cp >> 12) & 0x3f)));
  store<u8>(out + 2, <u8>(0x80 | ((cp >> 6) & 0x3f)));
  store<u8>(out + 3, <u8>(0x80 | (cp & 0x3f)));
  return 4;
}

/** Parses a string starting at the opening quote (pos). Returns a string value or 0. */
function parseString(): usize {
  pos++;
  const start = pos;
  let escaped = false;
  while (true) {
    if (pos >= end) return 0;
    const c = load<u8>(pos);
    if (c == 0x22) break;
    if (c < 0x20) return 0;
    if (c == 0x5c) {
      escaped = true;
      pos += 2;
      continue;
    }
    pos++;
  }
  const rawEnd = pos;
  if (rawEnd > end) return 0;
  pos++; // closing quote
  if (!escaped) return newString(start, rawEnd - start);
  const buf = opa_malloc(rawEnd - start);
  let o: usize = 0;
  let i = start;
  while (i < rawEnd) {
    const c = load<u8>(i);
    if (c != 0x5c) {
      store<u8>(buf + o++, c);
      i++;
      continue;
    }
    if (i + 1 >= rawEnd) return 0;
    const e = load<u8>(i + 1);
    i += 2;
    switch (e) {
      case 0x22: store<u8>(buf + o++, 0x22); break;
      case 0x5c: store<u8>(buf + o++, 0x5c); break;
      case 0x2f: store<u8>(buf + o++, 0x2f); break;
      case 0x62: store<u8>(buf + o++, 0x08); break;
      case 0x66: store<u8>(buf + o++, 0x0c); break;
      case 0x6e: store<u8>(buf + o++, 0x0a); break;
      case 0x72: store<u8>(buf + o++, 0x0d); break;
      case 0x74: store<u8>(buf + o++, 0x09); break;
      case 0x75: {
        let cp = read4Hex(i);
        if (cp < 0 || i + 4 > rawEnd) return 0;
        i += 4;
        if (cp >= 0xd800 && cp <= 0xdbff) {
          let lo: i32 = -1;
          if (i + 6 <= rawEnd && load<u8>(i) == 0x5c && load<u8>(i + 1) == 0x75) lo = read4Hex(i + 2);
          if (lo >= 0xdc00 && lo <= 0xdfff) {
            cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
            i += 6;
          } else cp = 0xfffd;
        } else if (cp >= 0xdc00 && cp <= 0xdfff) cp = 0xfffd;
        o += putUtf8(buf + o, <u32>cp);
        break;
      }
      default:
        return 0;
    }
  }
  return newString(buf, o);
}

function parseNumberToken(): usize {
  const start = pos;
  while (pos < end) {
    const c = load<u8>(pos);
    if ((c >= 0x30 && c <= 0x39) || c == 0x2d || c == 0x2b || c == 0x2e || c == 0x65 || c == 0x45) pos++;
    else break;
  }
  return parseNumber(start, pos - start);
}

let stack: usize = 0;
let stackCap: usize = 0;
let sp: usize = 0;

function push(kind: u32, container: usize): void {
  if (sp >= stackCap) {
    const ncap: usize = stackCap < 16 ? 16 : stackCap << 1;
    stack = realloc(stack, stackCap * 12, ncap * 12);
    stackCap = ncap;
  }
  const f = stack + sp * 12;
  store<u32>(f, kind);
  store<u32>(f, <u32>container, 4);
  store<u32>(f, 0, 8);
  sp++;
}

function parse(p: usize, n: usize, rego: bool): usize {
  src = p;
  pos = p;
  end = p + n;
  sp = 0;
  stackCap = 0;
  stack = 0;
  const r = parseLoop(rego);
  if (stack != 0) opa_free(stack);
  stack = 0;
  stackCap = 0;
  return r;
}

function parseLoop(rego: bool): usize {
  while (true) {
    // ---- parse the start of a value ----
    skipWs();
    const c = peek();
    let value: usize = 0;
    if (c == 0x5b) {
      pos++;
      const arr = newArray(0);
      skipWs();
      if (peek() == 0x5d) {
        pos++;
        value = arr;
      } else {
        push(K_ARRAY, arr);
        continue;
      }
    } else if (c == 0x7b) {
      pos++;
      skipWs();
      if (peek() == 0x7d) {
        pos++;
        value = tableNew(T_OBJECT, 0);
      } else if (rego) {
        push(K_BRACE_FIRST, 0);
        continue;
      } else {
        push(K_OBJ_KEY, tableNew(T_OBJECT, 0));
        continue;
      }
    } else if (c == 0x22) {
      value = parseString();
    } else if (c == 0x74) {
      if (matchLit("true")) value = TRUE_V;
    } else if (c == 0x66) {
      if (matchLit("false")) value = FALSE_V;
    } else if (c == 0x6e) {
      if (matchLit("null")) value = NULL_V;
    } else if (c == 0x73 && rego) {
      if (matchLit("set()")) value = tableNew(T_SET, 0);
    } else if (c == 0x2d || (c >= 0x30 && c <= 0x39)) {
      value = parseNumberToken();
    }
    if (value == 0) return 0;

    // ---- reduce: hand the finished value to the enclosing frames ----
    let next = false;
    while (!next) {
      if (sp == 0) {
        skipWs();
        return pos == end ? value : 0;
      }
      const f = stack + (sp - 1) * 12;
      const kind = load<u32>(f);
      const container = <usize>load<u32>(f, 4);
      if (kind == K_ARRAY) {
        arrPush(container, value);
        skipWs();
        const d = peek();
        pos++;
        if (d == 0x2c) next = true;
        else if (d == 0x5d) {
          value = container;
          sp--;
        } else return 0;
      } else if (kind == K_OBJ_KEY) {
        if (!rego && load<u8>(value) != T_STRING) return 0;
        store<u32>(f, <u32>value, 8);
        skipWs();
        if (peek() != 0x3a) return 0;
        pos++;
        store<u32>(f, K_OBJ_VAL);
        next = true;
      } else if (kind == K_OBJ_VAL) {
        tableInsert(container, <usize>load<u32>(f, 8), value);
        skipWs();
        const d = peek();
        pos++;
        if (d == 0x2c) {
          store<u32>(f, K_OBJ_KEY);
          next = true;
        } else if (d == 0x7d) {
          value = container;
          sp--;
        } else return 0;
      } else if (kind == K_BRACE_FIRST) {
        skipWs();
        const d = peek();
        pos++;
        if (d == 0x3a) {
          store<u32>(f, K_OBJ_VAL);
          store<u32>(f, <u32>tableNew(T_OBJECT, 0), 4);
          store<u32>(f, <u32>value, 8);
          next = true;
        } else if (d == 0x2c || d == 0x7d) {
          const s = tableNew(T_SET, 0);
          tableInsert(s, value, 0);
          if (d == 0x2c) {
            store<u32>(f, K_SET);
            store<u32>(f, <u32>s, 4);
            next = true;
          } else {
            value = s;
            sp--;
          }
        } else return 0;
      } else {
        // K_SET
        tableInsert(container, value, 0);
        skipWs();
        const d = peek();
        pos++;
        if (d == 0x2c) next = true;
        else if (d == 0x7d) {
          value = container;
          sp--;
        } else return 0;
      }
    }
  }
  return 0;
}

export function opa_json_parse(p: usize, n: usize): usize {
  return parse(p, n, false);
}

export function opa_value_parse(p: usize, n: usize): usize {
  return parse(p, n, true);
}
