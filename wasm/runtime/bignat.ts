// Arbitrary-size natural numbers for exact decimals: little-endian u32 limbs in base 10^9.
// Input/output: Nat pointers {u32 n @0, u32 cap @4, limbs @8}, allocated on the heap.
// Results are fresh Nats (inputs untouched) except the *InPlace helpers. n = 0 means zero.

import { opa_malloc } from "./malloc";

export const BASE: u32 = 1000000000;

export function natAlloc(cap: usize): usize {
  const p = opa_malloc(8 + (cap << 2));
  store<u32>(p, 0);
  store<u32>(p, <u32>cap, 4);
  return p;
}

// @ts-ignore: decorator
@inline export function natLen(a: usize): usize {
  return <usize>load<u32>(a);
}

// @ts-ignore: decorator
@inline export function limb(a: usize, i: usize): u32 {
  return load<u32>(a + 8 + (i << 2));
}

// @ts-ignore: decorator
@inline function setLimb(a: usize, i: usize, v: u32): void {
  store<u32>(a + 8 + (i << 2), v);
}

function trim(a: usize, n: usize): usize {
  while (n > 0 && limb(a, n - 1) == 0) n--;
  store<u32>(a, <u32>n);
  return a;
}

export function natIsZero(a: usize): bool {
  return natLen(a) == 0;
}

export function natFromU64(x: u64): usize {
  const a = natAlloc(3);
  let n: usize = 0;
  while (x != 0) {
    setLimb(a, n, <u32>(x % BASE));
    x /= BASE;
    n++;
  }
  store<u32>(a, <u32>n);
  return a;
}

/** Value if it fits in u64, else sets natOverflow. */
export let natOverflow: bool = false;
export function natToU64(a: usize): u64 {
  natOverflow = false;
  const n = natLen(a);
  if (n > 3) {
    natOverflow = true;
    return 0;
  }
  let r: u64 = 0;
  for (let i = <isize>n - 1; i >= 0; i--) {
    const l = <u64>limb(a, <usize>i);
    // r * BASE + l overflows when r > (2^64-1 - l) / BASE
    if (r > (0xffffffffffffffff - l) / <u64>BASE) {
      natOverflow = true;
      return 0;
    }
    r = r * <u64>BASE + l;
  }
  return r;
}

export function natCmp(a: usize, b: usize): i32 {
  const na = natLen(a);
  const nb = natLen(b);
  if (na != nb) return na < nb ? -1 : 1;
  for (let i = <isize>na - 1; i >= 0; i--) {
    const x = limb(a, <usize>i);
    const y = limb(b, <usize>i);
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

export function natAdd(a: usize, b: usize): usize {
  const na = natLen(a);
  const nb = natLen(b);
  const n = na > nb ? na : nb;
  const r = natAlloc(n + 1);
  let carry: u32 = 0;
  for (let i: usize = 0; i < n; i++) {
    let s = carry + (i < na ? limb(a, i) : 0) + (i < nb ? limb(b, i) : 0);
    carry = 0;
    if (s >= BASE) {
      s -= BASE;
      carry = 1;
    }
    setLimb(r, i, s);
  }
  setLimb(r, n, carry);
  return trim(r, n + 1);
}

/** a - b, requires a >= b. */
export function natSub(a: usize, b: usize): usize {
  const na = natLen(a);
  const r = natAlloc(na);
  for (let i: usize = 0; i < na; i++) setLimb(r, i, limb(a, i));
  store<u32>(r, <u32>na);
  natSubInPlace(r, b);
  return r;
}

/** r -= b in place, requires r >= b. */
export function natSubInPlace(r: usize, b: usize): void {
  const nr = natLen(r);
  const nb = natLen(b);
  let borrow: u32 = 0;
  for (let i: usize = 0; i < nr; i++) {
    const x = limb(r, i);
    const y = (i < nb ? limb(b, i) : 0) + borrow;
    if (x >= y) {
      setLimb(r, i, x - y);
      borrow = 0;
    } else {
      setLimb(r, i, x + BASE - y);
      borrow = 1;
    }
    if (i >= nb && borrow == 0) break;
  }
  trim(r, nr);
}

/** r = r * m + add in place; r must have one spare limb of capacity. */
export function natMulAddInPlace(r: usize, m: u32, add: u32): void {
  const n = natLen(r);
  let carry: u64 = <u64>add;
  for (let i: usize = 0; i < n; i++) {
    const t = <u64>limb(r, i) * <u64>m + carry;
    setLimb(r, i, <u32>(t % BASE));
    carry = t / BASE;
  }
  let k = n;
  while (carry != 0) {
    setLimb(r, k, <u32>(carry % BASE));
    carry /= BASE;
    k++;
  }
  trim(r, k);
}

export function natCopy(a: usize, extra: usize): usize {
  const n = natLen(a);
  const r = natAlloc(n + extra);
  memory.copy(r + 8, a + 8, n << 2);
  store<u32>(r, <u32>n);
  return r;
}

export function natMul(a: usize, b: usize): usize {
  const na = natLen(a);
  const nb = natLen(b);
  if (na == 0 || nb == 0) return natAlloc(0);
  const n = na + nb;
  const r = natAlloc(n);
  memory.fill(r + 8, 0, n << 2);
  for (let i: usize = 0; i < na; i++) {
    let carry: u64 = 0;
    const x = <u64>limb(a, i);
    if (x == 0) continue;
    for (let j: usize = 0; j < nb; j++) {
      const t = x * <u64>limb(b, j) + <u64>limb(r, i + j) + carry;
      setLimb(r, i + j, <u32>(t % BASE));
      carry = t / BASE;
    }
    let k = i + nb;
    while (carry != 0) {
      const t = <u64>limb(r, k) + carry;
      setLimb(r, k, <u32>(t % BASE));
      carry = t / BASE;
      k++;
    }
  }
  return trim(r, n);
}

const POW10: StaticArray<u32> = [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000];

export function pow10u32(k: i32): u32 {
  return unchecked(POW10[k]);
}

/** a * 10^k (k >= 0). */
export function natMulPow10(a: usize, k: usize): usize {
  const na = natLen(a);
  if (na == 0) return natAlloc(0);
  const shift = k / 9;
  const rest = <i32>(k % 9);
  const r = natAlloc(na + shift + 1);
  memory.fill(r + 8, 0, shift << 2);
  memory.copy(r + 8 + (shift << 2), a + 8, na << 2);
  store<u32>(r, <u32>(na + shift));
  if (rest != 0) natMulAddInPlace(r, pow10u32(rest), 0);
  return r;
}

/** Remainder of the last natDivSmall. */
export let natRemSmall: u32 = 0;

export function natDivSmall(a: usize, d: u32): usize {
  const n = natLen(a);
  const q = natAlloc(n);
  let rem: u64 = 0;
  for (let i = <isize>n - 1; i >= 0; i--) {
    const cur = rem * <u64>BASE + <u64>limb(a, <usize>i);
    setLimb(q, <usize>i, <u32>(cur / <u64>d));
    rem = cur % <u64>d;
  }
  natRemSmall = <u32>rem;
  return trim(q, n);
}

/** Number of decimal digits (0 for zero). */
export function natDigits(a: usize): usize {
  const n = natLen(a);
  if (n == 0) return 0;
  const top = limb(a, n - 1);
  let d: usize = 1;
  while (d < 9 && top >= pow10u32(<i32>d)) d++;
  return (n - 1) * 9 + d;
}

/** Decimal digit i (0 = most significant) of a, given D = natDigits(a). */
export function natDigitAt(a: usize, D: usize, i: usize): u32 {
  const fromRight = D - 1 - i;
  const l = limb(a, fromRight / 9);
  return (l / pow10u32(<i32>(fromRight % 9))) % 10;
}

/** Writes the decimal digits of a (at least "0") at p; returns the count. */
export function natWriteDigits(a: usize, p: usize): usize {
  const D = natDigits(a);
  if (D == 0) {
    store<u8>(p, 0x30);
    return 1;
  }
  for (let i: usize = 0; i < D; i++) store<u8>(p + i, <u8>(0x30 + natDigitAt(a, D, i)));
  return D;
}

/** Parses ASCII decimal digits at p (n bytes), skipping any '.' bytes. */
export function natFromDigits(p: usize, n: usize): usize {
  const r = natAlloc(n / 9 + 2);
  let chunk: u32 = 0;
  let k: i32 = 0;
  for (let i: usize = 0; i < n; i++) {
    const c = load<u8>(p + i);
    if (c < 0x30 || c > 0x39) continue;
    chunk = chunk * 10 + <u32>(c - 0x30);
    k++;
    if (k == 9) {
      natMulAddInPlace(r, BASE, chunk);
      chunk = 0;
      k = 0;
    }
  }
  if (k > 0) natMulAddInPlace(r, pow10u32(k), chunk);
  return r;
}

/** Remainder of the last natDivMod. */
export let natRemBig: usize = 0;

/** Quotient a / b (b != 0); the remainder goes to natRemBig. Schoolbook, one decimal digit per step. */
export function natDivMod(a: usize, b: usize): usize {
  if (natLen(b) == 1) {
    const q = natDivSmall(a, limb(b, 0));
    natRemBig = natFromU64(<u64>natRemSmall);
    return q;
  }
  if (natCmp(a, b) < 0) {
    natRemBig = natCopy(a, 0);
    return natAlloc(0);
  }
  const D = natDigits(a);
  const q = natAlloc(natLen(a) + 1);
  const r = natAlloc(natLen(b) + 2);
  for (let i: usize = 0; i < D; i++) {
    natMulAddInPlace(r, 10, natDigitAt(a, D, i));
    let cnt: u32 = 0;
    while (natCmp(r, b) >= 0) {
      natSubInPlace(r, b);
      cnt++;
    }
    natMulAddInPlace(q, 10, cnt);
  }
  natRemBig = r;
  return q;
}

/** Count of trailing decimal zeros (0 for zero). */
export function natTrailingZeros(a: usize): usize {
  const n = natLen(a);
  let z: usize = 0;
  for (let i: usize = 0; i < n; i++) {
    let l = limb(a, i);
    if (l == 0) {
      z += 9;
      continue;
    }
    while (l % 10 == 0) {
      l /= 10;
      z++;
    }
    return z;
  }
  return 0;
}

/** a / 10^k, exact when k <= natTrailingZeros(a). */
export function natDivPow10(a: usize, k: usize): usize {
  let r = a;
  while (k >= 9) {
    r = natDivSmall(r, BASE);
    k -= 9;
  }
  if (k > 0) r = natDivSmall(r, pow10u32(<i32>k));
  return r;
}

export function natFromU32(x: u32): usize {
  return natFromU64(<u64>x);
}
