/*
 * A small JSON Schema validator for the subset our own schemas use (type, properties, required,
 * additionalProperties, items, enum, const, pattern, format "date", minLength, minItems, minimum,
 * oneOf/anyOf, $ref into #/$defs). Input: a schema and a JSON value. Output: errors with the JSON
 * path of the offending value, so callers can map them to file:line:col.
 */

/** SchemaError is one validation failure at a JSON path; `key` marks an unexpected property name. */
export interface SchemaError {
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly key?: boolean;
}

type Schema = Readonly<Record<string, unknown>> | boolean;

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** jsonType names a value's JSON type ("integer" is reported as "number"). */
function jsonType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

function typeMatches(t: string, v: unknown): boolean {
  if (t === "integer") return typeof v === "number" && Number.isInteger(v);
  return jsonType(v) === t;
}

/** validateSchema checks `value` against `root` and returns every error found. */
export function validateSchema(root: Schema, value: unknown): SchemaError[] {
  const errors: SchemaError[] = [];
  const resolveRef = (ref: string): Schema => {
    if (!ref.startsWith("#/")) throw new Error(`internal: unsupported $ref ${ref}`);
    let cur: unknown = root;
    for (const part of ref.slice(2).split("/")) cur = (cur as Record<string, unknown>)[part];
    if (cur === undefined) throw new Error(`internal: dangling $ref ${ref}`);
    return cur as Schema;
  };
  const walk = (s: Schema, v: unknown, path: (string | number)[], out: SchemaError[]): void => {
    if (s === true) return;
    if (s === false) { out.push({ path, message: "is not allowed here" }); return; }
    if (typeof s.$ref === "string") { walk(resolveRef(s.$ref), v, path, out); return; }
    const types = s.type === undefined ? undefined : Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    if (types && !types.some((t) => typeMatches(t, v))) {
      out.push({ path, message: `must be ${types.join(" or ")}, not ${jsonType(v)}` });
      return;
    }
    if (s.const !== undefined && JSON.stringify(s.const) !== JSON.stringify(v)) {
      out.push({ path, message: `must be ${JSON.stringify(s.const)}` });
    }
    if (Array.isArray(s.enum) && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) {
      out.push({ path, message: `must be one of ${s.enum.map((e) => JSON.stringify(e)).join(", ")}` });
    }
    if (typeof v === "string") {
      if (typeof s.minLength === "number" && v.length < s.minLength) out.push({ path, message: "must not be empty" });
      if (typeof s.pattern === "string" && !new RegExp(s.pattern, "u").test(v)) out.push({ path, message: `must match ${s.pattern}` });
      if (s.format === "date" && !DATE.test(v)) out.push({ path, message: "must be a date YYYY-MM-DD" });
    }
    if (typeof v === "number" && typeof s.minimum === "number" && v < s.minimum) {
      out.push({ path, message: `must be at least ${s.minimum}` });
    }
    if (Array.isArray(v)) {
      if (typeof s.minItems === "number" && v.length < s.minItems) out.push({ path, message: `must have at least ${s.minItems} item(s)` });
      if (s.items !== undefined) v.forEach((item, i) => walk(s.items as Schema, item, [...path, i], out));
    }
    if (jsonType(v) === "object") {
      const obj = v as Record<string, unknown>;
      const props = (s.properties ?? {}) as Record<string, Schema>;
      for (const req of (s.required ?? []) as string[]) {
        if (!(req in obj)) out.push({ path, message: `missing required property "${req}"` });
      }
      for (const [k, child] of Object.entries(obj)) {
        const ps = props[k];
        if (ps !== undefined) walk(ps, child, [...path, k], out);
        else if (s.additionalProperties === false) {
          const known = Object.keys(props).join(", ");
          out.push({ path: [...path, k], key: true, message: `unknown property "${k}" (expected one of: ${known})` });
        } else if (typeof s.additionalProperties === "object") walk(s.additionalProperties as Schema, child, [...path, k], out);
      }
    }
    for (const combo of ["oneOf", "anyOf"] as const) {
      const alts = s[combo];
      if (!Array.isArray(alts)) continue;
      const results = alts.map((a) => { const e: SchemaError[] = []; walk(a as Schema, v, path, e); return e; });
      const ok = results.filter((e) => e.length === 0).length;
      if (combo === "anyOf" ? ok === 0 : ok !== 1) {
        // Report the alternative that got furthest (fewest errors), the most useful message.
        const best = results.reduce((a, b) => (b.length < a.length ? b : a), results[0] ?? []);
        if (ok === 0 && best.length > 0) out.push(...best);
        else out.push({ path, message: `must match exactly one of ${alts.length} forms` });
      }
    }
  };
  walk(root, value, [], errors);
  return errors;
}
