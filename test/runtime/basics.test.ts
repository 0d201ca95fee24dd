// Basic runtime behaviour: instantiation, imports/exports, value construction, JSON
// round-trips of simple values, get/iter/length, eval context, memoize, errors, host builtins.
import t from "tap";
import { instantiate, runtimeModule, Wasm } from "./harness.js";

t.test("module: imports only env memory/opa_abort/opa_println/opa_builtinN", async (t) => {
  const imports = Wasm.Module.imports(runtimeModule());
  const allowed = new Set(["memory", "opa_abort", "opa_println", "opa_builtin0", "opa_builtin1", "opa_builtin2", "opa_builtin3", "opa_builtin4"]);
  for (const i of imports) {
    t.equal(i.module, "env", `${i.name} from env`);
    t.ok(allowed.has(i.name), `${i.name} allowed`);
  }
  t.ok(imports.some((i) => i.name === "memory" && i.kind === "memory"));
});

t.test("module: exports the contract functions", async (t) => {
  const names = new Set(Wasm.Module.exports(runtimeModule()).map((e) => e.name));
  for (const n of [
    "opa_malloc", "opa_free", "opa_heap_ptr_get", "opa_heap_ptr_set", "opa_malloc_init",
    "opa_heap_blocks_stash", "opa_heap_blocks_restore", "opa_heap_stash_clear", "opa_value_free",
    "opa_json_parse", "opa_value_parse", "opa_json_dump", "opa_value_dump",
    "opa_eval_ctx_new", "opa_eval_ctx_set_input", "opa_eval_ctx_set_data", "opa_eval_ctx_set_entrypoint", "opa_eval_ctx_get_result",
    "opa_value_type", "opa_value_get", "opa_value_iter", "opa_value_length", "opa_value_compare", "opa_value_hash",
    "opa_value_merge", "opa_value_shallow_copy", "opa_value_add_path", "opa_value_remove_path",
    "opa_null", "opa_boolean", "opa_number_int", "opa_number_ref", "opa_number_size", "opa_string", "opa_string_terminated",
    "opa_array", "opa_array_with_cap", "opa_array_append", "opa_object", "opa_object_insert", "opa_set", "opa_set_add",
    "opa_memoize_init", "opa_memoize_push", "opa_memoize_pop", "opa_memoize_insert", "opa_memoize_get",
    "opa_runtime_error", "host_builtin0", "host_builtin1", "host_builtin2", "host_builtin3", "host_builtin4",
    "b_equal", "b_plus", "b_count",
  ]) t.ok(names.has(n), n);
  t.notOk(names.has("__start"), "no start function to call");
});

t.test("values: constructors and tags", async (t) => {
  const r = instantiate();
  t.equal(r.call("opa_value_type", r.call("opa_null")), 1);
  t.equal(r.call("opa_value_type", r.call("opa_boolean", 1)), 2);
  t.equal(r.call("opa_value_type", r.call("opa_number_int", 42n)), 3);
  t.equal(r.call("opa_value_type", r.str("x")), 4);
  t.equal(r.call("opa_value_type", r.call("opa_array")), 5);
  t.equal(r.call("opa_value_type", r.call("opa_object")), 6);
  t.equal(r.call("opa_value_type", r.call("opa_set")), 7);
  const b = r.call("opa_boolean", 1);
  const mem = new Uint8Array(r.memory.buffer);
  t.equal(mem[b], 2);
  t.equal(mem[b + 1], 1);
  const s = r.str("héllo");
  const dv = new DataView(r.memory.buffer);
  t.equal(dv.getUint8(s), 4);
  t.equal(dv.getUint32(s + 4, true), 6, "string len in bytes");
  t.equal(r.dump(s), '"héllo"');
  const a = r.call("opa_array");
  r.call("opa_array_append", a, r.call("opa_number_int", 1n));
  r.call("opa_array_append", a, r.call("opa_null"));
  t.equal(r.dump(a), "[1,null]");
  const o = r.call("opa_object");
  r.call("opa_object_insert", o, r.str("b"), r.call("opa_boolean", 0));
  r.call("opa_object_insert", o, r.str("a"), a);
  t.equal(r.dump(o), '{"a":[1,null],"b":false}');
  const set = r.call("opa_set");
  r.call("opa_set_add", set, r.call("opa_number_int", 3n));
  r.call("opa_set_add", set, r.call("opa_number_int", 1n));
  r.call("opa_set_add", set, r.call("opa_number_int", 3n));
  t.equal(r.dump(set), "[1,3]");
  t.equal(r.dumpValue(set), "{1,3}");
  t.equal(r.dumpValue(r.call("opa_set")), "set()");
  t.equal(r.call("opa_value_length", set), 2);
});

t.test("json: basic round trips", async (t) => {
  const r = instantiate();
  for (const text of ["null", "true", "false", "0", "-1", "123456789", '"a\\"b"', "[]", "{}", "[1,[2,[3]]]", '{"a":{"b":[true,null]}}', "1.5", "-0.25", "1e3", "18446744073709551617"]) {
    const v = r.parse(text);
    t.not(v, 0, text);
    t.equal(r.dump(v), text, text);
  }
  for (const bad of ["", "[", "{", "tru", "[1,]", "{\"a\"}", "01", "1.", "-", "{1:2}", "{1,2}", "set()", "\"\u0001\"", "[1] x"]) {
    t.equal(r.parse(bad), 0, `rejects ${JSON.stringify(bad)}`);
  }
});

t.test("value parse: sets and non-string keys", async (t) => {
  const r = instantiate();
  t.equal(r.dumpValue(r.parseValue("{1, 2, 1}")), "{1,2}");
  t.equal(r.dumpValue(r.parseValue("set()")), "set()");
  t.equal(r.dumpValue(r.parseValue("{1: {\"a\"}}")), '{1:{"a"}}');
  t.equal(r.dump(r.parseValue("{1: {\"a\"}}")), '{"1":["a"]}');
  t.equal(r.dumpValue(r.parseValue("{}")), "{}");
  t.equal(r.dump(r.parseValue("[{3,2},{\"x\":set()}]")), '[[2,3],{"x":[]}]');
});

t.test("access: get, iter, length", async (t) => {
  const r = instantiate();
  const arr = r.parse("[10,20,30]");
  const idx = (i: bigint) => r.call("opa_number_int", i);
  t.equal(r.dump(r.call("opa_value_get", arr, idx(1n))), "20");
  t.equal(r.call("opa_value_get", arr, idx(3n)), 0);
  t.equal(r.call("opa_value_get", arr, r.parse("1.0")), r.call("opa_value_get", arr, idx(1n)), "1.0 indexes like 1");
  t.equal(r.call("opa_value_get", arr, r.parse("1.5")), 0);
  const keys: string[] = [];
  for (let k = r.call("opa_value_iter", arr, 0); k !== 0; k = r.call("opa_value_iter", arr, k)) keys.push(r.dump(k));
  t.same(keys, ["0", "1", "2"]);
  const obj = r.parse('{"z":1,"a":2,"m":{"x":3}}');
  const okeys: string[] = [];
  for (let k = r.call("opa_value_iter", obj, 0); k !== 0; k = r.call("opa_value_iter", obj, k)) okeys.push(r.dump(k));
  t.same(okeys, ['"a"', '"m"', '"z"'], "object keys in sorted order");
  t.equal(r.dump(r.call("opa_value_get", obj, r.str("m"))), '{"x":3}');
  t.equal(r.call("opa_value_get", obj, r.str("q")), 0);
  const set = r.parseValue('{"b", 3, null, [1]}');
  const elems: string[] = [];
  for (let k = r.call("opa_value_iter", set, 0); k !== 0; k = r.call("opa_value_iter", set, k)) elems.push(r.dump(k));
  t.same(elems, ["null", "3", '"b"', "[1]"], "set elements in total order");
  t.equal(r.dump(r.call("opa_value_get", set, r.str("b"))), '"b"');
  t.equal(r.call("opa_value_length", obj), 3);
  t.equal(r.call("opa_value_length", arr), 3);
  t.equal(r.call("opa_value_iter", r.parse("[]"), 0), 0);
  t.equal(r.call("opa_value_iter", r.parse("1"), 0), 0);
});

t.test("eval context", async (t) => {
  const r = instantiate();
  const ctx = r.call("opa_eval_ctx_new");
  const dv = () => new DataView(r.memory.buffer);
  t.same([0, 4, 8, 12].map((o) => dv().getUint32(ctx + o, true)), [0, 0, 0, 0]);
  const input = r.parse("{}");
  const data = r.parse("[]");
  r.call("opa_eval_ctx_set_input", ctx, input);
  r.call("opa_eval_ctx_set_data", ctx, data);
  r.call("opa_eval_ctx_set_entrypoint", ctx, 3);
  t.same([0, 4, 12].map((o) => dv().getUint32(ctx + o, true)), [input, data, 3]);
  dv().setUint32(ctx + 8, data, true);
  t.equal(r.call("opa_eval_ctx_get_result", ctx), data);
});

t.test("memoize: per frame, push/pop", async (t) => {
  const r = instantiate();
  r.call("opa_memoize_init");
  const v1 = r.parse("1");
  const v2 = r.parse("2");
  t.equal(r.call("opa_memoize_get", 5), 0);
  r.call("opa_memoize_insert", 5, v1);
  t.equal(r.call("opa_memoize_get", 5), v1);
  r.call("opa_memoize_push");
  t.equal(r.call("opa_memoize_get", 5), 0, "new frame is empty");
  r.call("opa_memoize_insert", 5, v2);
  t.equal(r.call("opa_memoize_get", 5), v2);
  r.call("opa_memoize_pop");
  t.equal(r.call("opa_memoize_get", 5), v1);
  for (let i = 0; i < 1000; i++) r.call("opa_memoize_insert", i, r.call("opa_number_int", BigInt(i)));
  let ok = true;
  for (let i = 0; i < 1000; i++) ok &&= r.dump(r.call("opa_memoize_get", i)) === String(i);
  t.ok(ok, "1000 entries survive growth");
  r.call("opa_memoize_init");
  t.equal(r.call("opa_memoize_get", 5), 0, "init clears");
});

t.test("errors: opa_runtime_error aborts with file:row:col: msg", async (t) => {
  const r = instantiate();
  const file = r.putString("module0.rego\0")[0];
  const msg = r.putString("var assignment conflict\0")[0];
  t.throws(() => r.call("opa_runtime_error", file, 3, 1, msg), "module0.rego:3:1: var assignment conflict");
  try {
    r.call("opa_runtime_error", file, 3, 1, msg);
  } catch (e) {
    t.equal(e, "module0.rego:3:1: var assignment conflict");
  }
  try {
    r.call("opa_number_ref", ...r.putString("1x"));
    t.fail("should abort");
  } catch (e) {
    t.equal(e, "opa_number_ref: invalid number");
  }
});

t.test("host builtins: wrappers pass id, ctx 0 and args", async (t) => {
  const r = instantiate((id, args) => (id === 7 ? args[0] ?? 0 : 0));
  const v = r.parse("[1]");
  t.equal(r.call("host_builtin0", 2), 0);
  t.equal(r.call("host_builtin1", 7, v), v);
  r.call("host_builtin4", 1, 10, 11, 12, 13);
  t.same(r.hostCalls, [[0, 2], [1, 7, v], [4, 1, 10, 11, 12, 13]]);
});

t.test("builtins: equal, plus, count", async (t) => {
  const r = instantiate();
  const n = (s: string) => r.parse(s);
  t.equal(r.dump(r.call("b_equal", n("1"), n("1.0"))), "true");
  t.equal(r.dump(r.call("b_equal", n("1"), n("\"1\""))), "false");
  t.equal(r.dump(r.call("b_plus", n("1"), n("2"))), "3");
  t.equal(r.call("b_plus", n("1"), n("\"2\"")), 0);
  t.equal(r.dump(r.call("b_count", r.str("héllo"))), "5");
  t.equal(r.dump(r.call("b_count", n("[1,2]"))), "2");
  t.equal(r.call("b_count", n("1")), 0);
});
