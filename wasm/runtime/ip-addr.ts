// IP address parsing with Go's netip.ParseAddr rules, without zones (net.ParseIP and
// net.ParseCIDR reject them): IPv4 without leading zeros, IPv6 with `::` and embedded IPv4.
// Shared by the net builtins. Input: bytes. Output: the 16-byte address at ADDR (IPv4 as
// ::ffff:a.b.c.d), whether the text was IPv4 (addrIsV4), and for CIDR text the prefix length.

/** ADDR holds the last parsed address: 16 bytes. */
export const ADDR: usize = memory.data(16, 8);
let addrV4 = false;

/** addrIsV4 reports whether the last parsed address was written as IPv4 text. */
export function addrIsV4(): bool {
  return addrV4;
}

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
export function parseAddr(p: usize, n: usize): bool {
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

/** net.ParseCIDR's text "addr/ones" without zones: the address into ADDR (and addrIsV4), and the prefix length, or -1 when invalid. */
export function parseCidr(p: usize, n: usize): i32 {
  let slash: usize = 0;
  while (slash < n && load<u8>(p + slash) != 0x2f) slash++;
  if (slash == n || !parseAddr(p, slash)) return -1;
  const bits: i32 = addrIsV4() ? 32 : 128;
  let ones: i32 = 0;
  const ms = p + slash + 1, me = p + n;
  if (ms == me) return -1;
  for (let q = ms; q < me; q++) {
    const c = <i32>load<u8>(q);
    if (c < 0x30 || c > 0x39) return -1;
    ones = ones * 10 + (c - 0x30);
    if (ones > 0xffffff) return -1;
  }
  return ones > bits ? -1 : ones;
}
