// numbers.range_step, units.parse, urlquery.*, graph.reachable_paths (OPA's documented results).
import t from "tap";
import { instantiate } from "./harness.js";

const r = instantiate();
const call = (f: string, ...args: string[]): string => {
  const x = r.call(f, ...args.map((a) => r.parseValue(a)));
  return x === 0 ? "undefined" : r.dumpValue(x);
};
const num = (f: string, a: string): number | string => {
  const x = r.call(f, r.parseValue(a));
  return x === 0 ? "undefined" : Number(r.dump(x));
};

t.test("numbers.range_step", async (t) => {
  t.equal(call("b_numbers__range_step", "0", "10", "3"), "[0,3,6,9]");
  t.equal(call("b_numbers__range_step", "10", "0", "3"), "[10,7,4,1]");
  t.equal(call("b_numbers__range_step", "2", "2", "5"), "[2]");
  t.equal(call("b_numbers__range_step", "-3", "3", "2"), "[-3,-1,1,3]");
  t.equal(call("b_numbers__range_step", "0", "10", "0"), "undefined");
  t.equal(call("b_numbers__range_step", "0", "10", "-1"), "undefined");
  t.equal(call("b_numbers__range_step", "0", "10", "1.5"), "undefined");
  t.equal(call("b_numbers__range_step", "0.5", "10", "1"), "undefined");
});

t.test("units.parse", async (t) => {
  const rows: [string, number | string][] = [
    ['"1K"', 1000], ['"1k"', 1000], ['"1Ki"', 1024], ['"1ki"', 1024], ['"1M"', 1e6], ['"1Mi"', 1048576], ['"1mi"', 1048576],
    ['"1m"', 0.001], ['"100m"', 0.1], ['"1G"', 1e9], ['"1Gi"', 1073741824], ['"2T"', 2e12], ['"1E"', 1e18],
    ['"0.5k"', 500], ['"1.5"', 1.5], ['"1e3"', 1000], ['"1e3k"', 1e6], ['"12"', 12], ['"\\"10\\"k"', 10000], ['"-1k"', -1000],
    ['"1 k"', "undefined"], ['"k"', "undefined"], ['"1KB"', "undefined"], ['"1x"', "undefined"], ['""', "undefined"], ["1", "undefined"],
    ['"1e1234567"', "undefined"], ['"1.2.3"', "undefined"],
  ];
  for (const [a, want] of rows) t.equal(num("b_units__parse", a), want, a);
  t.equal(call("b_units__parse", '"1.23456789012m"'), call("b_units__parse", '"1.23456789012m"'));
  t.equal(num("b_units__parse", '"0.0000000001m"'), 0, "rounded to 10 decimals");
});

t.test("urlquery", async (t) => {
  t.equal(call("b_urlquery__encode", '"a b&c=d/é~_.-"'), '"a+b%26c%3Dd%2F%C3%A9~_.-"');
  t.equal(call("b_urlquery__decode", '"a+b%26c%3dd%2F%C3%A9"'), '"a b&c=d/é"');
  t.equal(call("b_urlquery__decode", '"%zz"'), "undefined");
  t.equal(call("b_urlquery__decode", '"abc%2"'), "undefined");
  t.equal(call("b_urlquery__encode_object", '{"b": ["x", "y z"], "a": "1", "c": {"q"}}'), '"a=1&b=x&b=y+z&c=q"');
  t.equal(call("b_urlquery__encode_object", '{"a": 1}'), "undefined");
  t.equal(call("b_urlquery__encode_object", '{"a": [1]}'), "undefined");
  t.equal(call("b_urlquery__encode_object", "{}"), '""');
  t.equal(call("b_urlquery__decode_object", '"a=1&b=2&a=3&c&&d="'), '{"a":["1","3"],"b":["2"],"c":[""],"d":[""]}');
  t.equal(call("b_urlquery__decode_object", '"a=1;b=2"'), "undefined");
  t.equal(call("b_urlquery__decode_object", '"a=%"'), "undefined");
  t.equal(call("b_urlquery__decode_object", '""'), "{}");
});

t.test("graph.reachable_paths", async (t) => {
  const g = '{"a": ["b"], "b": ["c"], "c": ["a"], "d": [], "e": ["x"]}';
  t.equal(call("b_graph__reachable_paths", g, '["a"]'), '{["a","b","c"]}');
  t.equal(call("b_graph__reachable_paths", g, '{"d"}'), '{["d"]}');
  t.equal(call("b_graph__reachable_paths", g, '["e"]'), '{["e"]}');
  t.equal(call("b_graph__reachable_paths", g, '["zz"]'), "set()");
  t.equal(call("b_graph__reachable_paths", '{"a": ["b", "c"], "b": ["d"], "c": [], "d": []}', '["a"]'), '{["a","b","d"],["a","c"]}');
  t.equal(call("b_graph__reachable_paths", g, '"a"'), "undefined");
});

t.test("object.subset: array ⊇ set as OPA counts it (top level only)", async (t) => {
  t.equal(call("b_object__subset", "[1, 2, 3]", "{1, 3}"), "true");
  t.equal(call("b_object__subset", "[1, 1]", "{1, 2}"), "true", "duplicates count, as in OPA");
  t.equal(call("b_object__subset", "[]", "set()"), "false", "OPA scans the array: nothing to scan");
  t.equal(call("b_object__subset", "[5]", "set()"), "true");
  t.equal(call("b_object__subset", '{"a": [1, 2]}', '{"a": {1}}'), "false", "nested array/set is not a subset relation");
  t.equal(call("b_object__subset", '{"a": [1, 2, 3], "b": {"c": {1, 2}}}', '{"a": [2, 3], "b": {"c": {2}}}'), "true");
});
