// Deep values: dumping is iterative (any depth); comparing, hashing and json.marshal abort cleanly
// with a message beyond 3,000 levels of nesting (instead of overflowing the Wasm stack).
// Also `replace` with an empty `old` (Go's strings.NewReplacer, as OPA: every byte).
import t from "tap";
import { instantiate } from "./harness.js";

const deep = (n: number): string => "[".repeat(n) + "]".repeat(n);

t.test("within the limit", async (t) => {
  const r = instantiate();
  const a = r.parse(deep(2900));
  t.equal(r.dump(a).length, 5800);
  t.equal(r.call("opa_value_compare", a, r.parse(deep(2900))), 0);
  t.ok(r.call("b_json__marshal", a) !== 0);
});

t.test("beyond the limit: a clean abort, never a stack overflow", async (t) => {
  for (const [name, f] of [
    ["compare", (r: ReturnType<typeof instantiate>, v: number) => r.call("opa_value_compare", v, r.parse(deep(20000)))],
    ["hash", (r: ReturnType<typeof instantiate>, v: number) => r.call("opa_value_hash", v)],
    ["json.marshal", (r: ReturnType<typeof instantiate>, v: number) => r.call("b_json__marshal", v)],
  ] as const) {
    const r = instantiate();
    const v = r.parse(deep(20000));
    let thrown: unknown = "nothing thrown";
    try {
      f(r, v);
    } catch (e) {
      thrown = e; // the harness's opa_abort throws the message text
    }
    t.match(String(thrown), /nested too deeply/, name);
    // the runtime stays usable afterwards (depth counters reset)
    t.equal(r.dump(r.parse(deep(100))).length, 200, `${name}: usable after the abort`);
  }
});

t.test("dumping has no depth limit", async (t) => {
  const r = instantiate();
  t.equal(r.dump(r.parse(deep(50000))), deep(50000));
  const obj = '{"a":['.repeat(20000) + '{"k":1}' + "]}".repeat(20000);
  t.equal(r.dump(r.parse(obj)), obj);
  t.equal(r.dumpValue(r.parseValue('{[[1]]: {set(), {[2]}}}')), '{[[1]]:{set(),{[2]}}}');
  t.equal(r.dump(r.parseValue('{[[1]]: {set(), {[2]}}}')), '{"[[1]]":[[],[[2]]]}');
});

t.test("replace with an empty old inserts at every byte", async (t) => {
  const r = instantiate();
  const x = r.call("b_replace", r.parse('"ab"'), r.parse('""'), r.parse('"-"'));
  t.equal(r.dump(x), '"-a-b-"');
  const y = r.call("b_replace", r.parse('"é"'), r.parse('""'), r.parse('"-"'));
  t.equal(r.call("opa_value_length", y), 5, "two bytes of é, three insertions");
});
