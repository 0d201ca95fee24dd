// json.filter / json.remove / json.patch: OPA's documented results and RFC 6902 cases.
import t from "tap";
import { instantiate } from "./harness.js";

const r = instantiate();
const call = (f: string, ...args: string[]): string => {
  const x = r.call(f, ...args.map((a) => r.parseValue(a)));
  return x === 0 ? "undefined" : r.dumpValue(x);
};
const j = (s: string): string => r.dumpValue(r.parseValue(s));

t.test("json.filter", async (t) => {
  t.equal(call("b_json__filter", '{"a": {"b": {"x": 1, "y": 2}}, "c": 3}', '["a/b/x", "c"]'), j('{"a": {"b": {"x": 1}}, "c": 3}'));
  t.equal(call("b_json__filter", '{"a": [{"x": 1}, {"x": 2, "y": 3}]}', '{"a/1/y"}'), j('{"a": [{"y": 3}]}'));
  t.equal(call("b_json__filter", '{"a": {"b": 1}, "c": 2}', '[["a", "b"]]'), j('{"a": {"b": 1}}'));
  t.equal(call("b_json__filter", '{"a": {"b": 1, "c": 2}}', '["a", "a/b"]'), j('{"a": {"b": 1, "c": 2}}'));
  t.equal(call("b_json__filter", '{"a/b": 1, "a~b": 2, "c": 3}', '["a~1b", "a~0b"]'), j('{"a/b": 1, "a~b": 2}'));
  t.equal(call("b_json__filter", '{"a": {1, 2}}', '["a/1"]'), j('{"a": set()}'));
  t.equal(call("b_json__filter", '{"a": 1}', '[""]'), "{}");
  t.equal(call("b_json__filter", '[1]', '["a"]'), "undefined");
  t.equal(call("b_json__filter", '{"a": 1}', '"a"'), "undefined");
  t.equal(call("b_json__filter", '{"a": 1}', "[1]"), "undefined");
});

t.test("json.remove", async (t) => {
  t.equal(call("b_json__remove", '{"a": {"b": {"x": 1, "y": 2}}, "c": 3}', '["a/b/x", "c"]'), j('{"a": {"b": {"y": 2}}}'));
  t.equal(call("b_json__remove", '{"a": [1, 2, 3]}', '["a/1"]'), j('{"a": [1, 3]}'));
  t.equal(call("b_json__remove", '{"a": {"b", "c"}}', '[["a", "b"]]'), j('{"a": {"c"}}'));
  t.equal(call("b_json__remove", '{"a": 1}', '["x/y"]'), j('{"a": 1}'));
  t.equal(call("b_json__remove", '{"a": 1}', "5"), "undefined");
});

t.test("json.patch", async (t) => {
  const rows: [string, string, string][] = [
    ['{"foo": "bar"}', '[{"op": "add", "path": "/baz", "value": "qux"}]', '{"baz": "qux", "foo": "bar"}'],
    ['{"foo": ["bar", "baz"]}', '[{"op": "add", "path": "/foo/1", "value": "qux"}]', '{"foo": ["bar", "qux", "baz"]}'],
    ['{"foo": ["bar", "qux", "baz"]}', '[{"op": "remove", "path": "/foo/1"}]', '{"foo": ["bar", "baz"]}'],
    ['{"foo": {"bar": "baz", "waldo": "fred"}, "qux": {"corge": "grault"}}', '[{"op": "move", "from": "/foo/waldo", "path": "/qux/thud"}]', '{"foo": {"bar": "baz"}, "qux": {"corge": "grault", "thud": "fred"}}'],
    ['{"foo": ["all", "grass", "cows", "eat"]}', '[{"op": "move", "from": "/foo/1", "path": "/foo/3"}]', '{"foo": ["all", "cows", "eat", "grass"]}'],
    ['{"baz": "qux"}', '[{"op": "test", "path": "/baz", "value": "bar"}]', "undefined"],
    ['{"foo": "bar"}', '[{"op": "add", "path": "/baz/bat", "value": "qux"}]', "undefined"],
    ['{"/": 9, "~1": 10}', '[{"op": "test", "path": "/~01", "value": 10}]', '{"/": 9, "~1": 10}'],
    ['{"foo": ["bar"]}', '[{"op": "add", "path": "/foo/-", "value": ["abc", "def"]}]', '{"foo": ["bar", ["abc", "def"]]}'],
    ["{}", '[{"op": "add", "path": "", "value": []}]', "[]"],
    ["{}", '[{"op": "add", "path": "/", "value": 1}]', '{"": 1}'],
    ['{"bar": [1, 2]}', '[{"op": "add", "path": "/bar/8", "value": "5"}]', "undefined"],
    ['{"bar": [1, 2]}', '[{"op": "add", "path": "/bar/-1", "value": "5"}]', "undefined"],
    ['["foo", "sil"]', '[{"op": "add", "path": "/2", "value": "bar"}]', '["foo", "sil", "bar"]'],
    ['["foo", "bar"]', '[{"op": "test", "path": "/1e0", "value": "bar"}]', "undefined"],
    ['{"foo": "bar"}', '[{"op": "replace", "path": "", "value": {"baz": "qux"}}]', '{"baz": "qux"}'],
    ['{"foo": 1}', '[{"op": "copy", "from": "/foo", "path": "/bar"}]', '{"bar": 1, "foo": 1}'],
    ['{"a": {"b", "c"}}', '[{"op": "add", "path": "/a/d", "value": "d"}]', '{"a": {"b", "c", "d"}}'],
    ['[1, 2, 3]', '[{"op": "add", "path": "1.2", "value": "foo"}]', "undefined"],
    ['{"foo": 1}', '[{"op": "frob", "path": "/foo"}]', "undefined"],
    ['{"foo": 1}', '[{"path": "/foo"}]', "undefined"],
  ];
  for (const [doc, patch, want] of rows) t.equal(call("b_json__patch", doc, patch), want === "undefined" ? want : j(want), patch);
});
