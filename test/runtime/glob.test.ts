// glob.match and glob.quote_meta in the runtime: OPA's semantics (gobwas/glob v0.2.3): wildcards
// and delimiters, super-asterisk, character lists and ranges, alternatives, escapes, invalid
// patterns and operands (undefined), the IAM-style null-delimiter use, and linear time.
import t from "tap";
import { instantiate } from "./harness.js";

const r = instantiate();
const v = (s: string): number => {
  const x = r.parseValue(s);
  if (x === 0) throw new Error(`bad value ${s}`);
  return x;
};
const J = (x: unknown): string => JSON.stringify(x);
const glob = (p: string, d: unknown, s: string): string => {
  const x = r.call("b_glob__match", v(J(p)), v(J(d)), v(J(s)));
  return x === 0 ? "undefined" : r.dumpValue(x);
};

t.test("glob.match: OPA's documented and tested cases", async (t) => {
  t.equal(glob("*.github.com", ["."], "api.github.com"), "true");
  t.equal(glob("*.github.com", ["."], "api.cdn.github.com"), "false");
  t.equal(glob("*.github.com", ["."], "api.example.com"), "false");
  t.equal(glob("*:github:com", [":"], "api:github:com"), "true");
  t.equal(glob("api.**.com", ["."], "api.github.com"), "true");
  t.equal(glob("api.**.com", ["."], "api.cdn.github.com"), "true");
  t.equal(glob("?at", [], "cat"), "true");
  t.equal(glob("?at", [], "at"), "false");
  t.equal(glob("[abc]at", [], "cat"), "true");
  t.equal(glob("[abc]at", [], "lat"), "false");
  t.equal(glob("[!abc]at", [], "cat"), "false");
  t.equal(glob("[!abc]at", [], "lat"), "true");
  t.equal(glob("[a-c]at", [], "cat"), "true");
  t.equal(glob("[a-c]at", [], "lat"), "false");
  t.equal(glob("[!a-c]at", [], "cat"), "false");
  t.equal(glob("[!a-c]at", [], "lat"), "true");
  t.equal(glob("{cat,bat,[fr]at}", [], "cat"), "true");
  t.equal(glob("{cat,bat,[fr]at}", [], "bat"), "true");
  t.equal(glob("{cat,bat,[fr]at}", [], "rat"), "true");
  t.equal(glob("{cat,bat,[fr]at}", [], "at"), "false");
  t.equal(glob("*", ["."], "foo"), "true");
  t.equal(glob("*", ["."], "foo.bar"), "false");
  t.equal(glob("*", [], "foo.bar"), "false", "[] means the default delimiter '.'");
  t.equal(glob("*", null, "foo.bar"), "true", "null means no delimiters");
});

t.test("glob.match: wildcard details", async (t) => {
  t.equal(glob("?", null, ""), "false");
  t.equal(glob("[!0-9]", null, ""), "false");
  t.equal(glob("a/*/b", null, "a/b"), "false");
  t.equal(glob("a/*/b", null, "a/x/b"), "true");
  t.equal(glob("a/**/b", null, "a/b"), "false");
  t.equal(glob("a/**/b", null, "a//b"), "true");
  t.equal(glob("**/x", null, "x"), "false", "** is not a globstar");
  t.equal(glob("{**/,}x", null, "x"), "true");
  t.equal(glob("***", ["."], ""), "true");
  t.equal(glob("*?*", [".", "/"], "api.github.com"), "false");
  t.equal(glob("*?*", [".", "/"], "abc"), "true");
  t.equal(glob("*", [".", "/"], "a/b"), "false");
  t.equal(glob("?", ["."], "."), "false", "? does not match a delimiter");
  t.equal(glob("[!a]", ["."], "."), "true", "negated lists do");
  t.equal(glob("**", ["."], "a.b\nc"), "true");
  t.equal(glob("*", null, "a\nb"), "true", "no delimiters: * matches newlines too");
  t.equal(glob("é?", null, "éé"), "true", "code points");
  t.equal(glob("[α-ω]", null, "λ"), "true");
  t.equal(glob("a{b,{c,d}}e", null, "ade"), "true", "nested alternatives");
  t.equal(glob("a{b,c", null, "ac"), "true", "an unclosed { closes at the end");
  t.equal(glob("a}b,c", null, "a}b,c"), "true", "} and , outside {} are literal");
  t.equal(glob("a]", null, "a]"), "true");
  t.equal(glob("{a,}x", null, "x"), "true");
  t.equal(glob("x", ["x"], "x"), "true", "literal delimiters still match");
});

t.test("glob.match: escapes (IAM-style patterns with null delimiters)", async (t) => {
  t.equal(glob("\\*", null, "*"), "true");
  t.equal(glob("\\*", null, "a"), "false");
  t.equal(glob("arn:aws:lambda:*:function:\\*", null, "arn:aws:lambda:us-east-1:function:*"), "true");
  t.equal(glob("arn:aws:lambda:*:function:\\*", null, "arn:aws:lambda:us-east-1:function:f"), "false");
  t.equal(glob("subnet-\\?", null, "subnet-?"), "true");
  t.equal(glob("\\[x\\]", null, "[x]"), "true");
  t.equal(glob("{a\\,b,c}", null, "a,b"), "true");
  t.equal(glob("[\\]]", null, "]"), "true");
  t.equal(glob("ab\\", null, "ab"), "true", "a trailing backslash is dropped (v0.2.3)");
  t.equal(glob("a\u0000b", null, "ab"), "true", "U+0000 in text is skipped");
  t.equal(glob("\u0000b", null, ""), "true", "U+0000 at an item start ends the pattern");
});

t.test("glob.match: invalid patterns and operands are undefined", async (t) => {
  for (const p of ["[", "[a", "[]", "[!]", "[a-]", "[z-a]", "[a-cd]", "a[", "\uFFFD"]) {
    t.equal(glob(p, null, "a"), "undefined", p);
  }
  t.equal(glob("*", ["ab"], "x"), "undefined", "multi-character delimiter");
  t.equal(glob("*", [""], "x"), "undefined");
  t.equal(glob("*", [1], "x"), "undefined");
  t.equal(glob("*", "x", "x"), "undefined");
  t.equal(glob("*", {}, "x"), "undefined");
  t.equal(r.call("b_glob__match", v("1"), v("null"), v('"x"')), 0);
  t.equal(r.call("b_glob__match", v('"x"'), v("null"), v("1")), 0);
});

t.test("glob.quote_meta", async (t) => {
  const q = (s: string): string => r.dumpValue(r.call("b_glob__quote_meta", v(J(s))));
  t.equal(q("*.github.com"), J("\\*.github.com"));
  t.equal(q("[a-z]{x,y}?\\"), J("\\[a-z\\]\\{x,y\\}\\?\\\\"));
  t.equal(q("plain-é"), J("plain-é"));
  t.equal(glob(JSON.parse(q("a*b?[c]{d}")) as string, null, "a*b?[c]{d}"), "true", "quoted text matches itself");
});

t.test("glob.match is linear: many stars against a long non-match", async (t) => {
  const s = "a".repeat(20000);
  t.equal(glob("*a*a*a*a*a*a*a*a*b", null, s), "false");
  t.equal(glob("{a,aa}*{a,aa}*b", null, s), "false");
});
