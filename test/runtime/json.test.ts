// JSON and Rego-value parsing/dumping: property round-trips (fast-check, fixed seed), escapes
// and surrogate pairs, deep nesting, non-string keys, and rejection of invalid input.
import t from "tap";
import fc from "fast-check";
import { instantiate } from "./harness.js";

t.test("json: random values round-trip (fast-check, fixed seed)", async (t) => {
  const r = instantiate();
  const base = r.call("opa_heap_ptr_get");
  let n = 0;
  fc.assert(
    fc.property(fc.jsonValue({ stringUnit: "grapheme", maxDepth: 6 }), (v) => {
      r.call("opa_heap_ptr_set", base);
      const text = JSON.stringify(v);
      const parsed = r.parse(text);
      if (parsed === 0) throw new Error(`failed to parse ${text}`);
      const dumped = r.dump(parsed);
      const again = r.dump(r.parse(dumped));
      n++;
      return again === dumped && JSON.stringify(sortKeys(JSON.parse(dumped))) === JSON.stringify(sortKeys(v));
    }),
    { seed: 20240611, numRuns: 400 },
  );
  t.equal(n >= 400, true, "ran 400 cases");
});

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).sort().map((k) => [k, sortKeys(o[k])]));
  }
  return Object.is(v, -0) ? 0 : v;
}

t.test("json: string escapes, \\u and surrogate pairs", async (t) => {
  const r = instantiate();
  const s = (json: string): string => {
    const v = r.parse(json);
    t.not(v, 0, json);
    return JSON.parse(r.dump(v)) as string;
  };
  t.equal(s('"a\\nb\\tc\\\\d\\"e\\/f"'), 'a\nb\tc\\d"e/f');
  t.equal(s('"\\u00e9\\u4e2d"'), "é中");
  t.equal(s('"\\ud83d\\ude00"'), "😀", "surrogate pair becomes one code point");
  t.equal(s('"\\ud83d"'), "\ufffd", "lone high surrogate → U+FFFD");
  t.equal(s('"\\ude00x"'), "\ufffdx", "lone low surrogate → U+FFFD");
  t.equal(s('"😀 raw"'), "😀 raw");
  t.equal(r.dump(r.parse('"\\u0001\\u001f"')), '"\\u0001\\u001f"', "control characters are escaped");
  t.equal(r.dump(r.call("b_count", r.parse('"\\ud83d\\ude00é"'))), "2", "count counts code points");
  t.equal(r.parse('"\\x"'), 0, "bad escape");
  t.equal(r.parse('"\\u12"'), 0, "short \\u");
  t.equal(r.parse('"abc'), 0, "unterminated");
});

t.test("json: whitespace, numbers and literals", async (t) => {
  const r = instantiate();
  t.equal(r.dump(r.parse(' \n\t{ "a" : [ 1 , 2 ] , "b" : { } }\r\n')), '{"a":[1,2],"b":{}}');
  for (const bad of ["+1", ".5", "1e", "1e+", "0x10", "NaN", "Infinity", "nul", "truex", "[1 2]", '{"a":1,}', '{"a" 1}', "'a'"]) {
    t.equal(r.parse(bad), 0, `rejects ${bad}`);
  }
  t.equal(r.dump(r.parse('{"a":1,"a":2}')), '{"a":2}', "duplicate keys: last wins");
});

t.test("json: deep nesting does not overflow the parser", async (t) => {
  const r = instantiate();
  const depth = 5000;
  const text = "[".repeat(depth) + "]".repeat(depth);
  const v = r.parse(text);
  t.not(v, 0);
  t.equal(r.dump(v), text);
  const obj = '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
  t.equal(r.dump(r.parse(obj)), obj);
});

t.test("value parse: Rego sets and keys; dumps", async (t) => {
  const r = instantiate();
  const rt = (s: string): string => r.dumpValue(r.parseValue(s));
  t.equal(rt("{3, 1, 2}"), "{1,2,3}");
  t.equal(rt('{"b": {1}, "a": set()}'), '{"a":set(),"b":{1}}');
  t.equal(rt("{[1]: 2, 1: 3}"), "{1:3,[1]:2}");
  t.equal(rt("[set(), {}, {{}}]"), "[set(),{},{{}}]");
  t.equal(r.dump(r.parseValue("{[1]: 2, 1: 3, \"s\": {1}}")), '{"1":3,"s":[1],"[1]":2}', "keys in total order of the original keys");
  t.equal(r.parseValue("{1,}"), 0);
  t.equal(r.parseValue("{1:}"), 0);
  t.equal(r.parseValue("set(1)"), 0);
  t.equal(r.parse("{1}"), 0, "JSON mode rejects sets");
});

t.test("dump: objects and sets print sorted; mixed types in total order", async (t) => {
  const r = instantiate();
  const s = r.parseValue('{"b", 1, null, false, [0], {"k": 1}, {2}, 1.5, "a"}');
  t.equal(r.dumpValue(s), '{null,false,1,1.5,"a","b",[0],{"k":1},{2}}');
  t.equal(r.dump(s), '[null,false,1,1.5,"a","b",[0],{"k":1},[2]]');
});
