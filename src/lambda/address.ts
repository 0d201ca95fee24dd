/*
 * Terraform resource addresses: split `module.a["x"].module.b.aws_lambda_function.f[0]` into
 * module calls and resource, and strip instance keys to get the configuration address.
 * Input: an absolute instance address. Output: its parts.
 */

/** ModuleStep is one module call in an address, with its instance key text if any (`["x"]`, `[0]`). */
export interface ModuleStep {
  readonly name: string;
  readonly key?: string;
}

/** ParsedAddress is an instance address split into module path and resource. */
export interface ParsedAddress {
  readonly modules: readonly ModuleStep[];
  /** resource is `type.name` or `data.type.name`, without instance key. */
  readonly resource: string;
  readonly key?: string;
}

/** splitSegments splits an address on dots outside brackets and quotes, keeping `[...]` with their segment. */
function splitSegments(addr: string): string[] {
  const out: string[] = [];
  let start = 0;
  let depth = 0;
  let inStr = false;
  for (let i = 0; i < addr.length; i++) {
    const c = addr.charCodeAt(i);
    if (inStr) {
      if (c === 0x5c) i++; // backslash: the next character is part of the string
      else if (c === 0x22) inStr = false;
      continue;
    }
    if (c === 0x22) inStr = true;
    else if (c === 0x5b) depth++;
    else if (c === 0x5d) depth--;
    else if (c === 0x2e && depth === 0) { out.push(addr.slice(start, i)); start = i + 1; }
  }
  out.push(addr.slice(start));
  return out;
}

function splitKey(seg: string): { name: string; key?: string } {
  const b = seg.indexOf("[");
  return b < 0 ? { name: seg } : { name: seg.slice(0, b), key: seg.slice(b) };
}

/** parseAddress parses an absolute resource instance address. */
export function parseAddress(addr: string): ParsedAddress {
  const segs = splitSegments(addr);
  const modules: ModuleStep[] = [];
  let i = 0;
  while (i + 1 < segs.length && segs[i] === "module") {
    modules.push(splitKey(segs[i + 1] ?? ""));
    i += 2;
  }
  const rest = segs.slice(i);
  const last = splitKey(rest[rest.length - 1] ?? "");
  rest[rest.length - 1] = last.name;
  return { modules, resource: rest.join("."), ...(last.key !== undefined ? { key: last.key } : {}) };
}

/** moduleAddressOf renders module steps as `module.a["x"].module.b` ("" for root). */
export function moduleAddressOf(steps: readonly ModuleStep[], withKeys = true): string {
  return steps.map((s) => `module.${s.name}${withKeys ? (s.key ?? "") : ""}`).join(".");
}

/** bounds holds [start, end) of each segment for configAddressOf (reused: no array per call). */
let bounds = new Int32Array(64);

/** segmentBounds fills `bounds` with the segments splitSegments finds and returns their count. */
function segmentBounds(addr: string): number {
  let n = 0;
  let start = 0;
  let depth = 0;
  let inStr = false;
  for (let i = 0; i <= addr.length; i++) {
    const c = i < addr.length ? addr.charCodeAt(i) : 0x2e;
    if (inStr && i < addr.length) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inStr = false;
      continue;
    }
    if (c === 0x22) inStr = true;
    else if (c === 0x5b) depth++;
    else if (c === 0x5d) depth--;
    else if (c === 0x2e && (depth === 0 || i === addr.length)) {
      if (2 * n + 2 > bounds.length) { const b = new Int32Array(bounds.length * 2); b.set(bounds); bounds = b; }
      bounds[2 * n] = start;
      bounds[2 * n + 1] = i;
      n++;
      start = i + 1;
    }
  }
  return n;
}

/** nameEnd is where segment k's name ends: its first `[`, or its end. */
function nameEnd(addr: string, k: number): number {
  const e = bounds[2 * k + 1] as number;
  const b = addr.indexOf("[", bounds[2 * k]);
  return b < 0 || b > e ? e : b;
}

/**
 * configAddressOf is the address without instance keys, e.g. `module.a.module.b.aws_lambda_function.f`
 * (what parseAddress + moduleAddressOf give, in one pass and mostly one slice: it runs on every
 * resource change of a plan).
 */
export function configAddressOf(addr: string): string {
  const n = segmentBounds(addr);
  let i = 0;
  let keyed = false;
  while (i + 1 < n && (bounds[2 * i + 1] as number) - (bounds[2 * i] as number) === 6 && addr.startsWith("module", bounds[2 * i])) {
    if (nameEnd(addr, i + 1) !== bounds[2 * i + 3]) keyed = true;
    i += 2;
  }
  if (i >= n) {
    // Only module calls (not an address): as parseAddress, an empty resource after them.
    let out = "";
    for (let k = 0; k < i; k += 2) out += `${k > 0 ? "." : ""}module.${addr.slice(bounds[2 * k + 2], nameEnd(addr, k + 1))}`;
    return `${out}.`;
  }
  const last = n - 1;
  if (!keyed) return addr.slice(0, nameEnd(addr, last));
  let out = "";
  for (let k = 0; k < i; k += 2) out += `module.${addr.slice(bounds[2 * k + 2], nameEnd(addr, k + 1))}.`;
  return out + addr.slice(bounds[2 * i], nameEnd(addr, last));
}
