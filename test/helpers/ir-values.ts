/*
 * Rego values in JS for the IR interpreter (test code only): null, boolean, number, string,
 * arrays (JS arrays), objects (RObject) and sets (RSet), keyed by a canonical string so that
 * structurally equal values (1 and 1.0 too) collide. Conversions from/to JSON.
 */

/** Val is any Rego value. */
export type Val = null | boolean | number | string | Val[] | RObject | RSet;

/** RObject is a Rego object (any value as key). */
export class RObject {
  readonly m = new Map<string, [Val, Val]>();
  get(k: Val): Val | undefined {
    return this.m.get(canon(k))?.[1];
  }
  set(k: Val, v: Val): void {
    this.m.set(canon(k), [k, v]);
  }
  get size(): number {
    return this.m.size;
  }
  entries(): [Val, Val][] {
    return [...this.m.values()];
  }
  copy(): RObject {
    const o = new RObject();
    for (const [k, e] of this.m) o.m.set(k, [e[0], e[1]]);
    return o;
  }
}

/** RSet is a Rego set. */
export class RSet {
  readonly m = new Map<string, Val>();
  has(v: Val): boolean {
    return this.m.has(canon(v));
  }
  add(v: Val): void {
    this.m.set(canon(v), v);
  }
  get size(): number {
    return this.m.size;
  }
  values(): Val[] {
    return [...this.m.values()];
  }
}

const ORDER = { null: 0, boolean: 1, number: 2, string: 3, array: 4, object: 5, set: 6 } as const;

/** typeOf is the Rego type name of a value. */
export function typeOf(v: Val): keyof typeof ORDER {
  if (v === null) return "null";
  if (typeof v === "boolean") return "boolean";
  if (typeof v === "number") return "number";
  if (typeof v === "string") return "string";
  if (Array.isArray(v)) return "array";
  if (v instanceof RObject) return "object";
  return "set";
}

/** canon is a canonical string for a value (equal values, equal strings). */
export function canon(v: Val): string {
  switch (typeOf(v)) {
    case "null":
      return "n";
    case "boolean":
      return v ? "T" : "F";
    case "number":
      return `#${String(v)}`;
    case "string":
      return JSON.stringify(v);
    case "array":
      return `[${(v as Val[]).map(canon).join(",")}]`;
    case "object":
      return `{${[...(v as RObject).m.entries()].sort((a, b) => cmpStr(a[0], b[0])).map(([k, e]) => `${k}:${canon(e[1])}`).join(",")}}`;
    case "set":
      return `<${[...(v as RSet).m.keys()].sort(cmpStr).join(",")}>`;
  }
}

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** compare is Rego's total order. */
export function compare(a: Val, b: Val): number {
  const ta = ORDER[typeOf(a)];
  const tb = ORDER[typeOf(b)];
  if (ta !== tb) return ta - tb;
  switch (typeOf(a)) {
    case "null":
      return 0;
    case "boolean":
      return (a ? 1 : 0) - (b ? 1 : 0);
    case "number":
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    case "string":
      return cmpStr(a as string, b as string);
    case "array": {
      const x = a as Val[];
      const y = b as Val[];
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compare(x[i]!, y[i]!);
        if (c !== 0) return c;
      }
      return x.length - y.length;
    }
    case "object": {
      const x = sortedEntries(a as RObject);
      const y = sortedEntries(b as RObject);
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compare(x[i]![0], y[i]![0]) || compare(x[i]![1], y[i]![1]);
        if (c !== 0) return c;
      }
      return x.length - y.length;
    }
    case "set": {
      const x = sortedValues(a as RSet);
      const y = sortedValues(b as RSet);
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compare(x[i]!, y[i]!);
        if (c !== 0) return c;
      }
      return x.length - y.length;
    }
  }
}

/** sortedEntries lists an object's entries by key order. */
export function sortedEntries(o: RObject): [Val, Val][] {
  return o.entries().sort((a, b) => compare(a[0], b[0]));
}
/** sortedValues lists a set's members in order. */
export function sortedValues(s: RSet): Val[] {
  return s.values().sort(compare);
}

/** equal is value equality. */
export function equal(a: Val, b: Val): boolean {
  return canon(a) === canon(b);
}

/** fromJson converts parsed JSON into a Val. */
export function fromJson(j: unknown): Val {
  if (j === null || typeof j === "boolean" || typeof j === "number" || typeof j === "string") return j;
  if (Array.isArray(j)) return j.map(fromJson);
  const o = new RObject();
  for (const [k, v] of Object.entries(j as Record<string, unknown>)) o.set(k, fromJson(v));
  return o;
}

/** toJson converts a Val to JSON (sets become sorted arrays, object keys are stringified). */
export function toJson(v: Val): unknown {
  switch (typeOf(v)) {
    case "array":
      return (v as Val[]).map(toJson);
    case "set":
      return sortedValues(v as RSet).map(toJson);
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [k, x] of sortedEntries(v as RObject)) out[typeof k === "string" ? k : JSON.stringify(toJson(k))] = toJson(x);
      return out;
    }
    default:
      return v;
  }
}
