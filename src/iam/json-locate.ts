/*
 * A small JSON parser that also records where every value starts, so IAM policy and request
 * errors can point at file:line:col. Input: JSON text. Output: the value and a map from JSON
 * pointer ("/Statement/0/Effect") to UTF-16 offset, or an error with its offset.
 */

/** Located is a parsed JSON document with the offset of each value by JSON pointer. */
export interface Located {
  readonly value: unknown;
  readonly offsets: ReadonlyMap<string, number>;
}

/** JsonLocateError is a syntax error at an offset. */
export interface JsonLocateError {
  readonly message: string;
  readonly offset: number;
}

/** parseJsonLocated parses text (optionally starting at offset `from`) and records offsets. */
export function parseJsonLocated(text: string, from = 0, end = text.length): Located | JsonLocateError {
  const offsets = new Map<string, number>();
  let i = from;
  const ws = (): void => {
    while (i < end && " \t\r\n".includes(text[i] as string)) i++;
  };
  const err = (message: string): never => {
    throw { message, offset: i } satisfies JsonLocateError;
  };
  const str = (): string => {
    const start = i;
    i++;
    let out = "";
    while (i < end) {
      const c = text[i] as string;
      if (c === '"') { i++; return out; }
      if (c === "\\") {
        const e = text[i + 1];
        const map: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
        if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) { out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)); i += 6; continue; }
        if (e !== undefined && map[e] !== undefined) { out += map[e]; i += 2; continue; }
        err("invalid escape in string");
      }
      if (c.charCodeAt(0) < 0x20) err("control character in string");
      out += c;
      i++;
    }
    i = start;
    return err("unterminated string");
  };
  const val = (path: string): unknown => {
    ws();
    offsets.set(path, i);
    const c = text[i];
    if (c === "{") {
      i++;
      const o: Record<string, unknown> = {};
      ws();
      if (text[i] === "}") { i++; return o; }
      for (;;) {
        ws();
        if (text[i] !== '"') err("expected a string key");
        const k = str();
        ws();
        if (text[i] !== ":") err("expected ':'");
        i++;
        o[k] = val(`${path}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`);
        ws();
        if (text[i] === ",") { i++; continue; }
        if (text[i] === "}") { i++; return o; }
        err("expected ',' or '}'");
      }
    }
    if (c === "[") {
      i++;
      const a: unknown[] = [];
      ws();
      if (text[i] === "]") { i++; return a; }
      for (;;) {
        a.push(val(`${path}/${a.length}`));
        ws();
        if (text[i] === ",") { i++; continue; }
        if (text[i] === "]") { i++; return a; }
        err("expected ',' or ']'");
      }
    }
    if (c === '"') return str();
    const m = /^(-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?|true|false|null)/.exec(text.slice(i, Math.min(end, i + 400)));
    if (m === null) return err(i >= end ? "unexpected end of input" : `unexpected character '${c}'`);
    i += m[0].length;
    return m[0] === "true" ? true : m[0] === "false" ? false : m[0] === "null" ? null : Number(m[0]);
  };
  try {
    const value = val("");
    ws();
    if (i < end) err("unexpected text after the JSON value");
    return { value, offsets };
  } catch (e) {
    if (typeof e === "object" && e !== null && "offset" in e) return e as JsonLocateError;
    throw e;
  }
}

/** isLocateError tells a syntax error from a parsed document. */
export function isLocateError(x: Located | JsonLocateError): x is JsonLocateError {
  return "message" in x;
}
