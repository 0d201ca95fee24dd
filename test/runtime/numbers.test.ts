// Numbers: exact big integers and decimals, text round-trips, canonical results of
// arithmetic, OPA's division/remainder/rounding rules, comparisons and hashing by value.
import t from "tap";
import { instantiate } from "./harness.js";

const r = instantiate();
const num = (s: string): number => {
  const v = r.parse(s);
  if (v === 0) throw new Error(`bad number ${s}`);
  return v;
};
const call1 = (f: string, a: string): string => {
  const v = r.call(f, num(a));
  return v === 0 ? "undefined" : r.dump(v);
};
const call2 = (f: string, a: string, b: string): string => {
  const v = r.call(f, num(a), num(b));
  return v === 0 ? "undefined" : r.dump(v);
};

t.test("numbers: literal text round-trips", async (t) => {
  for (const s of ["0", "-7", "9223372036854775807", "-9223372036854775808", "18446744073709551617", "1.0", "1.50", "0.1", "-0.000001", "1e3", "1E+3", "2.5e-7", "123456789012345678901234567890.123456789"]) {
    t.equal(r.dump(num(s)), s, s);
  }
});

t.test("numbers: big integers stay exact", async (t) => {
  t.equal(call2("b_plus", "18446744073709551616", "1"), "18446744073709551617", "2^64 + 1");
  t.equal(call2("b_plus", "9223372036854775807", "1"), "9223372036854775808", "int64 overflow promotes");
  t.equal(call2("b_minus", "-9223372036854775808", "1"), "-9223372036854775809");
  t.equal(call2("b_mul", "4294967296", "4294967296"), "18446744073709551616");
  t.equal(call2("b_mul", "123456789123456789", "987654321987654321"), "121932631356500531347203169112635269");
  t.equal(call2("b_minus", "18446744073709551617", "18446744073709551616"), "1");
  t.equal(call2("b_equal", "18446744073709551617", "18446744073709551616"), "false");
  t.equal(call2("b_lt", "18446744073709551616", "18446744073709551617"), "true");
  t.equal(r.dump(r.call("opa_number_int", -5n)), "-5");
  t.equal(r.dump(r.call("opa_number_ref", ...r.putString("100000000000000000000000000001"))), "100000000000000000000000000001");
});

t.test("numbers: decimal arithmetic is exact", async (t) => {
  t.equal(call2("b_plus", "0.1", "0.2"), "0.3");
  t.equal(call2("b_plus", "1.5", "1.5"), "3");
  t.equal(call2("b_minus", "1", "0.9"), "0.1");
  t.equal(call2("b_mul", "1.1", "1.1"), "1.21");
  t.equal(call2("b_mul", "2.5", "4"), "10");
  t.equal(call2("b_plus", "1e3", "1"), "1001");
  t.equal(call2("b_plus", "1e30", "1"), "1000000000000000000000000000001");
  t.equal(call2("b_mul", "1e-7", "1"), "1e-7");
  t.equal(call2("b_mul", "1e25", "10"), "1e+26");
});

t.test("numbers: division and remainder", async (t) => {
  t.equal(call2("b_div", "6", "3"), "2");
  t.equal(call2("b_div", "1", "4"), "0.25");
  t.equal(call2("b_div", "-7", "2"), "-3.5");
  t.equal(Number(call2("b_div", "2", "3")), 0.6666666666666666, "2/3 as a double matches OPA's test");
  t.equal(call2("b_div", "1", "3"), "0.3333333333333333333333333333333333");
  t.equal(call2("b_div", "1", "0"), "undefined", "division by zero is undefined");
  t.equal(call2("b_div", "1.5", "0.0"), "undefined");
  t.equal(call2("b_div", "18446744073709551616", "2"), "9223372036854775808");
  t.equal(call2("b_rem", "4", "3"), "1");
  t.equal(call2("b_rem", "-7", "3"), "-1", "sign of the dividend");
  t.equal(call2("b_rem", "7", "-3"), "1");
  t.equal(call2("b_rem", "7", "0"), "undefined");
  t.equal(call2("b_rem", "7.5", "2"), "undefined", "rem needs integers");
  t.equal(call2("b_rem", "4.0", "3"), "1", "integral decimals are integers");
  t.equal(call2("b_rem", "18446744073709551617", "10"), "7");
  t.equal(call2("b_rem", "-9223372036854775808", "-1"), "0");
});

t.test("numbers: abs round ceil floor", async (t) => {
  t.equal(call1("b_abs", "-3.5"), "3.5");
  t.equal(call1("b_abs", "-9223372036854775808"), "9223372036854775808");
  t.equal(call1("b_round", "2.5"), "3");
  t.equal(call1("b_round", "-2.5"), "-3", "half away from zero");
  t.equal(call1("b_round", "2.4999"), "2");
  t.equal(call1("b_ceil", "1.1"), "2");
  t.equal(call1("b_ceil", "-1.1"), "-1");
  t.equal(call1("b_floor", "-1.1"), "-2");
  t.equal(call1("b_floor", "1.9"), "1");
  t.equal(call1("b_floor", "7"), "7");
  t.equal(call1("b_round", "1e-30"), "0");
});

t.test("numbers: comparison and hashing by numeric value", async (t) => {
  const cmp = (a: string, b: string): number => Math.sign(r.call("opa_value_compare", num(a), num(b)));
  t.equal(cmp("1", "1.0"), 0);
  t.equal(cmp("1e2", "100"), 0);
  t.equal(cmp("0.0", "-0"), 0);
  t.equal(cmp("-1", "1"), -1);
  t.equal(cmp("1.5", "1.25"), 1);
  t.equal(cmp("-1.5", "-1.25"), -1);
  t.equal(cmp("18446744073709551617", "1.8446744073709551617e19"), 0);
  t.equal(cmp("9223372036854775807", "9223372036854775808"), -1);
  const h = (s: string): number => r.call("opa_value_hash", num(s));
  t.equal(h("1"), h("1.0"));
  t.equal(h("100"), h("1e2"));
  t.equal(h("0"), h("-0.0"));
  t.equal(h("18446744073709551617"), h("18446744073709551617.000"));
  t.not(h("1"), h("2"));
  const set = r.parseValue("{1, 1.0, 1e0, 2}");
  t.equal(r.call("opa_value_length", set), 2, "1, 1.0 and 1e0 are one set element");
  const obj = r.parse('{"a": 1}');
  t.equal(r.dump(r.call("b_equal", obj, r.parse('{"a": 1.0}'))), "true");
});

t.test("numbers: to_number, format_int, numbers.range", async (t) => {
  const tn = (v: number): string => {
    const x = r.call("b_to_number", v);
    return x === 0 ? "undefined" : r.dump(x);
  };
  t.equal(tn(r.str("42")), "42");
  t.equal(tn(r.str("-1.5e3")), "-1.5e3");
  t.equal(tn(r.str("abc")), "undefined");
  t.equal(tn(r.parse("true")), "1");
  t.equal(tn(r.parse("null")), "0");
  t.equal(tn(r.parse("[1]")), "undefined");
  t.equal(call2("b_format_int", "255", "16"), '"ff"');
  t.equal(call2("b_format_int", "-10", "2"), '"-1010"');
  t.equal(call2("b_format_int", "12.9", "10"), '"12"');
  t.equal(call2("b_format_int", "-12.9", "8"), '"-14"');
  t.equal(call2("b_format_int", "18446744073709551617", "10"), '"18446744073709551617"');
  t.equal(call2("b_format_int", "1", "3"), "undefined");
  t.equal(call2("b_numbers__range", "1", "4"), "[1,2,3,4]");
  t.equal(call2("b_numbers__range", "2", "-1"), "[2,1,0,-1]");
  t.equal(call2("b_numbers__range", "1.5", "3"), "undefined");
});
