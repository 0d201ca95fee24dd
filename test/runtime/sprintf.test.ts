// sprintf: Go fmt verbs over OPA's argument mapping, and a fast-check property that %v of any
// float64 is its shortest round-trip text (the same digits JavaScript picks) and %e/%.Nf agree
// with JavaScript away from exact ties (fixed seed; VPCGATE_FUZZ_RUNS for a long run).
import t from "tap";
import fc from "fast-check";
import { instantiate } from "./harness.js";

const r = instantiate();
const base = r.call("opa_heap_ptr_get");
const sprintf = (format: string, args: string): string => {
  const a = r.parseValue(args);
  if (a === 0) throw new Error(`bad args ${args}`);
  const out = r.call("b_sprintf", r.str(format), a);
  return out === 0 ? "undefined" : (JSON.parse(r.dump(out)) as string);
};

t.test("sprintf: integers, big integers, strings and Rego values", async (t) => {
  t.equal(sprintf("%d-%v", "[7, -7]"), "7--7");
  t.equal(sprintf("%s", "[123456789123456789123]"), "123456789123456789123", "big.Int formats %s as decimal");
  t.equal(sprintf("%x", "[123456789123456789123]"), "6b14e9f9b0df36a83");
  t.equal(sprintf("%f", "[123456789123456789123]"), "%!f(big.Int=123456789123456789123)");
  t.equal(sprintf("%s", "[5]"), "%!s(int=5)");
  t.equal(sprintf("%v", '[{"k": {1, "a"}, "a": []}]'), '{"a": [], "k": {1, "a"}}');
  t.equal(sprintf("%q|%x|%X", '["tab\\there", "Hi", "Hi"]'), '"tab\\there"|4869|4869');
  t.equal(sprintf("%-6s|%6s|%.1s", '["ab", "cd", "ef"]'), "ab    |    cd|e");
  t.equal(sprintf("%08.3f|%+.2e|% d", "[-3.14159, 12345.678, 42]"), "-003.142|+1.23e+04| 42");
  t.equal(sprintf("%d %s", '[1]'), "1 %!s(MISSING)");
  t.equal(sprintf("%d", '[1, 2, "x"]'), "1%!(EXTRA int=2, string=x)");
  t.equal(sprintf("%!", "[]"), "%!!(MISSING)");
  t.equal(sprintf("abc%", "[]"), "abc%!(NOVERB)");
  t.equal(sprintf("%[3]d", "[1]"), "%!d(BADINDEX)");
  t.equal(sprintf("%.*f", "[2, 3.14159]"), "3.14");
  t.equal(sprintf("%v", "[1e400]"), "1e400", "out of float64 range: OPA passes the number text as a string");
  t.equal(sprintf("%v %v %v", "[0.1, 100000.0, 1234567.0]"), "0.1 100000 1.234567e+06");
  t.equal(r.call("b_sprintf", r.str("%d"), r.parseValue("1")), 0, "second operand must be an array");
});

function goExp(js: string): string {
  // JavaScript 1.5e+21 / 1e-7 → Go 1.5e+21 / 1e-07 (at least two exponent digits)
  return js.replace(/e([+-])(\d)$/, "e$10$2");
}


t.test("sprintf: %v of random float64 is the shortest round-trip text", async (t) => {
  const runs = Number(process.env["VPCGATE_FUZZ_RUNS"] ?? "1000");
  fc.assert(
    fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }), (x) => {
      if (Number.isInteger(x) && Math.abs(x) < 1e18) return true; // integers are ints, not floats
      r.call("opa_heap_ptr_set", base);
      const text = String(x).includes(".") || String(x).includes("e") ? String(x) : String(x) + ".0";
      const got = sprintf("%v", `[${text}]`);
      if (Number(got) !== x) throw new Error(`${text}: %v gave ${got}`);
      // same significant digits as JavaScript's shortest form
      const digits = (s: string): string => s.replace(/^-/, "").split(/e/i)[0]!.replace(".", "").replace(/^0+/, "").replace(/0+$/, "");
      if (digits(got) !== digits(x.toExponential())) throw new Error(`${text}: digits ${got} vs ${x.toExponential()}`);
      const e6 = sprintf("%.6e", `[${text}]`);
      const js = goExp(x.toExponential(6));
      if (e6 !== js && !nearTie(x, 6)) throw new Error(`${text}: %.6e ${e6} vs ${js}`);
      return true;
    }),
    { seed: 77, numRuns: runs },
  );
  t.pass(`ran ${runs}`);
});

/** Whether x is (almost) exactly halfway between two 7-significant-digit decimals (Go: half-even, JS: up). */
function nearTie(x: number, p: number): boolean {
  const s = Math.abs(x).toExponential(20);
  const [mant] = s.split("e");
  const frac = mant!.replace(".", "").slice(p + 1);
  return /^50000000/.test(frac) || /^49999999/.test(frac);
}
