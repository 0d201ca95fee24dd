/*
 * Fast path for plan JSON: one validating pass over the raw UTF-8 bytes, read in chunks through a
 * small window (a file is never held whole), that builds only what extraction reads: a stub
 * {address, module_address, mode, type, change.actions} per change, the network-relevant
 * prior_state values, configuration and variables; each Lambda change is shape-checked on its
 * bytes (plan-schema's LAMBDA_VALUES), copied to a compact store and parsed once, when extracted
 * (Plan.fullChange). Input: bytes, or a ByteSource (a file descriptor) + display path. Output: a
 * Plan, or undefined whenever anything is unusual (syntax, hazard, shape, schema): the caller then
 * runs the precise reader (plan-json.ts), so both paths accept and refuse exactly the same documents.
 */

import { Buffer, isAscii, isUtf8 } from "node:buffer";
import { readSync } from "node:fs";
import type { JsonObject, Plan, ResourceChange, StateModule, StateResource } from "./plan-types.js";
import { LAMBDA_VALUES, PLAN, checkPlanShape, type Shape } from "./plan-schema.js";
import { MAX_INPUT_BYTES, MAX_JSON_DEPTH } from "./input-guard.js";
import { CONFIG_TYPES, COUNTED_TYPES, STATE_VALUE_TYPES } from "../lambda/plan-facts.js";

/** Bail aborts the fast path; the caller falls back to the precise reader. */
class Bail {}
const BAIL = new Bail();

/** ByteSource writes the next bytes of the input into `into[at, at + max)` and returns their count (0 at the end). */
export type ByteSource = (into: Uint8Array, at: number, max: number) => number;

/** bytesSource reads an in-memory input. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  let pos = 0;
  return (into, at, max) => {
    const n = Math.min(max, bytes.length - pos);
    into.set(bytes.subarray(pos, pos + n), at);
    pos += n;
    return n;
  };
}

/** fileSource reads an open file from its start; a read error declines the fast path. */
export function fileSource(fd: number): ByteSource {
  let pos = 0;
  return (into, at, max) => {
    let n: number;
    try {
      n = readSync(fd, into, at, max, pos);
    } catch {
      throw BAIL;
    }
    pos += n;
    return n;
  };
}

const ACTIONS = new Set(["no-op", "create", "read", "update", "delete", "forget"]);
const LAMBDA = "aws_lambda_function";
/** COUNTED: the COUNTED_TYPES names as bytes (all start with "aws_"). */
const COUNTED = COUNTED_TYPES.map((t) => {
  if (!t.startsWith("aws_")) throw new Error("plan-scan: COUNTED_TYPES must start with aws_");
  return new TextEncoder().encode(t);
});

/** Skip modes for values that are validated but not built. */
const ANY = 0;
const BOOLTREE = 1;

/** WINDOW is the size of one read (the window grows only while a built value is longer). */
const WINDOW = 1 << 20;
/** NONE: no pinned offset. */
const NONE = 0x3fffffff;
const FNV_BASIS = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

const HEX = new Uint8Array(256).fill(255);
for (let c = 0; c < 10; c++) HEX[0x30 + c] = c;
for (let c = 0; c < 6; c++) { HEX[0x41 + c] = 10 + c; HEX[0x61 + c] = 10 + c; }
const TRUE = [0x74, 0x72, 0x75, 0x65];
const FALSE = [0x66, 0x61, 0x6c, 0x73, 0x65];
const NULL = [0x6e, 0x75, 0x6c, 0x6c];
const enc = new TextEncoder();

/** fnv hashes the UTF-8 bytes of a key the way the scanner hashes an unescaped key. */
function fnv(s: string): number {
  let h = FNV_BASIS;
  for (const c of enc.encode(s)) h = Math.imul(h ^ c, FNV_PRIME);
  return h;
}

/** KeyTable maps the keys a walker knows to small ids (open addressing on the key hash). */
interface KeyTable {
  readonly names: readonly string[];
  readonly hashes: Int32Array;
  readonly ids: Int16Array;
  readonly mask: number;
  readonly byName: ReadonlyMap<string, number>;
}

function keyTable(names: readonly string[]): KeyTable {
  let size = 16;
  while (size < names.length * 4) size *= 2;
  const hashes = new Int32Array(size);
  const ids = new Int16Array(size).fill(-1);
  names.forEach((n, id) => {
    const h = fnv(n);
    let s = h & (size - 1);
    while (ids[s] !== -1) s = (s + 1) & (size - 1);
    hashes[s] = h;
    ids[s] = id;
  });
  return { names, hashes, ids, mask: size - 1, byName: new Map(names.map((n, i) => [n, i])) };
}

// Keys of the structures the scan walks (ids are indices in each list).
const TOP = keyTable(["resource_changes", "planned_values", "prior_state", "resource_drift", "relevant_attributes", "checks", "output_changes",
  "format_version", "terraform_version", "errored", "applyable", "complete", "timestamp", "variables", "configuration"]);
const T_RC = 0, T_PV = 1, T_PS = 2, T_DRIFT = 3, T_REL = 4, T_CHECKS = 5, T_OUT = 6, T_BUILT = 7, T_CONFIG = 14;
const RC = keyTable(["address", "module_address", "mode", "type", "change", "name", "provider_name", "deposed", "action_reason"]);
const R_ADDRESS = 0, R_MODULE = 1, R_MODE = 2, R_TYPE = 3, R_CHANGE = 4;
const CH = keyTable(["actions", "before", "after", "after_unknown", "before_sensitive", "after_sensitive", "replace_paths"]);
const C_ACTIONS = 0, C_BEFORE = 1, C_AFTER = 2, C_REPLACE = 6;
const MOD = keyTable(["address", "resources", "child_modules"]);
const HOLDER = keyTable(["root_module", "outputs"]);
const PRIOR = keyTable(["format_version", "terraform_version", "values"]);
const RES = keyTable(["address", "type", "mode", "name", "values", "sensitive_values"]);

/** fieldOf is the shape of field `name` of an object shape (through lazy and nullable). */
function fieldOf(s: Shape, name: string): Shape {
  while (s.kind === "lazy" || s.kind === "nullable") s = s.kind === "lazy" ? s.get() : s.of;
  const f = s.kind === "object" ? s.fields?.[name] : undefined;
  if (f === undefined) throw new Error(`plan-schema: no field ${name}`);
  return f;
}
function objectShape(s: Shape): Shape & { kind: "object" } {
  while (s.kind === "lazy" || s.kind === "nullable" || s.kind === "list" || s.kind === "map") s = s.kind === "lazy" ? s.get() : s.of;
  if (s.kind !== "object") throw new Error("plan-schema: not an object shape");
  return s;
}
// The configuration parts the scan builds (everything else in it is checked on the bytes only).
const CONFIGURATION = objectShape(fieldOf(PLAN, "configuration"));
const PROVIDER_CONFIG = fieldOf(CONFIGURATION, "provider_config");
const CONFIG_MODULE = objectShape(fieldOf(CONFIGURATION, "root_module"));
const CONFIG_RESOURCE = objectShape(fieldOf(CONFIG_MODULE, "resources"));
const MODULE_CALL = objectShape(fieldOf(CONFIG_MODULE, "module_calls"));

/** CompiledShape is an object shape with its fields as a key table. */
interface CompiledShape { readonly table: KeyTable; readonly shapes: Shape[]; readonly required: number[] }
const shapeTables = new WeakMap<Shape, CompiledShape>();
function shapeTable(s: Shape & { kind: "object" }): CompiledShape {
  let t = shapeTables.get(s);
  if (t === undefined) {
    const fields = Object.entries(s.fields ?? {});
    const names = [...fields.map(([k]) => k), ...(s.required ?? []).filter((r) => !(s.fields !== undefined && r in s.fields))];
    t = { table: keyTable(names), shapes: names.map((n) => s.fields?.[n] ?? { kind: "any" }), required: (s.required ?? []).map((r) => names.indexOf(r)) };
    shapeTables.set(s, t);
  }
  return t;
}

// The walked configuration shapes, compiled (they have no required fields: the walkers do not check any).
const C_CONFIGURATION = shapeTable(CONFIGURATION);
const C_MODULE = shapeTable(CONFIG_MODULE);
const C_CALL = shapeTable(MODULE_CALL);
const C_RESOURCE = shapeTable(CONFIG_RESOURCE);
const fieldId = (c: CompiledShape, name: string): number => {
  if (c.required.length > 0) throw new Error("plan-schema: a walked configuration shape has required fields");
  const id = c.table.byName.get(name);
  if (id === undefined) throw new Error(`plan-schema: no field ${name}`);
  return id;
};
const F_PROVIDER_CONFIG = fieldId(C_CONFIGURATION, "provider_config");
const F_ROOT_MODULE = fieldId(C_CONFIGURATION, "root_module");
const F_RESOURCES = fieldId(C_MODULE, "resources");
const F_MODULE_CALLS = fieldId(C_MODULE, "module_calls");
const F_MODULE = fieldId(C_CALL, "module");
const F_TYPE = fieldId(C_RESOURCE, "type");

/**
 * Scanner walks the input through a window: `b[k]` holds the byte at absolute offset `base + k`,
 * and `b[end - base]` is a 0 sentinel (a byte JSON never has outside a string, and a control
 * character inside one), so every loop stops there and asks `more` for the next chunk. Every
 * method takes and returns absolute offsets; a token's start (and `keep`, for values built
 * later) stays in the window while it is read.
 */
class Scanner {
  b: Buffer;
  base = 0;
  end = 0;
  eof = false;
  /** keep: the earliest offset still needed (a span copied or parsed when its value ends). */
  keep = NONE;
  /** checked: the input is valid UTF-8 up to here. */
  checked = 0;
  /** depth of open containers (MAX_JSON_DEPTH as the precise reader). */
  depth = 0;
  /** pos: the offset after the container `next` or `open*` just closed. */
  pos = 0;
  /** kid: the id of the key `keyIn` just read, or -1. */
  kid = -1;
  lastHash = 0;
  lastEscaped = false;
  /** Per-depth key hashes of the open objects (duplicate detection); a Set once an object has many keys. */
  readonly keyHashes: Int32Array[] = [];
  readonly keyCount = new Int32Array(MAX_JSON_DEPTH + 2);
  /** Per-depth bit set of the known keys (keyIn ids below 31) seen in the open object. */
  readonly seenIds = new Int32Array(MAX_JSON_DEPTH + 2);
  readonly bigKeys: (Set<number> | undefined)[] = [];
  /** kinds[d]: 0x7b or 0x5b, the container open at depth d (skip). */
  readonly kinds = new Uint8Array(MAX_JSON_DEPTH + 2);
  /** interned short string values (types, modes, module addresses, actions) by hash. */
  readonly internTable = new Map<number, string>();
  readonly read: ByteSource;
  /** unit: the window's size to start with and the room it keeps for a read. */
  readonly unit: number;

  constructor(read: ByteSource, window: number) {
    this.read = read;
    this.unit = Math.max(8, window);
    this.b = Buffer.allocUnsafe(this.unit + 1);
    this.b[0] = 0;
    this.fill(0);
  }

  /** fill drops the bytes before `from` (or the pinned `keep`), reads the next chunk and sets the sentinel. */
  fill(from: number): void {
    if (from > this.keep) from = this.keep;
    if (from > this.checked) from = this.checked;
    const live = this.end - from;
    let b = this.b;
    const rel = from - this.base;
    if (b.length - 1 - live < this.unit >> 1) {
      const nb = Buffer.allocUnsafe(Math.max(b.length * 2, live + this.unit + 1));
      nb.set(b.subarray(rel, rel + live), 0); // (Buffer#copy costs microseconds per call on Node 20)
      this.b = b = nb;
    } else if (rel > 0) {
      b.copyWithin(0, rel, rel + live);
    }
    this.base = from;
    const n = this.read(b, live, b.length - 1 - live);
    if (n === 0) this.eof = true;
    this.end += n;
    if (this.end > MAX_INPUT_BYTES) throw BAIL;
    b[this.end - from] = 0;
    this.validate();
  }

  /** validate checks the UTF-8 read so far (natively), holding back a sequence cut by the chunk's end. */
  validate(): void {
    let v = this.end;
    const b = this.b;
    const base = this.base;
    if (!this.eof) {
      for (let k = 1; k <= 3 && v - k >= this.checked; k++) {
        const c = b[v - k - base] ?? 0;
        if (c < 0x80) break;
        if (c >= 0xc0) {
          if (k < (c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2)) v -= k;
          break;
        }
      }
    }
    if (v > this.checked) {
      if (!isUtf8(b.subarray(this.checked - base, v - base))) throw BAIL;
      this.checked = v;
    }
  }

  /** more reads the next chunk when `at` is the end of what was read (keeping `from` on); false at the real end. */
  more(at: number, from: number): boolean {
    if (at !== this.end || this.eof) return false;
    this.fill(from);
    return this.end > at;
  }

  /** need makes `n` bytes from `at` readable (fewer at the end of the input), keeping `from` on. */
  need(at: number, n: number, from: number): void {
    while (this.end < at + n && !this.eof) this.fill(from);
  }

  /** at is the byte at offset i (in the window). */
  at(i: number): number {
    return this.b[i - this.base] as number;
  }

  ws(i: number): number {
    let b = this.b;
    let base = this.base;
    let j = i - base;
    for (;;) {
      const c = b[j];
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) { j++; continue; }
      if (c === 0) {
        const a = j + base;
        if (this.more(a, a)) { b = this.b; base = this.base; j = a - base; continue; }
      }
      return j + base;
    }
  }

  /** str validates the string whose quote is at i and returns the offset after it. */
  str(i: number): number {
    let b = this.b;
    let base = this.base;
    let j = i + 1 - base;
    this.lastEscaped = false;
    for (;;) {
      const c = b[j] as number;
      if (c === 0x22) return j + 1 + base;
      if (c >= 0x20 && c !== 0x5c) { j++; continue; }
      let a = j + base;
      if (c === 0x5c) { this.lastEscaped = true; a = this.escape(a, i); } else if (c !== 0 || !this.more(a, i)) throw BAIL;
      b = this.b; base = this.base; j = a - base;
    }
  }

  /** strH is str that also hashes the raw bytes (FNV-1a) into lastHash. */
  strH(i: number): number {
    let b = this.b;
    let base = this.base;
    let j = i + 1 - base;
    let h = FNV_BASIS;
    this.lastEscaped = false;
    for (;;) {
      const c = b[j] as number;
      if (c === 0x22) { this.lastHash = h; return j + 1 + base; }
      if (c >= 0x20 && c !== 0x5c) { h = Math.imul(h ^ c, FNV_PRIME); j++; continue; }
      let a = j + base;
      if (c === 0x5c) { this.lastEscaped = true; a = this.escape(a, i); } else if (c !== 0 || !this.more(a, i)) throw BAIL;
      b = this.b; base = this.base; j = a - base;
    }
  }

  /** escape validates the escape whose backslash is at p (no lone surrogates); returns the offset after it. */
  escape(p: number, from: number): number {
    if (this.end - p < 12) this.need(p, 12, from);
    const b = this.b;
    const k = p - this.base;
    const e = b[k + 1];
    if (e === 0x75) {
      const u = hex4(b, k + 2);
      if (u >= 0xd800 && u <= 0xdbff) {
        if (b[k + 6] !== 0x5c || b[k + 7] !== 0x75) throw BAIL;
        const lo = hex4(b, k + 8);
        if (lo < 0xdc00 || lo > 0xdfff) throw BAIL;
        return p + 12;
      }
      if (u >= 0xdc00 && u <= 0xdfff) throw BAIL;
      return p + 6;
    }
    if (e === 0x22 || e === 0x5c || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) return p + 2;
    throw BAIL;
  }

  /** text decodes the string just scanned at [s, e) (quotes included). */
  text(s: number, e: number): string {
    const r = s - this.base;
    if (this.lastEscaped) return JSON.parse(this.b.toString("utf8", r, r + e - s)) as string;
    return this.b.toString("utf8", r + 1, r + e - s - 1);
  }

  /** string reads a string value at i (any other value bails); this.pos is the offset after it. */
  string(i: number): string {
    if (this.at(i) !== 0x22) throw BAIL;
    const e = this.str(i);
    this.pos = e;
    return this.text(i, e);
  }

  /** interned reads a short string value at i, shared by hash (types, modes, module addresses). */
  interned(i: number): string {
    if (this.at(i) !== 0x22) throw BAIL;
    const e = this.strH(i);
    this.pos = e;
    if (this.lastEscaped || e - i > 130) return this.text(i, e);
    const key = this.lastHash & 0x3fffffff;
    const hit = this.internTable.get(key);
    if (hit !== undefined && this.equals(i + 1, e - 1, hit)) return hit;
    const t = this.text(i, e);
    if (t.length === e - i - 2 && this.internTable.size < 4096) this.internTable.set(key, t);
    return t;
  }

  /** mentionsCounted: the string at i (scanned, in the window) may name a COUNTED_TYPES type once decoded. */
  mentionsCounted(i: number): boolean {
    const b = this.b;
    const s = i + 1 - this.base;
    const e = this.str(i) - 1 - this.base;
    for (let k = s; k < e; k++) {
      const c = b[k];
      if (c === 0x5c && b[k + 1] === 0x75) return true; // a \u escape may spell anything
      if (c !== 0x61 || b[k + 1] !== 0x77 || b[k + 2] !== 0x73 || b[k + 3] !== 0x5f) continue; // "aws_"
      for (const t of COUNTED) {
        let m = 4;
        while (m < t.length && b[k + m] === t[m]) m++;
        if (m === t.length) return true;
      }
    }
    return false;
  }

  /** equals compares the bytes [s, e) with an ASCII string. */
  equals(s: number, e: number, t: string): boolean {
    if (t.length !== e - s) return false;
    const b = this.b;
    const r = s - this.base;
    for (let k = 0; k < t.length; k++) if (b[r + k] !== t.charCodeAt(k)) return false;
    return true;
  }

  num(i: number): number {
    if (this.end - i < 32) this.need(i, 32, i);
    const b = this.b;
    const base = this.base;
    const s = i - base;
    let j = s;
    if (b[j] === 0x2d) j++;
    let c = b[j] as number;
    if (c === 0x30) j++;
    else if (c >= 0x31 && c <= 0x39) { j++; c = b[j] as number; while (c >= 0x30 && c <= 0x39) c = b[++j] as number; }
    else throw BAIL;
    let plain = true;
    if (b[j] === 0x2e) {
      plain = false;
      c = b[++j] as number;
      if (c < 0x30 || c > 0x39) throw BAIL;
      while (c >= 0x30 && c <= 0x39) c = b[++j] as number;
    }
    if (b[j] === 0x65 || b[j] === 0x45) {
      plain = false;
      c = b[++j] as number;
      if (c === 0x2b || c === 0x2d) c = b[++j] as number;
      if (c < 0x30 || c > 0x39) throw BAIL;
      while (c >= 0x30 && c <= 0x39) c = b[++j] as number;
    }
    // Long literals and exponents: let the precise reader decide (2^53, overflow).
    if (j - s > 15 || (!plain && !Number.isFinite(Number(b.toString("latin1", s, j))))) throw BAIL;
    return j + base;
  }

  lit(i: number, word: readonly number[]): number {
    if (this.end - i < 5) this.need(i, 5, i);
    const b = this.b;
    const r = i - this.base;
    for (let k = 0; k < word.length; k++) if (b[r + k] !== word[k]) throw BAIL;
    return i + word.length;
  }

  /** keyHash returns the duplicate-detection hash of the key string just scanned at [s, e). */
  keyHash(s: number, e: number): number {
    return this.lastEscaped ? fnv(this.text(s, e)) : this.lastHash;
  }

  /** resetKeys starts the key list of the object opened at depth d. */
  resetKeys(d: number): void {
    this.keyCount[d] = 0;
    this.seenIds[d] = 0;
    this.bigKeys[d] = undefined;
  }

  /** addKey records a key of the object open at depth d; a repeated hash (a duplicate, or a rare collision) bails. */
  addKey(d: number, h: number): void {
    const big = this.bigKeys[d];
    if (big !== undefined) {
      if (big.has(h)) throw BAIL;
      big.add(h);
      return;
    }
    const hs = this.keyHashes[d] ?? (this.keyHashes[d] = new Int32Array(32));
    const n = this.keyCount[d] as number;
    for (let k = 0; k < n; k++) if (hs[k] === h) throw BAIL;
    if (n < 32) {
      hs[n] = h;
      this.keyCount[d] = n + 1;
    } else {
      // Many keys (a map): a hash set from here on.
      const set = new Set<number>(hs);
      set.add(h);
      this.bigKeys[d] = set;
    }
  }

  /** key reads `"key" :` of the innermost object and returns the offset of its value. */
  key(i: number): number {
    if (this.at(i) !== 0x22) throw BAIL;
    const e = this.strH(i);
    this.addKey(this.depth, this.keyHash(i, e));
    return this.colon(e);
  }

  /** colon reads `:` after a key ending at e and returns the offset of the value (compact JSON first). */
  colon(e: number): number {
    const b = this.b;
    const r = e - this.base;
    if (b[r] === 0x3a) {
      const c = b[r + 1];
      return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0 ? this.ws(e + 1) : e + 1;
    }
    const j = this.ws(e);
    if (this.at(j) !== 0x3a) throw BAIL;
    return this.ws(j + 1);
  }

  /** keyIn is key that also looks the key up in `t`: this.kid is its id there, or -1. */
  keyIn(i: number, t: KeyTable): number {
    if (this.at(i) !== 0x22) throw BAIL;
    const e = this.strH(i);
    let h = this.lastHash;
    let id = -1;
    if (this.lastEscaped) {
      const k = this.text(i, e);
      h = fnv(k);
      id = t.byName.get(k) ?? -1;
    } else {
      for (let s = h & t.mask; ; s = (s + 1) & t.mask) {
        const c = t.ids[s] as number;
        if (c < 0) break;
        if (t.hashes[s] === h) {
          if (this.equals(i + 1, e - 1, t.names[c] as string)) id = c;
          break;
        }
      }
    }
    // A known key is a duplicate when its id was seen in this object; the others go by hash.
    if (id >= 0 && id < 31) {
      const d = this.depth;
      const seen = this.seenIds[d] as number;
      if ((seen & (1 << id)) !== 0) throw BAIL;
      this.seenIds[d] = seen | (1 << id);
    } else {
      this.addKey(this.depth, h);
    }
    this.kid = id;
    return this.colon(e);
  }

  /** openObj reads `{` at i: the offset of the first key, or -1 for `{}` (this.pos after it). */
  openObj(i: number): number {
    if (this.at(i) !== 0x7b) throw BAIL;
    const d = ++this.depth;
    if (d > MAX_JSON_DEPTH) throw BAIL;
    this.resetKeys(d);
    const j = this.ws(i + 1);
    if (this.at(j) !== 0x7d) return j;
    this.depth--;
    this.pos = j + 1;
    return -1;
  }

  /** openArr reads `[` at i: the offset of the first element, or -1 for `[]` (this.pos after it). */
  openArr(i: number): number {
    if (this.at(i) !== 0x5b) throw BAIL;
    if (++this.depth > MAX_JSON_DEPTH) throw BAIL;
    const j = this.ws(i + 1);
    if (this.at(j) !== 0x5d) return j;
    this.depth--;
    this.pos = j + 1;
    return -1;
  }

  /** next follows a member or element ending at i: the next one's offset, or -1 after `close` (this.pos after it). */
  next(i: number, close: number): number {
    let c = this.b[i - this.base];
    if (c !== 0x2c && c !== close) {
      i = this.ws(i);
      c = this.at(i);
    }
    if (c === 0x2c) {
      const n = this.b[i + 1 - this.base];
      return n === 0x20 || n === 0x0a || n === 0x0d || n === 0x09 || n === 0 ? this.ws(i + 1) : i + 1;
    }
    if (c !== close) throw BAIL;
    this.depth--;
    this.pos = i + 1;
    return -1;
  }

  /**
   * skip validates one value at i without building it; objects are checked for duplicate keys.
   * mode BOOLTREE also requires every leaf to be a boolean (null allowed below the root).
   */
  skip(i: number, mode: number): number {
    const d0 = this.depth;
    const kinds = this.kinds;
    let root = true;
    for (;;) {
      const c = this.b[i - this.base];
      if (c === 0x22) {
        if (mode === BOOLTREE) throw BAIL;
        i = this.str(i);
      } else if (c === 0x7b || c === 0x5b) {
        const d = ++this.depth;
        if (d > MAX_JSON_DEPTH) throw BAIL;
        kinds[d] = c;
        i = this.ws(i + 1);
        const n = this.b[i - this.base];
        root = false;
        if (c === 0x7b) {
          this.resetKeys(d);
          if (n !== 0x7d) { i = this.key(i); continue; }
        } else if (n !== 0x5d) continue;
        i++;
        this.depth--;
      } else if (c === 0x74) i = this.lit(i, TRUE);
      else if (c === 0x66) i = this.lit(i, FALSE);
      else if (c === 0x6e) {
        if (mode === BOOLTREE && root) throw BAIL;
        i = this.lit(i, NULL);
      } else {
        if (mode === BOOLTREE) throw BAIL;
        i = this.num(i);
      }
      root = false;
      // after a value: close containers or move to the next element
      for (;;) {
        if (this.depth === d0) return i;
        i = this.ws(i);
        const k = kinds[this.depth];
        const n = this.b[i - this.base];
        if (n === 0x2c) {
          i = this.ws(i + 1);
          if (k === 0x7b) i = this.key(i);
          break;
        }
        if ((k === 0x7b && n === 0x7d) || (k === 0x5b && n === 0x5d)) { i++; this.depth--; continue; }
        throw BAIL;
      }
    }
  }

  /** value builds the value at i (validated first) with JSON.parse on its bytes; this.pos is after it. */
  value(i: number): unknown {
    const keep = this.keep;
    if (i < keep) this.keep = i;
    const e = this.skip(i, ANY);
    this.keep = keep;
    this.pos = e;
    const r = i - this.base;
    return JSON.parse(this.b.toString("utf8", r, r + e - i));
  }

  /** shaped validates the value at i against a plan-schema Shape (checkShape's rules) without building it. */
  shaped(i: number, s: Shape): number {
    const c = this.at(i);
    switch (s.kind) {
      case "string": if (c !== 0x22) throw BAIL; return this.str(i);
      case "bool": if (c === 0x74) return this.lit(i, TRUE); if (c === 0x66) return this.lit(i, FALSE); throw BAIL;
      case "number": if (c !== 0x2d && (c < 0x30 || c > 0x39)) throw BAIL; return this.num(i);
      case "any": return this.skip(i, ANY);
      case "lazy": return this.shaped(i, s.get());
      case "nullable": return c === 0x6e ? this.lit(i, NULL) : this.shaped(i, s.of);
      case "booltree": return this.skip(i, BOOLTREE);
      case "actions": this.actions(i); return this.pos;
      case "list": {
        let n = 0;
        for (let j = this.openArr(i); j >= 0; j = this.next(j, 0x5d)) {
          if (s.max !== undefined && ++n > s.max) throw BAIL;
          j = this.shaped(j, s.of);
        }
        return this.pos;
      }
      case "map":
        for (let j = this.openObj(i); j >= 0; j = this.next(j, 0x7d)) j = this.shaped(this.key(j), s.of);
        return this.pos;
      case "object": {
        const t = shapeTable(s);
        let seen = 0;
        for (let j = this.openObj(i); j >= 0; j = this.next(j, 0x7d)) {
          const v = this.keyIn(j, t.table);
          const id = this.kid;
          if (id >= 0 && id < 31) seen |= 1 << id;
          j = id < 0 ? this.skip(v, ANY) : this.shaped(v, t.shapes[id] as Shape);
        }
        for (const r of t.required) if (r >= 31 || (seen & (1 << r)) === 0) throw BAIL;
        return this.pos;
      }
    }
  }

  /** other validates the value at v of field `id` of a compiled object shape (-1: an unknown field). */
  other(v: number, t: CompiledShape, id: number): number {
    return id < 0 ? this.skip(v, ANY) : this.shaped(v, t.shapes[id] as Shape);
  }

  /** mapKey reads `"key" :` of the innermost object and returns the key; this.pos is the offset of the value. */
  mapKey(i: number): string {
    if (this.at(i) !== 0x22) throw BAIL;
    const e = this.strH(i);
    const k = this.text(i, e);
    this.addKey(this.depth, this.lastEscaped ? fnv(k) : this.lastHash);
    const j = this.ws(e);
    if (this.at(j) !== 0x3a) throw BAIL;
    this.pos = this.ws(j + 1);
    return k;
  }

  /** shapedValue checks the value at i against `s` and builds it; this.pos is after it. */
  shapedValue(i: number, s: Shape): unknown {
    const keep = this.keep;
    if (i < keep) this.keep = i;
    const e = this.shaped(i, s);
    this.keep = keep;
    this.pos = e;
    const r = i - this.base;
    return JSON.parse(this.b.toString("utf8", r, r + e - i));
  }

  /** actions reads change.actions (1 or 2 known actions) into a shared `change` stub; this.pos is after it. */
  actions(i: number): { readonly actions: readonly string[] } {
    let a = "";
    let n = 0;
    for (let j = this.openArr(i); j >= 0; j = this.next(j, 0x5d)) {
      const s = this.interned(j);
      if (!ACTIONS.has(s) || ++n > 2) throw BAIL;
      a = n === 1 ? s : `${a},${s}`;
      j = this.pos;
    }
    if (n === 0) throw BAIL;
    let v = sharedActions.get(a);
    if (v === undefined) sharedActions.set(a, (v = Object.freeze({ actions: Object.freeze(a.split(",")) })));
    return v;
  }
}

/** sharedActions: one frozen `change` stub per combination of actions. */
const sharedActions = new Map<string, { readonly actions: readonly string[] }>();

function hex4(b: Uint8Array, k: number): number {
  let v = 0;
  for (let n = 0; n < 4; n++) {
    const d = HEX[b[k + n] as number] as number;
    if (d === 255) throw BAIL;
    v = v * 16 + d;
  }
  return v;
}

/**
 * LambdaStore keeps the bytes of each Lambda change, in 4 MiB chunks, until it is extracted; a
 * change in an ASCII chunk is decoded as Latin-1 (a copy, no UTF-8 decoding), short-lived.
 */
class LambdaStore {
  readonly chunks: Buffer[] = [];
  readonly lengths: number[] = [];
  /** ascii[c]: chunk c is ASCII (checked when first read). */
  readonly ascii: (boolean | undefined)[] = [];
  /** slot per resourceChanges index: chunk, start, end. */
  readonly spans = new Map<number, [number, number, number]>();

  add(index: number, b: Buffer, s: number, e: number): void {
    const n = e - s;
    let c = this.chunks.length - 1;
    let cur = this.chunks[c];
    if (cur === undefined || (this.lengths[c] as number) + n > cur.length) {
      cur = Buffer.allocUnsafe(Math.max(n, 4 << 20));
      c = this.chunks.push(cur) - 1;
      this.lengths.push(0);
    }
    const at = this.lengths[c] as number;
    cur.set(b.subarray(s, e), at); // (Buffer#copy costs microseconds per call on Node 20)
    this.spans.set(index, [c, at, at + n]);
    this.lengths[c] = at + n;
  }

  get(index: number): ResourceChange | undefined {
    const span = this.spans.get(index);
    if (span === undefined) return undefined;
    const [c, s, e] = span;
    const chunk = this.chunks[c] as Buffer;
    const ascii = (this.ascii[c] ??= isAscii(chunk.subarray(0, this.lengths[c])));
    return JSON.parse(chunk.toString(ascii ? "latin1" : "utf8", s, e)) as ResourceChange;
  }
}

/** State is what the scan builds. */
interface State {
  readonly top: Record<string, unknown>;
  readonly rcs: ResourceChange[];
  readonly store: LambdaStore;
  hasRc: boolean;
  hasPv: boolean;
  priorState?: StateModule;
}

/** change walks a resource change's `change`; returns its actions (before/after Lambda-checked when `lambda`). */
function changeOf(sc: Scanner, i: number, lambda: boolean): { stub: { readonly actions: readonly string[] } | undefined; afterObj: boolean } {
  let stub: { readonly actions: readonly string[] } | undefined;
  let afterObj = false;
  for (let j = sc.openObj(i); j >= 0; j = sc.next(j, 0x7d)) {
    const v = sc.keyIn(j, CH);
    const id = sc.kid;
    if (id === C_ACTIONS) {
      stub = sc.actions(v);
      j = sc.pos;
    } else if (id === C_BEFORE || id === C_AFTER) {
      const c = sc.at(v);
      if (c === 0x6e) j = sc.lit(v, NULL);
      else {
        if (c !== 0x7b) throw BAIL;
        if (id === C_AFTER) afterObj = true;
        j = lambda ? sc.shaped(v, LAMBDA_VALUES) : sc.skip(v, ANY);
      }
    } else if (id === C_REPLACE) {
      for (let k = sc.openArr(v); k >= 0; k = sc.next(k, 0x5d)) {
        if (sc.at(k) !== 0x5b) throw BAIL;
        k = sc.skip(k, ANY);
      }
      j = sc.pos;
    } else if (id > 0) {
      j = sc.skip(v, BOOLTREE); // after_unknown, before_sensitive, after_sensitive
    } else {
      j = sc.skip(v, ANY);
    }
  }
  return { stub, afterObj };
}

/**
 * resourceChange walks one entry of resource_changes at r; returns the offset after it. Only the
 * changes extraction reads get a stub: Lambda changes, and those whose address may mention a
 * type plan-facts counts (COUNTED_TYPES; an address with a \u escape is kept too).
 */
function resourceChange(sc: Scanner, r: number, st: State): number {
  const keep = sc.keep;
  if (r < keep) sc.keep = r; // a Lambda change is copied (or its change walked again), a kept address decoded, once the entry ends
  let addrAt = -1;
  let moduleAt = -1;
  let modeAt = -1;
  let type: string | undefined;
  let change: { stub: { readonly actions: readonly string[] } | undefined; afterObj: boolean } | undefined;
  let changeAt = -1;
  let changeDepth = 0;
  let lambdaChecked = false;
  for (let j = sc.openObj(r); j >= 0; j = sc.next(j, 0x7d)) {
    const v = sc.keyIn(j, RC);
    const id = sc.kid;
    if (id === R_TYPE) { type = sc.interned(v); j = sc.pos; }
    else if (id === R_CHANGE) {
      changeAt = v;
      changeDepth = sc.depth;
      lambdaChecked = type === LAMBDA;
      change = changeOf(sc, v, lambdaChecked);
      j = sc.pos;
    } else if (id >= 0) {
      // address, module_address, mode, name, provider_name, deposed, action_reason: strings
      if (sc.at(v) !== 0x22) throw BAIL;
      j = sc.str(v);
      if (id === R_ADDRESS) addrAt = v; else if (id === R_MODULE) moduleAt = v; else if (id === R_MODE) modeAt = v;
    } else {
      j = sc.skip(v, ANY);
    }
  }
  const e = sc.pos;
  if (addrAt < 0 || type === undefined || change === undefined || change.stub === undefined) throw BAIL;
  const actions = change.stub.actions;
  const lambda = type === LAMBDA;
  if (lambda) {
    if (!lambdaChecked) {
      // `type` came after `change`: walk the change again with the Lambda shape.
      const d = sc.depth;
      sc.depth = changeDepth;
      changeOf(sc, changeAt, true);
      sc.depth = d;
    }
    // plan-json's checkLambdaChange: a create or update needs an `after` object.
    if ((actions.includes("create") || actions.includes("update")) && !change.afterObj) throw BAIL;
    st.store.add(st.rcs.length, sc.b, r - sc.base, e - sc.base);
  }
  if (lambda || sc.mentionsCounted(addrAt)) {
    const stub: { address: string; type: string; mode?: string; module_address?: string; change: { readonly actions: readonly string[] } } = {
      address: sc.string(addrAt), type, change: change.stub,
    };
    if (modeAt >= 0) stub.mode = sc.interned(modeAt);
    if (moduleAt >= 0) stub.module_address = sc.interned(moduleAt);
    st.rcs.push(stub);
  }
  sc.keep = keep;
  sc.pos = e;
  return e;
}

/** stateModule walks a STATE_MODULE (planned_values or prior_state); with `build` it returns a stub tree. */
function stateModule(sc: Scanner, i: number, build: boolean): StateModule | undefined {
  const resources: StateResource[] = [];
  const children: StateModule[] = [];
  let address: string | undefined;
  for (let j = sc.openObj(i); j >= 0; j = sc.next(j, 0x7d)) {
    const v = sc.keyIn(j, MOD);
    const id = sc.kid;
    if (id === 0) {
      if (build) { address = sc.string(v); j = sc.pos; } else { if (sc.at(v) !== 0x22) throw BAIL; j = sc.str(v); }
    } else if (id === 1) {
      for (let k = sc.openArr(v); k >= 0; k = sc.next(k, 0x5d)) k = stateResource(sc, k, build ? resources : undefined);
      j = sc.pos;
    } else if (id === 2) {
      for (let k = sc.openArr(v); k >= 0; k = sc.next(k, 0x5d)) {
        const m = stateModule(sc, k, build);
        k = sc.pos;
        if (m !== undefined) children.push(m);
      }
      j = sc.pos;
    } else {
      j = sc.skip(v, ANY);
    }
  }
  const e = sc.pos;
  sc.pos = e;
  if (!build) return undefined;
  return { ...(address !== undefined ? { address } : {}), resources, child_modules: children };
}

/** stateResource walks one resource of a state module; `out` collects a stub when building. */
function stateResource(sc: Scanner, r: number, out: StateResource[] | undefined): number {
  const keep = sc.keep;
  if (out !== undefined && r < keep) sc.keep = r; // values are parsed once the type is known
  let addr: string | undefined;
  let type: string | undefined;
  let mode: string | undefined;
  let name: string | undefined;
  let vs = -1;
  let ve = -1;
  for (let j = sc.openObj(r); j >= 0; j = sc.next(j, 0x7d)) {
    const v = sc.keyIn(j, RES);
    const id = sc.kid;
    if (id >= 0 && id <= 3) {
      if (out === undefined) {
        if (sc.at(v) !== 0x22) throw BAIL;
        j = sc.str(v);
      } else {
        const s = id === 0 ? sc.string(v) : sc.interned(v);
        if (id === 0) addr = s; else if (id === 1) type = s; else if (id === 2) mode = s; else name = s;
        j = sc.pos;
      }
    } else if (id === 4) {
      const c = sc.at(v);
      if (c !== 0x7b && c !== 0x6e) throw BAIL;
      j = sc.skip(v, ANY);
      if (c === 0x7b) { vs = v; ve = j; }
    } else if (id === 5) {
      j = sc.skip(v, BOOLTREE);
    } else {
      j = sc.skip(v, ANY);
    }
  }
  const e = sc.pos;
  if (out !== undefined) {
    // Only resources whose values plan-facts reads (STATE_VALUE_TYPES) are kept.
    if (vs >= 0 && STATE_VALUE_TYPES.has(type as string)) {
      const rel = vs - sc.base;
      const res: { address: string; type: string; mode?: string; name?: string; values?: JsonObject } = { address: addr as string, type: type as string };
      if (mode !== undefined) res.mode = mode;
      if (name !== undefined) res.name = name;
      res.values = JSON.parse(sc.b.toString("utf8", rel, rel + ve - vs)) as JsonObject;
      out.push(res as StateResource);
    }
    sc.keep = keep;
  }
  return e;
}

/** moduleHolder walks {root_module, outputs, ...}; returns the root module stub when building. */
function moduleHolder(sc: Scanner, i: number, build: boolean): StateModule | undefined {
  let root: StateModule | undefined;
  for (let j = sc.openObj(i); j >= 0; j = sc.next(j, 0x7d)) {
    const v = sc.keyIn(j, HOLDER);
    if (sc.kid === 0) { root = stateModule(sc, v, build); j = sc.pos; }
    else if (sc.kid === 1) { mapOfObjects(sc, v); j = sc.pos; }
    else j = sc.skip(v, ANY);
  }
  return root;
}

/**
 * configuration walks `configuration` on its shape and builds provider_config and, of the
 * resources, only those plan-facts reads (CONFIG_TYPES, or without a type); this.pos is after it.
 */
function configuration(sc: Scanner, i: number): JsonObject {
  const t = C_CONFIGURATION;
  const out: { provider_config?: unknown; root_module?: JsonObject } = {};
  for (let j = sc.openObj(i); j >= 0; j = sc.next(j, 0x7d)) {
    const v = sc.keyIn(j, t.table);
    const id = sc.kid;
    if (id === F_PROVIDER_CONFIG) { out.provider_config = sc.shapedValue(v, PROVIDER_CONFIG); j = sc.pos; }
    else if (id === F_ROOT_MODULE) { out.root_module = configModule(sc, v); j = sc.pos; }
    else j = sc.other(v, t, id);
  }
  return out;
}

/** configModule walks a CONFIG_MODULE: resources (filtered) and module_calls (their modules); this.pos is after it. */
function configModule(sc: Scanner, i: number): JsonObject {
  const t = C_MODULE;
  const out: { resources?: unknown[]; module_calls?: Record<string, { module?: JsonObject }> } = {};
  for (let j = sc.openObj(i); j >= 0; j = sc.next(j, 0x7d)) {
    const v = sc.keyIn(j, t.table);
    const id = sc.kid;
    if (id === F_RESOURCES) {
      const resources: unknown[] = [];
      for (let k = sc.openArr(v); k >= 0; k = sc.next(k, 0x5d)) k = configResource(sc, k, resources);
      out.resources = resources;
      j = sc.pos;
    } else if (id === F_MODULE_CALLS) {
      const calls: Record<string, { module?: JsonObject }> = {};
      for (let k = sc.openObj(v); k >= 0; k = sc.next(k, 0x7d)) {
        const name = sc.mapKey(k);
        const call: { module?: JsonObject } = {};
        for (let c = sc.openObj(sc.pos); c >= 0; c = sc.next(c, 0x7d)) {
          const cv = sc.keyIn(c, C_CALL.table);
          const cid = sc.kid;
          if (cid === F_MODULE) { call.module = configModule(sc, cv); c = sc.pos; } else c = sc.other(cv, C_CALL, cid);
        }
        k = sc.pos;
        calls[name] = call;
      }
      out.module_calls = calls;
      j = sc.pos;
    } else {
      j = sc.other(v, t, id);
    }
  }
  return out;
}

/** configResource walks one configuration resource at r; `out` gets it (parsed) when plan-facts reads its type. */
function configResource(sc: Scanner, r: number, out: unknown[]): number {
  const keep = sc.keep;
  if (r < keep) sc.keep = r;
  let type: string | undefined;
  const t = C_RESOURCE;
  for (let j = sc.openObj(r); j >= 0; j = sc.next(j, 0x7d)) {
    const v = sc.keyIn(j, t.table);
    const id = sc.kid;
    if (id === F_TYPE) { type = sc.interned(v); j = sc.pos; } else j = sc.other(v, t, id);
  }
  const e = sc.pos;
  sc.keep = keep;
  if (type === undefined || CONFIG_TYPES.has(type)) {
    const rel = r - sc.base;
    out.push(JSON.parse(sc.b.toString("utf8", rel, rel + e - r)));
  }
  sc.pos = e;
  return e;
}

/** listOfObjects checks a list whose elements are objects; this.pos is after it. */
function listOfObjects(sc: Scanner, i: number): void {
  for (let j = sc.openArr(i); j >= 0; j = sc.next(j, 0x5d)) {
    if (sc.at(j) !== 0x7b) throw BAIL;
    j = sc.skip(j, ANY);
  }
}

/** mapOfObjects checks an object whose values are objects; this.pos is after it. */
function mapOfObjects(sc: Scanner, i: number): void {
  for (let j = sc.openObj(i); j >= 0; j = sc.next(j, 0x7d)) {
    const v = sc.key(j);
    if (sc.at(v) !== 0x7b) throw BAIL;
    j = sc.skip(v, ANY);
  }
}

/**
 * scanPlan reads plan JSON bytes on the fast path. It returns undefined (never throws) for
 * anything the precise reader must judge or report.
 */
export function scanPlan(bytes: Uint8Array, path: string): Plan | undefined {
  return scanPlanSource(bytesSource(bytes), path, Math.min(WINDOW, bytes.length + 64));
}

/** scanPlanSource is scanPlan over a ByteSource (a file read in chunks: see fileSource); `window` is the read size. */
export function scanPlanSource(read: ByteSource, path: string, window: number = WINDOW): Plan | undefined {
  try {
    return scan(new Scanner(read, window), path);
  } catch (e) {
    if (e === BAIL || e instanceof SyntaxError || e instanceof RangeError) return undefined;
    throw e;
  }
}

function scan(sc: Scanner, path: string): Plan | undefined {
  const st: State = { top: {}, rcs: [], store: new LambdaStore(), hasRc: false, hasPv: false };
  const top = st.top;
  for (let j = sc.openObj(sc.ws(0)); j >= 0; j = sc.next(j, 0x7d)) {
    const v = sc.keyIn(j, TOP);
    const id = sc.kid;
    if (id === T_RC) {
      st.hasRc = true;
      for (let k = sc.openArr(v); k >= 0; k = sc.next(k, 0x5d)) k = resourceChange(sc, k, st);
      j = sc.pos;
    } else if (id === T_PV) {
      st.hasPv = true;
      moduleHolder(sc, v, false);
      j = sc.pos;
    } else if (id === T_PS) {
      for (let k = sc.openObj(v); k >= 0; k = sc.next(k, 0x7d)) {
        const pv = sc.keyIn(k, PRIOR);
        const pid = sc.kid;
        if (pid === 0 || pid === 1) { if (sc.at(pv) !== 0x22) throw BAIL; k = sc.str(pv); }
        else if (pid === 2) { const m = moduleHolder(sc, pv, true); if (m !== undefined) st.priorState = m; k = sc.pos; }
        else k = sc.skip(pv, ANY);
      }
      j = sc.pos;
    } else if (id === T_DRIFT || id === T_REL || id === T_CHECKS) {
      listOfObjects(sc, v);
      j = sc.pos;
    } else if (id === T_OUT) {
      mapOfObjects(sc, v);
      j = sc.pos;
    } else if (id === T_CONFIG) {
      top["configuration"] = configuration(sc, v);
      j = sc.pos;
    } else if (id >= T_BUILT) {
      top[TOP.names[id] as string] = sc.value(v);
      j = sc.pos;
    } else {
      j = sc.skip(v, ANY);
    }
  }
  if (sc.ws(sc.pos) !== sc.end || !sc.eof) throw BAIL;

  const fv = top["format_version"];
  if (typeof fv !== "string" || !/^[01]\.\d+$/.test(fv)) return undefined;
  if (top["errored"] === true) return undefined;
  if (!st.hasRc && !st.hasPv && !("configuration" in top)) return undefined;
  // Shape of the other built values (configuration was checked on its bytes): the same checks as the precise reader.
  if (checkPlanShape({ ...top, configuration: undefined, resource_changes: [] }) !== undefined) return undefined;
  const cfg = top["configuration"];
  const isObj = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);
  const store = st.store;
  return {
    path,
    formatVersion: fv,
    ...(typeof top["terraform_version"] === "string" ? { terraformVersion: top["terraform_version"] } : {}),
    resourceChanges: st.rcs,
    ...(st.priorState !== undefined ? { priorState: st.priorState } : {}),
    ...(isObj(cfg) ? { configuration: cfg as Plan["configuration"] & object } : {}),
    ...(isObj(top["variables"]) ? { variables: top["variables"] as Plan["variables"] & object } : {}),
    fullChange: (index) => store.get(index),
  };
}
