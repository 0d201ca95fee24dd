/*
 * What the planner needs to know about builtins: the arity (to tell `count(x, n)`, where the last
 * argument is the output, from `count(x)`), the relations (`walk`) and a declaration for
 * static.builtin_funcs. Input: a builtin name. Output: arity / decl.
 * Arities come from the front end's table (src/rego/builtins.ts) or the table passed to `plan`;
 * the local table below is only a fallback for names neither knows.
 */

import { BUILTINS } from "../rego/builtins.js";
import type { BuiltinTable } from "../rego/builtins.js";
import type { FunctionDecl } from "./ir.js";

const ARITY: Record<string, number> = {
  // comparison and arithmetic
  equal: 2, neq: 2, gt: 2, gte: 2, lt: 2, lte: 2,
  plus: 2, minus: 2, mul: 2, div: 2, rem: 2, abs: 1, round: 1, ceil: 1, floor: 1, "numbers.range": 2, "numbers.range_step": 3,
  // aggregates
  count: 1, sum: 1, product: 1, max: 1, min: 1, sort: 1, all: 1, any: 1,
  // arrays, sets, objects
  "array.concat": 2, "array.reverse": 1, "array.slice": 3, and: 2, or: 2, intersection: 1, union: 1,
  "object.filter": 2, "object.get": 3, "object.remove": 2, "object.union": 2, "object.union_n": 1, "object.keys": 1, "object.subset": 2,
  "json.remove": 2, "json.filter": 2, "json.patch": 2,
  // types
  is_number: 1, is_string: 1, is_boolean: 1, is_array: 1, is_set: 1, is_object: 1, is_null: 1, type_name: 1,
  // bits
  "bits.or": 2, "bits.and": 2, "bits.negate": 1, "bits.xor": 2, "bits.lsh": 2, "bits.rsh": 2,
  // strings
  concat: 2, format_int: 2, indexof: 2, indexof_n: 2, substring: 3, lower: 1, upper: 1, contains: 2, startswith: 2, endswith: 2,
  "strings.reverse": 1, split: 2, replace: 3, "strings.replace_n": 2, trim: 2, trim_left: 2, trim_prefix: 2, trim_right: 2,
  trim_suffix: 2, trim_space: 1, sprintf: 2, "strings.any_prefix_match": 2, "strings.any_suffix_match": 2, "strings.count": 2,
  "strings.render_template": 2,
  to_number: 1,
  // encoding
  "base64.is_valid": 1, "base64.decode": 1, "base64.encode": 1, "base64url.encode": 1, "base64url.decode": 1,
  "base64url.encode_no_pad": 1, "json.marshal": 1, "json.unmarshal": 1, "json.is_valid": 1, "yaml.marshal": 1,
  "yaml.unmarshal": 1, "yaml.is_valid": 1, "hex.encode": 1, "hex.decode": 1, "urlquery.encode": 1, "urlquery.decode": 1,
  "urlquery.encode_object": 1, "urlquery.decode_object": 1, "json.marshal_with_options": 2,
  // net
  "net.cidr_contains": 2, "net.cidr_overlap": 2, "net.cidr_intersects": 2, "net.cidr_contains_matches": 2, "net.cidr_expand": 1,
  "net.cidr_merge": 1, "net.cidr_is_valid": 1,
  // regex / glob
  "regex.is_valid": 1, "regex.match": 2, re_match: 2, "regex.find_all_string_submatch_n": 3, "regex.find_n": 3, "regex.split": 2,
  "regex.replace": 3, "regex.globs_match": 2, "regex.template_match": 4, "glob.match": 3, "glob.quote_meta": 1,
  // graph
  walk: 1, "graph.reachable": 2, "graph.reachable_paths": 2,
  // membership
  "internal.member_2": 2, "internal.member_3": 3,
  // misc host builtins
  "time.now_ns": 0, "time.parse_rfc3339_ns": 1, "time.parse_ns": 2, "time.date": 1, "time.clock": 1, "time.weekday": 1,
  "time.add_date": 4, "time.diff": 2, "units.parse": 1, "units.parse_bytes": 1, "crypto.sha256": 1, "crypto.md5": 1,
  "crypto.sha1": 1, "uuid.rfc4122": 1, "rand.intn": 2, "http.send": 1, "opa.runtime": 0, trace: 1, print: 1,
  "semver.is_valid": 1, "semver.compare": 2, cast_array: 1, cast_set: 1, cast_string: 1, cast_boolean: 1, cast_null: 1,
  cast_object: 1, "io.jwt.decode": 1, "array.flatten": 1, "strings.split": 2,
  // host builtins declared by OPA's Wasm test generator
  custom_builtin_test: 1, custom_builtin_test_impure: 0, custom_builtin_test_memoization: 0,
};

/** RELATIONS lists builtins that enumerate several results (`walk(x, [path, value])`). */
const RELATIONS = new Set(["walk"]);

/** builtinArity is a builtin's number of inputs, or undefined for an unknown builtin. */
export function builtinArity(name: string, table: BuiltinTable = BUILTINS): number | undefined {
  return table.get(name)?.arity ?? BUILTINS.get(name)?.arity ?? ARITY[name];
}

/** isRelation reports whether a builtin enumerates results (its output is iterated, not unified). */
export function isRelation(name: string): boolean {
  return RELATIONS.has(name);
}

/** builtinDecl is a declaration for static.builtin_funcs (argument types are `any`). */
export function builtinDecl(name: string, argc: number, table: BuiltinTable = BUILTINS): FunctionDecl {
  const n = builtinArity(name, table) ?? argc;
  return { type: "function", args: Array.from({ length: n }, () => ({ type: "any" })), result: { type: "any" } };
}
