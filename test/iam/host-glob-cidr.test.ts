// Host glob.match and net.cidr_contains (src/iam/host-glob.ts, host-cidr.ts): OPA's semantics,
// and agreement with the test-side reference implementations on the patterns the policy uses.
import t from "tap";
import fc from "fast-check";
import { globMatch } from "../../src/iam/host-glob.js";
import { cidrContains } from "../../src/iam/host-cidr.js";
import { cidrContainsOpa, globMatchOpa } from "./opa-builtins.js";

t.test("glob.match: wildcards, delimiters, classes, alternatives, escapes", async (t) => {
  t.equal(globMatch("a*", null, "a.b:c"), true);
  t.equal(globMatch("a*", [], "a.b"), false, "empty delimiters mean ['.']");
  t.equal(globMatch("a*", ["."], "ab"), true);
  t.equal(globMatch("a**", ["."], "a.b"), true, "** crosses delimiters");
  t.equal(globMatch("a?c", null, "abc"), true);
  t.equal(globMatch("a?c", null, "abbc"), false);
  t.equal(globMatch("a?c", ["b"], "abc"), false, "? never matches a delimiter");
  t.equal(globMatch("[a-c]x", null, "bx"), true);
  t.equal(globMatch("[!a-c]x", null, "bx"), false);
  t.equal(globMatch("{foo,ba?}", null, "bar"), true);
  t.equal(globMatch("{foo,bar}", null, "baz"), false);
  t.equal(globMatch("a\\*b", null, "a*b"), true);
  t.equal(globMatch("a\\*b", null, "axb"), false);
  t.equal(globMatch("a\\[b\\]\\{c\\}*", null, "a[b]{c}d"), true);
  t.equal(globMatch("x-/(|)$^+.", null, "x-/(|)$^+."), true, "regex metacharacters are literal");
  t.equal(globMatch("😀?", null, "😀é"), true, "? is one code point");
  t.equal(globMatch("[abc", null, "a"), undefined, "malformed pattern: undefined (OPA error)");
  t.equal(globMatch("a\\", null, "a"), undefined);
  t.equal(globMatch(1, null, "a"), undefined);
  t.equal(globMatch("a", "x", "a"), undefined);
});

t.test("glob.match agrees with the reference on IAM-style patterns", async (t) => {
  const ch = fc.constantFrom("a", "b", ":", "-", "*", "?", "\\*", "\\?", "\\[", "\\{");
  const txt = fc.constantFrom("a", "b", ":", "-", "*", "?", "[", "{");
  await fc.assert(
    fc.property(fc.array(ch, { maxLength: 8 }), fc.array(txt, { maxLength: 8 }), (p, s) => {
      const pattern = p.join("");
      const subject = s.join("");
      return globMatch(pattern, null, subject) === globMatchOpa(pattern, subject);
    }),
    { seed: 7, numRuns: 3000 },
  );
});

t.test("net.cidr_contains: IPv4, IPv6, CIDRs, families, errors", async (t) => {
  t.equal(cidrContains("203.0.113.0/24", "203.0.113.7"), true);
  t.equal(cidrContains("203.0.113.0/24", "203.0.114.7"), false);
  t.equal(cidrContains("203.0.113.7/24", "203.0.113.200"), true, "host bits are masked");
  t.equal(cidrContains("0.0.0.0/0", "8.8.8.8"), true);
  t.equal(cidrContains("10.0.0.0/8", "10.1.0.0/16"), true);
  t.equal(cidrContains("10.1.0.0/16", "10.0.0.0/8"), false);
  t.equal(cidrContains("2001:db8::/32", "2001:db8:1234:5678::1"), true);
  t.equal(cidrContains("2001:db8::/32", "2001:db9::1"), false);
  t.equal(cidrContains("::ffff:0:0/96", "::ffff:1.2.3.4"), true);
  t.equal(cidrContains("10.0.0.0/8", "::1"), false, "families never mix");
  t.equal(cidrContains("203.0.113.7", "203.0.113.7"), undefined, "the first argument must be a CIDR");
  t.equal(cidrContains("10.0.0.0/33", "10.0.0.1"), undefined);
  t.equal(cidrContains("10.0.0.0/8", "10.0.0.256"), undefined);
  t.equal(cidrContains("1::2::3/64", "::1"), undefined);
  for (const [c, a] of [["203.0.113.0/24", "203.0.113.9"], ["10.0.0.0/8", "11.0.0.1"], ["2001:db8::/32", "2001:db8::1"]] as const) {
    t.equal(cidrContains(c, a), cidrContainsOpa(c, a), `${c} ${a} agrees with the reference`);
  }
});
