// Builtins: to_number and format_int. Input: null/boolean/number/numeric string; a number
// and a base (2, 8, 10, 16). Output: a number / string value, or 0 (undefined) when invalid.

import { T_NULL, T_BOOLEAN, T_NUMBER, T_STRING, strPtr, strLen, newString } from "../value";
import { opa_malloc } from "../malloc";
import { newInt, parseNumber, numRound, isIntRepr, intOf, unpack, uSign, uNat, uExp, numSign } from "../number";
import { natMulPow10, natDivPow10, natIsZero, natDivSmall, natRemSmall } from "../bignat";
import { isNum } from "../builtin-support";
import { toI64, numOk } from "../number";

export function b_to_number(v: usize): usize {
  if (v == 0) return 0;
  switch (load<u8>(v)) {
    case T_NULL:
      return newInt(0);
    case T_BOOLEAN:
      return newInt(load<u8>(v, 1) ? 1 : 0);
    case T_NUMBER:
      return v;
    case T_STRING: {
      // JSON number grammar; a leading '+' is tolerated like Go's ParseFloat.
      let p = strPtr(v);
      let n = strLen(v);
      if (n > 0 && load<u8>(p) == 0x2b) {
        p++;
        n--;
      }
      return parseNumber(p, n);
    }
  }
  return 0;
}

export function b_format_int(x: usize, base: usize): usize {
  if (!isNum(x) || !isNum(base)) return 0;
  const b = toI64(base);
  if (!numOk || (b != 2 && b != 8 && b != 10 && b != 16)) return 0;
  // Truncate toward zero.
  let t = x;
  if (numSign(x) < 0) t = numRound(x, 1);
  else t = numRound(x, 2);
  let nat: usize;
  let neg = false;
  if (isIntRepr(t)) {
    const i = intOf(t);
    neg = i < 0;
    unpack(t);
    nat = uNat;
  } else {
    unpack(t);
    neg = uSign != 0;
    nat = uExp >= 0 ? natMulPow10(uNat, <usize>uExp) : natDivPow10(uNat, <usize>(-uExp));
  }
  // Digits, least significant first.
  const cap: usize = 8 + (<usize>load<u32>(nat) + 1) * 32;
  const buf = opa_malloc(cap);
  let k = cap;
  do {
    nat = natDivSmall(nat, <u32>b);
    const d = natRemSmall;
    k--;
    store<u8>(buf + k, <u8>(d < 10 ? 0x30 + d : 0x57 + d));
  } while (!natIsZero(nat));
  if (neg) {
    k--;
    store<u8>(buf + k, 0x2d);
  }
  return newString(buf + k, cap - k);
}

