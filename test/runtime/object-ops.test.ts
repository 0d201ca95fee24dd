// object.union/union_n/remove/filter/subset, walk, graph.reachable, bits.*, set_diff/cast_*,
// strings.replace_n/any_*_match/count/indexof_n, units.parse_bytes: results and undefined cases.
import t from "tap";
import { instantiate } from "./harness.js";

const r = instantiate();
const call = (f: string, ...args: string[]): string => {
  const x = r.call(f, ...args.map((a) => r.parseValue(a)));
  return x === 0 ? "undefined" : r.dumpValue(x);
};

t.test("objects", async (t) => {
  t.equal(call("b_object__union", '{"a": {"x": 1}, "b": 1}', '{"a": {"y": 2}, "b": {"z": 3}}'), '{"a":{"x":1,"y":2},"b":{"z":3}}');
  t.equal(call("b_object__union_n", '[{"a": 1}, {"a": {"b": 1}}, {"a": {"c": 2}}]'), '{"a":{"b":1,"c":2}}');
  t.equal(call("b_object__union_n", '{"a": 1}'), "undefined");
  t.equal(call("b_object__remove", '{"a": 1, 2: "x"}', "[2]"), '{"a":1}', "non-string keys");
  t.equal(call("b_object__remove", '{"a": 1}', '"a"'), "undefined", "keys must be a collection");
  t.equal(call("b_object__filter", '{"a": 1, "b": 2, "c": 3}', '["c","a","c","x","y","z","w","v","u","t"]'), '{"a":1,"c":3}');
  t.equal(call("b_object__subset", '{"a": [1, 2]}', '{"a": [2]}'), "true");
  t.equal(call("b_object__subset", '{"a": 1}', "[1]"), "undefined", "object vs array is a type error");
});

t.test("walk and graph.reachable", async (t) => {
  t.equal(call("b_walk", "1"), "[[[],1]]");
  t.equal(call("b_walk", '{"b": 1, "a": {2}}'), '[[[],{"a":{2},"b":1}],[["a"],{2}],[["a",2],2],[["b"],1]]');
  t.equal(call("b_graph__reachable", '{"a": {"b"}, "b": {"a": "c"}, "c": null}', '{"a"}'), '{"a","b","c"}', "object values are neighbours");
  t.equal(call("b_graph__reachable", '{"a": ["b"]}', '"a"'), "undefined");
});

t.test("bits and deprecated builtins", async (t) => {
  t.equal(call("b_bits__negate", "-1"), "0");
  t.equal(call("b_bits__negate", "18446744073709551616"), "-18446744073709551617");
  t.equal(call("b_bits__lsh", "-3", "70"), "-3541774862152233910272");
  t.equal(call("b_bits__rsh", "-1", "200"), "-1");
  t.equal(call("b_bits__and", "9223372036854775807", "-1"), "9223372036854775807");
  t.equal(call("b_set_diff", "{1, 2}", "[1]"), "undefined");
  t.equal(call("b_cast_set", "[2, 1, 2]"), "{1,2}");
  t.equal(call("b_cast_object", "[]"), "undefined");
});

t.test("string search builtins and units", async (t) => {
  t.equal(call("b_strings__replace_n", '{"": "-"}', '"ab"'), '"-a-b-"', "empty key inserts at every byte");
  t.equal(call("b_strings__replace_n", '{}', '"ab"'), '"ab"');
  t.equal(call("b_strings__count", '"ééé"', '"é"'), "3");
  t.equal(call("b_indexof_n", '"abc"', '""'), "undefined");
  t.equal(call("b_strings__any_suffix_match", '{"a.txt", "b.md"}', '{".md"}'), "true");
  t.equal(call("b_units__parse_bytes", '"1.5gi"'), "1610612736");
  t.equal(call("b_units__parse_bytes", '"0.3kb"'), "300");
  t.equal(call("b_units__parse_bytes", '"12xb"'), "undefined");
});
