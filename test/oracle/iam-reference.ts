/*
 * Independent TypeScript reference evaluator for IAM policies (test code only): the oracle of the
 * differential tests and the speed baseline. Input: IamPolicy[] and Request[] (src/iam/types.ts).
 * Output: one Decision per request, three-valued over the unknown markers, implementing
 * ../shared/docs/iam-semantics.md and docs/unknowns.md directly (shares no code with policies/).
 */

import type { ConditionTrace, ContextValue, Decision, IamPolicy, PolicyKind, Request, Scalar, StatementRef, Truth } from "../../src/iam/types.js";

/** T3 is a three-valued truth: true, false, unknown. */
type T3 = "T" | "F" | "U";

const and3 = (xs: readonly T3[]): T3 => (xs.includes("F") ? "F" : xs.includes("U") ? "U" : "T");
const or3 = (xs: readonly T3[]): T3 => (xs.includes("T") ? "T" : xs.includes("U") ? "U" : "F");
const not3 = (x: T3): T3 => (x === "T" ? "F" : x === "F" ? "T" : "U");
const b3 = (b: boolean): T3 => (b ? "T" : "F");

// ---------------------------------------------------------------------------------------------
// Glob patterns: a sequence of tokens, literal characters or the wildcards * and ?.

type Tok = { readonly t: "c"; readonly c: string } | { readonly t: "*" } | { readonly t: "?" };

function litToks(s: string): Tok[] {
  return Array.from(s, (c) => ({ t: "c", c }) as Tok);
}

function wildToks(s: string): Tok[] {
  return Array.from(s, (c): Tok => (c === "*" ? { t: "*" } : c === "?" ? { t: "?" } : { t: "c", c }));
}

/** globMatch matches a whole string against tokens (`*` any run, `?` one character). */
function globMatch(toks: readonly Tok[], s: string): boolean {
  const cs = Array.from(s);
  // reach[j] = the first i tokens can match the first j characters.
  let reach = new Array<boolean>(cs.length + 1).fill(false);
  reach[0] = true;
  for (const tk of toks) {
    const next = new Array<boolean>(cs.length + 1).fill(false);
    if (tk.t === "*") {
      let any = false;
      for (let j = 0; j <= cs.length; j++) { any = any || reach[j] === true; next[j] = any; }
    } else {
      for (let j = 1; j <= cs.length; j++) {
        if (reach[j - 1] === true && (tk.t === "?" || tk.c === cs[j - 1])) next[j] = true;
      }
    }
    reach = next;
  }
  return reach[cs.length] === true;
}

const len = (s: string): number => Array.from(s).length;

// ---------------------------------------------------------------------------------------------
// Values: a request scalar abstracted to a known string or a partial one a·(anything)·b.

type Val =
  | { readonly k: "known"; readonly s: string }
  | { readonly k: "partial"; readonly a: string; readonly b: string; readonly fresh: boolean };

function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function absVal(x: Scalar): Val {
  if (typeof x === "string") return { k: "known", s: x };
  if ("$fresh" in x) return { k: "partial", a: x.$fresh, b: "", fresh: true };
  if ("$parts" in x) {
    const ps = x.$parts;
    const marks: number[] = [];
    ps.forEach((p, i) => { if (typeof p !== "string") marks.push(i); });
    if (marks.length === 0) return { k: "known", s: ps.join("") };
    const first = marks[0] as number;
    const last = marks[marks.length - 1] as number;
    let a = ps.slice(0, first).join("");
    const fp = ps[first];
    if (isObj(fp) && typeof fp.$fresh === "string") a += fp.$fresh;
    const b = ps.slice(last + 1).join("");
    return { k: "partial", a, b, fresh: false };
  }
  return { k: "partial", a: "", b: "", fresh: false };
}

const lowerVal = (v: Val): Val =>
  v.k === "known" ? { k: "known", s: v.s.toLowerCase() } : { ...v, a: v.a.toLowerCase(), b: v.b.toLowerCase() };

/** match3 decides whether a (possibly partial) value matches a pattern, three-valued. */
function match3(toks: readonly Tok[], v: Val, freshRule: boolean): T3 {
  if (v.k === "known") return b3(globMatch(toks, v.s));
  const wild = toks.map((t, i) => (t.t === "c" ? -1 : i)).filter((i) => i >= 0);
  if (wild.length === 0) {
    const lit = toks.map((t) => (t.t === "c" ? t.c : "")).join("");
    if (v.fresh && freshRule) return "F";
    return lit.startsWith(v.a) && lit.endsWith(v.b) && len(lit) >= len(v.a) + len(v.b) ? "U" : "F";
  }
  if (toks.every((t) => t.t === "*")) return "T";
  const first = wild[0] as number;
  const last = wild[wild.length - 1] as number;
  const p = toks.slice(0, first).map((t) => (t.t === "c" ? t.c : "")).join("");
  const s = toks.slice(last + 1).map((t) => (t.t === "c" ? t.c : "")).join("");
  if (!(v.a.startsWith(p) || p.startsWith(v.a))) return "F";
  if (!(v.b.endsWith(s) || s.endsWith(v.b))) return "F";
  const starsOnly = toks.slice(first, last + 1).every((t) => t.t === "*");
  if (starsOnly && v.a.startsWith(p) && v.b.endsWith(s)) return "T";
  return "U";
}

// ---------------------------------------------------------------------------------------------
// Request context, normalised: lower-case key → entry.

type Entry =
  | { readonly k: "list"; readonly name: string; readonly scalar: boolean; readonly vals: readonly Scalar[] }
  | { readonly k: "whole"; readonly name: string };

type Ctx = ReadonlyMap<string, Entry>;

function isWholeUnknown(v: ContextValue): boolean {
  return isObj(v) && typeof (v as Record<string, unknown>).$unknown === "string";
}

function normCtx(ctx: Readonly<Record<string, ContextValue>>): { ctx: Ctx; empties: string[] } {
  const m = new Map<string, Entry>();
  const empties: string[] = [];
  for (const [name, v] of Object.entries(ctx)) {
    if (Array.isArray(v)) {
      if (v.length === 0) { empties.push(name); continue; }
      m.set(name.toLowerCase(), { k: "list", name, scalar: false, vals: v as readonly Scalar[] });
    } else if (isWholeUnknown(v)) {
      m.set(name.toLowerCase(), { k: "whole", name });
    } else {
      m.set(name.toLowerCase(), { k: "list", name, scalar: true, vals: [v as Scalar] });
    }
  }
  return { ctx: m, empties };
}

const hasMarker = (e: Entry): boolean => e.k === "whole" || e.vals.some((x) => typeof x !== "string");

// ---------------------------------------------------------------------------------------------
// Policy patterns with policy variables.

/** Pat is a policy value after variable resolution. */
type Pat =
  | { readonly k: "pat"; readonly toks: readonly Tok[] }
  | { readonly k: "none" } // an unresolved variable: matches nothing
  | { readonly k: "unknown" }; // a variable with an unknown value

/** resolvePattern resolves `${...}` (when vars) and tokenises wildcards (when wild). */
function resolvePattern(text: string, wild: boolean, vars: boolean, ctx: Ctx, used: Set<string>): Pat {
  const tok = wild ? wildToks : litToks;
  if (!vars || !text.includes("${")) return { k: "pat", toks: tok(text) };
  const pieces = text.split("${");
  const out: Tok[] = [...tok(pieces[0] ?? "")];
  let unresolved = false;
  let unknown = false;
  for (const piece of pieces.slice(1)) {
    const close = piece.indexOf("}");
    if (close < 0) { out.push(...tok("${" + piece)); continue; }
    const body = piece.slice(0, close).trim();
    const rest = piece.slice(close + 1);
    if (body === "*" || body === "?" || body === "$") {
      out.push({ t: "c", c: body });
    } else {
      const comma = body.indexOf(",");
      const name = (comma < 0 ? body : body.slice(0, comma)).trim().toLowerCase();
      let def: string | undefined;
      if (comma >= 0) {
        def = body.slice(comma + 1).trim();
        if (def.length >= 2 && def.startsWith("'") && def.endsWith("'")) def = def.slice(1, -1);
      }
      const e = ctx.get(name);
      const one = e !== undefined && e.k === "list" && e.scalar ? e.vals[0] : undefined;
      if (e !== undefined && (e.k === "whole" || (one !== undefined && typeof one !== "string"))) {
        unknown = true;
        used.add(e.name);
      } else if (typeof one === "string") {
        out.push(...litToks(one));
      } else if (def !== undefined) {
        out.push(...litToks(def));
      } else {
        unresolved = true;
      }
    }
    out.push(...tok(rest));
  }
  if (unresolved) return { k: "none" };
  if (unknown) return { k: "unknown" };
  return { k: "pat", toks: out };
}

const lowerToks = (ts: readonly Tok[]): Tok[] => ts.map((t) => (t.t === "c" ? { t: "c", c: t.c.toLowerCase() } : t));

// ---------------------------------------------------------------------------------------------
// ARNs: six colon-separated components, the sixth keeping further colons.

const HOLE = "\u0001";

/** arnTemplate renders a value with HOLE for unknown parts (which never contain ':'); null for a bare unknown. */
function arnTemplate(x: Scalar): string | null {
  if (typeof x === "string") return x;
  if ("$fresh" in x) return x.$fresh + HOLE;
  if ("$parts" in x) return x.$parts.map((p) => (typeof p === "string" ? p : "$fresh" in p ? p.$fresh + HOLE : HOLE)).join("");
  return null;
}

function split6(s: string): string[] | null {
  const parts = s.split(":");
  if (parts.length < 6) return null;
  return [...parts.slice(0, 5), parts.slice(5).join(":")];
}

function segVal(seg: string): Val {
  const i = seg.indexOf(HOLE);
  if (i < 0) return { k: "known", s: seg };
  const bits = seg.split(HOLE);
  return { k: "partial", a: bits[0] ?? "", b: bits[bits.length - 1] ?? "", fresh: false };
}

/** arnMatch3 matches an ARN value against an ARN pattern component-wise. */
function arnMatch3(pattern: string, x: Scalar, vars: boolean, ctx: Ctx, used: Set<string>): T3 {
  const ps = split6(pattern);
  if (ps === null) return "F";
  const pats: Pat[] = ps.map((p, i) => resolvePattern(p, true, vars && i === 5, ctx, used));
  if (pats.some((p) => p.k === "none")) return "F";
  const tmpl = arnTemplate(x);
  if (tmpl === null) return "U";
  const vs = split6(tmpl);
  if (vs === null) return "F";
  return and3(pats.map((p, i) => (p.k === "unknown" ? "U" : p.k === "pat" ? match3(p.toks, segVal(vs[i] ?? ""), false) : "F")));
}

// ---------------------------------------------------------------------------------------------
// Condition operators.

type Family = "streq" | "streqi" | "strlike" | "num" | "date" | "bool" | "bin" | "ip" | "arn";

interface Op {
  readonly fam: Family;
  readonly neg: boolean;
  /** cmp is the comparison for numeric and date families. */
  readonly cmp?: "eq" | "lt" | "lte" | "gt" | "gte";
}

const OPS: Readonly<Record<string, Op>> = {
  stringequals: { fam: "streq", neg: false },
  stringnotequals: { fam: "streq", neg: true },
  stringequalsignorecase: { fam: "streqi", neg: false },
  stringnotequalsignorecase: { fam: "streqi", neg: true },
  stringlike: { fam: "strlike", neg: false },
  stringnotlike: { fam: "strlike", neg: true },
  numericequals: { fam: "num", neg: false, cmp: "eq" },
  numericnotequals: { fam: "num", neg: true, cmp: "eq" },
  numericlessthan: { fam: "num", neg: false, cmp: "lt" },
  numericlessthanequals: { fam: "num", neg: false, cmp: "lte" },
  numericgreaterthan: { fam: "num", neg: false, cmp: "gt" },
  numericgreaterthanequals: { fam: "num", neg: false, cmp: "gte" },
  dateequals: { fam: "date", neg: false, cmp: "eq" },
  datenotequals: { fam: "date", neg: true, cmp: "eq" },
  datelessthan: { fam: "date", neg: false, cmp: "lt" },
  datelessthanequals: { fam: "date", neg: false, cmp: "lte" },
  dategreaterthan: { fam: "date", neg: false, cmp: "gt" },
  dategreaterthanequals: { fam: "date", neg: false, cmp: "gte" },
  bool: { fam: "bool", neg: false },
  binaryequals: { fam: "bin", neg: false },
  ipaddress: { fam: "ip", neg: false },
  notipaddress: { fam: "ip", neg: true },
  arnequals: { fam: "arn", neg: false },
  arnlike: { fam: "arn", neg: false },
  arnnotequals: { fam: "arn", neg: true },
  arnnotlike: { fam: "arn", neg: true },
};

type ParsedOp =
  | { readonly k: "null" }
  | { readonly k: "op"; readonly op: Op; readonly set: "all" | "any" | ""; readonly ifExists: boolean }
  | { readonly k: "bad" };

function parseOp(name: string): ParsedOp {
  let n = name.toLowerCase();
  let set: "all" | "any" | "" = "";
  if (n.startsWith("forallvalues:")) { set = "all"; n = n.slice("forallvalues:".length); }
  else if (n.startsWith("foranyvalue:")) { set = "any"; n = n.slice("foranyvalue:".length); }
  if (n === "null") return set === "" ? { k: "null" } : { k: "bad" };
  let ifExists = false;
  if (n.endsWith("ifexists")) { ifExists = true; n = n.slice(0, -"ifexists".length); }
  const op = OPS[n];
  return op === undefined ? { k: "bad" } : { k: "op", op, set, ifExists };
}

const NUM_RE = /^[+-]?[0-9]+(\.[0-9]+)?$/;

function parseNum(s: string): number | null {
  return NUM_RE.test(s) ? Number(s) : null;
}

const DATE_RE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$/;
const DAY_RE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const EPOCH_RE = /^[0-9]+$/;

/** parseDate returns nanoseconds since the epoch, or null when the text is no supported date. */
function parseDate(s0: string): bigint | null {
  if (EPOCH_RE.test(s0)) return BigInt(s0) * 1_000_000_000n;
  const s = DAY_RE.test(s0) ? s0 + "T00:00:00Z" : s0;
  const m = DATE_RE.exec(s);
  if (m === null) return null;
  const [y, mo, d, h, mi, se] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i]));
  if (y === undefined || mo === undefined || d === undefined || h === undefined || mi === undefined || se === undefined) return null;
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || se > 59) return null;
  const dim = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > dim) return null;
  let ns = BigInt(Date.UTC(y, mo - 1, d, h, mi, se)) * 1_000_000n;
  const frac = m[7];
  if (frac !== undefined) ns += BigInt((frac.slice(1) + "000000000").slice(0, 9));
  const z = m[8] ?? "Z";
  if (z !== "Z") {
    const sign = z.startsWith("-") ? -1n : 1n;
    const oh = Number(z.slice(1, 3));
    const om = Number(z.slice(4, 6));
    if (oh > 23 || om > 59) return null;
    ns -= sign * BigInt(oh * 3600 + om * 60) * 1_000_000_000n;
  }
  return ns;
}

function parseIPv4(s: string): number[] | null {
  const parts = s.split(".");
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p) || (p.length > 1 && p.startsWith("0"))) return null;
    const n = Number(p);
    if (n > 255) return null;
    out.push(n);
  }
  return out;
}

/** parseIp returns the address bytes (4 or 16), or null. */
function parseIp(s: string): number[] | null {
  if (!s.includes(":")) return parseIPv4(s);
  let tail: number[] = [];
  let t = s;
  const lastColon = t.lastIndexOf(":");
  if (t.slice(lastColon + 1).includes(".")) {
    const v4 = parseIPv4(t.slice(lastColon + 1));
    if (v4 === null) return null;
    tail = v4;
    t = t.slice(0, lastColon + 1) + "0:0";
  }
  const dbl = t.split("::");
  if (dbl.length > 2) return null;
  const groups = (x: string): number[] | null => {
    if (x === "") return [];
    const out: number[] = [];
    for (const g of x.split(":")) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = groups(dbl[0] ?? "");
  const rest = dbl.length === 2 ? groups(dbl[1] ?? "") : [];
  if (head === null || rest === null) return null;
  let all: number[];
  if (dbl.length === 2) {
    if (head.length + rest.length > 7) return null;
    all = [...head, ...new Array<number>(8 - head.length - rest.length).fill(0), ...rest];
  } else {
    if (head.length !== 8) return null;
    all = head;
  }
  const bytes = all.flatMap((g) => [g >> 8, g & 255]);
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

/** cidrContains: does the CIDR (or single address) p contain the address r? */
function cidrContains(p: string, r: string): boolean {
  if (r.includes("/")) return false;
  const slash = p.indexOf("/");
  const net = parseIp(slash < 0 ? p : p.slice(0, slash));
  const ip = parseIp(r);
  if (net === null || ip === null || net.length !== ip.length) return false;
  let bits = net.length * 8;
  if (slash >= 0) {
    const b = p.slice(slash + 1);
    if (!/^[0-9]{1,3}$/.test(b) || Number(b) > bits) return false;
    bits = Number(b);
  }
  for (let i = 0; i < bits; i++) {
    const byte = i >> 3;
    const mask = 0x80 >> (i & 7);
    if (((net[byte] ?? 0) & mask) !== ((ip[byte] ?? 0) & mask)) return false;
  }
  return true;
}

function compare<N extends number | bigint>(cmp: Op["cmp"], a: N, b: N): boolean {
  switch (cmp) {
    case "eq": return a === b;
    case "lt": return a < b;
    case "lte": return a <= b;
    case "gt": return a > b;
    case "gte": return a >= b;
    case undefined: return false;
  }
}

/** policyStrings normalises a condition's policy values to strings. */
function policyStrings(v: unknown): string[] {
  const xs = Array.isArray(v) ? v : [v];
  return xs.flatMap((x) => (typeof x === "string" ? [x] : typeof x === "boolean" || typeof x === "number" ? [String(x)] : []));
}

/** valueMatch: the positive base operator on one request value against one policy value. */
function valueMatch(op: Op, r: Scalar, p: string, vars: boolean, ctx: Ctx, used: Set<string>): T3 {
  switch (op.fam) {
    case "streq":
    case "streqi":
    case "strlike": {
      const pat = resolvePattern(p, op.fam === "strlike", vars, ctx, used);
      if (pat.k === "none") return "F";
      if (pat.k === "unknown") return "U";
      const v = absVal(r);
      return op.fam === "streqi" ? match3(lowerToks(pat.toks), lowerVal(v), true) : match3(pat.toks, v, true);
    }
    case "arn":
      return arnMatch3(p, r, vars, ctx, used);
    case "num": {
      if (typeof r !== "string") return "U";
      const a = parseNum(r);
      const b = parseNum(p);
      return a === null || b === null ? "F" : b3(compare(op.cmp, a, b));
    }
    case "date": {
      if (typeof r !== "string") return "U";
      const a = parseDate(r);
      const b = parseDate(p);
      return a === null || b === null ? "F" : b3(compare(op.cmp, a, b));
    }
    case "bool":
      if (typeof r !== "string") return "U";
      return b3((p.toLowerCase() === "true" || p.toLowerCase() === "false") && r.toLowerCase() === p.toLowerCase());
    case "bin":
      if (typeof r !== "string") return "U";
      return b3(r === p);
    case "ip":
      if (typeof r !== "string") return "U";
      return b3(cidrContains(p.includes("/") ? p : p + (p.includes(":") ? "/128" : "/32"), r));
  }
}

const UNKNOWN_SCALAR: Scalar = { $unknown: "" };

/** EntryOutcome is one condition entry's result and, for the trace, why. */
interface EntryOutcome {
  readonly r: T3;
  readonly reason: string;
}

/** showVal renders one request value for a reason. */
function showVal(x: Scalar): string {
  if (typeof x === "string") return x;
  if (typeof (x as { $fresh?: unknown }).$fresh === "string") return `the fresh ${(x as { $fresh: string }).$fresh}… id (created by this apply)`;
  if ("$parts" in x) return "a partly known value";
  return "an unknown value";
}

const WORD: Readonly<Record<T3, Truth>> = { T: "true", F: "false", U: "unknown" };

/** entryResult evaluates one `operator: {key: values}` entry; adds unknown keys to `unk` when U. */
function entryResult(opName: string, key: string, raw: unknown, vars: boolean, ctx: Ctx, unk: Set<string>): EntryOutcome {
  const po = parseOp(opName);
  const e = ctx.get(key.toLowerCase());
  if (po.k === "bad") return { r: "F", reason: "unsupported condition operator: never matches" };
  if (po.k === "null") {
    const wants = policyStrings(raw).map((p) => p.toLowerCase());
    const rs = wants.map((want): T3 => {
      if (want !== "true" && want !== "false") return "F";
      if (e === undefined) return b3(want === "true");
      if (e.k === "whole") return "U";
      return b3(want === "false");
    });
    const r = or3(rs);
    if (r === "U" && e !== undefined) unk.add(e.name);
    const reason = !wants.some((w) => w === "true" || w === "false") ? 'Null wants "true" or "false": never matches'
      : e === undefined ? (r === "T" ? "key is absent" : 'key is absent, but Null "false" wants it present')
      : e.k === "whole" ? "whether the key has any value is unknown before apply"
      : r === "T" ? "key is present" : 'key is present, but Null "true" wants it absent';
    return { r, reason };
  }
  const { op, set, ifExists } = po;
  const ps = policyStrings(raw);
  const used = new Set<string>();
  const m = (r: Scalar): T3 => {
    const pos = or3(ps.map((p) => valueMatch(op, r, p, vars, ctx, used)));
    return op.neg ? not3(pos) : pos;
  };
  const absent: T3 = set === "all" ? "T" : set === "any" ? b3(ifExists) : b3(ifExists || op.neg);
  let r: T3;
  let reason: string;
  if (e === undefined) {
    r = absent;
    reason = set === "all" ? "key absent: ForAllValues on an empty set is true"
      : ifExists ? "key absent: IfExists makes it true"
      : op.neg && set === "" ? "key absent: a negated operator is true on a missing key"
      : set === "any" ? "key absent: ForAnyValue on an empty set is false" : "key absent: nothing to match";
  } else if (e.k === "whole") {
    const mu = m(UNKNOWN_SCALAR);
    r = absent === mu ? mu : "U";
    reason = r === "U" ? "the key's values are unknown before apply" : `${WORD[r]} whatever the unknown values are`;
  } else {
    const ms = e.vals.map(m);
    const every = set === "all" || (set === "" && op.neg);
    r = every ? and3(ms) : or3(ms);
    // The value that decides: the first unknown, failing (every) or passing (any) one.
    const first = (want: T3): string => showVal(e.vals[ms.indexOf(want)] as Scalar);
    const passes = op.neg ? " matches no policy value" : " matches a policy value";
    const fails = op.neg ? " matches a policy value" : " matches no policy value";
    if (r === "U") reason = `whether ${first("U")} matches is unknown before apply`;
    else if (every) reason = r === "T" ? (op.neg ? "no value matches a policy value" : "every value matches a policy value") : first("F") + fails;
    else reason = r === "T" ? first("T") + passes : op.neg ? "every value matches a policy value" : "no value matches a policy value";
  }
  if (r === "U") {
    if (e !== undefined && hasMarker(e)) unk.add(e.name);
    for (const u of used) unk.add(u);
  }
  return { r, reason };
}

// ---------------------------------------------------------------------------------------------
// Statements and the decision.

const asList = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const strs = (v: unknown): string[] => asList(v).filter((x): x is string => typeof x === "string");

interface StmtResult {
  readonly ref: StatementRef;
  readonly effect: "Allow" | "Deny";
  readonly kind: PolicyKind;
  readonly actionMatches: boolean;
  readonly keys: readonly string[]; // lower-case condition keys (for the A1 note)
  readonly v: T3;
  readonly unk: readonly string[];
  /** res is the Resource/NotResource result alone; conds the trace of each condition entry. */
  readonly res: T3;
  readonly conds: readonly ConditionTrace[];
}

/** byCodePoint orders strings like Rego object keys (code point order). */
function byCodePoint(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0) ?? 0);
  const y = Array.from(b, (c) => c.codePointAt(0) ?? 0);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return x.length - y.length;
}

function evalStatement(pol: IamPolicy, index: number, s: Record<string, unknown>, vars: boolean, req: Request, ctx: Ctx): StmtResult {
  const effect = s.Effect === "Deny" ? "Deny" : "Allow";
  const action = req.action.toLowerCase();
  const actNot = s.Action === undefined && s.NotAction !== undefined;
  const acts = strs(actNot ? s.NotAction : s.Action);
  const am = acts.some((a) => globMatch(wildToks(a.toLowerCase()), action));
  const actionMatches = actNot ? !am : am;
  const unk = new Set<string>();

  const resNot = s.Resource === undefined && s.NotResource !== undefined;
  const resPats = s.Resource === undefined && s.NotResource === undefined ? ["*"] : strs(resNot ? s.NotResource : s.Resource);
  const used = new Set<string>();
  const rm = or3(resPats.map((p) => (p === "*" ? "T" : arnMatch3(p, req.resource, vars, ctx, used))));
  const res = resNot ? not3(rm) : rm;
  if (res === "U") {
    if (typeof req.resource !== "string") unk.add("resource");
    for (const u of used) unk.add(u);
  }

  const results: T3[] = [];
  const keys: string[] = [];
  const conds: ConditionTrace[] = [];
  const cond = isObj(s.Condition) ? s.Condition : {};
  // The trace lists entries by operator, then key, in code point order (as Rego objects iterate).
  for (const opName of Object.keys(cond).sort(byCodePoint)) {
    const block = cond[opName];
    if (!isObj(block)) {
      results.push("F");
      conds.push({ operator: opName, key: "", values: [], result: "false", reason: "the condition block is not an object: never matches" });
      continue;
    }
    for (const key of Object.keys(block).sort(byCodePoint)) {
      const raw = block[key];
      keys.push(key.toLowerCase());
      const eu = new Set<string>();
      const o = entryResult(opName, key, raw, vars, ctx, eu);
      results.push(o.r);
      conds.push({ operator: opName, key, values: policyStrings(raw), result: WORD[o.r], reason: o.reason });
      if (o.r === "U") for (const u of eu) unk.add(u);
    }
  }
  const c = and3(results);
  const v = and3([b3(actionMatches), res, c]);
  const sid = typeof s.Sid === "string" ? s.Sid : undefined;
  const ref: StatementRef = {
    policy: pol.name,
    kind: pol.kind,
    index,
    ...(sid !== undefined ? { sid } : {}),
    effect,
    status: v === "T" ? "applies" : "unknown",
  };
  // unk only counts when the whole statement is unknown: a false part decides it.
  return { ref, effect, kind: pol.kind, actionMatches, keys, v, unk: v === "U" ? [...unk] : [], res, conds };
}

function statementsOf(doc: unknown): unknown[] {
  if (!isObj(doc)) return [];
  return asList(doc.Statement);
}

const KIND_ORDER: readonly PolicyKind[] = ["scp", "boundary", "identity"];

/** Outcome is a decision with the statement results it reports, and all results (for the trace). */
interface Outcome {
  readonly decision: Decision;
  readonly reported: readonly StmtResult[];
  readonly results: readonly StmtResult[];
}

/** referenceDecide evaluates one request against all policies. */
export function referenceDecide(policies: readonly IamPolicy[], req: Request): Decision {
  return decideAll(policies, req).decision;
}

/** traced is a reported statement with its trace (the explain entrypoint's StatementRef). */
function traced(r: StmtResult, status: NonNullable<StatementRef["status"]>): StatementRef {
  return { ...r.ref, status, action: r.actionMatches ? "true" : "false", resource: WORD[r.res], conditions: r.conds };
}

/**
 * referenceExplain is referenceDecide plus the trace (policies/iam/explain.rego): each reported
 * statement with Action/Resource results and per-condition reasons, and notApplied, the
 * statements whose Action matched but that do not apply.
 */
export function referenceExplain(policies: readonly IamPolicy[], req: Request): Decision {
  const o = decideAll(policies, req);
  const status = o.decision.decision === "Unknown" ? "unknown" : "applies";
  return {
    ...o.decision,
    statements: o.reported.map((r) => traced(r, status)),
    notApplied: o.results.filter((r) => r.actionMatches && r.v === "F").map((r) => traced(r, "does-not-apply")),
  };
}

/** referenceExplainAll explains a batch of requests, in order. */
export function referenceExplainAll(policies: readonly IamPolicy[], requests: readonly Request[]): Decision[] {
  return requests.map((r) => referenceExplain(policies, r));
}

function decideAll(policies: readonly IamPolicy[], req: Request): Outcome {
  const { ctx, empties } = normCtx(req.context);
  const results: StmtResult[] = [];
  for (const pol of policies) {
    const doc = pol.document;
    const vars = isObj(doc) && doc.Version === "2012-10-17";
    statementsOf(doc).forEach((s, i) => { if (isObj(s)) results.push(evalStatement(pol, i, s, vars, req, ctx)); });
  }
  const deny = or3(results.filter((r) => r.effect === "Deny").map((r) => r.v));
  const levels = KIND_ORDER.filter((k) => k === "identity" || policies.some((p) => p.kind === k)).map((k) => ({
    kind: k,
    v: or3(results.filter((r) => r.effect === "Allow" && r.kind === k).map((r) => r.v)),
  }));
  const allowed = and3(levels.map((l) => l.v));

  const notes: string[] = [...(req.notes ?? [])];
  const referenced = new Set(results.filter((r) => r.actionMatches).flatMap((r) => r.keys));
  for (const k of [...empties].sort()) {
    if (referenced.has(k.toLowerCase())) notes.push(`A1: ${k} is an empty list, evaluated as absent (docs/iam-semantics.md §1.7)`);
  }
  const pick = (pred: (r: StmtResult) => boolean): StmtResult[] => results.filter(pred);
  const out = (decision: Decision, reported: readonly StmtResult[]): Outcome => ({ decision, reported, results });
  const noAllow = (): void => {
    for (const l of levels) if (l.v === "F") notes.push(`no ${l.kind} policy allows the request`);
  };

  if (deny === "T") {
    const rs = pick((r) => r.effect === "Deny" && r.v === "T");
    return out({ decision: "ExplicitDeny", statements: rs.map((r) => r.ref), notes }, rs);
  }
  if (allowed === "F") {
    noAllow();
    if (deny === "U") notes.push("an explicit deny may also apply, depending on unknown values");
    return out({ decision: "ImplicitDeny", statements: [], notes }, []);
  }
  if (deny === "F" && allowed === "T") {
    const rs = pick((r) => r.effect === "Allow" && r.v === "T");
    return out({ decision: "Allow", statements: rs.map((r) => r.ref), notes }, rs);
  }
  const uLevels = new Set(levels.filter((l) => l.v === "U").map((l) => l.kind));
  const involved = results.filter((r) => r.v === "U" && (r.effect === "Deny" ? deny === "U" : uLevels.has(r.kind)));
  const unknownKeys = [...new Set(involved.flatMap((r) => r.unk))].sort();
  notes.push(`the decision depends on values unknown before apply: ${unknownKeys.join(", ")}`);
  return out({ decision: "Unknown", statements: involved.map((r) => r.ref), notes, unknownKeys }, involved);
}

/** referenceEvaluate evaluates a batch of requests, one Decision per request, in order. */
export function referenceEvaluate(policies: readonly IamPolicy[], requests: readonly Request[]): Decision[] {
  return requests.map((r) => referenceDecide(policies, r));
}
