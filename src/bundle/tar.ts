/*
 * A small ustar writer and reader, enough for OPA bundles. Input (write): entries {name, bytes};
 * output: an uncompressed tar archive. Input (read): a tar archive (ustar, GNU long names, PAX
 * `path` records); output: regular-file entries in archive order. No Node APIs.
 */

/** TarEntry is one regular file in an archive. */
export interface TarEntry {
  readonly name: string;
  readonly bytes: Uint8Array;
}

const BLOCK = 512;

/** writeTar writes `entries` as a ustar archive (mode 0600, uid/gid 0, mtime 0, like OPA's bundle writer). */
export function writeTar(entries: readonly TarEntry[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (const e of entries) {
    const header = new Uint8Array(BLOCK);
    const name = new TextEncoder().encode(e.name);
    if (name.length > 100) throw new Error(`internal: tar member name too long: ${e.name}`);
    header.set(name, 0);
    putOctal(header, 100, 8, 0o600);
    putOctal(header, 108, 8, 0);
    putOctal(header, 116, 8, 0);
    putOctal(header, 124, 12, e.bytes.length);
    putOctal(header, 136, 12, 0);
    header.fill(0x20, 148, 156); // checksum placeholder: spaces
    header[156] = 0x30; // '0' regular file
    header.set(ascii("ustar\u000000"), 257);
    let sum = 0;
    for (const b of header) sum += b;
    putOctal(header, 148, 7, sum);
    header[155] = 0x20;
    chunks.push(header, e.bytes);
    size += BLOCK + e.bytes.length;
    const pad = (BLOCK - (e.bytes.length % BLOCK)) % BLOCK;
    if (pad > 0) {
      chunks.push(new Uint8Array(pad));
      size += pad;
    }
  }
  chunks.push(new Uint8Array(2 * BLOCK));
  size += 2 * BLOCK;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** TarError is a malformed-archive problem (the caller turns it into a diagnostic). */
export class TarError extends Error {}

/** readTar returns the regular files of a tar archive; directories and links are skipped. */
export function readTar(bytes: Uint8Array): TarEntry[] {
  const out: TarEntry[] = [];
  let at = 0;
  let longName: string | undefined;
  while (at + BLOCK <= bytes.length) {
    const h = bytes.subarray(at, at + BLOCK);
    if (h.every((b) => b === 0)) break;
    if (!checksumOk(h)) throw new TarError(`bad tar header checksum at offset ${at}`);
    const size = getOctal(h, 124, 12);
    const type = h[156] ?? 0;
    const body = at + BLOCK;
    if (body + size > bytes.length) throw new TarError("truncated tar archive");
    const data = bytes.slice(body, body + size);
    at = body + Math.ceil(size / BLOCK) * BLOCK;
    const typeChar = String.fromCharCode(type);
    if (typeChar === "L") {
      longName = cString(data);
      continue;
    }
    if (typeChar === "x") {
      const path = paxPath(data);
      if (path !== undefined) longName = path;
      continue;
    }
    if (typeChar === "g") continue;
    let name = longName ?? headerName(h);
    longName = undefined;
    if (typeChar !== "0" && type !== 0) continue; // directories, links, devices
    name = name.replace(/^(\.?\/)+/, "");
    out.push({ name, bytes: data });
  }
  return out;
}

function headerName(h: Uint8Array): string {
  const name = cString(h.subarray(0, 100));
  const isUstar = cString(h.subarray(257, 263)).startsWith("ustar");
  const prefix = isUstar ? cString(h.subarray(345, 500)) : "";
  return prefix === "" ? name : `${prefix}/${name}`;
}

function paxPath(data: Uint8Array): string | undefined {
  const text = new TextDecoder().decode(data);
  let path: string | undefined;
  let i = 0;
  while (i < text.length) {
    const sp = text.indexOf(" ", i);
    if (sp < 0) break;
    const len = Number(text.slice(i, sp));
    if (!Number.isInteger(len) || len <= 0) break;
    // PAX record lengths count bytes; records here are ASCII keys with UTF-8 values.
    const recBytes = new TextEncoder().encode(text.slice(i)).subarray(0, len);
    const rec = new TextDecoder().decode(recBytes);
    const eq = rec.indexOf("=");
    if (eq > 0 && rec.slice(rec.indexOf(" ") + 1, eq) === "path") path = rec.slice(eq + 1, rec.length - 1);
    i += rec.length;
  }
  return path;
}

function checksumOk(h: Uint8Array): boolean {
  const want = getOctal(h, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (h[i] ?? 0);
  return sum === want;
}

function putOctal(h: Uint8Array, at: number, width: number, v: number): void {
  const s = v.toString(8).padStart(width - 1, "0");
  h.set(ascii(s), at);
  h[at + width - 1] = 0;
}

function getOctal(h: Uint8Array, at: number, width: number): number {
  const field = h.subarray(at, at + width);
  if (((field[0] ?? 0) & 0x80) !== 0) {
    // base-256 (GNU) encoding for large values
    let v = 0;
    for (let i = 1; i < field.length; i++) v = v * 256 + (field[i] ?? 0);
    return v;
  }
  const s = cString(field).trim();
  return s === "" ? 0 : parseInt(s, 8);
}

function cString(b: Uint8Array): string {
  const end = b.indexOf(0);
  return new TextDecoder().decode(end < 0 ? b : b.subarray(0, end));
}

function ascii(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}
