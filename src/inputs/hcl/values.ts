/*
 * Values of the HCL evaluator: JSON-like values plus Unk, a value not knowable without an apply
 * (with why, and optionally: a fresh-id prefix, known string parts, the VPC of a fresh subnet).
 * Input/Output: HVal. Conversion to IAM scalars (toScalar) keeps unknowns as markers.
 */

import type { Scalar } from "../../iam/types.js";
import { concatParts, fresh, unknown } from "../../lambda/spec.js";

/** Unk is an unknown value. */
export class Unk {
  readonly note: string;
  /** freshPrefix is set when the value is the id of a resource this apply creates. */
  readonly freshPrefix: string | undefined;
  /** parts is set for a string known in part. */
  readonly parts: readonly (string | Unk)[] | undefined;
  /** vpc is the VPC of a fresh subnet id, when its configuration says. */
  readonly vpc: HVal | undefined;
  constructor(note: string, opts: { freshPrefix?: string; parts?: readonly (string | Unk)[]; vpc?: HVal } = {}) {
    this.note = note;
    this.freshPrefix = opts.freshPrefix;
    this.parts = opts.parts;
    this.vpc = opts.vpc;
  }
}

/** HObject is an HCL object/map value. */
export interface HObject { readonly [k: string]: HVal }

/** HVal is any evaluated value. */
export type HVal = null | boolean | number | string | readonly HVal[] | HObject | Unk;

/** isObj reports whether v is an object value (not a list, not Unk). */
/**
 * newObject makes an empty HCL object with no prototype: a key such as "__proto__" becomes an own
 * key like any other (on a plain object, assigning it would silently change the prototype and
 * drop the key), and "constructor" or "toString" are never found on it by accident.
 */
export function newObject<T = HVal>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

export function isObj(v: HVal | undefined): v is HObject {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Unk);
}

/** isList reports whether v is a list/tuple/set value. */
export function isList(v: HVal | undefined): v is readonly HVal[] {
  return Array.isArray(v);
}

/** firstUnk returns the first unknown found anywhere in v (deep), if any. */
export function firstUnk(v: HVal | undefined): Unk | undefined {
  if (v instanceof Unk) return v;
  if (Array.isArray(v)) {
    for (const x of v as readonly HVal[]) { const u = firstUnk(x); if (u !== undefined) return u; }
    return undefined;
  }
  if (isObj(v)) {
    for (const x of Object.values(v)) { const u = firstUnk(x); if (u !== undefined) return u; }
  }
  return undefined;
}

/** typeName names a value's type for messages. */
export function typeName(v: HVal): string {
  if (v === null) return "null";
  if (v instanceof Unk) return "unknown";
  if (Array.isArray(v)) return "list";
  if (typeof v === "object") return "object";
  return typeof v;
}

/** toNum converts a number or a numeric string to a number; NaN for anything else (never a JS coercion of a collection). */
export function toNum(v: HVal | undefined): number {
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.trim() !== "") return Number(v);
  return NaN;
}

/** toStr converts a primitive to its HCL string form; undefined for collections. */
export function toStr(v: HVal): string | Unk | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v instanceof Unk) return v;
  return undefined;
}

/** toScalar turns a value into an IAM scalar: strings stay, unknowns become markers. */
export function toScalar(v: HVal, what: string): Scalar {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (v instanceof Unk) {
    if (v.freshPrefix !== undefined) return fresh(v.freshPrefix, v.note);
    if (v.parts !== undefined) return concatParts(v.parts.map((p) => (typeof p === "string" ? p : toScalar(p, what))));
    return unknown(v.note);
  }
  return unknown(`${what} is ${typeName(v)}, not a string`);
}

/** equalVals compares two known values structurally; undefined when unknowns make it undecidable. */
export function equalVals(a: HVal, b: HVal): boolean | undefined {
  if (a instanceof Unk || b instanceof Unk) {
    if (a instanceof Unk && b instanceof Unk && a.freshPrefix !== undefined && a === b) return true;
    return undefined;
  }
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    let unk = false;
    for (let i = 0; i < a.length; i++) {
      const r = equalVals(a[i] as HVal, b[i] as HVal);
      if (r === false) return false;
      if (r === undefined) unk = true;
    }
    return unk ? undefined : true;
  }
  const ao = a as HObject;
  const bo = b as HObject;
  const ka = Object.keys(ao).sort();
  const kb = Object.keys(bo).sort();
  if (ka.join("\u0000") !== kb.join("\u0000")) return false;
  let unk = false;
  for (const k of ka) {
    const r = equalVals(ao[k] as HVal, bo[k] as HVal);
    if (r === false) return false;
    if (r === undefined) unk = true;
  }
  return unk ? undefined : true;
}
