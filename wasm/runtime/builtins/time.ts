// Time builtins with Go's time semantics in UTC: time.parse_rfc3339_ns, time.parse_ns (Go
// layouts, OPA's named layouts), time.parse_duration_ns, time.date, time.clock, time.weekday,
// time.add_date, time.diff, time.format. Time zones: "", "UTC", "Local" (= UTC here) and a table
// of fixed-offset IANA zones (current offset, no DST history); other names are undefined (no tz
// database in the runtime). time.now_ns is a host builtin.
// Input: ns numbers or [ns, tz(, layout)] arrays, strings. Output: values, or 0 (undefined).

import { T_NUMBER, T_STRING, T_ARRAY, strPtr, strLen, newArray, arrPush, arrLen, arrGet, litString } from "../value";
import { newInt, toI64, numOk } from "../number";
import { isType } from "../builtin-support";
import { tbNew, tbByte, tbBytes, tbLit, tbUint, tbString, tbRepeat } from "../text-buf";

// ---- civil calendar (proleptic Gregorian) ----

function floorDiv(a: i64, b: i64): i64 {
  const q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

function daysFromCivil(y: i64, m: i64, d: i64): i64 {
  y -= m <= 2 ? 1 : 0;
  const era = floorDiv(y, 400);
  const yoe = y - era * 400;
  const doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

let cY: i64 = 0;
let cM: i64 = 0;
let cD: i64 = 0;
function civilFromDays(z: i64): void {
  z += 719468;
  const era = floorDiv(z, 146097);
  const doe = z - era * 146097;
  const yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const mp = (5 * doy + 2) / 153;
  cD = doy - (153 * mp + 2) / 5 + 1;
  cM = mp < 10 ? mp + 3 : mp - 9;
  cY = yoe + era * 400 + (cM <= 2 ? 1 : 0);
}

function isLeap(y: i64): bool {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

function daysIn(m: i64, y: i64): i64 {
  if (m == 2) return isLeap(y) ? 29 : 28;
  return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
}

// Broken-down time of an instant (UTC).
let tY: i64 = 0;
let tMo: i64 = 0;
let tD: i64 = 0;
let tH: i64 = 0;
let tMi: i64 = 0;
let tS: i64 = 0;
let tNs: i64 = 0;
let tDays: i64 = 0;

// Offset (seconds east of UTC) and abbreviation of the zone of the current time operand.
let tzOff: i64 = 0;
let tzAbbr: string = "UTC";

function breakDown(ns: i64): void {
  const secs = floorDiv(ns, 1000000000) + tzOff;
  tNs = ns - (secs - tzOff) * 1000000000;
  tDays = floorDiv(secs, 86400);
  const sod = secs - tDays * 86400;
  tH = sod / 3600;
  tMi = (sod % 3600) / 60;
  tS = sod % 60;
  civilFromDays(tDays);
  tY = cY;
  tMo = cM;
  tD = cD;
}

const NS_MIN_SEC: i64 = -9223372037; // floor(i64.MIN / 1e9)
const NS_MAX_SEC: i64 = 9223372036;

/** secs + nsec as int64 nanoseconds; rangeOk = false when outside OPA's valid range. */
let rangeOk = true;
function toNanos(secs: i64, nsec: i64): i64 {
  rangeOk = secs >= NS_MIN_SEC && secs <= NS_MAX_SEC;
  if (!rangeOk) return 0;
  if (secs == NS_MAX_SEC && nsec > 854775807) rangeOk = false;
  if (secs == NS_MIN_SEC && nsec < 145224192) rangeOk = false;
  if (!rangeOk) return 0;
  return secs * 1000000000 + nsec;
}

// ---- time operands: ns or [ns, tz, layout] ----

let layoutArg: usize = 0;

/** Sets tzOff/tzAbbr for a zone name; false for zones the runtime does not know. */
function tzOk(tz: usize): bool {
  const n = strLen(tz);
  const p = strPtr(tz);
  tzOff = 0;
  tzAbbr = "UTC";
  if (n == 0 || eqLit(p, n, "UTC") || eqLit(p, n, "Local") || eqLit(p, n, "Etc/UTC") || eqLit(p, n, "UCT") || eqLit(p, n, "Etc/UCT") || eqLit(p, n, "Universal") || eqLit(p, n, "Etc/Universal") || eqLit(p, n, "Zulu") || eqLit(p, n, "Etc/Zulu")) return true;
  if (eqLit(p, n, "GMT") || eqLit(p, n, "Etc/GMT") || eqLit(p, n, "Greenwich") || eqLit(p, n, "Etc/Greenwich")) return zone("GMT", 0);
  if (eqLit(p, n, "Asia/Shanghai") || eqLit(p, n, "PRC") || eqLit(p, n, "Asia/Taipei") || eqLit(p, n, "Asia/Chongqing") || eqLit(p, n, "Asia/Harbin")) return zone("CST", 8 * 3600);
  if (eqLit(p, n, "Asia/Hong_Kong")) return zone("HKT", 8 * 3600);
  if (eqLit(p, n, "Asia/Singapore") || eqLit(p, n, "Asia/Kuala_Lumpur")) return zone("+08", 8 * 3600);
  if (eqLit(p, n, "Asia/Manila")) return zone("PST", 8 * 3600);
  if (eqLit(p, n, "Australia/Perth")) return zone("AWST", 8 * 3600);
  if (eqLit(p, n, "Asia/Tokyo") || eqLit(p, n, "Japan")) return zone("JST", 9 * 3600);
  if (eqLit(p, n, "Asia/Seoul") || eqLit(p, n, "ROK")) return zone("KST", 9 * 3600);
  if (eqLit(p, n, "Asia/Kolkata") || eqLit(p, n, "Asia/Calcutta")) return zone("IST", 5 * 3600 + 1800);
  if (eqLit(p, n, "Asia/Dubai")) return zone("+04", 4 * 3600);
  if (eqLit(p, n, "Asia/Bangkok") || eqLit(p, n, "Asia/Ho_Chi_Minh")) return zone("+07", 7 * 3600);
  if (eqLit(p, n, "Asia/Jakarta")) return zone("WIB", 7 * 3600);
  if (eqLit(p, n, "Asia/Karachi")) return zone("PKT", 5 * 3600);
  if (eqLit(p, n, "Asia/Dhaka")) return zone("+06", 6 * 3600);
  if (eqLit(p, n, "Asia/Kathmandu")) return zone("+0545", 5 * 3600 + 45 * 60);
  if (eqLit(p, n, "Australia/Brisbane")) return zone("AEST", 10 * 3600);
  if (eqLit(p, n, "Africa/Lagos")) return zone("WAT", 3600);
  if (eqLit(p, n, "Africa/Johannesburg")) return zone("SAST", 2 * 3600);
  if (eqLit(p, n, "Africa/Nairobi")) return zone("EAT", 3 * 3600);
  if (eqLit(p, n, "Europe/Moscow")) return zone("MSK", 3 * 3600);
  if (eqLit(p, n, "Europe/Istanbul")) return zone("+03", 3 * 3600);
  if (eqLit(p, n, "America/Phoenix")) return zone("MST", -7 * 3600);
  if (eqLit(p, n, "Pacific/Honolulu")) return zone("HST", -10 * 3600);
  if (eqLit(p, n, "America/Bogota") || eqLit(p, n, "America/Lima")) return zone("-05", -5 * 3600);
  if (eqLit(p, n, "America/Sao_Paulo") || eqLit(p, n, "America/Argentina/Buenos_Aires")) return zone("-03", -3 * 3600);
  return false;
}

function zone(abbr: string, off: i64): bool {
  tzAbbr = abbr;
  tzOff = off;
  return true;
}

function eqLit(p: usize, n: usize, s: string): bool {
  const q = changetype<usize>(s);
  const m = <usize>(load<u32>(q - 4) >> 1);
  if (m != n) return false;
  for (let i: usize = 0; i < n; i++) if (<u16>load<u8>(p + i) != load<u16>(q + (i << 1))) return false;
  return true;
}

/** Reads a time operand; sets timeOk. */
let timeOk = false;
function timeArg(v: usize): i64 {
  timeOk = false;
  layoutArg = 0;
  tzOff = 0;
  tzAbbr = "UTC";
  let nv = v;
  if (isType(v, T_ARRAY)) {
    const n = arrLen(v);
    if (n == 0) return 0;
    nv = arrGet(v, 0);
    if (n > 1) {
      const tz = arrGet(v, 1);
      if (!isType(tz, T_STRING) || !tzOk(tz)) return 0;
    }
    if (n > 2) {
      const l = arrGet(v, 2);
      if (!isType(l, T_STRING)) return 0;
      layoutArg = l;
    }
  }
  if (!isType(nv, T_NUMBER)) return 0;
  const x = toI64(nv);
  if (!numOk) return 0;
  timeOk = true;
  return x;
}

export function b_time__date(v: usize): usize {
  const ns = timeArg(v);
  if (!timeOk) return 0;
  breakDown(ns);
  const r = newArray(3);
  arrPush(r, newInt(tY));
  arrPush(r, newInt(tMo));
  arrPush(r, newInt(tD));
  return r;
}

export function b_time__clock(v: usize): usize {
  const ns = timeArg(v);
  if (!timeOk) return 0;
  breakDown(ns);
  const r = newArray(3);
  arrPush(r, newInt(tH));
  arrPush(r, newInt(tMi));
  arrPush(r, newInt(tS));
  return r;
}

function dayName(out: usize, wd: i64, long: bool): void {
  switch (<i32>wd) {
    case 0: tbLit(out, long ? "Sunday" : "Sun"); break;
    case 1: tbLit(out, long ? "Monday" : "Mon"); break;
    case 2: tbLit(out, long ? "Tuesday" : "Tue"); break;
    case 3: tbLit(out, long ? "Wednesday" : "Wed"); break;
    case 4: tbLit(out, long ? "Thursday" : "Thu"); break;
    case 5: tbLit(out, long ? "Friday" : "Fri"); break;
    default: tbLit(out, long ? "Saturday" : "Sat");
  }
}

function monthName(out: usize, m: i64, long: bool): void {
  switch (<i32>m) {
    case 1: tbLit(out, long ? "January" : "Jan"); break;
    case 2: tbLit(out, long ? "February" : "Feb"); break;
    case 3: tbLit(out, long ? "March" : "Mar"); break;
    case 4: tbLit(out, long ? "April" : "Apr"); break;
    case 5: tbLit(out, long ? "May" : "May"); break;
    case 6: tbLit(out, long ? "June" : "Jun"); break;
    case 7: tbLit(out, long ? "July" : "Jul"); break;
    case 8: tbLit(out, long ? "August" : "Aug"); break;
    case 9: tbLit(out, long ? "September" : "Sep"); break;
    case 10: tbLit(out, long ? "October" : "Oct"); break;
    case 11: tbLit(out, long ? "November" : "Nov"); break;
    default: tbLit(out, long ? "December" : "Dec");
  }
}

function weekdayOf(days: i64): i64 {
  return floorDiv(days + 4, 7) * -7 + days + 4;
}

export function b_time__weekday(v: usize): usize {
  const ns = timeArg(v);
  if (!timeOk) return 0;
  breakDown(ns);
  const out = tbNew(10);
  dayName(out, weekdayOf(tDays), true);
  return tbString(out);
}

function intArg(v: usize): i64 {
  timeOk = false;
  if (!isType(v, T_NUMBER)) return 0;
  const x = toI64(v);
  timeOk = numOk;
  return x;
}

export function b_time__add_date(t: usize, years: usize, months: usize, days: usize): usize {
  const ns = timeArg(t);
  if (!timeOk) return 0;
  const y = intArg(years);
  if (!timeOk) return 0;
  const m = intArg(months);
  if (!timeOk) return 0;
  const d = intArg(days);
  if (!timeOk) return 0;
  if (y > 1000000 || y < -1000000 || m > 12000000 || m < -12000000 || d > 400000000 || d < -400000000) return 0;
  breakDown(ns);
  let yy = tY + y;
  let mm = tMo + m - 1;
  yy += floorDiv(mm, 12);
  mm = mm - floorDiv(mm, 12) * 12 + 1;
  const dayNum = daysFromCivil(yy, mm, 1) + tD - 1 + d;
  const secs = dayNum * 86400 + tH * 3600 + tMi * 60 + tS - tzOff;
  const r = toNanos(secs, tNs);
  return rangeOk ? newInt(r) : 0;
}

export function b_time__diff(a: usize, b: usize): usize {
  let n1 = timeArg(a);
  if (!timeOk) return 0;
  const off = tzOff;
  let n2 = timeArg(b);
  if (!timeOk) return 0;
  tzOff = off; // t2 is read in t1's location
  if (n1 > n2) {
    const t = n1;
    n1 = n2;
    n2 = t;
  }
  breakDown(n1);
  const y1 = tY, M1 = tMo, d1 = tD, h1 = tH, m1 = tMi, s1 = tS;
  breakDown(n2);
  let year = tY - y1;
  let month = tMo - M1;
  let day = tD - d1;
  let hour = tH - h1;
  let min = tMi - m1;
  let sec = tS - s1;
  if (sec < 0) {
    sec += 60;
    min--;
  }
  if (min < 0) {
    min += 60;
    hour--;
  }
  if (hour < 0) {
    hour += 24;
    day--;
  }
  if (day < 0) {
    // Date(y1, M1, 32) normalised: its day is 32 - daysIn(M1, y1)
    day += daysIn(M1, y1);
    month--;
  }
  if (month < 0) {
    month += 12;
    year--;
  }
  const r = newArray(6);
  arrPush(r, newInt(year));
  arrPush(r, newInt(month));
  arrPush(r, newInt(day));
  arrPush(r, newInt(hour));
  arrPush(r, newInt(min));
  arrPush(r, newInt(sec));
  return r;
}

// ---- Go layouts ----

const STD_LONG_MONTH = 1;
const STD_MONTH = 2;
const STD_NUM_MONTH = 3;
const STD_ZERO_MONTH = 4;
const STD_LONG_WEEKDAY = 5;
const STD_WEEKDAY = 6;
const STD_DAY = 7;
const STD_UNDER_DAY = 8;
const STD_ZERO_DAY = 9;
const STD_UNDER_YEARDAY = 10;
const STD_ZERO_YEARDAY = 11;
const STD_HOUR = 12;
const STD_HOUR12 = 13;
const STD_ZERO_HOUR12 = 14;
const STD_MINUTE = 15;
const STD_ZERO_MINUTE = 16;
const STD_SECOND = 17;
const STD_ZERO_SECOND = 18;
const STD_LONG_YEAR = 19;
const STD_YEAR = 20;
const STD_PM = 21;
const STD_pm = 22;
const STD_TZ = 23;
const STD_ISO_TZ = 24; // Z0700
const STD_ISO_SECONDS_TZ = 25; // Z070000
const STD_ISO_SHORT_TZ = 26; // Z07
const STD_ISO_COLON_TZ = 27; // Z07:00
const STD_ISO_COLON_SECONDS_TZ = 28; // Z07:00:00
const STD_NUM_TZ = 29; // -0700
const STD_NUM_SECONDS_TZ = 30; // -070000
const STD_NUM_SHORT_TZ = 31; // -07
const STD_NUM_COLON_TZ = 32; // -07:00
const STD_NUM_COLON_SECONDS_TZ = 33; // -07:00:00
const STD_FRAC0 = 34;
const STD_FRAC9 = 35;

// Result of nextChunk: prefix [L, L+prefixLen), std code, std text length, frac digits/separator.
let chPrefix: usize = 0;
let chStd: i32 = 0;
let chStdLen: usize = 0;
let chFracN: i32 = 0;
let chFracSep: u8 = 0;

function has(l: usize, n: usize, i: usize, s: string): bool {
  const q = changetype<usize>(s);
  const m = <usize>(load<u32>(q - 4) >> 1);
  if (i + m > n) return false;
  for (let k: usize = 0; k < m; k++) if (<u16>load<u8>(l + i + k) != load<u16>(q + (k << 1))) return false;
  return true;
}

function lowerAt(l: usize, n: usize, i: usize): bool {
  if (i >= n) return false;
  const c = load<u8>(l + i);
  return c >= 0x61 && c <= 0x7a;
}

function digitAt(l: usize, n: usize, i: usize): bool {
  if (i >= n) return false;
  const c = load<u8>(l + i);
  return c >= 0x30 && c <= 0x39;
}

function found(i: usize, std: i32, len: usize): bool {
  chPrefix = i;
  chStd = std;
  chStdLen = len;
  return true;
}

/** Go's nextStdChunk over layout bytes l[0..n). */
function nextChunk(l: usize, n: usize): void {
  for (let i: usize = 0; i < n; i++) {
    const c = load<u8>(l + i);
    switch (c) {
      case 0x4a: // J
        if (has(l, n, i, "Jan")) {
          if (has(l, n, i, "January")) { found(i, STD_LONG_MONTH, 7); return; }
          if (!lowerAt(l, n, i + 3)) { found(i, STD_MONTH, 3); return; }
        }
        break;
      case 0x4d: // M
        if (has(l, n, i, "Mon")) {
          if (has(l, n, i, "Monday")) { found(i, STD_LONG_WEEKDAY, 6); return; }
          if (!lowerAt(l, n, i + 3)) { found(i, STD_WEEKDAY, 3); return; }
        }
        if (has(l, n, i, "MST")) { found(i, STD_TZ, 3); return; }
        break;
      case 0x30: // 0
        if (i + 1 < n) {
          const d = load<u8>(l + i + 1);
          if (d >= 0x31 && d <= 0x36) {
            const codes: i32 = d == 0x31 ? STD_ZERO_MONTH : d == 0x32 ? STD_ZERO_DAY : d == 0x33 ? STD_ZERO_HOUR12 : d == 0x34 ? STD_ZERO_MINUTE : d == 0x35 ? STD_ZERO_SECOND : STD_YEAR;
            found(i, codes, 2);
            return;
          }
        }
        if (has(l, n, i, "002")) { found(i, STD_ZERO_YEARDAY, 3); return; }
        break;
      case 0x31: // 1
        if (i + 1 < n && load<u8>(l + i + 1) == 0x35) { found(i, STD_HOUR, 2); return; }
        found(i, STD_NUM_MONTH, 1);
        return;
      case 0x32: // 2
        if (has(l, n, i, "2006")) { found(i, STD_LONG_YEAR, 4); return; }
        found(i, STD_DAY, 1);
        return;
      case 0x5f: // _
        if (i + 1 < n && load<u8>(l + i + 1) == 0x32) {
          if (has(l, n, i + 1, "2006")) { found(i + 1, STD_LONG_YEAR, 4); return; }
          found(i, STD_UNDER_DAY, 2);
          return;
        }
        if (has(l, n, i, "__2")) { found(i, STD_UNDER_YEARDAY, 3); return; }
        break;
      case 0x33: found(i, STD_HOUR12, 1); return;
      case 0x34: found(i, STD_MINUTE, 1); return;
      case 0x35: found(i, STD_SECOND, 1); return;
      case 0x50: // P
        if (i + 1 < n && load<u8>(l + i + 1) == 0x4d) { found(i, STD_PM, 2); return; }
        break;
      case 0x70: // p
        if (i + 1 < n && load<u8>(l + i + 1) == 0x6d) { found(i, STD_pm, 2); return; }
        break;
      case 0x2d: // -
        if (has(l, n, i, "-070000")) { found(i, STD_NUM_SECONDS_TZ, 7); return; }
        if (has(l, n, i, "-07:00:00")) { found(i, STD_NUM_COLON_SECONDS_TZ, 9); return; }
        if (has(l, n, i, "-0700")) { found(i, STD_NUM_TZ, 5); return; }
        if (has(l, n, i, "-07:00")) { found(i, STD_NUM_COLON_TZ, 6); return; }
        if (has(l, n, i, "-07")) { found(i, STD_NUM_SHORT_TZ, 3); return; }
        break;
      case 0x5a: // Z
        if (has(l, n, i, "Z070000")) { found(i, STD_ISO_SECONDS_TZ, 7); return; }
        if (has(l, n, i, "Z07:00:00")) { found(i, STD_ISO_COLON_SECONDS_TZ, 9); return; }
        if (has(l, n, i, "Z0700")) { found(i, STD_ISO_TZ, 5); return; }
        if (has(l, n, i, "Z07:00")) { found(i, STD_ISO_COLON_TZ, 6); return; }
        if (has(l, n, i, "Z07")) { found(i, STD_ISO_SHORT_TZ, 3); return; }
        break;
      case 0x2e:
      case 0x2c: // . or , followed by 0s or 9s
        if (i + 1 < n) {
          const ch = load<u8>(l + i + 1);
          if (ch == 0x30 || ch == 0x39) {
            let j = i + 1;
            while (j < n && load<u8>(l + j) == ch) j++;
            if (!digitAt(l, n, j)) {
              chFracN = <i32>(j - (i + 1));
              chFracSep = c;
              found(i, ch == 0x30 ? STD_FRAC0 : STD_FRAC9, j - i);
              return;
            }
          }
        }
        break;
    }
  }
  chPrefix = n;
  chStd = 0;
  chStdLen = 0;
}

// ---- parsing (time.Parse in UTC) ----

let vp: usize = 0; // current value position
let ve: usize = 0; // value end
let numV: i64 = 0;

function vDigit(i: usize): bool {
  return vp + i < ve && load<u8>(vp + i) >= 0x30 && load<u8>(vp + i) <= 0x39;
}

function getnum(fixed: bool): bool {
  if (!vDigit(0)) return false;
  if (!vDigit(1)) {
    if (fixed) return false;
    numV = <i64>(load<u8>(vp) - 0x30);
    vp += 1;
    return true;
  }
  numV = <i64>(load<u8>(vp) - 0x30) * 10 + <i64>(load<u8>(vp + 1) - 0x30);
  vp += 2;
  return true;
}

function getnum3(fixed: bool): bool {
  let v: i64 = 0;
  let i: usize = 0;
  while (i < 3 && vDigit(i)) {
    v = v * 10 + <i64>(load<u8>(vp + i) - 0x30);
    i++;
  }
  if (i == 0 || (fixed && i != 3)) return false;
  numV = v;
  vp += i;
  return true;
}

function isSpaceByte(c: u8): bool {
  return c == 0x20;
}

/** Go's skip: matches a literal layout prefix (runs of spaces match runs of spaces). */
function skip(p: usize, n: usize): bool {
  let i: usize = 0;
  while (i < n) {
    const c = load<u8>(p + i);
    if (isSpaceByte(c)) {
      if (vp < ve && !isSpaceByte(load<u8>(vp))) return false;
      while (i < n && isSpaceByte(load<u8>(p + i))) i++;
      while (vp < ve && isSpaceByte(load<u8>(vp))) vp++;
      continue;
    }
    if (vp >= ve || load<u8>(vp) != c) return false;
    i++;
    vp++;
  }
  return true;
}

/** Case-insensitive lookup of a name table (month or day names); returns the index or -1. */
function lookupName(month: bool, long: bool): i32 {
  const cnt: i32 = month ? 12 : 7;
  for (let k: i32 = 0; k < cnt; k++) {
    const tmp = tbNew(12);
    if (month) monthName(tmp, k + 1, long);
    else dayName(tmp, k, long);
    const np = load<u32>(tmp);
    const nn = <usize>load<u32>(tmp, 4);
    if (ve - vp < nn) continue;
    let ok = true;
    for (let i: usize = 0; i < nn && ok; i++) {
      let a = load<u8>(vp + i);
      let b = load<u8>(<usize>np + i);
      if (a >= 0x41 && a <= 0x5a) a += 32;
      if (b >= 0x41 && b <= 0x5a) b += 32;
      ok = a == b;
    }
    if (ok) {
      vp += nn;
      return k;
    }
  }
  return -1;
}

/** Go's parseNanoseconds over the value at vp (n bytes incl. the separator). */
function parseNanos(n: usize): i64 {
  const c = load<u8>(vp);
  if (c != 0x2e && c != 0x2c) return -1;
  let m = n;
  if (m > 10) m = 10;
  let ns: i64 = 0;
  for (let i: usize = 1; i < m; i++) {
    const d = load<u8>(vp + i);
    if (d < 0x30 || d > 0x39) return -1;
    ns = ns * 10 + <i64>(d - 0x30);
  }
  for (let i = m; i < 10; i++) ns *= 10;
  return ns;
}

function parseSignedOffset(p: usize, n: usize): usize {
  if (n == 0) return 0;
  const s = load<u8>(p);
  if (s != 0x2d && s != 0x2b) return 0;
  let i: usize = 1;
  let x: i64 = 0;
  while (i < n && load<u8>(p + i) >= 0x30 && load<u8>(p + i) <= 0x39) {
    x = x * 10 + <i64>(load<u8>(p + i) - 0x30);
    if (x > 1000000) return 0;
    i++;
  }
  if (i == 1 || x > 23) return 0;
  return i;
}

/** Go's parseTimeZone: length of a zone abbreviation at vp, or 0. */
function tzLen(): usize {
  const p = vp, n = ve - vp;
  if (n < 3) return 0;
  if (n >= 4 && (has(p, n, 0, "ChST") || has(p, n, 0, "MeST"))) return 4;
  if (has(p, n, 0, "GMT")) return 3 + parseSignedOffset(p + 3, n - 3);
  if (load<u8>(p) == 0x2b || load<u8>(p) == 0x2d) return parseSignedOffset(p, n);
  let up: usize = 0;
  while (up < 6 && up < n && load<u8>(p + up) >= 0x41 && load<u8>(p + up) <= 0x5a) up++;
  if (up == 5) return load<u8>(p + 4) == 0x54 ? 5 : 0;
  if (up == 4) return load<u8>(p + 3) == 0x54 || has(p, n, 0, "WITA") ? 4 : 0;
  if (up == 3) return 3;
  return 0;
}

function two(p: usize): i64 {
  const a = load<u8>(p), b = load<u8>(p + 1);
  if (a < 0x30 || a > 0x39 || b < 0x30 || b > 0x39) return -1;
  return <i64>(a - 0x30) * 10 + <i64>(b - 0x30);
}

let parsedNs: i64 = 0;

/** time.Parse(layout, value) in UTC; sets parsedNs. */
function goParse(lp: usize, ln: usize, p: usize, n: usize): bool {
  vp = p;
  ve = p + n;
  let year: i64 = 0, month: i64 = -1, day: i64 = -1, yday: i64 = -1;
  let hour: i64 = 0, min: i64 = 0, sec: i64 = 0, nsec: i64 = 0;
  let offset: i64 = 0;
  let pmSet = false, amSet = false;
  let l = lp, lend = lp + ln;
  while (true) {
    nextChunk(l, lend - l);
    if (!skip(l, chPrefix)) return false;
    if (chStd == 0) {
      if (vp != ve) return false;
      break;
    }
    const std = chStd;
    const fracN = chFracN;
    l = l + chPrefix + chStdLen;
    switch (std) {
      case STD_YEAR: {
        if (ve - vp < 2) return false;
        const y = two(vp);
        if (y < 0) return false;
        vp += 2;
        year = y >= 69 ? y + 1900 : y + 2000;
        break;
      }
      case STD_LONG_YEAR: {
        if (ve - vp < 4 || !vDigit(0)) return false;
        let y: i64 = 0;
        for (let i: usize = 0; i < 4; i++) {
          const d = load<u8>(vp + i);
          if (d < 0x30 || d > 0x39) return false;
          y = y * 10 + <i64>(d - 0x30);
        }
        vp += 4;
        year = y;
        break;
      }
      case STD_MONTH:
      case STD_LONG_MONTH: {
        const k = lookupName(true, std == STD_LONG_MONTH);
        if (k < 0) return false;
        month = k + 1;
        break;
      }
      case STD_NUM_MONTH:
      case STD_ZERO_MONTH:
        if (!getnum(std == STD_ZERO_MONTH)) return false;
        month = numV;
        if (month <= 0 || month > 12) return false;
        break;
      case STD_WEEKDAY:
      case STD_LONG_WEEKDAY:
        if (lookupName(false, std == STD_LONG_WEEKDAY) < 0) return false;
        break;
      case STD_DAY:
      case STD_UNDER_DAY:
      case STD_ZERO_DAY:
        if (std == STD_UNDER_DAY && vp < ve && load<u8>(vp) == 0x20) vp++;
        if (!getnum(std == STD_ZERO_DAY)) return false;
        day = numV;
        break;
      case STD_UNDER_YEARDAY:
      case STD_ZERO_YEARDAY:
        for (let i = 0; i < 2; i++) if (std == STD_UNDER_YEARDAY && vp < ve && load<u8>(vp) == 0x20) vp++;
        if (!getnum3(std == STD_ZERO_YEARDAY)) return false;
        yday = numV;
        break;
      case STD_HOUR:
        if (!getnum(false)) return false;
        hour = numV;
        if (hour < 0 || hour >= 24) return false;
        break;
      case STD_HOUR12:
      case STD_ZERO_HOUR12:
        if (!getnum(std == STD_ZERO_HOUR12)) return false;
        hour = numV;
        if (hour < 0 || hour > 12) return false;
        break;
      case STD_MINUTE:
      case STD_ZERO_MINUTE:
        if (!getnum(std == STD_ZERO_MINUTE)) return false;
        min = numV;
        if (min < 0 || min >= 60) return false;
        break;
      case STD_SECOND:
      case STD_ZERO_SECOND: {
        if (!getnum(std == STD_ZERO_SECOND)) return false;
        sec = numV;
        if (sec < 0 || sec >= 60) return false;
        if (ve - vp >= 2 && (load<u8>(vp) == 0x2e || load<u8>(vp) == 0x2c) && vDigit(1)) {
          nextChunk(l, lend - l);
          if (chStd == STD_FRAC0 || chStd == STD_FRAC9) break;
          let k: usize = 2;
          while (vDigit(k)) k++;
          nsec = parseNanos(k);
          if (nsec < 0) return false;
          vp += k;
        }
        break;
      }
      case STD_PM:
      case STD_pm: {
        if (ve - vp < 2) return false;
        const a = load<u8>(vp), b = load<u8>(vp + 1);
        const up = std == STD_PM;
        if (b != (up ? 0x4d : 0x6d)) return false;
        if (a == (up ? 0x50 : 0x70)) pmSet = true;
        else if (a == (up ? 0x41 : 0x61)) amSet = true;
        else return false;
        vp += 2;
        break;
      }
      case STD_ISO_TZ:
      case STD_ISO_SECONDS_TZ:
      case STD_ISO_SHORT_TZ:
      case STD_ISO_COLON_TZ:
      case STD_ISO_COLON_SECONDS_TZ:
      case STD_NUM_TZ:
      case STD_NUM_SECONDS_TZ:
      case STD_NUM_SHORT_TZ:
      case STD_NUM_COLON_TZ:
      case STD_NUM_COLON_SECONDS_TZ: {
        if (std <= STD_ISO_COLON_SECONDS_TZ && vp < ve && load<u8>(vp) == 0x5a) {
          vp++;
          offset = 0;
          break;
        }
        const rem = ve - vp;
        let hh: i64 = 0, mm: i64 = 0, ss: i64 = 0;
        const sign = rem > 0 ? load<u8>(vp) : <u8>0;
        if (std == STD_ISO_COLON_TZ || std == STD_NUM_COLON_TZ) {
          if (rem < 6 || load<u8>(vp + 3) != 0x3a) return false;
          hh = two(vp + 1);
          mm = two(vp + 4);
          vp += 6;
        } else if (std == STD_ISO_SHORT_TZ || std == STD_NUM_SHORT_TZ) {
          if (rem < 3) return false;
          hh = two(vp + 1);
          vp += 3;
        } else if (std == STD_ISO_COLON_SECONDS_TZ || std == STD_NUM_COLON_SECONDS_TZ) {
          if (rem < 9 || load<u8>(vp + 3) != 0x3a || load<u8>(vp + 6) != 0x3a) return false;
          hh = two(vp + 1);
          mm = two(vp + 4);
          ss = two(vp + 7);
          vp += 9;
        } else if (std == STD_ISO_SECONDS_TZ || std == STD_NUM_SECONDS_TZ) {
          if (rem < 7) return false;
          hh = two(vp + 1);
          mm = two(vp + 3);
          ss = two(vp + 5);
          vp += 7;
        } else {
          if (rem < 5) return false;
          hh = two(vp + 1);
          mm = two(vp + 3);
          vp += 5;
        }
        if (hh < 0 || mm < 0 || ss < 0 || hh > 24 || mm > 60 || ss > 60) return false;
        offset = (hh * 60 + mm) * 60 + ss;
        if (sign == 0x2d) offset = -offset;
        else if (sign != 0x2b) return false;
        break;
      }
      case STD_TZ: {
        if (has(vp, ve - vp, 0, "UTC")) {
          vp += 3;
          break;
        }
        const k = tzLen();
        if (k == 0) return false;
        vp += k; // a named zone: the instant is read as UTC (Go with a UTC local zone)
        break;
      }
      case STD_FRAC0: {
        const nd = <usize>(1 + fracN);
        if (ve - vp < nd) return false;
        nsec = parseNanos(nd);
        if (nsec < 0) return false;
        vp += nd;
        break;
      }
      case STD_FRAC9: {
        if (ve - vp < 2 || (load<u8>(vp) != 0x2e && load<u8>(vp) != 0x2c) || !vDigit(1)) break;
        let i: usize = 0;
        while (vDigit(i + 1)) i++;
        nsec = parseNanos(1 + i);
        if (nsec < 0) return false;
        vp += 1 + i;
        break;
      }
    }
  }
  if (pmSet && hour < 12) hour += 12;
  else if (amSet && hour == 12) hour = 0;
  if (yday >= 0) {
    let d: i64 = 0;
    let m: i64 = 0;
    if (isLeap(year)) {
      if (yday == 31 + 29) {
        m = 2;
        d = 29;
      } else if (yday > 31 + 29) yday--;
    }
    if (yday < 1 || yday > 365) return false;
    if (m == 0) {
      // month from the non-leap day-of-year
      let before: i64 = 0;
      m = 1;
      while (m < 12 && before + daysIn(m, 2001) < yday) {
        before += daysIn(m, 2001);
        m++;
      }
      d = yday - before;
    }
    if (month >= 0 && month != m) return false;
    month = m;
    if (day >= 0 && day != d) return false;
    day = d;
  } else {
    if (month < 0) month = 1;
    if (day < 0) day = 1;
  }
  if (day < 1 || day > daysIn(month, year)) return false;
  const secs = daysFromCivil(year, month, day) * 86400 + hour * 3600 + min * 60 + sec - offset;
  parsedNs = toNanos(secs, nsec);
  return rangeOk;
}

const RFC3339 = "2006-01-02T15:04:05Z07:00";

/** A layout string into a fresh ASCII block. */
let litP: usize = 0;
let litN: usize = 0;
function lit(s: string): void {
  const v = litString(s);
  litP = strPtr(v);
  litN = strLen(v);
}

/** OPA's named layouts (ANSIC, RFC3339, ...) or the layout text itself. */
function resolveLayout(v: usize): void {
  const p = strPtr(v), n = strLen(v);
  if (eqLit(p, n, "ANSIC")) lit("Mon Jan _2 15:04:05 2006");
  else if (eqLit(p, n, "UnixDate")) lit("Mon Jan _2 15:04:05 MST 2006");
  else if (eqLit(p, n, "RubyDate")) lit("Mon Jan 02 15:04:05 -0700 2006");
  else if (eqLit(p, n, "RFC822")) lit("02 Jan 06 15:04 MST");
  else if (eqLit(p, n, "RFC822Z")) lit("02 Jan 06 15:04 -0700");
  else if (eqLit(p, n, "RFC850")) lit("Monday, 02-Jan-06 15:04:05 MST");
  else if (eqLit(p, n, "RFC1123")) lit("Mon, 02 Jan 2006 15:04:05 MST");
  else if (eqLit(p, n, "RFC1123Z")) lit("Mon, 02 Jan 2006 15:04:05 -0700");
  else if (eqLit(p, n, "RFC3339")) lit(RFC3339);
  else if (eqLit(p, n, "RFC3339Nano")) lit("2006-01-02T15:04:05.999999999Z07:00");
  else {
    litP = p;
    litN = n;
  }
}

export function b_time__parse_rfc3339_ns(s: usize): usize {
  if (!isType(s, T_STRING)) return 0;
  lit(RFC3339);
  if (!goParse(litP, litN, strPtr(s), strLen(s))) return 0;
  return newInt(parsedNs);
}

export function b_time__parse_ns(layout: usize, s: usize): usize {
  if (!isType(layout, T_STRING) || !isType(s, T_STRING)) return 0;
  resolveLayout(layout);
  if (!goParse(litP, litN, strPtr(s), strLen(s))) return 0;
  return newInt(parsedNs);
}

// ---- formatting (Time.Format in UTC) ----

/** Go's numeric/ISO zone offsets of the current zone. */
function writeOffset(out: usize, std: i32): void {
  if (std <= STD_ISO_COLON_SECONDS_TZ && tzOff == 0) {
    tbByte(out, 0x5a);
    return;
  }
  const abs = tzOff < 0 ? -tzOff : tzOff;
  tbByte(out, tzOff < 0 ? 0x2d : 0x2b);
  tbUint(out, <u64>(abs / 3600), 2);
  const colon = std == STD_ISO_COLON_TZ || std == STD_NUM_COLON_TZ || std == STD_ISO_COLON_SECONDS_TZ || std == STD_NUM_COLON_SECONDS_TZ;
  if (std != STD_ISO_SHORT_TZ && std != STD_NUM_SHORT_TZ) {
    if (colon) tbByte(out, 0x3a);
    tbUint(out, <u64>((abs / 60) % 60), 2);
  }
  if (std == STD_ISO_SECONDS_TZ || std == STD_NUM_SECONDS_TZ || std == STD_ISO_COLON_SECONDS_TZ || std == STD_NUM_COLON_SECONDS_TZ) {
    if (colon) tbByte(out, 0x3a);
    tbUint(out, <u64>(abs % 60), 2);
  }
}

function goFormat(out: usize, lp: usize, ln: usize, ns: i64): void {
  breakDown(ns);
  let l = lp;
  const lend = lp + ln;
  while (l < lend) {
    nextChunk(l, lend - l);
    tbBytes(out, l, chPrefix);
    if (chStd == 0) break;
    const std = chStd;
    const fracN = chFracN, fracSep = chFracSep;
    l = l + chPrefix + chStdLen;
    switch (std) {
      case STD_YEAR: tbUint(out, <u64>(((tY % 100) + 100) % 100), 2); break;
      case STD_LONG_YEAR:
        if (tY < 0) {
          tbByte(out, 0x2d);
          tbUint(out, <u64>-tY, 4);
        } else tbUint(out, <u64>tY, 4);
        break;
      case STD_MONTH: monthName(out, tMo, false); break;
      case STD_LONG_MONTH: monthName(out, tMo, true); break;
      case STD_NUM_MONTH: tbUint(out, <u64>tMo, 0); break;
      case STD_ZERO_MONTH: tbUint(out, <u64>tMo, 2); break;
      case STD_WEEKDAY: dayName(out, weekdayOf(tDays), false); break;
      case STD_LONG_WEEKDAY: dayName(out, weekdayOf(tDays), true); break;
      case STD_DAY: tbUint(out, <u64>tD, 0); break;
      case STD_UNDER_DAY:
        if (tD < 10) tbByte(out, 0x20);
        tbUint(out, <u64>tD, 0);
        break;
      case STD_ZERO_DAY: tbUint(out, <u64>tD, 2); break;
      case STD_UNDER_YEARDAY:
      case STD_ZERO_YEARDAY: {
        const yd = tDays - daysFromCivil(tY, 1, 1) + 1;
        if (std == STD_UNDER_YEARDAY) {
          if (yd < 100) tbByte(out, 0x20);
          if (yd < 10) tbByte(out, 0x20);
          tbUint(out, <u64>yd, 0);
        } else tbUint(out, <u64>yd, 3);
        break;
      }
      case STD_HOUR: tbUint(out, <u64>tH, 2); break;
      case STD_HOUR12:
      case STD_ZERO_HOUR12: {
        let h = tH % 12;
        if (h == 0) h = 12;
        tbUint(out, <u64>h, std == STD_ZERO_HOUR12 ? 2 : 0);
        break;
      }
      case STD_MINUTE: tbUint(out, <u64>tMi, 0); break;
      case STD_ZERO_MINUTE: tbUint(out, <u64>tMi, 2); break;
      case STD_SECOND: tbUint(out, <u64>tS, 0); break;
      case STD_ZERO_SECOND: tbUint(out, <u64>tS, 2); break;
      case STD_PM: tbLit(out, tH >= 12 ? "PM" : "AM"); break;
      case STD_pm: tbLit(out, tH >= 12 ? "pm" : "am"); break;
      case STD_TZ:
        tbLit(out, tzAbbr);
        break;
      default:
        if (std >= STD_ISO_TZ && std <= STD_NUM_COLON_SECONDS_TZ) writeOffset(out, std);
    }
    switch (std) {
      case STD_FRAC0:
      case STD_FRAC9: {
        const tmp = tbNew(10);
        tbUint(tmp, <u64>tNs, 9);
        let k: i32 = fracN > 9 ? 9 : fracN;
        if (std == STD_FRAC9) {
          while (k > 0 && load<u8>(<usize>load<u32>(tmp) + <usize>(k - 1)) == 0x30) k--;
          if (k == 0) break;
        }
        tbByte(out, fracSep);
        tbBytes(out, <usize>load<u32>(tmp), <usize>k);
        break;
      }
    }
  }
}

export function b_time__format(v: usize): usize {
  const ns = timeArg(v);
  if (!timeOk) return 0;
  if (layoutArg != 0 && strLen(layoutArg) > 0) resolveLayout(layoutArg);
  else lit("2006-01-02T15:04:05.999999999Z07:00");
  const out = tbNew(40);
  goFormat(out, litP, litN, ns);
  return tbString(out);
}

// ---- durations (time.ParseDuration) ----

function unitNs(p: usize, n: usize): u64 {
  if (eqLit(p, n, "ns")) return 1;
  if (eqLit(p, n, "us")) return 1000;
  if (n == 3 && load<u8>(p + 2) == 0x73) {
    // µs (U+00B5) and μs (U+03BC)
    const a = load<u8>(p), b = load<u8>(p + 1);
    if ((a == 0xc2 && b == 0xb5) || (a == 0xce && b == 0xbc)) return 1000;
  }
  if (eqLit(p, n, "ms")) return 1000000;
  if (eqLit(p, n, "s")) return 1000000000;
  if (eqLit(p, n, "m")) return 60000000000;
  if (eqLit(p, n, "h")) return 3600000000000;
  return 0;
}

export function b_time__parse_duration_ns(s: usize): usize {
  if (!isType(s, T_STRING)) return 0;
  let p = strPtr(s);
  const end = p + strLen(s);
  let neg = false;
  if (p < end && (load<u8>(p) == 0x2d || load<u8>(p) == 0x2b)) {
    neg = load<u8>(p) == 0x2d;
    p++;
  }
  if (end - p == 1 && load<u8>(p) == 0x30) return newInt(0);
  if (p == end) return 0;
  const LIMIT: u64 = <u64>1 << 63;
  let d: u64 = 0;
  while (p < end) {
    const c0 = load<u8>(p);
    if (!(c0 == 0x2e || (c0 >= 0x30 && c0 <= 0x39))) return 0;
    let v: u64 = 0;
    const s0 = p;
    while (p < end && load<u8>(p) >= 0x30 && load<u8>(p) <= 0x39) {
      if (v > LIMIT / 10) return 0;
      v = v * 10 + <u64>(load<u8>(p) - 0x30);
      if (v > LIMIT) return 0;
      p++;
    }
    const pre = p != s0;
    let f: u64 = 0;
    let scale: f64 = 1;
    let post = false;
    if (p < end && load<u8>(p) == 0x2e) {
      p++;
      const s1 = p;
      let overflow = false;
      while (p < end && load<u8>(p) >= 0x30 && load<u8>(p) <= 0x39) {
        if (!overflow) {
          if (f > (LIMIT - 1) / 10) overflow = true;
          else {
            const y = f * 10 + <u64>(load<u8>(p) - 0x30);
            if (y > LIMIT) overflow = true;
            else {
              f = y;
              scale *= 10;
            }
          }
        }
        p++;
      }
      post = p != s1;
    }
    if (!pre && !post) return 0;
    const u0 = p;
    while (p < end && !(load<u8>(p) == 0x2e || (load<u8>(p) >= 0x30 && load<u8>(p) <= 0x39))) p++;
    if (p == u0) return 0;
    const unit = unitNs(u0, p - u0);
    if (unit == 0) return 0;
    if (v > LIMIT / unit) return 0;
    v *= unit;
    if (f > 0) {
      v += <u64>(<f64>f * (<f64>unit / scale));
      if (v > LIMIT) return 0;
    }
    d += v;
    if (d > LIMIT) return 0;
  }
  if (neg) return newInt(<i64>(0 - d));
  if (d > LIMIT - 1) return 0;
  return newInt(<i64>d);
}

