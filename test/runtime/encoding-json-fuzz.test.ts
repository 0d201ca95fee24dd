// opa_json_parse → opa_json_dump round-trips (fast-check, fixed seed; VPCGATE_FUZZ_RUNS for a long
// run): generated JSON texts with random whitespace, \u escapes and surrogate pairs, deep nesting,
// big integers and decimal/exponent numbers must dump to the canonical text (sorted keys, the
// literal number text, minimal escapes), and dumping is idempotent. Extends json.test.ts.
import t from "tap";
import fc from "fast-check";
import { instantiate } from "./harness.js";

const RUNS = Number(process.env["VPCGATE_FUZZ_RUNS"] ?? "300");

/** A JSON value as [text with random spelling, canonical dump]. */
type Gen = fc.Arbitrary<[string, string]>;

const ws = fc.constantFrom("", "", " ", "\n", "\t ", "\r\n");

function escapeCanonical(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (c < 0x20) out += "\\u" + c.toString(16).padStart(4, "0");
    else out += ch;
  }
  return out + '"';
}

/** Random spelling of a string: some characters as \uXXXX (surrogate pairs for astral ones). */
const stringGen: Gen = fc
  .tuple(fc.string({ unit: fc.constantFrom("grapheme", "binary", "grapheme-ascii"), maxLength: 12 }), fc.infiniteStream(fc.boolean()))
  .map(([s, flips]) => {
    const it = flips[Symbol.iterator]();
    let text = '"';
    for (const ch of s) {
      const c = ch.codePointAt(0) ?? 0;
      const esc = it.next().value === true;
      if (c >= 0xd800 && c <= 0xdfff) {
        text += "\\u" + c.toString(16).padStart(4, "0"); // lone surrogate: becomes U+FFFD
        continue;
      }
      if (esc || c < 0x20 || ch === '"' || ch === "\\") {
        for (let i = 0; i < ch.length; i++) text += "\\u" + ch.charCodeAt(i).toString(16).padStart(4, "0");
      } else text += ch;
    }
    const canonical = escapeCanonical([...s].map((ch) => { const c = ch.codePointAt(0) ?? 0; return c >= 0xd800 && c <= 0xdfff ? "\ufffd" : ch; }).join(""));
    return [text + '"', canonical];
  });

const digits = (min: number, max: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(..."0123456789"), { minLength: min, maxLength: max }).map((d) => d.join(""));

const numberGen: Gen = fc.oneof(
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map((b) => String(b)),
  fc.integer().map(String),
  fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 9 }), digits(0, 20), digits(1, 12), fc.option(fc.tuple(fc.constantFrom("e", "E"), fc.constantFrom("", "+", "-"), digits(1, 3))))
    .map(([neg, lead, int, frac, exp]) => `${neg ? "-" : ""}${lead}${int}.${frac}${exp === null ? "" : exp.join("")}`),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => (Object.is(d, -0) ? "0" : String(d))),
).map((s): [string, string] => [s, s === "-0" ? "0" : s]);

const leafGen: Gen = fc.oneof(
  fc.constantFrom<[string, string]>(["null", "null"], ["true", "true"], ["false", "false"]),
  stringGen,
  numberGen,
);

const valueGen: Gen = fc.letrec<{ v: [string, string] }>((tie) => ({
  v: fc.oneof(
    { maxDepth: 6, depthIdentifier: "json" },
    leafGen,
    fc.array(fc.tuple(ws, tie("v"), ws), { maxLength: 5 }).map((items): [string, string] => [
      "[" + items.map(([a, [tx], b]) => a + tx + b).join(",") + "]",
      "[" + items.map(([, [, c]]) => c).join(",") + "]",
    ]),
    fc.uniqueArray(fc.tuple(fc.string({ unit: "grapheme", maxLength: 6 }), tie("v")), { selector: ([k]) => k, maxLength: 5 }).map(
      (entries): [string, string] => {
        const sorted = [...entries].sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
        return [
          "{" + entries.map(([k, [tx]]) => `${escapeCanonical(k)} : ${tx}`).join(" , ") + "}",
          "{" + sorted.map(([k, [, c]]) => `${escapeCanonical(k)}:${c}`).join(",") + "}",
        ];
      },
    ),
  ),
})).v;

t.test("json fuzz: random texts parse and dump to their canonical form (fixed seed)", async (t) => {
  const r = instantiate();
  const base = r.call("opa_heap_ptr_get");
  let n = 0;
  fc.assert(
    fc.property(valueGen, ([text, canonical]) => {
      r.call("opa_heap_ptr_set", base);
      const v = r.parse(text);
      if (v === 0) throw new Error(`rejected ${text}`);
      const dumped = r.dump(v);
      if (dumped !== canonical) throw new Error(`text ${text}\n dumped ${dumped}\n wanted ${canonical}`);
      if (r.dump(r.parse(dumped)) !== dumped) throw new Error(`not idempotent: ${dumped}`);
      n++;
      return true;
    }),
    { seed: 424242, numRuns: RUNS },
  );
  t.equal(n, RUNS, `ran ${RUNS} cases`);
});

t.test("json fuzz: deep nesting of arrays and objects", async (t) => {
  const r = instantiate();
  for (const depth of [100, 1000, 2000]) {
    const text = '{"a":['.repeat(depth) + '"\\u00e9\\ud83d\\ude00"' + "]}".repeat(depth);
    const want = '{"a":['.repeat(depth) + '"é😀"' + "]}".repeat(depth);
    t.equal(r.dump(r.parse(text)), want, `depth ${depth}`);
  }
});

t.test("json fuzz: big integers and float texts keep their literal text", async (t) => {
  const r = instantiate();
  for (const s of ["123456789012345678901234567890", "-9223372036854775809", "1.0", "1e400", "-0.000000000000000000001", "6.02214076E+23"]) {
    t.equal(r.dump(r.parse(s)), s, s);
  }
});
