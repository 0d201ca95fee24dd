/*
 * HCL native expression and template parser (the `${...}` strings that hcl2json and .tf.json
 * hold). Input: template or expression text. Output: an Expr AST (kind-tagged), or a ParseError
 * with the offset. Covers literals, templates, traversals, splats, calls, tuples, objects, for,
 * conditionals and operators; template directives (%{ }) parse as Unsupported.
 */

/** Expr is an HCL expression node. */
export type Expr =
  | { readonly kind: "Lit"; readonly value: null | boolean | number | string }
  | { readonly kind: "Template"; readonly parts: readonly (string | Expr)[] }
  | { readonly kind: "Var"; readonly name: string }
  | { readonly kind: "GetAttr"; readonly obj: Expr; readonly name: string }
  | { readonly kind: "Index"; readonly obj: Expr; readonly key: Expr }
  | { readonly kind: "Splat"; readonly source: Expr; readonly each: Expr }
  | { readonly kind: "SplatItem" }
  | { readonly kind: "Call"; readonly name: string; readonly args: readonly Expr[]; readonly expand: boolean }
  | { readonly kind: "Tuple"; readonly items: readonly Expr[] }
  | { readonly kind: "Object"; readonly items: readonly { readonly key: Expr; readonly value: Expr }[] }
  | { readonly kind: "For"; readonly keyVar?: string; readonly valVar: string; readonly coll: Expr; readonly keyExpr?: Expr; readonly valExpr: Expr; readonly cond?: Expr; readonly group: boolean; readonly object: boolean }
  | { readonly kind: "Cond"; readonly cond: Expr; readonly then: Expr; readonly else: Expr }
  | { readonly kind: "Binary"; readonly op: string; readonly left: Expr; readonly right: Expr }
  | { readonly kind: "Unary"; readonly op: string; readonly operand: Expr }
  | { readonly kind: "Unsupported"; readonly what: string };

/** ParseError is a syntax error at an offset of the parsed text. */
export class ParseError extends Error {
  readonly offset: number;
  constructor(offset: number, message: string) {
    super(message);
    this.offset = offset;
  }
}

const ID_START = /[A-Za-z_]/;
const ID_PART = /[A-Za-z0-9_-]/;

class Parser {
  readonly s: string;
  i = 0;
  constructor(s: string) {
    this.s = s;
  }

  ws(): void {
    const s = this.s;
    for (;;) {
      const c = s.charAt(this.i);
      if (c === " " || c === "\t" || c === "\n" || c === "\r") this.i++;
      else if (c === "#" || (c === "/" && s.charAt(this.i + 1) === "/")) {
        const e = s.indexOf("\n", this.i);
        this.i = e < 0 ? s.length : e;
      } else if (c === "/" && s.charAt(this.i + 1) === "*") {
        const e = s.indexOf("*/", this.i + 2);
        this.i = e < 0 ? s.length : e + 2;
      } else return;
    }
  }

  peek(t: string): boolean {
    this.ws();
    return this.s.startsWith(t, this.i);
  }

  eat(t: string): boolean {
    if (this.peek(t)) { this.i += t.length; return true; }
    return false;
  }

  expect(t: string): void {
    if (!this.eat(t)) throw new ParseError(this.i, `expected '${t}'${this.i < this.s.length ? ` but found '${this.s.charAt(this.i)}'` : " but reached the end"}`);
  }

  ident(): string | undefined {
    this.ws();
    const s = this.s;
    if (!ID_START.test(s.charAt(this.i))) return undefined;
    let j = this.i + 1;
    while (j < s.length && ID_PART.test(s.charAt(j))) j++;
    const w = s.slice(this.i, j);
    this.i = j;
    return w;
  }

  expr(): Expr {
    const c = this.binary(0);
    if (this.eat("?")) {
      const t = this.expr();
      this.expect(":");
      const f = this.expr();
      return { kind: "Cond", cond: c, then: t, else: f };
    }
    return c;
  }

  static readonly LEVELS: readonly (readonly string[])[] = [["||"], ["&&"], ["==", "!="], ["<=", ">=", "<", ">"], ["+", "-"], ["*", "/", "%"]];

  binary(level: number): Expr {
    if (level >= Parser.LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      this.ws();
      const ops = Parser.LEVELS[level] as readonly string[];
      const op = ops.find((o) => this.s.startsWith(o, this.i));
      if (op === undefined || this.s.startsWith("=>", this.i)) return left;
      this.i += op.length;
      const right = this.binary(level + 1);
      left = { kind: "Binary", op, left, right };
    }
  }

  unary(): Expr {
    if (this.eat("!")) return { kind: "Unary", op: "!", operand: this.unary() };
    if (this.peek("-") && !this.s.startsWith("->", this.i)) {
      this.i++;
      return { kind: "Unary", op: "-", operand: this.unary() };
    }
    return this.postfix(this.primary());
  }

  postfix(base: Expr): Expr {
    let e = base;
    for (;;) {
      this.ws();
      const s = this.s;
      if (s.startsWith(".*", this.i)) {
        this.i += 2;
        return { kind: "Splat", source: e, each: this.splatTail(true) };
      }
      if (s.startsWith("[*]", this.i)) {
        this.i += 3;
        return { kind: "Splat", source: e, each: this.splatTail(false) };
      }
      if (s.charAt(this.i) === "." && !s.startsWith("...", this.i)) {
        this.i++;
        const num = /^[0-9]+/.exec(s.slice(this.i, this.i + 20));
        if (num !== null) {
          this.i += num[0].length;
          e = { kind: "Index", obj: e, key: { kind: "Lit", value: Number(num[0]) } };
          continue;
        }
        const name = this.ident();
        if (name === undefined) throw new ParseError(this.i, "expected an attribute name after '.'");
        e = { kind: "GetAttr", obj: e, name };
        continue;
      }
      if (s.charAt(this.i) === "[") {
        this.i++;
        const key = this.expr();
        this.expect("]");
        e = { kind: "Index", obj: e, key };
        continue;
      }
      return e;
    }
  }

  /** splatTail parses the traversal applied to each element after a splat. */
  splatTail(attrOnly: boolean): Expr {
    let e: Expr = { kind: "SplatItem" };
    for (;;) {
      this.ws();
      const s = this.s;
      if (s.charAt(this.i) === "." && ID_START.test(s.charAt(this.i + 1))) {
        this.i++;
        e = { kind: "GetAttr", obj: e, name: this.ident() as string };
        continue;
      }
      if (!attrOnly && s.charAt(this.i) === "[" && !s.startsWith("[*]", this.i)) {
        this.i++;
        const key = this.expr();
        this.expect("]");
        e = { kind: "Index", obj: e, key };
        continue;
      }
      return e;
    }
  }

  primary(): Expr {
    this.ws();
    const s = this.s;
    const c = s.charAt(this.i);
    if (c === "(") {
      this.i++;
      const e = this.expr();
      this.expect(")");
      return e;
    }
    if (c === '"') return this.quoted();
    if (c === "<" && s.startsWith("<<", this.i)) return this.heredoc();
    if (c === "[") return this.tuple();
    if (c === "{") return this.object();
    const num = /^[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(s.slice(this.i, this.i + 64));
    if (num !== null) {
      this.i += num[0].length;
      return { kind: "Lit", value: Number(num[0]) };
    }
    const start = this.i;
    let name = this.ident();
    if (name === undefined) throw new ParseError(this.i, this.i >= s.length ? "expected an expression but reached the end" : `unexpected '${c}'`);
    while (s.startsWith("::", this.i)) {
      this.i += 2;
      const more = this.ident();
      if (more === undefined) throw new ParseError(this.i, "expected a name after '::'");
      name += "::" + more;
    }
    if (this.peek("(")) {
      this.i++;
      const args: Expr[] = [];
      let expand = false;
      if (!this.eat(")")) {
        for (;;) {
          args.push(this.expr());
          if (this.eat("...")) expand = true;
          if (this.eat(")")) break;
          this.expect(",");
          if (this.eat(")")) break;
        }
      }
      return { kind: "Call", name, args, expand };
    }
    if (name === "true") return { kind: "Lit", value: true };
    if (name === "false") return { kind: "Lit", value: false };
    if (name === "null") return { kind: "Lit", value: null };
    void start;
    return { kind: "Var", name };
  }

  tuple(): Expr {
    this.expect("[");
    if (this.peekFor()) return this.forExpr(false);
    const items: Expr[] = [];
    if (this.eat("]")) return { kind: "Tuple", items };
    for (;;) {
      items.push(this.expr());
      if (this.eat("]")) break;
      this.expect(",");
      if (this.eat("]")) break;
    }
    return { kind: "Tuple", items };
  }

  peekFor(): boolean {
    this.ws();
    return /^for\s/.test(this.s.slice(this.i, this.i + 4));
  }

  forExpr(object: boolean): Expr {
    this.i += 3;
    const a = this.ident();
    if (a === undefined) throw new ParseError(this.i, "expected a variable name after 'for'");
    let keyVar: string | undefined;
    let valVar = a;
    if (this.eat(",")) {
      keyVar = a;
      const b = this.ident();
      if (b === undefined) throw new ParseError(this.i, "expected a variable name");
      valVar = b;
    }
    if (this.ident() !== "in") throw new ParseError(this.i, "expected 'in'");
    const coll = this.expr();
    this.expect(":");
    let keyExpr: Expr | undefined;
    let valExpr = this.expr();
    if (object) {
      this.expect("=>");
      keyExpr = valExpr;
      valExpr = this.expr();
    }
    const group = object && this.eat("...");
    let cond: Expr | undefined;
    this.ws();
    if (/^if[\s(]/.test(this.s.slice(this.i, this.i + 3))) {
      this.i += 2;
      cond = this.expr();
    }
    this.expect(object ? "}" : "]");
    return {
      kind: "For", valVar, coll, valExpr, group, object,
      ...(keyVar !== undefined ? { keyVar } : {}),
      ...(keyExpr !== undefined ? { keyExpr } : {}),
      ...(cond !== undefined ? { cond } : {}),
    };
  }

  object(): Expr {
    this.expect("{");
    if (this.peekFor()) return this.forExpr(true);
    const items: { key: Expr; value: Expr }[] = [];
    for (;;) {
      if (this.eat("}")) break;
      this.ws();
      let key: Expr;
      const save = this.i;
      const id = this.ident();
      if (id !== undefined && (this.peek("=") || this.peek(":")) && !this.peek("==")) key = { kind: "Lit", value: id };
      else {
        this.i = save;
        key = this.expr();
      }
      if (!this.eat("=")) this.expect(":");
      const value = this.expr();
      items.push({ key, value });
      this.eat(",");
    }
    return { kind: "Object", items };
  }

  quoted(): Expr {
    this.i++;
    const parts = this.templateParts('"');
    return simplify(parts);
  }

  heredoc(): Expr {
    const m = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/.exec(this.s.slice(this.i, this.i + 200));
    if (m === null) throw new ParseError(this.i, "invalid heredoc");
    this.i += m[0].length;
    const marker = m[2] as string;
    const lines: string[] = [];
    for (;;) {
      if (this.i >= this.s.length) throw new ParseError(this.i, `unterminated heredoc ${marker}`);
      const e = this.s.indexOf("\n", this.i);
      const line = this.s.slice(this.i, e < 0 ? this.s.length : e);
      this.i = e < 0 ? this.s.length : e + 1;
      if (line.trim() === marker) break;
      lines.push(line);
    }
    let body = lines.map((l) => l + "\n").join("");
    if (m[1] === "-") {
      const indent = Math.min(...lines.filter((l) => l.trim() !== "").map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0));
      body = lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0) + "\n").join("");
    }
    return parseTemplate(body);
  }

  /** templateParts reads template text up to `end` (or the end of input when end is ""). */
  templateParts(end: string): (string | Expr)[] {
    const s = this.s;
    const parts: (string | Expr)[] = [];
    let lit = "";
    for (;;) {
      if (this.i >= s.length) {
        if (end === "") break;
        throw new ParseError(this.i, "unterminated string");
      }
      const c = s.charAt(this.i);
      if (end !== "" && c === end) { this.i++; break; }
      if (end !== "" && c === "\\") {
        const e = s.charAt(this.i + 1);
        const map: Record<string, string> = { n: "\n", t: "\t", r: "\r", '"': '"', "\\": "\\" };
        if (e === "u" || e === "U") {
          const len = e === "u" ? 4 : 8;
          const hex = s.slice(this.i + 2, this.i + 2 + len);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) throw new ParseError(this.i, "invalid unicode escape");
          lit += String.fromCodePoint(parseInt(hex, 16));
          this.i += 2 + len;
          continue;
        }
        const r = map[e];
        if (r === undefined) throw new ParseError(this.i, `invalid escape '\\${e}'`);
        lit += r;
        this.i += 2;
        continue;
      }
      if ((c === "$" || c === "%") && s.charAt(this.i + 1) === "{") {
        if (c === "%") {
          parts.push(lit);
          lit = "";
          // directive: skip to the closing brace and mark the whole template unsupported
          this.i += 2;
          let d = 1;
          while (this.i < s.length && d > 0) {
            const ch = s.charAt(this.i);
            if (ch === "{") d++;
            else if (ch === "}") d--;
            this.i++;
          }
          parts.push({ kind: "Unsupported", what: "template directive %{...}" });
          continue;
        }
        if (lit !== "") parts.push(lit);
        lit = "";
        this.i += 2;
        this.eat("~");
        const e = this.expr();
        this.eat("~");
        this.expect("}");
        parts.push(e);
        continue;
      }
      if ((c === "$" || c === "%") && s.startsWith(c + c + "{", this.i)) {
        lit += c + "{";
        this.i += 3;
        continue;
      }
      lit += c;
      this.i++;
    }
    if (lit !== "" || parts.length === 0) parts.push(lit);
    return parts;
  }
}

function simplify(parts: (string | Expr)[]): Expr {
  const ps = parts.filter((p) => p !== "");
  if (ps.length === 0) return { kind: "Lit", value: "" };
  if (ps.length === 1 && typeof ps[0] === "string") return { kind: "Lit", value: ps[0] };
  return { kind: "Template", parts: ps };
}

/**
 * parseTemplate parses a JSON-syntax string value: a template whose sole `${expr}` yields the
 * expression's own value (not a string), per HCL's rules.
 */
export function parseTemplate(text: string): Expr {
  const p = new Parser(text);
  const parts = p.templateParts("");
  const nonEmpty = parts.filter((x) => x !== "");
  if (nonEmpty.length === 1 && typeof nonEmpty[0] !== "string") {
    const only = nonEmpty[0] as Expr;
    if (only.kind !== "Unsupported") return only;
  }
  return simplify(parts);
}

/** parseExpression parses one bare expression (e.g. a --var value or a type constraint). */
export function parseExpression(text: string): Expr {
  const p = new Parser(text);
  const e = p.expr();
  p.ws();
  if (p.i < text.length) throw new ParseError(p.i, `unexpected '${text.charAt(p.i)}' after the expression`);
  return e;
}
