// time.*: Go layouts (parse and format), the int64 nanosecond range, fixed-offset zones,
// AddDate normalisation, durations. Instants are UTC unless a known zone is given.
import t from "tap";
import { instantiate } from "./harness.js";

const r = instantiate();
const call = (f: string, ...args: string[]): string => {
  const x = r.call(f, ...args.map((a) => r.parseValue(a)));
  return x === 0 ? "undefined" : r.dump(x);
};
const s = JSON.stringify;

t.test("time: parsing", async (t) => {
  t.equal(call("b_time__parse_rfc3339_ns", s("2017-06-02T19:00:00-07:00")), "1496455200000000000");
  t.equal(call("b_time__parse_rfc3339_ns", s("2017-06-02T19:00:00.5Z")), "1496430000500000000", "fraction without layout field");
  t.equal(call("b_time__parse_rfc3339_ns", s("2017-06-02 19:00:00Z")), "undefined");
  t.equal(call("b_time__parse_ns", s("02 Jan 06 15:04 MST"), s("12 Aug 91 13:02 PDT")), "682002120000000000", "unknown abbreviation: offset 0");
  t.equal(call("b_time__parse_ns", s("Monday, 02-Jan-06"), s("friday, 09-feb-18")), "1518134400000000000", "names are case-insensitive");
  t.equal(call("b_time__parse_ns", s("2006-01-02T15:04:05.000Z07:00"), s("2018-02-09T00:00:00.12Z")), "undefined", ".000 needs three digits");
  t.equal(call("b_time__parse_ns", s("2006-01-02 15:04:05.999"), s("2018-02-09 00:00:00")), "1518134400000000000", ".999 is optional");
  t.equal(call("b_time__parse_ns", s("2006-01-02"), s("2018-02-09 extra")), "undefined");
  t.equal(call("b_time__parse_duration_ns", s("1µs")), "1000");
  t.equal(call("b_time__parse_duration_ns", s(".5s")), "500000000");
  t.equal(call("b_time__parse_duration_ns", s("1h1h1h")), "10800000000000");
});

t.test("time: calendar and formatting", async (t) => {
  t.equal(call("b_time__date", "-9223372036854775808"), "[1677,9,21]");
  t.equal(call("b_time__date", "1.5"), "undefined");
  t.equal(call("b_time__date", "[]"), "undefined");
  t.equal(call("b_time__date", '[0, "Asia/Tokyo"]'), "[1970,1,1]");
  t.equal(call("b_time__clock", '[0, "America/Phoenix"]'), "[17,0,0]");
  t.equal(call("b_time__weekday", '[0, "Pacific/Honolulu"]'), '"Wednesday"');
  t.equal(call("b_time__add_date", "1580428800000000000", "0", "1", "0"), "1583107200000000000", "Jan 31 + 1 month = Mar 2 (2020)");
  t.equal(call("b_time__add_date", "9223372036854775807", "1", "0", "0"), "undefined", "out of range");
  t.equal(call("b_time__format", '[1517443212000000001, "UTC", "2006-01-02T15:04:05.999999999Z07:00"]'), '"2018-02-01T00:00:12.000000001Z"');
  t.equal(call("b_time__format", '[1517443212000000000, "UTC", "Jan _2 3:04:05pm 002 __2"]'), '"Feb  1 12:00:12am 032  32"');
  t.equal(call("b_time__format", '[0, "Asia/Kolkata", "-07:00:00 Z0700 -07"]'), '"+05:30:00 +0530 +05"');
});
