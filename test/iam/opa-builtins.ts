/*
 * OPA's glob.match (no delimiters) and net.cidr_contains in TypeScript, for running
 * policies/iam on the IR reference interpreter (test code only; the Wasm runtime has its own).
 * Input: builtin arguments. Output: booleans, or undefined where OPA would raise an error.
 */

/** globMatchOpa matches like glob.match(pattern, null, s): `*`, `?`, `\` escapes; [] and {} unsupported. */
export function globMatchOpa(pattern: string, s: string): boolean | undefined {
  type T = { k: "c"; c: string } | { k: "*" } | { k: "?" };
  const toks: T[] = [];
  const ps = Array.from(pattern);
  for (let i = 0; i < ps.length; i++) {
    const c = ps[i] as string;
    if (c === "\\") { const n = ps[++i]; if (n === undefined) return undefined; toks.push({ k: "c", c: n }); }
    else if (c === "*") toks.push({ k: "*" });
    else if (c === "?") toks.push({ k: "?" });
    else if ("[]{}".includes(c)) return undefined;
    else toks.push({ k: "c", c });
  }
  const cs = Array.from(s);
  let reach = cs.map(() => false).concat(false);
  reach[0] = true;
  for (const tk of toks) {
    const next = cs.map(() => false).concat(false);
    if (tk.k === "*") { let any = false; for (let j = 0; j <= cs.length; j++) { any = any || reach[j] === true; next[j] = any; } }
    else for (let j = 1; j <= cs.length; j++) if (reach[j - 1] === true && (tk.k === "?" || tk.c === cs[j - 1])) next[j] = true;
    reach = next;
  }
  return reach[cs.length] === true;
}

function v4(s: string): number[] | null {
  const p = s.split(".");
  if (p.length !== 4 || p.some((x) => !/^(0|[1-9][0-9]{0,2})$/.test(x) || Number(x) > 255)) return null;
  return p.map(Number);
}

function ip(s: string): number[] | null {
  if (!s.includes(":")) return v4(s);
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const g = (x: string): number[] | null => (x === "" ? [] : x.split(":").every((y) => /^[0-9a-fA-F]{1,4}$/.test(y)) ? x.split(":").map((y) => parseInt(y, 16)) : null);
  const a = g(halves[0] ?? "");
  const b = halves.length === 2 ? g(halves[1] ?? "") : [];
  if (a === null || b === null) return null;
  const all = halves.length === 2 ? [...a, ...new Array<number>(Math.max(0, 8 - a.length - b.length)).fill(0), ...b] : a;
  if (all.length !== 8) return null;
  return all.flatMap((x) => [x >> 8, x & 255]);
}

/** cidrContainsOpa is net.cidr_contains(cidr, address) for plain addresses. */
export function cidrContainsOpa(cidr: string, addr: string): boolean | undefined {
  const [net, bitsText] = cidr.split("/");
  const n = ip(net ?? "");
  const a = ip(addr);
  if (n === null || a === null || bitsText === undefined || !/^[0-9]+$/.test(bitsText)) return undefined;
  const bits = Number(bitsText);
  if (bits > n.length * 8) return undefined;
  if (n.length !== a.length) return false;
  for (let i = 0; i < bits; i++) if ((((n[i >> 3] ?? 0) ^ (a[i >> 3] ?? 0)) & (0x80 >> (i & 7))) !== 0) return false;
  return true;
}
