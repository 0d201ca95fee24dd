/*
 * glob.match(pattern, delimiters, match) for the SDK host, with OPA's semantics (gobwas/glob):
 * `*` any run of non-delimiter characters, `**` any run, `?` one non-delimiter character,
 * `[abc]` / `[a-z]` / `[!a-z]` classes, `{a,b}` alternatives, `\` escapes. Delimiters `null`
 * means none; an empty array means ["."]. Input: JSON values. Output: a boolean, or undefined
 * (OPA's builtin error: the call is undefined) for invalid arguments or patterns.
 */

/** escapeRe escapes a literal outside a class ("u" mode allows only syntax characters to be escaped). */
function escapeRe(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}

/** escapeClass escapes a literal inside a [...] class. */
function escapeClass(s: string): string {
  return s.replace(/[\\\]\[^-]/g, "\\$&");
}

/** globToRegExp translates a glob into an anchored RegExp source, or undefined when it is malformed. */
export function globToRegExp(pattern: string, delimiters: readonly string[]): string | undefined {
  const cs = Array.from(pattern);
  const notDelim = delimiters.length === 0 ? "[^]" : `[^${delimiters.map(escapeClass).join("")}]`;
  let i = 0;
  let depth = 0; // open `{` alternatives
  let out = "";
  while (i < cs.length) {
    const c = cs[i] as string;
    if (c === "\\") {
      const n = cs[i + 1];
      if (n === undefined) return undefined;
      out += escapeRe(n);
      i += 2;
    } else if (c === "*") {
      if (cs[i + 1] === "*") {
        out += "[^]*";
        i += 2;
      } else {
        out += `${notDelim}*`;
        i++;
      }
    } else if (c === "?") {
      out += notDelim;
      i++;
    } else if (c === "[") {
      const end = cs.indexOf("]", i + 1);
      if (end < 0) return undefined;
      let body = cs.slice(i + 1, end);
      const negate = body[0] === "!";
      if (negate) body = body.slice(1);
      if (body.length === 0) return undefined;
      let cls = "";
      for (let j = 0; j < body.length; j++) {
        const b = body[j] as string;
        if (body[j + 1] === "-" && body[j + 2] !== undefined) {
          cls += `${escapeClass(b)}-${escapeClass(body[j + 2] as string)}`;
          j += 2;
        } else cls += escapeClass(b);
      }
      out += negate ? `[^${cls}]` : `[${cls}]`;
      i = end + 1;
    } else if (c === "{") {
      out += "(?:";
      depth++;
      i++;
    } else if (c === "}" && depth > 0) {
      out += ")";
      depth--;
      i++;
    } else if (c === "," && depth > 0) {
      out += "|";
      i++;
    } else {
      out += escapeRe(c);
      i++;
    }
  }
  if (depth !== 0) return undefined;
  return `^${out}$`;
}

/** globMatch is the host implementation of glob.match. */
export function globMatch(pattern: unknown, delimiters: unknown, match: unknown): boolean | undefined {
  if (typeof pattern !== "string" || typeof match !== "string") return undefined;
  let delims: string[];
  if (delimiters === null) delims = [];
  else if (Array.isArray(delimiters) && delimiters.every((d) => typeof d === "string")) {
    delims = delimiters.length === 0 ? ["."] : (delimiters as string[]).filter((d) => d !== "");
  } else return undefined;
  const source = globToRegExp(pattern, delims);
  if (source === undefined) return undefined;
  try {
    return new RegExp(source, "u").test(match);
  } catch {
    return undefined;
  }
}
