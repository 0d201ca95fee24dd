// base64/base64url/hex and json.* builtins: Go's padding rules, CR/LF skipping, OPA's base64url
// padding repair, encoding/json output (HTML-safe escapes, U+2028, sorted keys, sets as arrays).
import t from "tap";
import { instantiate } from "./harness.js";

const r = instantiate();
const call = (f: string, ...args: string[]): string => {
  const x = r.call(f, ...args.map((a) => r.parseValue(a)));
  return x === 0 ? "undefined" : r.dump(x);
};
const s = JSON.stringify;

t.test("base64 and hex", async (t) => {
  t.equal(call("b_base64__encode", s("a")), s("YQ=="));
  t.equal(call("b_base64__encode", s("ab")), s("YWI="));
  t.equal(call("b_base64__decode", s("YQ==")), s("a"));
  t.equal(call("b_base64__decode", s("Y\r\nQ=\n=")), s("a"), "CR/LF anywhere are skipped");
  t.equal(call("b_base64__decode", s("YQ=")), "undefined");
  t.equal(call("b_base64__decode", s("YQ==YQ==")), "undefined", "data after padding");
  t.equal(call("b_base64__decode", s("Y===")), "undefined");
  t.equal(call("b_base64__is_valid", "1"), "undefined");
  t.equal(call("b_base64url__encode", s("\u00ff\u00fe")), s("w7_Dvg=="));
  t.equal(call("b_base64url__decode", s("w7_Dvg")), s("\u00ff\u00fe"));
  t.equal(call("b_base64url__decode", s("w7+Dvg==")), "undefined", "std alphabet is not url");
  t.equal(call("b_hex__encode", s("\u00e9")), s("c3a9"));
  t.equal(call("b_hex__decode", s("C3A9")), s("\u00e9"));
});

t.test("json", async (t) => {
  t.equal(call("b_json__marshal", '{"b": {2, 1}, "a": "<\\u2028>&"}'), s('{"a":"\\u003c\\u2028\\u003e\\u0026","b":[1,2]}'));
  t.equal(call("b_json__marshal", '{1: "x"}'), s('{"1":"x"}'), "non-string keys as their JSON text");
  t.equal(call("b_json__marshal", "[1.50, 1e3]"), s("[1.50,1e3]"), "numbers keep their text");
  t.equal(call("b_json__marshal_with_options", "[]", '{"pretty": true}'), s("[]"));
  t.equal(call("b_json__marshal_with_options", "{}", '{"bogus": 1}'), "undefined");
  t.equal(call("b_json__unmarshal", s(' [1, {"a": null}] ')), '[1,{"a":null}]');
  t.equal(call("b_json__unmarshal", s("[1] x")), "undefined");
  t.equal(call("b_json__is_valid", "1"), "false", "non-strings are not valid JSON strings");
});
