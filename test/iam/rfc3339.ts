/*
 * time.parse_rfc3339_ns for the TypeScript reference interpreter (test/iam/rego-interp.ts), written
 * independently of the runtime's native builtin that the compiled policies use. Input: a string.
 * Output: nanoseconds since the epoch, or null for invalid input.
 */

const DATE_RE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$/;

/** parseRfc3339Ns parses an RFC 3339 timestamp to nanoseconds since the epoch, or null. */
export function parseRfc3339Ns(s: unknown): number | null {
  if (typeof s !== "string") return null;
  const m = DATE_RE.exec(s);
  if (m === null) return null;
  const n = (i: number): number => Number(m[i]);
  const [y, mo, d, h, mi, se] = [n(1), n(2), n(3), n(4), n(5), n(6)];
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || se > 59) return null;
  if (d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return null;
  let secs = Date.UTC(y, mo - 1, d, h, mi, se) / 1000;
  const z = m[8] ?? "Z";
  if (z !== "Z" && z !== "z") {
    const oh = Number(z.slice(1, 3));
    const om = Number(z.slice(4, 6));
    if (oh > 23 || om > 59) return null;
    secs -= (z.startsWith("-") ? -1 : 1) * (oh * 3600 + om * 60);
  }
  const frac = m[7] === undefined ? 0 : Number((m[7].slice(1) + "000000000").slice(0, 9));
  return secs * 1e9 + frac;
}
