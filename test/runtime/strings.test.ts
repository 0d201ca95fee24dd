// String and object builtins: Go strings semantics with code-point indices, non-ASCII input,
// wrong types → undefined; object.get with keys, paths and defaults; object.keys.
import t from "tap";
import { instantiate } from "./harness.js";

const r = instantiate();
const v = (s: string): number => {
  const x = r.parseValue(s);
  if (x === 0) throw new Error(`bad value ${s}`);
  return x;
};
const call = (f: string, ...args: string[]): string => {
  const x = r.call(f, ...args.map(v));
  return x === 0 ? "undefined" : r.dumpValue(x);
};

t.test("strings: predicates and search", async (t) => {
  t.equal(call("b_startswith", '"lambda:VpcIds"', '"lambda:"'), "true");
  t.equal(call("b_startswith", '"ab"', '"abc"'), "false");
  t.equal(call("b_endswith", '"subnet-1"', '"-1"'), "true");
  t.equal(call("b_contains", '"arn:aws:iam"', '"aws"'), "true");
  t.equal(call("b_contains", '"abc"', '""'), "true");
  t.equal(call("b_contains", '"abc"', "1"), "undefined");
  t.equal(call("b_indexof", '"héllo"', '"l"'), "2", "code point index");
  t.equal(call("b_indexof", '"abc"', '"z"'), "-1");
});

t.test("strings: concat, split, replace", async (t) => {
  t.equal(call("b_concat", '","', '["a","b","c"]'), '"a,b,c"');
  t.equal(call("b_concat", '"-"', '{"b","a"}'), '"a-b"', "sets in sorted order");
  t.equal(call("b_concat", '","', "[]"), '""');
  t.equal(call("b_concat", '","', '["a",1]'), "undefined");
  t.equal(call("b_split", '"a,b,,c"', '","'), '["a","b","","c"]');
  t.equal(call("b_split", '""', '","'), '[""]');
  t.equal(call("b_split", '"hé"', '""'), '["h","é"]');
  t.equal(call("b_replace", '"aaa"', '"a"', '"bb"'), '"bbbbbb"');
  t.equal(call("b_replace", '"a.b.c"', '"."', '""'), '"abc"');
  t.equal(call("b_replace", '"ab"', '""', '"-"'), '"-a-b-"');
  t.equal(call("b_replace", '"abc"', '"x"', '"y"'), '"abc"');
});

t.test("strings: substring, case, reverse", async (t) => {
  t.equal(call("b_substring", '"héllo"', "1", "3"), '"éll"');
  t.equal(call("b_substring", '"abc"', "1", "-1"), '"bc"');
  t.equal(call("b_substring", '"abc"', "5", "1"), '""');
  t.equal(call("b_substring", '"abc"', "-1", "1"), "undefined");
  t.equal(call("b_substring", '"abc"', "0", "10"), '"abc"');
  t.equal(call("b_lower", '"AbC-ÀÉ"'), '"abc-àé"');
  t.equal(call("b_upper", '"abc-àé"'), '"ABC-ÀÉ"');
  t.equal(call("b_lower", '"ΑΒΓ Жж"'), '"αβγ жж"');
  t.equal(call("b_strings__reverse", '"héllo😀"'), '"😀olléh"');
});

t.test("strings: trims", async (t) => {
  t.equal(call("b_trim", '"xxhixx"', '"x"'), '"hi"');
  t.equal(call("b_trim", '"  hi "', '" "'), '"hi"');
  t.equal(call("b_trim_left", '"xxhixx"', '"x"'), '"hixx"');
  t.equal(call("b_trim_right", '"xxhixx"', '"xi"'), '"xxh"');
  t.equal(call("b_trim_prefix", '"arn:aws"', '"arn:"'), '"aws"');
  t.equal(call("b_trim_prefix", '"arn:aws"', '"x"'), '"arn:aws"');
  t.equal(call("b_trim_suffix", '"file.rego"', '".rego"'), '"file"');
  t.equal(call("b_trim_space", '" \\t hi\\n\\u00a0"'), '"hi"');
  t.equal(call("b_trim", '"ééaéé"', '"é"'), '"a"');
});

t.test("objects: object.get and object.keys", async (t) => {
  t.equal(call("b_object__get", '{"a":1}', '"a"', "0"), "1");
  t.equal(call("b_object__get", '{"a":1}', '"b"', "0"), "0");
  t.equal(call("b_object__get", '{"a":{"b":[10,20]}}', '["a","b",1]', "0"), "20");
  t.equal(call("b_object__get", '{"a":{"b":1}}', '["a","c"]', '"d"'), '"d"');
  t.equal(call("b_object__get", '{"a":1}', "[]", "0"), '{"a":1}', "empty path → the object");
  t.equal(call("b_object__get", '{"a":false}', '"a"', "true"), "false");
  t.equal(call("b_object__get", "[1]", '"a"', "0"), "undefined");
  t.equal(call("b_object__keys", '{"b":1,"a":2}'), '{"a","b"}');
  t.equal(call("b_object__keys", "{}"), "set()");
});

t.test("strings: invalid UTF-8 never swallows the characters after it (shared lenient decoder)", async (t) => {
  // opa_string takes raw bytes; the dump shows an invalid byte as U+FFFD.
  const raw = (bytes: number[]): number => r.call("opa_string", ...r.put(new Uint8Array(bytes)));
  const out = (x: number): string => (x === 0 ? "undefined" : r.dumpValue(x));
  t.equal(out(r.call("b_lower", raw([0xc3, 0x41]))), '"\ufffda"', "lower: the A after a truncated sequence is lowered, not eaten");
  t.equal(out(r.call("b_upper", raw([0xc1, 0x3a]))), '"\ufffd:"', "upper: 0xc1 is no lead byte; the colon stays");
  t.equal(out(r.call("b_trim_space", raw([0x85]))), '"\ufffd"', "trim_space: a lone 0x85 byte is not U+0085");
  t.equal(out(r.call("b_trim_right", raw([0xc3, 0xa9, 0x80]), v('"é"'))), '"é\ufffd"', "trim_right: a stray continuation byte is its own rune");
});
