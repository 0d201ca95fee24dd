// regex.globs_match: OPA's glob-intersection cases (non-empty / empty intersections) and syntax errors.
import t from "tap";
import { instantiate } from "./harness.js";

const r = instantiate();
const gm = (a: string, b: string): string => {
  const x = r.call("b_regex__globs_match", r.parse(JSON.stringify(a)), r.parse(JSON.stringify(b)));
  return x === 0 ? "undefined" : r.dump(x);
};

const nonEmpty: Record<string, string[]> = {
  abcd: ["abcd", "....", "[a-d]*"],
  pqrs: [".qrs", "p.rs", "pq.s", "pqr."],
  ".*": ["asdklfj", "jasdfh", "asdhfajfh", "asdflkasdfjl"],
  "d*": ["[abcd][abcd]", "d[a-z]+", ".....", "[d]*"],
  "[a-p]+": ["[p-z]+", "apapapaapapapap", ".*", "abcdefgh*"],
  "abcd[a-c]z+": ["abcd[b-d][yz]*", "abcdazzzz", "abcdbzzz", "abcdcz"],
  ".*\\\\": [".*", "asdfasdf\\\\"],
  ".a.a": ["b.b.", "c.c.", "d.d.", "e.e."],
  ".*.*.*.*.*.*.*.*.*.*.*.*.*.*.*": [".*.*.*.*.*.*.*.*.*.*.*"],
  "foo.*bar": ["foobar", "fooalkdsjfbar"],
  "a.a.": [".b.b"],
};
const empty: Record<string, string[]> = {
  abcd: ["lsdfhda", "abcdla", "asdlfk", "ksdfj"],
  "[a-d]+": ["xyz", "p+", "[e-f]+"],
  "[0-9]*": ["[a-z]", ".\\*"],
  "mamama.*": ["dadada.*", "nanana.*"],
  ".xyz.": ["paaap", ".*pqr.*"],
  "ab+": ["a", "b", "abc"],
  ".*.*.*.*f": [".*.*.*.*g"],
  "[a-z]+": ["[0-9]*"],
};

t.test("non-empty intersections", async (t) => {
  for (const [l, rs] of Object.entries(nonEmpty)) for (const x of rs) t.equal(gm(l, x), "true", `${l} ∩ ${x}`);
});
t.test("empty intersections", async (t) => {
  for (const [l, rs] of Object.entries(empty)) for (const x of rs) t.equal(gm(l, x), "false", `${l} ∩ ${x}`);
});
t.test("syntax errors are undefined", async (t) => {
  for (const bad of ["*a", "a**", "+", "a]", "[ab", "[-a]", "[a-]", "a\\"]) t.equal(gm(bad, "a"), "undefined", bad);
  t.equal(gm("[a\\]]", "\\]"), "true", "escaped ] in a class");
  t.equal(gm("\\*", "\\*"), "true", "escaped *");
  t.equal(gm("\\*", "a"), "false");
});
