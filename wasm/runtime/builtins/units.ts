// units.parse_bytes (OPA: quotes removed, lower-cased, no spaces; number then unit: k/kb,
// ki/kib, m/mb, mi/mib, ... e/eb, ei/eib; the product truncated to an integer).
// Input: a string. Output: an integer number, or 0 (undefined) when invalid.

import { opa_malloc } from "../malloc";
import { T_STRING, strPtr, strLen } from "../value";
import { newInt, makeNumber, numRound, numMul } from "../number";
import { natFromDigits } from "../bignat";
import { isType } from "../builtin-support";

function mulFor(p: usize, n: usize): i64 {
  if (n == 0) return 1;
  const c = load<u8>(p);
  let k: i32 = -1;
  if (c == 0x6b) k = 1;
  else if (c == 0x6d) k = 2;
  else if (c == 0x67) k = 3;
  else if (c == 0x74) k = 4;
  else if (c == 0x70) k = 5;
  else if (c == 0x65) k = 6;
  if (k < 0) return 0;
  let bin = false;
  if (n == 1) bin = false;
  else if (n == 2 && load<u8>(p + 1) == 0x62) bin = false;
  else if (n == 2 && load<u8>(p + 1) == 0x69) bin = true;
  else if (n == 3 && load<u8>(p + 1) == 0x69 && load<u8>(p + 2) == 0x62) bin = true;
  else return 0;
  let m: i64 = 1;
  for (let i = 0; i < k; i++) m *= bin ? 1024 : 1000;
  return m;
}

export function b_units__parse_bytes(s: usize): usize {
  if (!isType(s, T_STRING)) return 0;
  const p = strPtr(s), n = strLen(s);
  // remove quotes, lower-case
  const buf = opa_malloc(n + 1);
  let m: usize = 0;
  for (let i: usize = 0; i < n; i++) {
    let c = load<u8>(p + i);
    if (c == 0x22) continue;
    if (c == 0x20) return 0;
    if (c >= 0x41 && c <= 0x5a) c += 32;
    store<u8>(buf + m++, c);
  }
  let k: usize = 0;
  while (k < m && ((load<u8>(buf + k) >= 0x30 && load<u8>(buf + k) <= 0x39) || load<u8>(buf + k) == 0x2e)) k++;
  if (k == 0) return 0;
  const mult = mulFor(buf + k, m - k);
  if (mult == 0) return 0;
  // number: digits with at most one '.', at least one digit
  let dot: isize = -1;
  for (let i: usize = 0; i < k; i++) {
    if (load<u8>(buf + i) == 0x2e) {
      if (dot >= 0) return 0;
      dot = <isize>i;
    }
  }
  if (k == 1 && dot == 0) return 0;
  const nat = natFromDigits(buf, k);
  const frac: i32 = dot < 0 ? 0 : <i32>(k - 1 - <usize>dot);
  const x = makeNumber(0, nat, -frac);
  return numRound(numMul(x, newInt(mult)), 2);
}
