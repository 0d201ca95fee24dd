/*
 * Terraform built-in functions the evaluator supports (the ones real modules use for network
 * settings). Input: evaluated arguments (HVal, possibly unknown). Output: a value; anything that
 * depends on an unknown in a way that changes the result is unknown, never a guess.
 * `try` and `can` need lazy arguments and live in eval.ts.
 */

import { EvalError } from "./eval-error.js";
import { Unk, equalVals, firstUnk, isList, isObj, newObject, toNum, toStr, typeName, type HObject, type HVal } from "./values.js";

type Fn = (args: readonly HVal[]) => HVal;

/** isScalarUnk: an unknown that is certainly one string (fresh id or partial string), not a collection. */
function isScalarUnk(v: HVal): boolean {
  return v instanceof Unk && (v.freshPrefix !== undefined || v.parts !== undefined);
}

function list(v: HVal | undefined, fn: string): readonly HVal[] {
  if (isList(v)) return v;
  throw new EvalError(`${fn}: expected a list, got ${typeName(v ?? null)}`);
}

function obj(v: HVal | undefined, fn: string): HObject {
  if (isObj(v)) return v;
  throw new EvalError(`${fn}: expected a map or object, got ${typeName(v ?? null)}`);
}

function str(v: HVal | undefined, fn: string): string {
  const s = toStr(v ?? null);
  if (typeof s === "string") return s;
  throw new EvalError(`${fn}: expected a string, got ${typeName(v ?? null)}`);
}

/** wholeUnk returns the unknown to propagate when a function needs `args` fully known. */
function needKnown(args: readonly HVal[], fn: string): Unk | undefined {
  const u = args.map(firstUnk).find((x) => x !== undefined);
  return u === undefined ? undefined : new Unk(`${fn}(…) of an unknown value: ${u.note}`);
}

function dedupe(xs: readonly HVal[]): HVal[] | Unk {
  const out: HVal[] = [];
  for (const x of xs) {
    if (x instanceof Unk) {
      if (!out.includes(x)) out.push(x);
      continue;
    }
    let dup = false;
    for (const y of out) {
      const e = equalVals(x, y);
      if (e === true) { dup = true; break; }
    }
    if (!dup) out.push(x);
  }
  return out;
}

function flattenInto(v: HVal, out: HVal[]): boolean {
  if (isList(v)) {
    for (const x of v) if (!flattenInto(x, out)) return false;
    return true;
  }
  if (v instanceof Unk && !isScalarUnk(v)) return false;
  out.push(v);
  return true;
}

/**
 * formatValue renders one `format` verb. Supported: %s %d %v %q %t with an optional width and the
 * `-` (left-justify) or `0` (zero-pad %d) flag, as Go's fmt does. Anything else (precision, other
 * flags, %f %e %g %x %b …) yields an unknown rather than a string that Terraform would not produce.
 */
function formatValue(spec: string, v: HVal): string | Unk {
  const m = /^(-?)(0?)(\d*)([sdvqt])$/.exec(spec);
  if (m === null) return new Unk(`format verb %${spec} is not evaluated by vpcgate`);
  if (v instanceof Unk) return v;
  const [, left, zero, width, verb] = m as unknown as [string, string, string, string, string];
  let text: string;
  if (verb === "q") text = JSON.stringify(str(v, "format"));
  else if (verb === "d") text = String(Math.trunc(toNum(v)));
  else if (verb === "v" && typeof v === "object" && v !== null) text = JSON.stringify(v);
  else text = str(v, "format");
  const pad = (width === "" ? 0 : Number(width)) - [...text].length; // widths count characters (code points)
  if (pad <= 0) return text;
  if (left === "-") return text + " ".repeat(pad);
  if (zero === "0" && verb === "d") {
    const sign = text.startsWith("-") ? "-" : "";
    return sign + "0".repeat(pad) + text.slice(sign.length);
  }
  return " ".repeat(pad) + text;
}

function parts(xs: readonly (string | Unk)[], note: string): HVal {
  if (xs.every((x) => typeof x === "string")) return xs.join("");
  return new Unk(note, { parts: xs });
}

/** FUNCTIONS maps function names to implementations. */
export const FUNCTIONS: Readonly<Record<string, Fn>> = {
  concat: (a) => {
    const out: HVal[] = [];
    for (const x of a) {
      if (x instanceof Unk) return new Unk(`concat of an unknown list: ${x.note}`);
      out.push(...list(x, "concat"));
    }
    return out;
  },
  flatten: (a) => {
    const out: HVal[] = [];
    if (a[0] instanceof Unk) return new Unk(`flatten of an unknown list: ${a[0].note}`);
    if (!flattenInto(list(a[0], "flatten"), out)) return new Unk("flatten of a list holding unknown lists");
    return out;
  },
  toset: (a) => (a[0] instanceof Unk ? a[0] : dedupe(list(a[0] ?? null, "toset"))),
  tolist: (a) => (a[0] instanceof Unk ? a[0] : list(a[0], "tolist")),
  tomap: (a) => (a[0] instanceof Unk ? a[0] : obj(a[0], "tomap")),
  tostring: (a) => (a[0] instanceof Unk || a[0] === null ? (a[0] ?? null) : str(a[0], "tostring")),
  tonumber: (a) => (a[0] instanceof Unk || a[0] === null ? (a[0] ?? null) : toNum(a[0])),
  tobool: (a) => (a[0] instanceof Unk || a[0] === null ? (a[0] ?? null) : a[0] === true || a[0] === "true"),
  length: (a) => {
    const v = a[0] ?? null;
    if (v instanceof Unk) return new Unk(`length of an unknown value: ${v.note}`);
    if (isList(v)) return v.length;
    if (isObj(v)) return Object.keys(v).length;
    if (typeof v === "string") return [...v].length;
    throw new EvalError(`length: invalid argument of type ${typeName(v)}`);
  },
  lookup: (a) => {
    const [m, k, d] = a;
    if (m instanceof Unk) return m;
    if (k instanceof Unk) return new Unk(`lookup with an unknown key: ${k.note}`);
    const o = obj(m, "lookup");
    const key = str(k, "lookup");
    if (Object.hasOwn(o, key)) return o[key] as HVal;
    if (a.length >= 3) return d ?? null;
    throw new EvalError(`lookup: the map has no key ${JSON.stringify(key)} and no default was given`);
  },
  merge: (a) => {
    const out: Record<string, HVal> = newObject();
    for (const x of a) {
      if (x === null) continue;
      if (x instanceof Unk) return new Unk(`merge of an unknown map: ${x.note}`);
      Object.assign(out, obj(x, "merge"));
    }
    return out;
  },
  coalesce: (a) => {
    for (const x of a) {
      if (x instanceof Unk) return isScalarUnk(x) && x.freshPrefix !== undefined ? x : new Unk(`coalesce over an unknown value: ${x.note}`);
      if (x !== null && x !== "") return x;
    }
    throw new EvalError("coalesce: no non-null, non-empty argument");
  },
  coalescelist: (a) => {
    for (const x of a) {
      if (x instanceof Unk) return new Unk(`coalescelist over an unknown list: ${x.note}`);
      if (list(x, "coalescelist").length > 0) return x;
    }
    return [];
  },
  element: (a) => {
    const [l, i] = a;
    if (l instanceof Unk) return l;
    if (i instanceof Unk) return new Unk(`element at an unknown index: ${i.note}`);
    const xs = list(l, "element");
    if (xs.length === 0) throw new EvalError("element: the list is empty");
    const n = toNum(i);
    return xs[((n % xs.length) + xs.length) % xs.length] as HVal;
  },
  compact: (a) => {
    if (a[0] instanceof Unk) return a[0];
    const out: HVal[] = [];
    for (const x of list(a[0], "compact")) {
      if (x instanceof Unk && x.freshPrefix === undefined) return new Unk(`compact of a list with an unknown element: ${x.note}`);
      if (x !== null && x !== "") out.push(x);
    }
    return out;
  },
  distinct: (a) => (a[0] instanceof Unk ? a[0] : dedupe(list(a[0] ?? null, "distinct"))),
  contains: (a) => {
    const [l, v] = a;
    if (l instanceof Unk) return new Unk(`contains on an unknown list: ${l.note}`);
    let unk: Unk | undefined;
    for (const x of list(l, "contains")) {
      const e = equalVals(x, v ?? null);
      if (e === true) return true;
      if (e === undefined) unk = new Unk("contains: an element or the value is unknown");
    }
    return unk ?? false;
  },
  keys: (a) => (a[0] instanceof Unk ? new Unk(`keys of an unknown map: ${a[0].note}`) : Object.keys(obj(a[0], "keys")).sort()),
  values: (a) => {
    if (a[0] instanceof Unk) return new Unk(`values of an unknown map: ${a[0].note}`);
    const o = obj(a[0], "values");
    return Object.keys(o).sort().map((k) => o[k] as HVal);
  },
  format: (a) => {
    const f = a[0];
    if (f instanceof Unk) return f;
    const spec = str(f, "format");
    const out: (string | Unk)[] = [];
    let argi = 1;
    const re = /%(%|[-+# 0]*\d*(?:\.\d+)?[sdvqftbeEgGx])/g;
    let last = 0;
    for (let m = re.exec(spec); m !== null; m = re.exec(spec)) {
      out.push(spec.slice(last, m.index));
      last = m.index + m[0].length;
      if (m[1] === "%") { out.push("%"); continue; }
      out.push(formatValue(m[1] as string, a[argi++] ?? null));
    }
    out.push(spec.slice(last));
    return parts(out, "format(…) with an unknown argument");
  },
  formatlist: (a) => needKnown(a, "formatlist") ?? new Unk("formatlist is not evaluated by vpcgate"),
  join: (a) => {
    const [sep, l] = a;
    if (sep instanceof Unk || l instanceof Unk) return new Unk("join of an unknown list");
    const s = str(sep, "join");
    const out: (string | Unk)[] = [];
    list(l, "join").forEach((x, i) => {
      if (i > 0) out.push(s);
      const v = toStr(x);
      if (v === undefined) throw new EvalError("join: elements must be strings");
      out.push(v);
    });
    return parts(out, "join(…) with an unknown element");
  },
  split: (a) => needKnown(a, "split") ?? str(a[1], "split").split(str(a[0], "split")),
  replace: (a) => {
    const u = needKnown(a, "replace");
    if (u !== undefined) return u;
    const s = str(a[0], "replace");
    const sub = str(a[1], "replace");
    const rep = str(a[2], "replace");
    if (sub.length > 1 && sub.startsWith("/") && sub.endsWith("/")) return s.replace(new RegExp(sub.slice(1, -1), "g"), rep.replace(/\$\{(\d+)\}/g, "$$$1"));
    return s.split(sub).join(rep);
  },
  lower: (a) => (a[0] instanceof Unk ? a[0] : str(a[0], "lower").toLowerCase()),
  upper: (a) => (a[0] instanceof Unk ? a[0] : str(a[0], "upper").toUpperCase()),
  trimspace: (a) => (a[0] instanceof Unk ? a[0] : str(a[0], "trimspace").trim()),
  substr: (a) => needKnown(a, "substr") ?? [...str(a[0], "substr")].slice(toNum(a[1]), toNum(a[2]) < 0 ? undefined : toNum(a[1]) + toNum(a[2])).join(""),
  startswith: (a) => needKnown(a, "startswith") ?? str(a[0], "startswith").startsWith(str(a[1], "startswith")),
  endswith: (a) => needKnown(a, "endswith") ?? str(a[0], "endswith").endsWith(str(a[1], "endswith")),
  slice: (a) => {
    if (a[0] instanceof Unk) return a[0];
    const u = needKnown([a[1] ?? null, a[2] ?? null], "slice");
    return u ?? list(a[0], "slice").slice(toNum(a[1]), toNum(a[2]));
  },
  range: (a) => {
    const u = needKnown(a, "range");
    if (u !== undefined) return u;
    const n = a.map(toNum);
    const [start, end, step] = n.length === 1 ? [0, n[0] as number, 1] : [n[0] as number, n[1] as number, n[2] ?? ((n[1] as number) >= (n[0] as number) ? 1 : -1)];
    const out: number[] = [];
    for (let i = start; step > 0 ? i < end : i > end; i += step) { out.push(i); if (out.length > 1024) break; }
    return out;
  },
  zipmap: (a) => {
    const u = a[0] instanceof Unk ? a[0] : list(a[0], "zipmap").find((x) => x instanceof Unk);
    if (u !== undefined || a[1] instanceof Unk) return new Unk("zipmap with unknown keys or values");
    const ks = list(a[0], "zipmap");
    const vs = list(a[1], "zipmap");
    const out: Record<string, HVal> = newObject();
    ks.forEach((k, i) => { out[str(k, "zipmap")] = vs[i] ?? null; });
    return out;
  },
  one: (a) => {
    if (a[0] instanceof Unk) return a[0];
    const xs = list(a[0], "one");
    if (xs.length > 1) throw new EvalError("one: the list has more than one element");
    return xs[0] ?? null;
  },
  sort: (a) => needKnown(a, "sort") ?? [...list(a[0], "sort")].map((x) => str(x, "sort")).sort(),
  reverse: (a) => (a[0] instanceof Unk ? a[0] : [...list(a[0], "reverse")].reverse()),
  setunion: (a) => needKnown(a, "setunion") ?? dedupe(a.flatMap((x) => list(x, "setunion"))),
  jsonencode: (a) => needKnown(a, "jsonencode") ?? JSON.stringify(a[0] ?? null),
  min: (a) => needKnown(a, "min") ?? Math.min(...a.map(toNum)),
  max: (a) => needKnown(a, "max") ?? Math.max(...a.map(toNum)),
};
