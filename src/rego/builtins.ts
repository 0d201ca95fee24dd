/*
 * The table of OPA builtins the front end knows: name, arity, whether an operator spells it,
 * and whether it is relational (a test with no value output) or value-returning.
 * Input: none (data). Output: BUILTINS (BuiltinTable) and lookup helpers. Which builtins are
 * IMPLEMENTED is decided by codegen/runtime and passed to checkModules separately.
 */

/** Builtin describes one builtin function. `infix` is the operator spelling, if any. */
export interface Builtin {
  readonly name: string;
  readonly arity: number;
  readonly infix?: string;
  /** relational builtins (equal, lt, ...) only test; they take no output argument. */
  readonly relational: boolean;
}

/** BuiltinTable maps dotted builtin names to their descriptions. */
export type BuiltinTable = ReadonlyMap<string, Builtin>;

// name, arity, infix?, relational?
type Row = readonly [string, number, string?, boolean?];

const ROWS: readonly Row[] = [
  // operators
  ["eq", 2, "=", true], ["assign", 2, ":=", true],
  ["equal", 2, "==", true], ["neq", 2, "!=", true], ["lt", 2, "<", true], ["lte", 2, "<=", true],
  ["gt", 2, ">", true], ["gte", 2, ">=", true],
  ["plus", 2, "+"], ["minus", 2, "-"], ["mul", 2, "*"], ["div", 2, "/"], ["rem", 2, "%"],
  ["and", 2, "&"], ["or", 2, "|"],
  ["internal.member_2", 2, "in", true], ["internal.member_3", 3, "in", true],
  // arithmetic and numbers
  ["abs", 1], ["round", 1], ["ceil", 1], ["floor", 1], ["numbers.range", 2], ["numbers.range_step", 3],
  // aggregates
  ["count", 1], ["sum", 1], ["product", 1], ["max", 1], ["min", 1], ["sort", 1], ["all", 1], ["any", 1],
  // arrays and sets
  ["array.concat", 2], ["array.reverse", 1], ["array.slice", 3], ["intersection", 1], ["union", 1], ["set_diff", 2],
  // types
  ["is_number", 1], ["is_string", 1], ["is_boolean", 1], ["is_array", 1], ["is_set", 1], ["is_object", 1],
  ["is_null", 1], ["type_name", 1],
  // bits
  ["bits.or", 2], ["bits.and", 2], ["bits.negate", 1], ["bits.xor", 2], ["bits.lsh", 2], ["bits.rsh", 2],
  // strings
  ["concat", 2], ["format_int", 2], ["indexof", 2], ["indexof_n", 2], ["substring", 3], ["lower", 1],
  ["upper", 1], ["contains", 2], ["startswith", 2], ["endswith", 2], ["strings.reverse", 1], ["split", 2],
  ["replace", 3], ["strings.replace_n", 2], ["trim", 2], ["trim_left", 2], ["trim_prefix", 2],
  ["trim_right", 2], ["trim_suffix", 2], ["trim_space", 1], ["sprintf", 2], ["strings.any_prefix_match", 2],
  ["strings.any_suffix_match", 2], ["strings.count", 2], ["strings.render_template", 2],
  // conversions and encoding
  ["to_number", 1], ["base64.is_valid", 1], ["base64.decode", 1], ["base64.encode", 1],
  ["base64url.encode", 1], ["base64url.decode", 1], ["base64url.encode_no_pad", 1], ["json.marshal", 1],
  ["json.unmarshal", 1], ["json.is_valid", 1], ["json.marshal_with_options", 2], ["json.patch", 2],
  ["yaml.marshal", 1], ["yaml.unmarshal", 1], ["yaml.is_valid", 1], ["hex.encode", 1], ["hex.decode", 1],
  ["urlquery.encode", 1], ["urlquery.decode", 1], ["urlquery.encode_object", 1], ["urlquery.decode_object", 1],
  // objects
  ["object.filter", 2], ["object.get", 3], ["object.remove", 2], ["object.union", 2], ["object.union_n", 1],
  ["object.keys", 1], ["object.subset", 2], ["json.remove", 2], ["json.filter", 2],
  // net
  ["net.cidr_contains", 2], ["net.cidr_overlap", 2], ["net.cidr_intersects", 2], ["net.cidr_merge", 1],
  ["net.cidr_is_valid", 1], ["net.cidr_expand", 1], ["net.cidr_contains_matches", 2],
  // regex and glob
  ["regex.is_valid", 1], ["regex.match", 2], ["re_match", 2], ["regex.find_all_string_submatch_n", 3],
  ["regex.split", 2], ["regex.find_n", 3], ["regex.replace", 3], ["regex.template_match", 4], ["regex.globs_match", 2],
  ["glob.match", 3], ["glob.quote_meta", 1],
  // graphs
  ["walk", 1], ["graph.reachable", 2], ["graph.reachable_paths", 2],
  // time and units
  ["time.now_ns", 0], ["time.parse_rfc3339_ns", 1], ["time.parse_ns", 2], ["time.parse_duration_ns", 1],
  ["time.date", 1], ["time.clock", 1], ["time.weekday", 1], ["time.add_date", 4], ["time.diff", 2],
  ["time.format", 1], ["units.parse_bytes", 1], ["units.parse", 1],
  // semver
  ["semver.is_valid", 1], ["semver.compare", 2],
  // misc
  ["uuid.rfc4122", 1], ["rand.intn", 2], ["print", 1], ["trace", 1], ["opa.runtime", 0],
  ["crypto.sha256", 1], ["crypto.md5", 1], ["crypto.sha1", 1],
  // deprecated conversions OPA still accepts
  ["cast_array", 1], ["cast_set", 1], ["cast_string", 1], ["cast_boolean", 1], ["cast_null", 1], ["cast_object", 1],
  // known to OPA but impure or host-only: recognised so that `with` can mock them (OPA allows it)
  ["http.send", 1], ["net.lookup_ip_addr", 1], ["io.jwt.decode", 1], ["io.jwt.decode_verify", 2],
  ["io.jwt.verify_rs256", 2], ["io.jwt.verify_hs256", 2], ["io.jwt.verify_es256", 2], ["io.jwt.encode_sign", 3],
  ["crypto.hmac.sha256", 2], ["crypto.x509.parse_certificates", 1], ["rego.parse_module", 2],
];

/** BUILTINS is the table of every builtin the front end recognises. */
export const BUILTINS: BuiltinTable = new Map(
  ROWS.map(([name, arity, infix, relational]): [string, Builtin] => [
    name,
    infix === undefined ? { name, arity, relational: relational ?? false } : { name, arity, infix, relational: relational ?? false },
  ]),
);

/** VARIADIC lists builtins whose arity is not fixed (print takes any number of arguments). */
export const VARIADIC: ReadonlySet<string> = new Set(["print"]);

/** withBuiltins returns a copy of a table extended with extra (e.g. host) builtins. */
export function withBuiltins(table: BuiltinTable, extra: readonly Builtin[]): BuiltinTable {
  const m = new Map(table);
  for (const b of extra) m.set(b.name, b);
  return m;
}
