/*
 * net.cidr_contains(cidr, cidr_or_ip) for the SDK host, with OPA's (Go net) semantics: the first
 * argument must be a CIDR; the second an IP or a CIDR; IPv4 and IPv6 never contain each other.
 * Input: JSON values. Output: a boolean, or undefined (OPA's builtin error: the call is
 * undefined) for anything that does not parse.
 */

/** Addr is an address as a 32- or 128-bit unsigned integer. */
interface Addr {
  readonly bits: 32 | 128;
  readonly value: bigint;
}

function parseV4(s: string): Addr | undefined {
  const parts = s.split(".");
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p) || (p.length > 1 && p.startsWith("0"))) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    v = (v << 8n) | BigInt(n);
  }
  return { bits: 32, value: v };
}

function parseV6(s: string): Addr | undefined {
  let text = s;
  if (text.includes(".")) {
    // An embedded IPv4 tail (`::ffff:1.2.3.4`) becomes two hex groups.
    const lastColon = text.lastIndexOf(":");
    const v4 = parseV4(text.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    text = `${text.slice(0, lastColon + 1)}${(v4.value >> 16n).toString(16)}:${(v4.value & 0xffffn).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const group = (h: string): bigint[] | undefined => {
    if (h === "") return [];
    const out: bigint[] = [];
    for (const g of h.split(":")) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(BigInt(`0x${g}`));
    }
    return out;
  };
  const head = group(halves[0] ?? "");
  const rest = halves.length === 2 ? group(halves[1] ?? "") : [];
  if (head === undefined || rest === undefined) return undefined;
  const given = head.length + rest.length;
  if (halves.length === 2 ? given > 7 : given !== 8) return undefined;
  const groups = [...head, ...new Array<bigint>(8 - given).fill(0n), ...rest];
  let v = 0n;
  for (const g of groups) v = (v << 16n) | g;
  return { bits: 128, value: v };
}

function parseIp(s: string): Addr | undefined {
  return s.includes(":") ? parseV6(s) : parseV4(s);
}

/** Net is a parsed CIDR: its masked network address and prefix length. */
interface Net {
  readonly addr: Addr;
  readonly prefix: number;
}

function parseCidr(s: string): Net | undefined {
  const slash = s.indexOf("/");
  if (slash < 0) return undefined;
  const addr = parseIp(s.slice(0, slash));
  const p = s.slice(slash + 1);
  if (addr === undefined || !/^[0-9]{1,3}$/.test(p)) return undefined;
  const prefix = Number(p);
  if (prefix > addr.bits) return undefined;
  return { addr: { bits: addr.bits, value: addr.value & mask(addr.bits, prefix) }, prefix };
}

function mask(bits: number, prefix: number): bigint {
  const all = (1n << BigInt(bits)) - 1n;
  return all ^ ((1n << BigInt(bits - prefix)) - 1n);
}

function netContains(n: Net, a: Addr): boolean {
  return n.addr.bits === a.bits && (a.value & mask(a.bits, n.prefix)) === n.addr.value;
}

/** cidrContains is the host implementation of net.cidr_contains. */
export function cidrContains(cidr: unknown, x: unknown): boolean | undefined {
  if (typeof cidr !== "string" || typeof x !== "string") return undefined;
  const n = parseCidr(cidr);
  if (n === undefined) return undefined;
  if (x.includes("/")) {
    const m = parseCidr(x);
    if (m === undefined) return undefined;
    return m.prefix >= n.prefix && netContains(n, m.addr);
  }
  const a = parseIp(x);
  return a === undefined ? undefined : netContains(n, a);
}
