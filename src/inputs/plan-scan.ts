/*
 * Fast path for plan JSON: one validating pass over the raw UTF-8 bytes that builds only what
 * extraction reads (Lambda changes in full, a stub {address, mode, type, change.actions} for every
 * other change, the network-relevant prior_state values, configuration, variables), without
 * decoding the whole file or materialising the rest; Lambda changes are validated in the pass and
 * parsed again one at a time when extracted (Plan.fullChange). Input: bytes + display path. Output: a Plan,
 * or undefined whenever anything is unusual (syntax, hazard, shape, schema): the caller then runs
 * the precise reader (plan-json.ts), so both paths accept and refuse exactly the same documents.
 */

import type { JsonObject, Plan, ResourceChange, StateModule, StateResource } from "./plan-types.js";
import { checkPlanShape } from "./plan-schema.js";
import { MAX_JSON_DEPTH } from "./input-guard.js";

/** Bail aborts the fast path; the caller falls back to the precise reader. */
class Bail {}
const BAIL = new Bail();

const dec = new TextDecoder("utf-8");
const enc = new TextEncoder();

/** STATE_TYPES are the prior_state resource types whose values extraction reads. */
const STATE_TYPES = new Set([
  "aws_subnet", "aws_default_subnet", "aws_subnets", "aws_subnet_ids", "aws_security_group", "aws_default_security_group",
  "aws_caller_identity", "aws_partition", "aws_region", "aws_vpc", "aws_default_vpc",
]);
const ACTIONS = new Set(["no-op", "create", "read", "update", "delete", "forget"]);
const LAMBDA = "aws_lambda_function";

/** Skip modes for values that are validated but not built. */
const ANY = 0;
const BOOLTREE = 1;

const isHex = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

/** Scanner walks the bytes; every method returns the offset after what it read, or throws BAIL. */
class Scanner {
  readonly b: Uint8Array;
  /** depth of open containers (MAX_JSON_DEPTH as the precise reader). */
  depth = 0;
  /** lastEscaped: the last string scanned had a backslash escape. */
  lastEscaped = false;
  /** lastHash: FNV-1a hash of the last string's raw bytes. */
  lastHash = 0;
  /** lastAscii: the last string scanned was plain ASCII. */
  lastAscii = true;
  /** per-depth key hash lists for duplicate detection in skipped objects (reused). */
  readonly keys: number[][] = [];
  readonly keyStarts: number[][] = [];
  /** per-depth hash index once an object has many keys. */
  readonly bigKeys: (Map<number, number> | undefined)[] = [];
  /** interned object keys by hash. */
  readonly interned = new Map<number, string>();

  constructor(b: Uint8Array) {
    this.b = b;
  }

  ws(i: number): number {
    const b = this.b;
    for (;;) {
      const c = b[i];
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else return i;
    }
  }

  /** str validates the string starting at the quote at i (escapes, surrogates, UTF-8). */
  str(i: number): number {
    const b = this.b;
    if (b[i] !== 0x22) throw BAIL;
    let j = i + 1;
    let h = 0x811c9dc5;
    let escaped = false;
    let ascii = true;
    for (;;) {
      const c = b[j];
      if (c === undefined) throw BAIL;
      if (c === 0x22) break;
      if (c < 0x20) throw BAIL;
      if (c === 0x5c) {
        escaped = true;
        const e = b[j + 1];
        if (e === 0x75) {
          const u = this.hex4(j + 2);
          if (u >= 0xd800 && u <= 0xdbff) {
            if (b[j + 6] !== 0x5c || b[j + 7] !== 0x75) throw BAIL;
            const lo = this.hex4(j + 8);
            if (lo < 0xdc00 || lo > 0xdfff) throw BAIL;
            j += 12;
          } else if (u >= 0xdc00 && u <= 0xdfff) {
            throw BAIL;
          } else {
            j += 6;
          }
          continue;
        }
        if (e === 0x22 || e === 0x5c || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) { j += 2; continue; }
        throw BAIL;
      }
      if (c >= 0x80) { ascii = false; j = this.utf8(j); continue; }
      h = Math.imul(h ^ c, 0x01000193);
      j++;
    }
    this.lastEscaped = escaped;
    this.lastHash = h;
    this.lastAscii = ascii;
    return j + 1;
  }

  /** text decodes the string just scanned at [s, e) (quotes included). */
  text(s: number, e: number): string {
    if (this.lastEscaped) return JSON.parse(dec.decode(this.b.subarray(s, e))) as string;
    if (!this.lastAscii || e - s > 64) return dec.decode(this.b.subarray(s + 1, e - 1));
    return latin1(this.b, s + 1, e - 1);
  }

  /** keyText is text() for object keys, interned by hash (keys repeat across a plan). */
  keyText(s: number, e: number): string {
    if (this.lastEscaped || !this.lastAscii) return this.text(s, e);
    const h = this.lastHash;
    const hit = this.interned.get(h);
    if (hit !== undefined && hit.length === e - s - 2) {
      let same = true;
      for (let k = 0; k < hit.length; k++) if (hit.charCodeAt(k) !== this.b[s + 1 + k]) { same = false; break; }
      if (same) return hit;
    }
    const t = latin1(this.b, s + 1, e - 1);
    if (this.interned.size < 4096) this.interned.set(h, t);
    return t;
  }

  /** string reads a string value at i (any other value bails). */
  string(i: number): [string, number] {
    if (this.b[i] !== 0x22) throw BAIL;
    const e = this.str(i);
    return [this.text(i, e), e];
  }

  hex4(k: number): number {
    const b = this.b;
    let v = 0;
    for (let n = 0; n < 4; n++) {
      const c = b[k + n] ?? 0;
      if (!isHex(c)) throw BAIL;
      v = v * 16 + (c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x57);
    }
    return v;
  }

  /** utf8 validates one multi-byte UTF-8 sequence at j (as a strict decoder would). */
  utf8(j: number): number {
    const b = this.b;
    const c = b[j] ?? 0;
    let n: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) { n = 1; min = 0x80; } else if (c >= 0xe0 && c <= 0xef) { n = 2; min = 0x800; } else if (c >= 0xf0 && c <= 0xf4) { n = 3; min = 0x10000; } else throw BAIL;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const d = b[j + k];
      if (d === undefined || (d & 0xc0) !== 0x80) throw BAIL;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw BAIL;
    return j + n + 1;
  }

  num(i: number): number {
    const b = this.b;
    let j = i;
    if (b[j] === 0x2d) j++;
    const d0 = b[j];
    if (d0 === 0x30) j++;
    else if (d0 !== undefined && d0 >= 0x31 && d0 <= 0x39) { j++; while (isDigit(b[j])) j++; }
    else throw BAIL;
    let plain = true;
    if (b[j] === 0x2e) {
      plain = false;
      j++;
      if (!isDigit(b[j])) throw BAIL;
      while (isDigit(b[j])) j++;
    }
    if (b[j] === 0x65 || b[j] === 0x45) {
      plain = false;
      j++;
      if (b[j] === 0x2b || b[j] === 0x2d) j++;
      if (!isDigit(b[j])) throw BAIL;
      while (isDigit(b[j])) j++;
    }
    // Long literals and exponents: let the precise reader decide (2^53, overflow).
    if (j - i > 15 || (!plain && !Number.isFinite(Number(latin1(b, i, j))))) throw BAIL;
    return j;
  }

  lit(i: number, word: readonly number[]): number {
    const b = this.b;
    for (let k = 0; k < word.length; k++) if (b[i + k] !== word[k]) throw BAIL;
    return i + word.length;
  }

  /** keyHash returns the duplicate-detection hash of the key string just scanned at [s, e). */
  keyHash(s: number, e: number): number {
    if (!this.lastEscaped) return this.lastHash;
    const bytes = enc.encode(JSON.parse(dec.decode(this.b.subarray(s, e))) as string);
    let h = 0x811c9dc5;
    for (const c of bytes) h = Math.imul(h ^ c, 0x01000193);
    return h;
  }

  /** addKey records a key of the object open at depth d; a repeated key bails. */
  addKey(d: number, s: number, e: number): void {
    const h = this.keyHash(s, e);
    const big = this.bigKeys[d];
    if (big !== undefined) {
      const o = big.get(h);
      if (o !== undefined) this.sameKey(o, s, e);
      big.set(h, s);
      return;
    }
    const hs = this.keys[d] ?? (this.keys[d] = []);
    const ss = this.keyStarts[d] ?? (this.keyStarts[d] = []);
    for (let k = 0; k < hs.length; k++) if (hs[k] === h) this.sameKey(ss[k] ?? 0, s, e);
    hs.push(h);
    ss.push(s);
    if (hs.length >= 32) {
      // Many keys (a map): index them by hash from here on.
      const m = new Map<number, number>();
      for (let k = 0; k < hs.length; k++) m.set(hs[k] ?? 0, ss[k] ?? 0);
      this.bigKeys[d] = m;
    }
  }

  /** sameKey is called on a hash collision: equal keys are a duplicate; unequal ones (rare) bail too. */
  sameKey(o: number, s: number, e: number): never {
    void o; void s; void e;
    throw BAIL;
  }

  /**
   * skip validates one value at i without building it; objects are checked for duplicate keys.
   * mode BOOLTREE also requires every leaf to be a boolean (null allowed below the root).
   */
  skip(i: number, mode: number): number {
    const b = this.b;
    const base = this.depth;
    // container stack for this call: 1 = object, 2 = array (depth-indexed, reused)
    i = this.ws(i);
    let root = true;
    for (;;) {
      const c = b[i];
      // read one value at i
      if (c === 0x7b || c === 0x5b) {
        const d = ++this.depth;
        if (d > MAX_JSON_DEPTH) throw BAIL;
        stackKind[d] = c === 0x7b ? 1 : 2;
        i = this.ws(i + 1);
        if (c === 0x7b) {
          const ks = this.keys[d];
          if (ks !== undefined) { ks.length = 0; (this.keyStarts[d] as number[]).length = 0; }
          this.bigKeys[d] = undefined;
          if (b[i] === 0x7d) { i++; this.depth--; }
          else { i = this.key(i, d); root = false; continue; }
        } else if (b[i] === 0x5d) { i++; this.depth--; }
        else { root = false; continue; }
      } else if (c === 0x22) {
        if (mode === BOOLTREE) throw BAIL;
        i = this.str(i);
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
        if (this.depth === base) return i;
        i = this.ws(i);
        const k = stackKind[this.depth];
        const n = b[i];
        if (n === 0x2c) {
          i = this.ws(i + 1);
          if (k === 1) i = this.key(i, this.depth);
          break;
        }
        if ((k === 1 && n === 0x7d) || (k === 2 && n === 0x5d)) { i++; this.depth--; continue; }
        throw BAIL;
      }
    }
  }

  /** key reads `"key" :` of the object at depth d and returns the offset of the value. */
  key(i: number, d: number): number {
    const e = this.str(i);
    this.addKey(d, i, e);
    const j = this.ws(e);
    if (this.b[j] !== 0x3a) throw BAIL;
    return this.ws(j + 1);
  }

  /**
   * object walks an object at i key by key: `visit(key, valueOffset)` returns the offset after the
   * value. Keys are decoded; a repeated key bails. Returns the offset after the object.
   */
  object(i: number, visit: (key: string, at: number) => number): number {
    const b = this.b;
    i = this.ws(i);
    if (b[i] !== 0x7b) throw BAIL;
    if (++this.depth > MAX_JSON_DEPTH) throw BAIL;
    const seen: string[] = [];
    i = this.ws(i + 1);
    if (b[i] === 0x7d) { this.depth--; return i + 1; }
    for (;;) {
      const e = this.str(i);
      const k = this.keyText(i, e);
      if (seen.length < 64 ? seen.includes(k) : new Set(seen).has(k)) throw BAIL;
      seen.push(k);
      let j = this.ws(e);
      if (b[j] !== 0x3a) throw BAIL;
      j = this.ws(visit(k, this.ws(j + 1)));
      if (b[j] === 0x2c) { i = this.ws(j + 1); continue; }
      if (b[j] === 0x7d) { this.depth--; return j + 1; }
      throw BAIL;
    }
  }

  /** array walks an array at i: `visit(index, valueOffset)` returns the offset after the element. */
  array(i: number, visit: (n: number, at: number) => number): number {
    const b = this.b;
    i = this.ws(i);
    if (b[i] !== 0x5b) throw BAIL;
    if (++this.depth > MAX_JSON_DEPTH) throw BAIL;
    i = this.ws(i + 1);
    if (b[i] === 0x5d) { this.depth--; return i + 1; }
    for (let n = 0; ; n++) {
      const j = this.ws(visit(n, i));
      if (b[j] === 0x2c) { i = this.ws(j + 1); continue; }
      if (b[j] === 0x5d) { this.depth--; return j + 1; }
      throw BAIL;
    }
  }

  /** value builds the value at i (validated first) with JSON.parse on its bytes. */
  value(i: number): [unknown, number] {
    const e = this.skip(i, ANY);
    return [JSON.parse(dec.decode(this.b.subarray(i, e))), e];
  }

  /** expect checks the first byte of a value without building it, then skips it. */
  expect(i: number, first: "string" | "object" | "object-or-null" | "bool" | "booltree"): number {
    const c = this.b[i];
    switch (first) {
      case "string": if (c !== 0x22) throw BAIL; return this.str(i);
      case "object": if (c !== 0x7b) throw BAIL; return this.skip(i, ANY);
      case "object-or-null": if (c !== 0x7b && c !== 0x6e) throw BAIL; return this.skip(i, ANY);
      case "bool": if (c !== 0x74 && c !== 0x66) throw BAIL; return this.skip(i, ANY);
      case "booltree": return this.skip(i, BOOLTREE);
    }
  }

  /** listOfObjects checks a list whose elements are objects. */
  listOfObjects(i: number): number {
    return this.array(i, (_n, at) => this.expect(at, "object"));
  }

  /** mapOfObjects checks an object whose values are objects. */
  mapOfObjects(i: number): number {
    return this.object(i, (_k, at) => this.expect(at, "object"));
  }
}

const stackKind: number[] = [];
const TRUE = [0x74, 0x72, 0x75, 0x65];
const FALSE = [0x66, 0x61, 0x6c, 0x73, 0x65];
const NULL = [0x6e, 0x75, 0x6c, 0x6c];

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 0x30 && c <= 0x39;
}

/** latin1 makes a flat string of bytes [s, e) (callers pass short ASCII runs). */
function latin1(b: Uint8Array, s: number, e: number): string {
  return String.fromCharCode.apply(null, b.subarray(s, e) as unknown as number[]);
}

/** stateModule walks a STATE_MODULE (planned_values or prior_state); `build` keeps a stub tree. */
function stateModule(sc: Scanner, i: number, build: boolean): [StateModule | undefined, number] {
  const resources: StateResource[] = [];
  const children: StateModule[] = [];
  let address: string | undefined;
  const end = sc.object(i, (k, at) => {
    switch (k) {
      case "address": { const [v, e] = sc.string(at); address = v; return e; }
      case "resources":
        return sc.array(at, (_n, r) => {
          let addr: unknown;
          let type: unknown;
          let mode: unknown;
          let name: unknown;
          let values: [number, number] | undefined;
          const e = sc.object(r, (rk, ra) => {
            switch (rk) {
              case "address": { const [v, x] = sc.string(ra); addr = v; return x; }
              case "type": { const [v, x] = sc.string(ra); type = v; return x; }
              case "mode": { const [v, x] = sc.string(ra); mode = v; return x; }
              case "name": { const [v, x] = sc.string(ra); name = v; return x; }
              case "values": { const x = sc.expect(ra, "object-or-null"); values = [ra, x]; return x; }
              case "sensitive_values": return sc.expect(ra, "booltree");
              default: return sc.skip(ra, ANY);
            }
          });
          if (typeof addr !== "string" && addr !== undefined) throw BAIL;
          if (typeof type !== "string" && type !== undefined) throw BAIL;
          if (typeof mode !== "string" && mode !== undefined) throw BAIL;
          if (typeof name !== "string" && name !== undefined) throw BAIL;
          if (build) {
            const res: { address: string; type: string; mode?: string; name?: string; values?: JsonObject } = { address: addr as string, type: type as string };
            if (mode !== undefined) res.mode = mode as string;
            if (name !== undefined) res.name = name as string;
            if (values !== undefined && STATE_TYPES.has(type as string)) {
              const v: unknown = JSON.parse(dec.decode(sc.b.subarray(values[0], values[1])));
              if (v !== null) res.values = v as JsonObject;
            }
            resources.push(res as StateResource);
          }
          return e;
        });
      case "child_modules":
        return sc.array(at, (_n, c) => {
          const [m, e] = stateModule(sc, c, build);
          if (m !== undefined) children.push(m);
          return e;
        });
      default:
        return sc.skip(at, ANY);
    }
  });
  if (!build) return [undefined, end];
  return [{ ...(address !== undefined ? { address } : {}), resources, child_modules: children }, end];
}

/** outputsAndModule walks {root_module, outputs, ...}; returns the root module stub when building. */
function moduleHolder(sc: Scanner, i: number, build: boolean): [StateModule | undefined, number] {
  let root: StateModule | undefined;
  const e = sc.object(i, (k, at) => {
    if (k === "root_module") { const [m, x] = stateModule(sc, at, build); root = m; return x; }
    if (k === "outputs") return sc.mapOfObjects(at);
    return sc.skip(at, ANY);
  });
  return [root, e];
}

/** change walks a resource change's `change`: actions built, before/after validated. */
function changeOf(sc: Scanner, i: number, actions: { v?: string[] }): number {
  return sc.object(i, (k, at) => {
    switch (k) {
      case "actions": {
        const [v, e] = sc.value(at);
        if (!Array.isArray(v) || v.length === 0 || v.length > 2 || !v.every((a) => typeof a === "string" && ACTIONS.has(a))) throw BAIL;
        actions.v = v as string[];
        return e;
      }
      case "before": case "after": return sc.expect(at, "object-or-null");
      case "after_unknown": case "before_sensitive": case "after_sensitive": return sc.expect(at, "booltree");
      case "replace_paths": return sc.array(at, (_n, p) => { if (sc.b[p] !== 0x5b) throw BAIL; return sc.skip(p, ANY); });
      default: return sc.skip(at, ANY);
    }
  });
}

/** KEPT_FIELDS are the string fields a stub keeps (what plan-facts and extraction read). */
const KEPT_FIELDS = new Set(["address", "module_address", "mode", "type"]);
const STRING_FIELDS = new Set(["address", "module_address", "mode", "type", "name", "provider_name", "deposed", "action_reason"]);

/**
 * scanPlan reads plan JSON bytes on the fast path. It returns undefined (never throws) for
 * anything the precise reader must judge or report.
 */
export function scanPlan(bytes: Uint8Array, path: string): Plan | undefined {
  try {
    return scan(bytes, path);
  } catch (e) {
    if (e === BAIL || e instanceof SyntaxError || e instanceof RangeError) return undefined;
    throw e;
  }
}

function scan(bytes: Uint8Array, path: string): Plan | undefined {
  const sc = new Scanner(bytes);
  const top: Record<string, unknown> = {};
  const rcs: ResourceChange[] = [];
  const lambdaSpans = new Map<number, [number, number]>();
  let hasRc = false;
  let hasPv = false;
  let priorState: StateModule | undefined;
  let start = sc.ws(0);
  const end = sc.object(start, (k, at) => {
    switch (k) {
      case "resource_changes":
        hasRc = true;
        return sc.array(at, (_n, r) => {
          const fields: Record<string, unknown> = {};
          const actions: { v?: string[] } = {};
          const e = sc.object(r, (rk, ra) => {
            if (STRING_FIELDS.has(rk)) {
              if (!KEPT_FIELDS.has(rk)) return sc.expect(ra, "string");
              const [v, x] = sc.string(ra);
              fields[rk] = v;
              return x;
            }
            if (rk === "change") { if (sc.b[ra] !== 0x7b) throw BAIL; return changeOf(sc, ra, actions); }
            return sc.skip(ra, ANY);
          });
          if (fields["type"] === LAMBDA) {
            // Checked now, dropped, and parsed again when extracted: one Lambda change alive at a time.
            const full: unknown = JSON.parse(dec.decode(bytes.subarray(r, e)));
            if (!lambdaChangeOk(full) || checkPlanShape({ resource_changes: [full] }) !== undefined) throw BAIL;
            lambdaSpans.set(rcs.length, [r, e]);
          }
          if (typeof fields["address"] !== "string" || typeof fields["type"] !== "string" || actions.v === undefined) throw BAIL;
          rcs.push({ ...(fields as { address: string; type: string }), change: { actions: actions.v } });
          return e;
        });
      case "planned_values":
        hasPv = true;
        return moduleHolder(sc, at, false)[1];
      case "prior_state":
        return sc.object(at, (pk, pa) => {
          if (pk === "format_version" || pk === "terraform_version") return sc.expect(pa, "string");
          if (pk === "values") { const [m, x] = moduleHolder(sc, pa, true); priorState = m; return x; }
          return sc.skip(pa, ANY);
        });
      case "resource_drift": case "relevant_attributes": case "checks":
        return sc.listOfObjects(at);
      case "output_changes":
        return sc.mapOfObjects(at);
      default: {
        const [v, e] = sc.value(at);
        top[k] = v;
        return e;
      }
    }
  });
  start = sc.ws(end);
  if (start !== bytes.length) throw BAIL;

  const fv = top["format_version"];
  if (typeof fv !== "string" || !/^[01]\.\d+$/.test(fv)) return undefined;
  if (top["errored"] === true) return undefined;
  if (!hasRc && !hasPv && !("configuration" in top)) return undefined;
  // Shape of everything that was built: the same checks as the precise reader.
  if (checkPlanShape({ ...top, resource_changes: [] }) !== undefined) return undefined;
  const cfg = top["configuration"];
  const isObj = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);
  return {
    path,
    formatVersion: fv,
    ...(typeof top["terraform_version"] === "string" ? { terraformVersion: top["terraform_version"] } : {}),
    resourceChanges: rcs,
    ...(priorState !== undefined ? { priorState } : {}),
    ...(isObj(cfg) ? { configuration: cfg as Plan["configuration"] & object } : {}),
    ...(isObj(top["variables"]) ? { variables: top["variables"] as Plan["variables"] & object } : {}),
    fullChange: compactChanges(bytes, lambdaSpans),
  };
}

/**
 * compactChanges copies the Lambda changes' bytes out of the file (so the caller can drop the file
 * while functions are extracted) and returns the parser of one change by resource_changes index.
 */
function compactChanges(bytes: Uint8Array, spans: ReadonlyMap<number, [number, number]>): (index: number) => ResourceChange | undefined {
  let total = 0;
  for (const [s, e] of spans.values()) total += e - s;
  const store = new Uint8Array(total);
  const at = new Map<number, [number, number]>();
  let o = 0;
  for (const [i, [s, e]] of spans) {
    store.set(bytes.subarray(s, e), o);
    at.set(i, [o, o + e - s]);
    o += e - s;
  }
  return (index) => {
    const span = at.get(index);
    return span === undefined ? undefined : (JSON.parse(dec.decode(store.subarray(span[0], span[1]))) as ResourceChange);
  };
}

/** lambdaChangeOk mirrors plan-json's checkLambdaChange (any problem: the precise reader reports it). */
function lambdaChangeOk(rc: unknown): boolean {
  if (typeof rc !== "object" || rc === null || Array.isArray(rc)) return false;
  const r = rc as JsonObject;
  if (typeof r["address"] !== "string") return false;
  if (r["module_address"] !== undefined && typeof r["module_address"] !== "string") return false;
  const ch = r["change"];
  if (typeof ch !== "object" || ch === null || Array.isArray(ch)) return false;
  const c = ch as JsonObject;
  const acts = c["actions"];
  if (!Array.isArray(acts) || acts.length === 0 || !acts.every((a) => typeof a === "string")) return false;
  const obj = (v: unknown): boolean => typeof v === "object" && v !== null && !Array.isArray(v);
  for (const side of ["before", "after"] as const) {
    const v = c[side];
    if (v !== undefined && v !== null && !obj(v)) return false;
  }
  if ((acts.includes("create") || acts.includes("update")) && !obj(c["after"])) return false;
  return true;
}
