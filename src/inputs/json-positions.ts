/*
 * A position-aware JSON reader, used only where JSON.parse is not enough.
 * Input: JSON text (and a start offset). Output: the offset and message of the first syntax
 * error (findSyntaxError), the offset of the value at a JSON path (locatePath), and a strict
 * parse of one value that reports duplicate keys and integers beyond 2^53 (parseStrict).
 */

/** JsonPath is a path of object keys and array indexes from the document root. */
export type JsonPath = readonly (string | number)[];

/** SyntaxProblem is the first JSON syntax error: its UTF-16 offset and a short message. */
export interface SyntaxProblem {
  readonly offset: number;
  readonly message: string;
}

/** DuplicateKey is a key that occurs twice in one object (offset of the second occurrence). */
export interface DuplicateKey {
  readonly offset: number;
  readonly key: string;
  readonly path: JsonPath;
}

/** BigNumber is a number literal whose value JSON.parse cannot represent exactly. */
export interface BigNumber {
  readonly offset: number;
  readonly raw: string;
  readonly path: JsonPath;
}

/** StrictResult is a strictly parsed value with what JSON.parse would have hidden. */
export interface StrictResult {
  readonly value: unknown;
  readonly end: number;
  readonly duplicates: readonly DuplicateKey[];
  readonly bigNumbers: readonly BigNumber[];
}

class JsonError {
  readonly offset: number;
  readonly message: string;
  constructor(offset: number, message: string) {
    this.offset = offset;
    this.message = message;
  }
}

const WS = new Uint8Array(128);
WS[0x20] = 1; WS[0x09] = 1; WS[0x0a] = 1; WS[0x0d] = 1;

function skipWs(t: string, i: number): number {
  for (;;) {
    const c = t.charCodeAt(i);
    if (c < 128 && WS[c] === 1) i++;
    else return i;
  }
}

function describe(t: string, i: number): string {
  if (i >= t.length) return "unexpected end of input";
  return `unexpected ${JSON.stringify(t.charAt(i))}`;
}

/** Reader walks JSON text; with `build` it also constructs values and checks keys and numbers. */
class Reader {
  readonly t: string;
  readonly build: boolean;
  readonly duplicates: DuplicateKey[] = [];
  readonly bigNumbers: BigNumber[] = [];
  readonly path: (string | number)[] = [];

  constructor(t: string, build: boolean) {
    this.t = t;
    this.build = build;
  }

  value(i: number): [unknown, number] {
    const t = this.t;
    i = skipWs(t, i);
    const c = t.charCodeAt(i);
    if (c === 0x22) return this.string(i);
    if (c === 0x7b) return this.object(i);
    if (c === 0x5b) return this.array(i);
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number(i);
    if (t.startsWith("true", i)) return [true, i + 4];
    if (t.startsWith("false", i)) return [false, i + 5];
    if (t.startsWith("null", i)) return [null, i + 4];
    throw new JsonError(i, describe(t, i) + ", expected a value");
  }

  string(i: number): [string, number] {
    const t = this.t;
    let j = i + 1;
    let simple = true;
    for (;;) {
      if (j >= t.length) throw new JsonError(i, "unterminated string");
      const c = t.charCodeAt(j);
      if (c === 0x22) break;
      if (c < 0x20) throw new JsonError(j, "control character in string");
      if (c === 0x5c) {
        simple = false;
        const e = t.charAt(j + 1);
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(t.slice(j + 2, j + 6))) throw new JsonError(j, "invalid \\u escape");
          j += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(e) || e === "") throw new JsonError(j, "invalid escape");
        j += 2;
        continue;
      }
      j++;
    }
    const raw = t.slice(i, j + 1);
    return [simple ? raw.slice(1, -1) : (JSON.parse(raw) as string), j + 1];
  }

  number(i: number): [unknown, number] {
    const t = this.t;
    const m = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
    m.lastIndex = i;
    const r = m.exec(t);
    if (r === null) throw new JsonError(i, "invalid number");
    const raw = r[0];
    const v = Number(raw);
    if (this.build && !Number.isSafeInteger(v) && /^-?[0-9]+$/.test(raw)) {
      this.bigNumbers.push({ offset: i, raw, path: [...this.path] });
    }
    return [v, i + raw.length];
  }

  object(i: number): [unknown, number] {
    const t = this.t;
    const out: Record<string, unknown> | undefined = this.build ? Object.create(null) as Record<string, unknown> : undefined;
    const seen = this.build ? new Set<string>() : undefined;
    i = skipWs(t, i + 1);
    if (t.charCodeAt(i) === 0x7d) return [out === undefined ? undefined : normalise(out), i + 1];
    for (;;) {
      i = skipWs(t, i);
      if (t.charCodeAt(i) !== 0x22) throw new JsonError(i, describe(t, i) + ", expected a string key");
      const keyAt = i;
      const [key, afterKey] = this.string(i);
      i = skipWs(t, afterKey);
      if (t.charCodeAt(i) !== 0x3a) throw new JsonError(i, describe(t, i) + ", expected ':'");
      this.path.push(key);
      const [v, afterValue] = this.value(i + 1);
      this.path.pop();
      if (out !== undefined && seen !== undefined) {
        if (seen.has(key)) this.duplicates.push({ offset: keyAt, key, path: [...this.path] });
        seen.add(key);
        out[key] = v;
      }
      i = skipWs(t, afterValue);
      const c = t.charCodeAt(i);
      if (c === 0x2c) { i++; continue; }
      if (c === 0x7d) return [out === undefined ? undefined : normalise(out), i + 1];
      throw new JsonError(i, describe(t, i) + ", expected ',' or '}'");
    }
  }

  array(i: number): [unknown, number] {
    const t = this.t;
    const out: unknown[] | undefined = this.build ? [] : undefined;
    i = skipWs(t, i + 1);
    if (t.charCodeAt(i) === 0x5d) return [out, i + 1];
    for (let n = 0; ; n++) {
      this.path.push(n);
      const [v, after] = this.value(i);
      this.path.pop();
      out?.push(v);
      i = skipWs(t, after);
      const c = t.charCodeAt(i);
      if (c === 0x2c) { i++; continue; }
      if (c === 0x5d) return [out, i + 1];
      throw new JsonError(i, describe(t, i) + ", expected ',' or ']'");
    }
  }
}

/** normalise turns a null-prototype object into a plain one (deep-equality friendly). */
function normalise(o: Record<string, unknown>): Record<string, unknown> {
  return Object.assign({}, o);
}

/** findSyntaxError returns the first syntax error in a JSON document, or undefined if it is valid. */
export function findSyntaxError(text: string): SyntaxProblem | undefined {
  const r = new Reader(text, false);
  try {
    let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    [, i] = r.value(i);
    i = skipWs(text, i);
    if (i < text.length) return { offset: i, message: describe(text, i) + " after the JSON value" };
    return undefined;
  } catch (e) {
    if (e instanceof JsonError) return { offset: e.offset, message: e.message };
    if (e instanceof RangeError) return { offset: 0, message: "JSON nested too deeply" };
    throw e;
  }
}

/** parseStrict parses the single value at `start`, reporting duplicate keys and unsafe integers. */
export function parseStrict(text: string, start = 0, basePath: JsonPath = []): StrictResult | SyntaxProblem {
  const r = new Reader(text, true);
  r.path.push(...basePath);
  try {
    const [value, end] = r.value(start);
    return { value, end, duplicates: r.duplicates, bigNumbers: r.bigNumbers };
  } catch (e) {
    if (e instanceof JsonError) return { offset: e.offset, message: e.message };
    throw e;
  }
}

/**
 * locatePath returns the offset of the value at `path` (or of the deepest existing prefix) in a
 * valid JSON document: object keys are matched after unescaping; the last occurrence wins, as in
 * JSON.parse.
 */
export function locatePath(text: string, path: JsonPath): number {
  const r = new Reader(text, false);
  let i = skipWs(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  try {
    for (const step of path) {
      const c = text.charCodeAt(i);
      if (c === 0x7b && typeof step === "string") {
        let found = -1;
        let j = skipWs(text, i + 1);
        if (text.charCodeAt(j) === 0x7d) return i;
        for (;;) {
          j = skipWs(text, j);
          const [key, afterKey] = r.string(j);
          const valueAt = skipWs(text, skipWs(text, afterKey) + 1);
          if (key === step) found = valueAt;
          const [, afterValue] = r.value(valueAt);
          j = skipWs(text, afterValue);
          if (text.charCodeAt(j) === 0x2c) { j++; continue; }
          break;
        }
        if (found < 0) return i;
        i = found;
      } else if (c === 0x5b && typeof step === "number") {
        let j = skipWs(text, i + 1);
        if (text.charCodeAt(j) === 0x5d) return i;
        let n = 0;
        let found = -1;
        for (;;) {
          j = skipWs(text, j);
          if (n === step) { found = j; break; }
          const [, after] = r.value(j);
          j = skipWs(text, after);
          if (text.charCodeAt(j) === 0x2c) { j++; n++; continue; }
          break;
        }
        if (found < 0) return i;
        i = found;
      } else {
        return i;
      }
    }
  } catch {
    return i;
  }
  return i;
}
