/*
 * A subset of OPA builtins over JS values, for the IR interpreter (test code only). A builtin
 * returns undefined for errors (Wasm builtins are non-strict). Unknown builtins throw.
 */

import { compare, equal, RObject, RSet, sortedValues, toJson, fromJson, typeOf } from "./ir-values.js";
import type { Val } from "./ir-values.js";

type Fn = (...args: Val[]) => Val | undefined;

const num = (v: Val): v is number => typeof v === "number";
const str = (v: Val): v is string => typeof v === "string";
const arith = (f: (a: number, b: number) => number | undefined): Fn => (a, b) => (num(a) && num(b!) ? f(a, b as number) : undefined);
const cmp = (f: (c: number) => boolean): Fn => (a, b) => f(compare(a!, b!));
const codePoints = (s: string): string[] => [...s];

function collection(v: Val): Val[] | undefined {
  if (Array.isArray(v)) return v;
  if (v instanceof RSet) return sortedValues(v);
  if (v instanceof RObject) return v.entries().map((e) => e[1]);
  return undefined;
}

function sprintf(fmt: string, args: Val[]): string {
  let i = 0;
  return fmt.replace(/%([-+ 0#]*\d*(?:\.\d+)?)([vdsfxXtqeg%])/g, (_m, _flags: string, verb: string) => {
    if (verb === "%") return "%";
    const a = args[i++];
    if (a === undefined) return "%!" + verb + "(MISSING)";
    if (verb === "d" && num(a)) return String(Math.trunc(a));
    if (verb === "s" && str(a)) return a;
    if (verb === "q") return JSON.stringify(toJson(a));
    if (verb === "x" && num(a)) return a.toString(16);
    return str(a) ? a : JSON.stringify(toJson(a));
  });
}

function walk(v: Val, path: Val[], out: Val[]): void {
  out.push([path, v]);
  if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i], out));
  else if (v instanceof RObject) for (const [k, x] of v.entries()) walk(x, [...path, k], out);
  else if (v instanceof RSet) for (const x of v.values()) walk(x, [...path, x], out);
}

/** BUILTINS maps builtin names to implementations. */
export const BUILTINS: Record<string, Fn> = {
  plus: arith((a, b) => a + b),
  minus: (a, b) => (num(a!) && num(b!) ? (a as number) - (b as number) : a instanceof RSet && b instanceof RSet ? setFrom(a.values().filter((x) => !b.has(x))) : undefined),
  mul: arith((a, b) => a * b),
  div: arith((a, b) => (b === 0 ? undefined : a / b)),
  rem: arith((a, b) => (b === 0 || !Number.isInteger(a) || !Number.isInteger(b) ? undefined : a % b)),
  abs: (a) => (num(a!) ? Math.abs(a as number) : undefined),
  round: (a) => (num(a!) ? Math.sign(a as number) * Math.round(Math.abs(a as number)) : undefined),
  ceil: (a) => (num(a!) ? Math.ceil(a as number) : undefined),
  floor: (a) => (num(a!) ? Math.floor(a as number) : undefined),
  equal: (a, b) => equal(a!, b!),
  neq: (a, b) => !equal(a!, b!),
  lt: cmp((c) => c < 0),
  lte: cmp((c) => c <= 0),
  gt: cmp((c) => c > 0),
  gte: cmp((c) => c >= 0),
  count: (a) => (str(a!) ? codePoints(a as string).length : collection(a!)?.length),
  sum: (a) => collection(a!)?.reduce<number | undefined>((s, x) => (s !== undefined && num(x) ? s + x : undefined), 0),
  product: (a) => collection(a!)?.reduce<number | undefined>((s, x) => (s !== undefined && num(x) ? s * x : undefined), 1),
  max: (a) => { const c = collection(a!); return c === undefined || c.length === 0 ? undefined : c.reduce((m, x) => (compare(x, m) > 0 ? x : m)); },
  min: (a) => { const c = collection(a!); return c === undefined || c.length === 0 ? undefined : c.reduce((m, x) => (compare(x, m) < 0 ? x : m)); },
  sort: (a) => (Array.isArray(a) ? [...a].sort(compare) : a instanceof RSet ? sortedValues(a) : undefined),
  all: (a) => collection(a!)?.every((x) => x === true),
  any: (a) => collection(a!)?.some((x) => x === true),
  "numbers.range": (a, b) => {
    if (!num(a!) || !num(b!) || !Number.isInteger(a) || !Number.isInteger(b)) return undefined;
    const out: number[] = [];
    const s = (b as number) >= (a as number) ? 1 : -1;
    for (let i = a as number; s > 0 ? i <= (b as number) : i >= (b as number); i += s) out.push(i);
    return out;
  },
  "array.concat": (a, b) => (Array.isArray(a) && Array.isArray(b) ? [...a, ...b] : undefined),
  "array.reverse": (a) => (Array.isArray(a) ? [...a].reverse() : undefined),
  "array.slice": (a, s, e) => (Array.isArray(a) && num(s!) && num(e!) ? a.slice(Math.max(0, s as number), Math.max(0, e as number)) : undefined),
  and: (a, b) => (a instanceof RSet && b instanceof RSet ? setFrom(a.values().filter((x) => b.has(x))) : undefined),
  or: (a, b) => (a instanceof RSet && b instanceof RSet ? setFrom([...a.values(), ...b.values()]) : undefined),
  intersection: (a) => { if (!(a instanceof RSet)) return undefined; const sets = a.values() as RSet[]; if (sets.length === 0) return new RSet(); return setFrom(sets[0]!.values().filter((x) => sets.every((s) => s.has(x)))); },
  union: (a) => (a instanceof RSet ? setFrom((a.values() as RSet[]).flatMap((s) => s.values())) : undefined),
  is_number: (a) => num(a!), is_string: (a) => str(a!), is_boolean: (a) => typeof a === "boolean", is_array: (a) => Array.isArray(a),
  is_set: (a) => a instanceof RSet, is_object: (a) => a instanceof RObject, is_null: (a) => a === null,
  type_name: (a) => typeOf(a!),
  concat: (d, a) => { const c = collection(a!); return str(d!) && c !== undefined && c.every(str) ? (c as string[]).join(d as string) : undefined; },
  startswith: (a, b) => (str(a!) && str(b!) ? (a as string).startsWith(b as string) : undefined),
  endswith: (a, b) => (str(a!) && str(b!) ? (a as string).endsWith(b as string) : undefined),
  contains: (a, b) => (str(a!) && str(b!) ? (a as string).includes(b as string) : undefined),
  lower: (a) => (str(a!) ? (a as string).toLowerCase() : undefined),
  upper: (a) => (str(a!) ? (a as string).toUpperCase() : undefined),
  split: (a, b) => (str(a!) && str(b!) ? (a as string).split(b as string) : undefined),
  replace: (a, b, c) => (str(a!) && str(b!) && str(c!) ? (a as string).split(b as string).join(c as string) : undefined),
  indexof: (a, b) => { if (!str(a!) || !str(b!)) return undefined; const i = (a as string).indexOf(b as string); return i < 0 ? -1 : codePoints((a as string).slice(0, i)).length; },
  substring: (a, s, l) => { if (!str(a!) || !num(s!) || !num(l!)) return undefined; const cp = codePoints(a as string); if ((s as number) < 0) return undefined; return ((l as number) < 0 ? cp.slice(s as number) : cp.slice(s as number, (s as number) + (l as number))).join(""); },
  trim: (a, c) => { if (!str(a!) || !str(c!)) return undefined; const cs = new Set(codePoints(c as string)); const cp = codePoints(a as string); let i = 0; let j = cp.length; while (i < j && cs.has(cp[i]!)) i++; while (j > i && cs.has(cp[j - 1]!)) j--; return cp.slice(i, j).join(""); },
  trim_space: (a) => (str(a!) ? (a as string).trim() : undefined),
  trim_prefix: (a, b) => (str(a!) && str(b!) ? ((a as string).startsWith(b as string) ? (a as string).slice((b as string).length) : a) : undefined),
  trim_suffix: (a, b) => (str(a!) && str(b!) ? ((a as string).endsWith(b as string) ? (a as string).slice(0, (a as string).length - (b as string).length) : a) : undefined),
  "strings.reverse": (a) => (str(a!) ? codePoints(a as string).reverse().join("") : undefined),
  sprintf: (f, a) => (str(f!) && Array.isArray(a) ? sprintf(f as string, a) : undefined),
  format_int: (a, b) => (num(a!) && num(b!) ? Math.trunc(a as number).toString(b as number) : undefined),
  to_number: (a) => (num(a!) ? a : str(a!) && (a as string).trim() !== "" && !Number.isNaN(Number(a)) ? Number(a) : a === null ? 0 : typeof a === "boolean" ? (a ? 1 : 0) : undefined),
  "object.get": (o, k, d) => {
    if (o instanceof RObject) { if (Array.isArray(k)) { let cur: Val | undefined = o; for (const s of k) { cur = cur instanceof RObject ? cur.get(s) : Array.isArray(cur) && num(s) ? cur[s] : undefined; if (cur === undefined) return d; } return cur; } const v = o.get(k!); return v === undefined ? d : v; }
    return undefined;
  },
  "object.keys": (o) => (o instanceof RObject ? setFrom(o.entries().map((e) => e[0])) : undefined),
  "object.remove": (o, ks) => { if (!(o instanceof RObject)) return undefined; const c = collection(ks!) ?? []; const r = new RObject(); for (const [k, v] of o.entries()) if (!c.some((x) => equal(x, k))) r.set(k, v); return r; },
  "object.union": (a, b) => (a instanceof RObject && b instanceof RObject ? merge(a, b) : undefined),
  "object.union_n": (a) => (Array.isArray(a) && a.every((x) => x instanceof RObject) ? a.reduce<Val>((acc, x) => merge(acc as RObject, x as RObject), new RObject()) : undefined),
  "object.filter": (o, ks) => { if (!(o instanceof RObject)) return undefined; const c = collection(ks!) ?? []; const r = new RObject(); for (const [k, v] of o.entries()) if (c.some((x) => equal(x, k))) r.set(k, v); return r; },
  "json.marshal": (a) => JSON.stringify(toJson(a!)),
  "json.unmarshal": (a) => { if (!str(a!)) return undefined; try { return fromJson(JSON.parse(a as string)); } catch { return undefined; } },
  "json.is_valid": (a) => { if (!str(a!)) return false; try { JSON.parse(a as string); return true; } catch { return false; } },
  "internal.member_2": (x, c) => (collection(c!) ?? []).some((y) => equal(x!, y)),
  "internal.member_3": (k, x, c) => {
    if (Array.isArray(c)) return num(k!) && c[k as number] !== undefined && equal(c[k as number]!, x!);
    if (c instanceof RObject) { const v = c.get(k!); return v !== undefined && equal(v, x!); }
    if (c instanceof RSet) return equal(k!, x!) && c.has(x!);
    return false;
  },
  walk: (a) => { const out: Val[] = []; walk(a!, [], out); return out; },
  "regex.match": (p, s) => (str(p!) && str(s!) ? new RegExp(p as string, "u").test(s as string) : undefined),
  "bits.or": arith((a, b) => a | b), "bits.and": arith((a, b) => a & b), "bits.xor": arith((a, b) => a ^ b),
  "base64.encode": (a) => (str(a!) ? Buffer.from(a as string).toString("base64") : undefined),
  "base64.decode": (a) => (str(a!) ? Buffer.from(a as string, "base64").toString() : undefined),
  set_diff: (a, b) => (a instanceof RSet && b instanceof RSet ? setFrom(a.values().filter((x) => !b.has(x))) : undefined),
  "bits.negate": (a) => (num(a!) ? ~(a as number) : undefined),
  "bits.lsh": arith((a, b) => a * 2 ** b),
  "bits.rsh": arith((a, b) => Math.floor(a / 2 ** b)),
  "base64.is_valid": (a) => str(a!) && /^[A-Za-z0-9+/]*={0,2}$/.test(a as string) && (a as string).length % 4 === 0,
  "base64url.encode": (a) => (str(a!) ? Buffer.from(a as string).toString("base64url") + "=".repeat((4 - (Buffer.from(a as string).toString("base64url").length % 4)) % 4) : undefined),
  "base64url.decode": (a) => (str(a!) ? Buffer.from(a as string, "base64url").toString() : undefined),
  "strings.replace_n": (m, s) => { if (!(m instanceof RObject) || !str(s!)) return undefined; let out = s as string; for (const [k, v] of sortedEntriesOf(m)) { if (!str(k) || !str(v)) return undefined; out = out.split(k).join(v); } return out; },
  trim_left: (a, c) => { if (!str(a!) || !str(c!)) return undefined; const cs = new Set(codePoints(c as string)); const cp = codePoints(a as string); let i = 0; while (i < cp.length && cs.has(cp[i]!)) i++; return cp.slice(i).join(""); },
  trim_right: (a, c) => { if (!str(a!) || !str(c!)) return undefined; const cs = new Set(codePoints(c as string)); const cp = codePoints(a as string); let j = cp.length; while (j > 0 && cs.has(cp[j - 1]!)) j--; return cp.slice(0, j).join(""); },
  "strings.any_prefix_match": (a, b) => {
    const xs = str(a!) ? [a as string] : collection(a!);
    const ps = str(b!) ? [b as string] : collection(b!);
    if (xs === undefined || ps === undefined || !xs.every(str) || !ps.every(str)) return undefined;
    return (xs as string[]).some((x) => (ps as string[]).some((p) => x.startsWith(p)));
  },
  "time.now_ns": () => Date.now() * 1e6,
  "opa.runtime": () => new RObject(),
  custom_builtin_test: (a) => (num(a!) ? (a as number) + 1 : undefined),
  custom_builtin_test_impure: () => "foo",
  custom_builtin_test_memoization: () => 100,
};

function sortedEntriesOf(o: RObject): [Val, Val][] {
  return o.entries().sort((x, y) => compare(x[0], y[0]));
}

function setFrom(xs: Val[]): RSet {
  const s = new RSet();
  for (const x of xs) s.add(x);
  return s;
}

function merge(a: RObject, b: RObject): RObject {
  const r = a.copy();
  for (const [k, v] of b.entries()) {
    const x = r.get(k);
    r.set(k, x instanceof RObject && v instanceof RObject ? merge(x, v) : v);
  }
  return r;
}
