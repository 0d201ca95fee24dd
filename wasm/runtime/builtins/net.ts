// Network builtins with Go's net/netip semantics: net.cidr_contains (CIDR or IP operand),
// net.cidr_overlap (its old name), net.cidr_intersects, net.cidr_is_valid. IPv4 (no leading
// zeros) and IPv6 (::, embedded IPv4, no zones); IPv4-mapped IPv6 addresses match IPv4 networks
// as in Go's IPNet.Contains. Input: strings. Output: booleans, or 0 (undefined) when invalid.

import { T_STRING, strPtr, strLen, boolValue } from "../value";
import { isType } from "../builtin-support";
import { ADDR, addrIsV4, parseAddr, parseCidr } from "../ip-addr";

// Networks: {u32 ipLen @0, u8 ip[16] @4, u32 maskLen @20, u8 mask[16] @24, u32 ones @40}.
const NET_A: usize = memory.data(48, 8);
const NET_B: usize = memory.data(48, 8);
// Scratch IP: {u32 len @0, u8 ip[16] @4}.
const IP_X: usize = memory.data(20, 8);

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
  const prefix = parseCidr(strPtr(v), strLen(v));
  if (prefix < 0) return false;
  const ones = <u32>prefix;
  const len: u32 = addrIsV4() ? 4 : 16;
  store<u32>(net, len);
  store<u32>(net + 20, len);
  store<u32>(net + 40, ones);
  const src = addrIsV4() ? ADDR + 12 : ADDR;
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
