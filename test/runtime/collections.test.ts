// Objects, sets and arrays: total order, hashing independent of insertion order, scale
// (tens of thousands of entries), merge, shallow copy, add/remove path, free, and the set,
// array, aggregate, type and membership builtins.
import t from "tap";
import { instantiate } from "./harness.js";

const r = instantiate();
const v = (s: string): number => {
  const x = r.parseValue(s);
  if (x === 0) throw new Error(`bad value ${s}`);
  return x;
};
const show = (x: number): string => (x === 0 ? "undefined" : r.dumpValue(x));
const cmp = (a: string, b: string): number => Math.sign(r.call("opa_value_compare", v(a), v(b)));

t.test("order: OPA's total order across and within types", async (t) => {
  const ordered = ["null", "false", "true", "-1", "0", "1.5", "2", '""', '"a"', '"ab"', '"b"', "[]", "[1]", "[1,2]", "[2]", "{}", '{"a":1}', '{"a":1,"b":0}', '{"a":2}', '{"b":0}', "set()", "{1}", "{1,2}", "{2}"];
  for (let i = 0; i < ordered.length; i++) {
    for (let j = 0; j < ordered.length; j++) {
      const a = ordered[i] ?? "", b = ordered[j] ?? "";
      const want = Math.sign(i - j);
      if (cmp(a, b) !== want) t.fail(`compare(${a}, ${b}) should be ${want}`);
    }
  }
  t.pass("pairwise order checked");
  t.equal(cmp('{"a":1,"b":2}', '{"b":2,"a":1}'), 0, "object equality ignores insertion order");
  t.equal(cmp("{3,1,2}", "{2,3,1}"), 0, "set equality ignores insertion order");
  t.equal(cmp('"é"', '"z"'), 1, "strings compare by UTF-8 bytes (code points)");
});

t.test("hash: equal values hash equally", async (t) => {
  const h = (s: string): number => r.call("opa_value_hash", v(s));
  t.equal(h('{"a":1,"b":[1,{2}]}'), h('{"b":[1.0,{2}],"a":1}'));
  t.equal(h("{1,2,3}"), h("{3,2,1}"));
  t.not(h("[1,2]"), h("[2,1]"));
  const o = v("{{1,2}: 1, [1]: 2}");
  t.equal(show(r.call("opa_value_get", o, v("{2,1}"))), "1", "set-valued keys");
});

t.test("scale: 50k-entry set and object, random insertion order", async (t) => {
  const set = r.call("opa_set");
  const obj = r.call("opa_object");
  const N = 50000;
  const order = Array.from({ length: N }, (_, i) => i);
  let seed = 42;
  for (let i = N - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const j = seed % (i + 1);
    [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
  }
  for (const i of order) {
    r.call("opa_set_add", set, r.call("opa_number_int", BigInt(i)));
    r.call("opa_object_insert", obj, r.str(`k${String(i).padStart(6, "0")}`), r.call("opa_number_int", BigInt(i)));
  }
  t.equal(r.call("opa_value_length", set), N);
  t.equal(r.call("opa_value_length", obj), N);
  let prev = -1;
  let count = 0;
  let sorted = true;
  const dv = () => new DataView(r.memory.buffer);
  for (let k = r.call("opa_value_iter", set, 0); k !== 0; k = r.call("opa_value_iter", set, k)) {
    const x = Number(dv().getBigInt64(k + 8, true));
    if (x <= prev) sorted = false;
    prev = x;
    count++;
  }
  t.ok(sorted, "set iterates in ascending order");
  t.equal(count, N);
  const dumped = JSON.parse(r.dump(obj)) as Record<string, number>;
  t.equal(Object.keys(dumped).length, N);
  t.equal(Object.keys(dumped)[0], "k000000");
  t.equal(show(r.call("opa_value_get", obj, r.str("k012345"))), "12345");
  t.equal(show(r.call("opa_value_get", set, r.call("opa_number_int", 49999n))), "49999");
  // re-inserting after iteration keeps working and re-sorts lazily
  r.call("opa_set_add", set, r.call("opa_number_int", -1n));
  t.equal(show(r.call("opa_value_iter", set, 0)), "-1");
});

t.test("merge, shallow copy, add/remove path", async (t) => {
  t.equal(show(r.call("opa_value_merge", v('{"a":{"b":1},"c":2}'), v('{"a":{"d":3},"e":4}'))), '{"a":{"b":1,"d":3},"c":2,"e":4}');
  t.equal(r.call("opa_value_merge", v('{"a":1}'), v('{"a":2}')), 0, "conflict → 0");
  t.equal(show(r.call("opa_value_merge", 0, v("{}"))), "{}");
  const base = v('{"a":{"b":1}}');
  const copy = r.call("opa_value_shallow_copy", base);
  r.call("opa_object_insert", copy, r.str("x"), v("1"));
  t.equal(show(base), '{"a":{"b":1}}', "original untouched");
  t.equal(show(copy), '{"a":{"b":1},"x":1}');
  const doc = v('{"a":{"b":1}}');
  t.equal(r.call("opa_value_add_path", doc, v('["a","c","d"]'), v("true")), 0);
  t.equal(show(doc), '{"a":{"b":1,"c":{"d":true}}}');
  t.equal(r.call("opa_value_add_path", doc, v('["a","b","x"]'), v("1")), 2, "through a non-object");
  t.equal(r.call("opa_value_add_path", doc, v("[]"), v("1")), 3, "empty path");
  t.equal(r.call("opa_value_remove_path", doc, v('["a","b"]')), 0);
  t.equal(show(doc), '{"a":{"c":{"d":true}}}');
  const arr = v("[1,2]");
  const ac = r.call("opa_value_shallow_copy", arr);
  r.call("opa_array_append", ac, v("3"));
  t.equal(show(arr), "[1,2]");
  t.equal(show(ac), "[1,2,3]");
  r.call("opa_value_free", ac);
  r.call("opa_value_free", r.call("opa_null"));
  t.equal(show(arr), "[1,2]", "free of a copy leaves the original");
});

t.test("builtins: sets", async (t) => {
  t.equal(show(r.call("b_and", v("{1,2,3}"), v("{2,3,4}"))), "{2,3}");
  t.equal(show(r.call("b_or", v("{1,2}"), v("{2,3}"))), "{1,2,3}");
  t.equal(show(r.call("b_minus", v("{1,2,3}"), v("{2}"))), "{1,3}");
  t.equal(show(r.call("b_intersection", v("{{1,2},{2,3}}"))), "{2}");
  t.equal(show(r.call("b_union", v("{{1,2},{2,3}}"))), "{1,2,3}");
  t.equal(show(r.call("b_union", v("set()"))), "set()");
  t.equal(show(r.call("b_and", v("{1}"), v("[1]"))), "undefined");
  t.equal(show(r.call("b_minus", v("{1}"), v("1"))), "undefined");
});

t.test("builtins: aggregates", async (t) => {
  t.equal(show(r.call("b_count", v('{"a":1}'))), "1");
  t.equal(show(r.call("b_count", v("{1,2}"))), "2");
  t.equal(show(r.call("b_sum", v("[1,2.5,3]"))), "6.5");
  t.equal(show(r.call("b_sum", v("{1,2}"))), "3");
  t.equal(show(r.call("b_sum", v("[]"))), "0");
  t.equal(show(r.call("b_sum", v('[1,"a"]'))), "undefined");
  t.equal(show(r.call("b_product", v("[2,3,4]"))), "24");
  t.equal(show(r.call("b_max", v('[1,"a",null]'))), '"a"');
  t.equal(show(r.call("b_min", v("{3,1,2}"))), "1");
  t.equal(show(r.call("b_max", v("[]"))), "undefined");
  t.equal(show(r.call("b_sort", v('[3,"a",1,null]'))), '[null,1,3,"a"]');
  t.equal(show(r.call("b_sort", v("{3,1,2}"))), "[1,2,3]");
  t.equal(show(r.call("b_all", v("[true,true]"))), "true");
  t.equal(show(r.call("b_all", v("[true,1]"))), "false");
  t.equal(show(r.call("b_any", v("{false,true}"))), "true");
  t.equal(show(r.call("b_any", v("[]"))), "false");
});

t.test("builtins: arrays", async (t) => {
  t.equal(show(r.call("b_array__concat", v("[1]"), v("[2,3]"))), "[1,2,3]");
  t.equal(show(r.call("b_array__slice", v("[1,2,3,4]"), v("1"), v("3"))), "[2,3]");
  t.equal(show(r.call("b_array__slice", v("[1,2,3,4]"), v("-5"), v("10"))), "[1,2,3,4]");
  t.equal(show(r.call("b_array__slice", v("[1,2,3,4]"), v("3"), v("1"))), "[]");
  t.equal(show(r.call("b_array__reverse", v("[1,2,3]"))), "[3,2,1]");
});

t.test("builtins: types and membership", async (t) => {
  t.equal(show(r.call("b_is_number", v("1.5"))), "true");
  t.equal(show(r.call("b_is_number", v('"1"'))), "false");
  t.equal(show(r.call("b_is_set", v("set()"))), "true");
  t.equal(show(r.call("b_is_object", v("{}"))), "true");
  t.equal(show(r.call("b_is_null", v("null"))), "true");
  const names = ["null", "true", "1", '"s"', "[]", "{}", "set()"].map((s) => JSON.parse(r.dump(r.call("b_type_name", v(s)))) as string);
  t.same(names, ["null", "boolean", "number", "string", "array", "object", "set"]);
  t.equal(show(r.call("b_internal__member_2", v("2"), v("[1,2]"))), "true");
  t.equal(show(r.call("b_internal__member_2", v("2.0"), v("{1,2}"))), "true");
  t.equal(show(r.call("b_internal__member_2", v("1"), v('{"a":1}'))), "true", "objects: values");
  t.equal(show(r.call("b_internal__member_2", v('"a"'), v('{"a":1}'))), "false");
  t.equal(show(r.call("b_internal__member_2", v("1"), v('"1"'))), "false");
  t.equal(show(r.call("b_internal__member_3", v("1"), v("2"), v("[1,2]"))), "true");
  t.equal(show(r.call("b_internal__member_3", v('"a"'), v("1"), v('{"a":1}'))), "true");
  t.equal(show(r.call("b_internal__member_3", v("0"), v("2"), v("[1,2]"))), "false");
});

t.test("builtins: comparisons return booleans", async (t) => {
  t.equal(show(r.call("b_lt", v("1"), v('"a"'))), "true");
  t.equal(show(r.call("b_gte", v("[1]"), v("[1]"))), "true");
  t.equal(show(r.call("b_gt", v("{1}"), v('{"a":1}'))), "true");
  t.equal(show(r.call("b_neq", v("1"), v("1.0"))), "false");
  t.equal(show(r.call("b_lte", v("null"), v("false"))), "true");
});
