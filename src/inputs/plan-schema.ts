/*
 * Shape check of a parsed plan document (issue 8: wrong types at every level are refused).
 * Input: the JSON.parse result of `terraform show -json`. Output: the first problem as a JSON path
 * plus message, or undefined. Unknown keys are allowed (newer Terraform adds fields); known keys
 * must have the documented type, and the attributes vpcgate reads from aws_lambda_function
 * changes are checked element by element.
 */

import type { JsonPath } from "./json-positions.js";

/** ShapeProblem is the first wrong-typed value: where it is and what was expected. */
export interface ShapeProblem {
  readonly path: JsonPath;
  readonly message: string;
}

/** Shape is a small JSON schema: a kind-tagged union checked by checkShape (and by plan-scan.ts on bytes). */
export type Shape =
  | { readonly kind: "string" }
  | { readonly kind: "bool" }
  | { readonly kind: "number" }
  | { readonly kind: "any" }
  | { readonly kind: "object"; readonly fields?: Readonly<Record<string, Shape>>; readonly required?: readonly string[] }
  | { readonly kind: "list"; readonly of: Shape; readonly max?: number }
  | { readonly kind: "map"; readonly of: Shape }
  | { readonly kind: "nullable"; readonly of: Shape }
  | { readonly kind: "booltree" }
  | { readonly kind: "actions" }
  | { readonly kind: "lazy"; readonly get: () => Shape };

const S: Shape = { kind: "string" };
const B: Shape = { kind: "bool" };
const N: Shape = { kind: "number" };
const ANY: Shape = { kind: "any" };
const obj = (fields?: Record<string, Shape>, required?: readonly string[]): Shape =>
  (fields === undefined ? { kind: "object" } : required === undefined ? { kind: "object", fields } : { kind: "object", fields, required });
const list = (of: Shape, max?: number): Shape => (max === undefined ? { kind: "list", of } : { kind: "list", of, max });
const map = (of: Shape): Shape => ({ kind: "map", of });
const opt = (of: Shape): Shape => ({ kind: "nullable", of });
const BOOLTREE: Shape = { kind: "booltree" };

/** ACTIONS are the change actions of plan format 1.x. */
const ACTIONS = new Set(["no-op", "create", "read", "update", "delete", "forget"]);

const strings = opt(list(opt(S)));
/** LAMBDA_VALUES is the shape of an aws_lambda_function change's `before` / `after` object. */
export const LAMBDA_VALUES: Shape = obj({
  function_name: opt(S), role: opt(S), handler: opt(S), runtime: opt(S), arn: opt(S),
  vpc_config: opt(list(obj({
    subnet_ids: strings, security_group_ids: strings, ipv6_allowed_for_dual_stack: opt(B), vpc_id: opt(S),
  }), 1)),
  layers: strings, architectures: strings, replacement_security_group_ids: strings,
  tags: opt(map(opt(S))), tags_all: opt(map(opt(S))),
  reserved_concurrent_executions: opt(N), memory_size: opt(N), timeout: opt(N),
  publish: opt(B), skip_destroy: opt(B), replace_security_groups_on_destroy: opt(B),
  code_signing_config_arn: opt(S), kms_key_arn: opt(S), image_uri: opt(S), filename: opt(S),
  s3_bucket: opt(S), s3_key: opt(S), source_code_hash: opt(S),
});

const STATE_RESOURCE: Shape = obj({ address: S, type: S, mode: S, name: S, values: opt(obj()), sensitive_values: BOOLTREE });
const STATE_MODULE: Shape = obj({ address: S, resources: list(STATE_RESOURCE), child_modules: list({ kind: "lazy", get: () => STATE_MODULE }) });
const EXPRESSION: Shape = obj({ references: list(S) });
const CONFIG_MODULE: Shape = obj({
  resources: list(obj({ address: S, type: S, mode: S, name: S, provider_config_key: S, expressions: obj(), count_expression: EXPRESSION, for_each_expression: EXPRESSION })),
  module_calls: map(obj({ source: S, expressions: obj(), module: { kind: "lazy", get: () => CONFIG_MODULE }, count_expression: EXPRESSION, for_each_expression: EXPRESSION })),
  variables: map(obj()), outputs: map(obj()),
});

/** PLAN is the shape of a whole plan document (plan-scan.ts walks parts of it on the bytes). */
export const PLAN: Shape = obj({
  format_version: S, terraform_version: S, errored: B, applyable: B, complete: B, timestamp: S,
  variables: map(obj()),
  planned_values: obj({ root_module: STATE_MODULE, outputs: map(obj()) }),
  prior_state: obj({ format_version: S, terraform_version: S, values: obj({ root_module: STATE_MODULE, outputs: map(obj()) }) }),
  configuration: obj({ provider_config: map(obj({ name: S, full_name: S, alias: S, module_address: S, expressions: obj() })), root_module: CONFIG_MODULE }),
  resource_changes: list(obj({
    address: S, module_address: S, mode: S, type: S, name: S, provider_name: S, deposed: S, action_reason: S,
    change: obj({ actions: { kind: "actions" }, before: opt(obj()), after: opt(obj()), after_unknown: BOOLTREE, before_sensitive: BOOLTREE, after_sensitive: BOOLTREE, replace_paths: list(list(ANY)) }, ["actions"]),
  }, ["address", "type", "change"])),
  resource_drift: list(obj()), output_changes: map(obj()), relevant_attributes: list(obj()), checks: list(obj()),
});

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function typeName(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "a list" : typeof v === "object" ? "an object" : typeof v === "string" ? "a string" : typeof v === "number" ? "a number" : typeof v === "boolean" ? "a boolean" : typeof v;
}

const expectName = (s: Shape): string => {
  switch (s.kind) {
    case "string": return "a string";
    case "bool": return "a boolean";
    case "number": return "a number";
    case "any": return "any value";
    case "object": return "an object";
    case "list": return s.max === 1 ? "a list of at most one block" : "a list";
    case "map": return "an object (map)";
    case "nullable": return `${expectName(s.of)} or null`;
    case "booltree": return "a boolean or a list/object of booleans";
    case "actions": return "a non-empty list of change actions (create, update, delete, read, no-op, forget)";
    case "lazy": return expectName(s.get());
  }
};

/** mismatch is the problem for value `v` not matching `s` at `path` (the path is copied). */
function mismatch(v: unknown, s: Shape, path: readonly (string | number)[]): ShapeProblem {
  return { path: [...path], message: `${renderPath(path)} must be ${expectName(s)}, not ${typeName(v)}` };
}

/** checkShape returns the first mismatch of `v` against `s`, with `path` the JSON path of `v`. */
function checkShape(v: unknown, s: Shape, path: (string | number)[]): ShapeProblem | undefined {
  // `path` is one array pushed and popped along the walk (no allocation per value); problems copy it.
  const bad = (): ShapeProblem => mismatch(v, s, path);
  switch (s.kind) {
    case "string": return typeof v === "string" ? undefined : bad();
    case "bool": return typeof v === "boolean" ? undefined : bad();
    case "number": return typeof v === "number" && Number.isFinite(v) ? undefined : bad();
    case "any": return undefined;
    case "lazy": return checkShape(v, s.get(), path);
    case "nullable": return v === null ? undefined : checkShape(v, s.of, path);
    case "actions": {
      if (!Array.isArray(v) || v.length === 0 || v.length > 2) return bad();
      const i = v.findIndex((a) => typeof a !== "string" || !ACTIONS.has(a));
      return i < 0 ? undefined : { path: [...path, i], message: `${renderPath([...path, i])}: unknown change action ${JSON.stringify(v[i])}` };
    }
    case "booltree": {
      if (typeof v === "boolean") return undefined;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          path.push(i);
          const p = v[i] === null ? undefined : checkShape(v[i], s, path);
          path.pop();
          if (p !== undefined) return p;
        }
        return undefined;
      }
      if (isObj(v)) {
        for (const [k, x] of Object.entries(v)) {
          path.push(k);
          const p = x === null ? undefined : checkShape(x, s, path);
          path.pop();
          if (p !== undefined) return p;
        }
        return undefined;
      }
      return bad();
    }
    case "list": {
      if (!Array.isArray(v)) return bad();
      if (s.max !== undefined && v.length > s.max) return { path: [...path], message: `${renderPath(path)} must hold at most ${s.max} block, not ${v.length}` };
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        const p = checkShape(v[i], s.of, path);
        path.pop();
        if (p !== undefined) return p;
      }
      return undefined;
    }
    case "map": {
      if (!isObj(v)) return bad();
      for (const [k, x] of Object.entries(v)) {
        path.push(k);
        const p = checkShape(x, s.of, path);
        path.pop();
        if (p !== undefined) return p;
      }
      return undefined;
    }
    case "object": {
      if (!isObj(v)) return bad();
      for (const k of s.required ?? []) {
        if (v[k] === undefined) return { path: [...path], message: `${renderPath(path)} needs \`${k}\`` };
      }
      for (const [k, f] of Object.entries(s.fields ?? {})) {
        if (!Object.prototype.hasOwnProperty.call(v, k) || v[k] === undefined) continue;
        path.push(k);
        const p = checkShape(v[k], f, path);
        path.pop();
        if (p !== undefined) return p;
      }
      return undefined;
    }
  }
}

function renderPath(p: JsonPath): string {
  return "$" + p.map((s) => (typeof s === "number" ? `[${s}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`)).join("");
}

/** LAMBDA_TYPES are the resource types whose values vpcgate reads attribute by attribute. */
const LAMBDA_TYPES = new Set(["aws_lambda_function"]);

/** checkPlanShape checks the whole plan document; the first problem wins. */
export function checkPlanShape(doc: Record<string, unknown>): ShapeProblem | undefined {
  const top = checkShape(doc, PLAN, []);
  if (top !== undefined) return top;
  const rcs = Array.isArray(doc.resource_changes) ? doc.resource_changes : [];
  for (let i = 0; i < rcs.length; i++) {
    const rc: unknown = rcs[i];
    if (!isObj(rc) || typeof rc.type !== "string" || !LAMBDA_TYPES.has(rc.type) || !isObj(rc.change)) continue;
    for (const side of ["before", "after"] as const) {
      const v = rc.change[side];
      if (v === null || v === undefined) continue;
      const p = checkShape(v, LAMBDA_VALUES, ["resource_changes", i, "change", side]);
      if (p !== undefined) return p;
    }
  }
  return undefined;
}
