// Network builtins with Go's net/netip semantics: net.cidr_contains (CIDR or IP operand),
// net.cidr_overlap (its old name), net.cidr_intersects, net.cidr_is_valid. IPv4 (no leading
// zeros) and IPv6 (::, embedded IPv4, no zones); IPv4-mapped IPv6 addresses match IPv4 networks
// as in Go's IPNet.Contains. Input: strings. Output: booleans, or 0 (undefined) when invalid.

import { T_STRING, strPtr, strLen, boolValue } from "../value";
import { isType } from "../builtin-support";

// A parsed address: 16 bytes at ADDR (IPv4 as ::ffff:a.b.c.d), ADDR_V4 = parsed as IPv4 text.
const ADDR: usize = memory.data(16, 8);
let addrV4 = false;

// Networks: {u32 ipLen @0, u8 ip[16] @4, u32 maskLen @20, u8 mask[16] @24, u32 ones @40}.
const NET_A: usize = memory.data(48, 8);
const NET_B: usize = memory.data(48, 8);
// Scratch IP: {u32 len @0, u8 ip[16] @4}.
const IP_X: usize = memory.data(20, 8);

function parseV4(p: usize, n: usize, out: usize): bool {
  let val: u32 = 0;
  let digits: u32 = 0;
  let pos: usize = 0;
  for (let i: usize = 0; i < n; i++) {
    const c = <u32>load<u8>(p + i);
    if (c >= 0x30 && c <= 0x39) {
      if (digits == 1 && val == 0) return false;
      val = val * 10 + (c - 0x30);
      digits++;
      if (val > 255) return false;
    } else if (c == 0x2e) {
      if (i == 0 || i == n - 1 || load<u8>(p + i - 1) == 0x2e) return false;
      if (pos == 3) return false;
      store<u8>(out + pos, <u8>val);
      pos++;
      val = 0;
      digits = 0;
    } else return false;
  }
  if (pos < 3 || digits == 0) return false;
  store<u8>(out + 3, <u8>val);
  return true;
}

function hexVal(c: u32): i32 {
  if (c >= 0x30 && c <= 0x39) return <i32>(c - 0x30);
  if (c >= 0x61 && c <= 0x66) return <i32>(c - 0x57);
  if (c >= 0x41 && c <= 0x46) return <i32>(c - 0x37);
  return -1;
}

function parseV6(p: usize, n: usize): bool {
  const ip = ADDR;
  memory.fill(ip, 0, 16);
  // zones are not accepted here (net.ParseIP / ParseCIDR reject them)
  for (let k: usize = 0; k < n; k++) if (load<u8>(p + k) == 0x25) return false;
  let s = p;
  const end = p + n;
  let ellipsis: i32 = -1;
  if (n >= 2 && load<u8>(s) == 0x3a && load<u8>(s + 1) == 0x3a) {
    ellipsis = 0;
    s += 2;
    if (s == end) return true;
  }
  let i: i32 = 0;
  while (i < 16) {
    let off: usize = 0;
    let acc: u32 = 0;
    while (s + off < end) {
      const h = hexVal(<u32>load<u8>(s + off));
      if (h < 0) break;
      acc = (acc << 4) + <u32>h;
      if (off > 3) return false;
      off++;
    }
    if (off == 0) return false;
    if (s + off < end && load<u8>(s + off) == 0x2e) {
      if (ellipsis < 0 && i != 12) return false;
      if (i + 4 > 16) return false;
      if (!parseV4(s, end - s, ip + <usize>i)) return false;
      s = end;
      i += 4;
      break;
    }
    store<u8>(ip + <usize>i, <u8>(acc >> 8));
    store<u8>(ip + <usize>i + 1, <u8>acc);
    i += 2;
    s += off;
    if (s == end) break;
    if (load<u8>(s) != 0x3a || s + 1 == end) return false;
    s++;
    if (load<u8>(s) == 0x3a) {
      if (ellipsis >= 0) return false;
      ellipsis = i;
      s++;
      if (s == end) break;
    }
  }
  if (s != end) return false;
  if (i < 16) {
    if (ellipsis < 0) return false;
    const k = 16 - i;
    for (let j = i - 1; j >= ellipsis; j--) store<u8>(ip + <usize>(j + k), load<u8>(ip + <usize>j));
    memory.fill(ip + <usize>ellipsis, 0, <usize>k);
  } else if (ellipsis >= 0) return false;
  return true;
}

/** netip.ParseAddr without zones: fills ADDR and addrV4. */
function parseAddr(p: usize, n: usize): bool {
  for (let i: usize = 0; i < n; i++) {
    const c = load<u8>(p + i);
    if (c == 0x3a) {
      addrV4 = false;
      return parseV6(p, n);
    }
    if (c == 0x2e) break;
  }
  addrV4 = true;
  memory.fill(ADDR, 0, 10);
  store<u8>(ADDR + 10, 0xff);
  store<u8>(ADDR + 11, 0xff);
  return parseV4(p, n, ADDR + 12);
}

/** net.ParseIP into IP_X (16 bytes). */
function parseIP(v: usize): bool {
  if (!parseAddr(strPtr(v), strLen(v))) return false;
  store<u32>(IP_X, 16);
  memory.copy(IP_X + 4, ADDR, 16);
  return true;
}

/** net.ParseCIDR into a network struct (IP masked). */
function parseCIDR(v: usize, net: usize): bool {
  if (!isType(v, T_STRING)) return false;
  const p = strPtr(v), n = strLen(v);
  let slash: isize = -1;
  for (let i: usize = 0; i < n; i++) {
    if (load<u8>(p + i) == 0x2f) {
      slash = <isize>i;
      break;
    }
  }
  if (slash < 0) return false;
  if (!parseAddr(p, <usize>slash)) return false;
  const bits: u32 = addrV4 ? 32 : 128;
  let ones: u32 = 0;
  const ms = p + <usize>slash + 1;
  const me = p + n;
  if (ms == me) return false;
  for (let q = ms; q < me; q++) {
    const c = <u32>load<u8>(q);
    if (c < 0x30 || c > 0x39) return false;
    ones = ones * 10 + (c - 0x30);
    if (ones > 0xffffff) return false;
  }
  if (ones > bits) return false;
  const len: u32 = bits / 8;
  store<u32>(net, len);
  store<u32>(net + 20, len);
  store<u32>(net + 40, ones);
  const src = addrV4 ? ADDR + 12 : ADDR;
  for (let i: u32 = 0; i < len; i++) {
    let m: u32 = 0;
    const lo = i * 8;
    if (ones >= lo + 8) m = 0xff;
    else if (ones > lo) m = (0xff00 >> (ones - lo)) & 0xff;
    store<u8>(net + 24 + <usize>i, <u8>m);
    store<u8>(net + 4 + <usize>i, load<u8>(src + <usize>i) & <u8>m);
  }
  return true;
}

/** Offset of the IPv4 part if the ip (len, bytes) is IPv4 or IPv4-mapped, else -1 (Go's To4). */
function to4(len: u32, ip: usize): i32 {
  if (len == 4) return 0;
  for (let i: usize = 0; i < 10; i++) if (load<u8>(ip + i) != 0) return -1;
  return load<u8>(ip + 10) == 0xff && load<u8>(ip + 11) == 0xff ? 12 : -1;
}

/** Go's IPNet.Contains(ip) for an ip of `len` bytes at `ip`. */
function contains(net: usize, len: u32, ip: usize): bool {
  let nnLen = load<u32>(net);
  let nn = net + 4;
  const o = to4(nnLen, nn);
  if (o >= 0) {
    nn += <usize>o;
    nnLen = 4;
  }
  let m = net + 24;
  const mLen = load<u32>(net + 20);
  if (mLen == 4 && nnLen != 4) return false;
  if (mLen == 16 && nnLen == 4) m += 12;
  const io = to4(len, ip);
  if (io >= 0) {
    ip += <usize>io;
    len = 4;
  }
  if (len != nnLen) return false;
  for (let i: usize = 0; i < <usize>len; i++) {
    const mb = load<u8>(m + i);
    if ((load<u8>(nn + i) & mb) != (load<u8>(ip + i) & mb)) return false;
  }
  return true;
}

export function b_net__cidr_contains(a: usize, b: usize): usize {
  if (!parseCIDR(a, NET_A) || !isType(b, T_STRING)) return 0;
  if (parseIP(b)) return boolValue(contains(NET_A, 16, IP_X + 4));
  if (!parseCIDR(b, NET_B)) return 0;
  const len = load<u32>(NET_B);
  if (!contains(NET_A, len, NET_B + 4)) return boolValue(false);
  // last address of B: its IP with the host bits set
  store<u32>(IP_X, len);
  for (let i: usize = 0; i < <usize>len; i++) {
    store<u8>(IP_X + 4 + i, load<u8>(NET_B + 4 + i) | ~load<u8>(NET_B + 24 + i));
  }
  return boolValue(contains(NET_A, len, IP_X + 4));
}

export function b_net__cidr_overlap(a: usize, b: usize): usize {
  return b_net__cidr_contains(a, b);
}

export function b_net__cidr_intersects(a: usize, b: usize): usize {
  if (!parseCIDR(a, NET_A) || !parseCIDR(b, NET_B)) return 0;
  const r = contains(NET_A, load<u32>(NET_B), NET_B + 4) || contains(NET_B, load<u32>(NET_A), NET_A + 4);
  return boolValue(r);
}

export function b_net__cidr_is_valid(v: usize): usize {
  return boolValue(parseCIDR(v, NET_A));
}
