/*
 * Term, expression and body parsing (recursive descent with OPA's operator precedence:
 * `=`/`:=` < `in` < relations < `|` < `&` < `+ -` < `* / %` < unary minus < refs/calls).
 * Input: a Cursor. Output: AST Terms, Exprs and Bodies; operators become builtin CallTerms.
 */

import type {
  ArrayTerm, Body, CallTerm, Every, Expr, ExprValue, ObjectItem, RefTerm, SomeDecl, SomeIn, Span,
  Term, VarTerm, With,
} from "./ast.js";
import type { Cursor } from "./parser-state.js";
import type { TokenKind } from "./tokens.js";

/** opRef builds the operator ref of a builtin from its dotted name. */
export function opRef(name: string, span: Span): RefTerm {
  const [head = name, ...rest] = name.split(".");
  return {
    kind: "Ref",
    head: { kind: "Var", name: head, span },
    path: rest.map((s) => ({ kind: "String", value: s, span })),
    span,
  };
}

function call(name: string, args: Term[], start: number, end: number, infix?: string): CallTerm {
  const span = { start, end };
  return infix === undefined
    ? { kind: "Call", fn: opRef(name, span), args, span }
    : { kind: "Call", fn: opRef(name, span), args, infix, span };
}

const RELATIONS: ReadonlyMap<TokenKind, string> = new Map<TokenKind, string>([
  ["==", "equal"], ["!=", "neq"], ["<", "lt"], ["<=", "lte"], [">", "gt"], [">=", "gte"],
]);
const ARITH: ReadonlyMap<TokenKind, string> = new Map<TokenKind, string>([["+", "plus"], ["-", "minus"]]);
const FACTOR: ReadonlyMap<TokenKind, string> = new Map<TokenKind, string>([["*", "mul"], ["/", "div"], ["%", "rem"]]);

/** infixOp returns the builtin of the current token when it is an infix operator on the same line. */
function infixOp(c: Cursor, table: ReadonlyMap<TokenKind, string>): string | undefined {
  return c.tok.nl ? undefined : table.get(c.tok.kind);
}

/** SOFT_KEYWORDS may still be used as names of calls and ref segments (`contains(s, x)`, `input.in`). */
const SOFT_KEYWORDS: ReadonlySet<TokenKind> = new Set<TokenKind>(["contains", "if", "in", "every", "some"]);

/** TermOpts tunes a term parse: `noBitOr` stops before `|` (first item of a comprehension). */
interface TermOpts {
  readonly noBitOr?: boolean;
}

/** parseLiteralExpr parses one body expression: `not`, `some`, `every`, or a term, plus `with`s. */
export function parseLiteralExpr(c: Cursor): Expr {
  const start = c.tok.start;
  let negated = false;
  let value: ExprValue;
  if (c.at("some")) {
    value = parseSome(c);
  } else if (c.at("every")) {
    value = parseEvery(c);
  } else {
    if (c.eat("not")) negated = true;
    value = parseExprTerm(c);
  }
  const withs: With[] = [];
  while (c.at("with")) {
    const ws = c.next().start;
    const target = parseTermIn(c, false, {});
    if (target.kind !== "Ref" && target.kind !== "Var") {
      c.fail("with target must be a reference", target.span.start, target.span.end);
    }
    c.expect("as", "as");
    const val = parseTermIn(c, false, {});
    const ref: RefTerm = target.kind === "Ref" ? target : { kind: "Ref", head: target, path: [], span: target.span };
    withs.push({ kind: "With", target: ref, value: val, span: c.span(ws) });
  }
  return { kind: "Expr", negated, value, with: withs, span: c.span(start) };
}

/** parseExprTerm parses `a = b`, `a := b` or a plain term (with `k, v in xs` allowed). */
function parseExprTerm(c: Cursor): Term {
  const start = c.tok.start;
  const lhs = parseTermIn(c, true, {});
  if ((c.at("=") || c.at(":=")) && !c.tok.nl) {
    const op = c.next();
    const rhs = parseTermIn(c, false, {});
    return call(op.kind === "=" ? "eq" : "assign", [lhs, rhs], start, c.prevEnd, op.kind);
  }
  return lhs;
}

function parseSome(c: Cursor): SomeDecl | SomeIn {
  const start = c.expect("some").start;
  const terms: Term[] = [parseTermRelation(c, {})];
  while (c.eat(",")) terms.push(parseTermRelation(c, {}));
  if (c.eat("in")) {
    if (terms.length > 2) c.fail("unexpected term in some declaration: expected at most key and value", start, c.prevEnd);
    const collection = parseTermRelation(c, {});
    const [a, b] = terms;
    if (a === undefined) return c.unexpected("term");
    return b === undefined
      ? { kind: "SomeIn", value: a, collection, span: c.span(start) }
      : { kind: "SomeIn", key: a, value: b, collection, span: c.span(start) };
  }
  const vars: VarTerm[] = [];
  for (const t of terms) {
    if (t.kind !== "Var") c.fail("expected var in some declaration", t.span.start, t.span.end);
    vars.push(t);
  }
  return { kind: "SomeDecl", vars, span: c.span(start) };
}

function parseEvery(c: Cursor): Every {
  const start = c.expect("every").start;
  const first = parseVarName(c, "var in every");
  let key: VarTerm | undefined;
  let value = first;
  if (c.eat(",")) {
    key = first;
    value = parseVarName(c, "var in every");
  }
  c.expect("in", "in");
  const domain = parseTermRelation(c, {});
  if (!c.at("{")) c.unexpected('"{" (every body)');
  const body = parseBracedBody(c);
  const span = c.span(start);
  return key === undefined
    ? { kind: "Every", value, domain, body, span }
    : { kind: "Every", key, value, domain, body, span };
}

function parseVarName(c: Cursor, what: string): VarTerm {
  const t = c.tok;
  if (t.kind !== "Ident") c.unexpected(what);
  c.next();
  return { kind: "Var", name: t.text, span: { start: t.start, end: t.end } };
}

/** parseBracedBody parses `{ expr (; | \n) expr ... }`; an empty body is an error. */
export function parseBracedBody(c: Cursor): Body {
  const open = c.expect("{");
  const body = parseBodyUntil(c, "}");
  const close = c.expect("}", '"}"');
  if (body.length === 0) c.error("found empty body", open.start, close.end);
  return body;
}

/** parseBodyUntil parses expressions separated by `;` or newlines until `end` (not consumed). */
export function parseBodyUntil(c: Cursor, end: TokenKind | "EOF"): Body {
  const body: Expr[] = [];
  while (!c.at(end) && !c.at("EOF")) {
    body.push(parseLiteralExpr(c));
    if (c.eat(";")) continue;
    if (c.at(end) || c.at("EOF")) break;
    if (!c.tok.nl) c.unexpected(end === "EOF" ? "\\n or ;" : `\\n or ; or ${end}`);
  }
  return body;
}

/** parseTermIn parses `x in xs` and (when keyVal) `k, v in xs` above the relation level. */
export function parseTermIn(c: Cursor, keyVal: boolean, o: TermOpts): Term {
  const start = c.tok.start;
  let lhs = parseTermRelation(c, o);
  while (true) {
    if (keyVal && c.at(",") && !c.tok.nl) {
      // `k, v in xs`: only a membership test when an `in` follows the second term.
      const save = c.pos;
      const saveDiags = c.diagnostics.length;
      c.next();
      try {
        const mhs = parseTermRelation(c, o);
        if (c.eat("in")) {
          const rhs = parseTermRelation(c, o);
          lhs = call("internal.member_3", [lhs, mhs, rhs], start, c.prevEnd, "in");
          continue;
        }
      } catch (e) {
        if (!(e instanceof Error) || e.name !== "ParseAbort") throw e;
      }
      c.pos = save;
      c.diagnostics.length = saveDiags;
      return lhs;
    }
    if (!c.tok.nl && c.eat("in")) {
      const rhs = parseTermRelation(c, o);
      lhs = call("internal.member_2", [lhs, rhs], start, c.prevEnd, "in");
      continue;
    }
    return lhs;
  }
}

function parseTermRelation(c: Cursor, o: TermOpts): Term {
  const start = c.tok.start;
  let lhs = parseTermOr(c, o);
  for (let op = infixOp(c, RELATIONS); op !== undefined; op = infixOp(c, RELATIONS)) {
    const t = c.next();
    const rhs = parseTermOr(c, o);
    lhs = call(op, [lhs, rhs], start, c.prevEnd, t.kind);
  }
  return lhs;
}

function parseTermOr(c: Cursor, o: TermOpts): Term {
  const start = c.tok.start;
  let lhs = parseTermAnd(c, o);
  while (!o.noBitOr && c.at("|") && !c.tok.nl) {
    c.next();
    const rhs = parseTermAnd(c, o);
    lhs = call("or", [lhs, rhs], start, c.prevEnd, "|");
  }
  return lhs;
}

function parseTermAnd(c: Cursor, o: TermOpts): Term {
  const start = c.tok.start;
  let lhs = parseTermArith(c, o);
  while (c.at("&") && !c.tok.nl) {
    c.next();
    const rhs = parseTermArith(c, o);
    lhs = call("and", [lhs, rhs], start, c.prevEnd, "&");
  }
  return lhs;
}

function parseTermArith(c: Cursor, o: TermOpts): Term {
  const start = c.tok.start;
  let lhs = parseTermFactor(c, o);
  for (let op = infixOp(c, ARITH); op !== undefined; op = infixOp(c, ARITH)) {
    const t = c.next();
    const rhs = parseTermFactor(c, o);
    lhs = call(op, [lhs, rhs], start, c.prevEnd, t.kind);
  }
  return lhs;
}

function parseTermFactor(c: Cursor, o: TermOpts): Term {
  const start = c.tok.start;
  let lhs = parseUnary(c, o);
  for (let op = infixOp(c, FACTOR); op !== undefined; op = infixOp(c, FACTOR)) {
    const t = c.next();
    const rhs = parseUnary(c, o);
    lhs = call(op, [lhs, rhs], start, c.prevEnd, t.kind);
  }
  return lhs;
}

function parseUnary(c: Cursor, o: TermOpts): Term {
  if (!c.at("-")) return parseTerm(c);
  const minus = c.next();
  const t = c.tok;
  // `-1` is a number literal (text keeps the sign); `-x` is minus(0, x).
  if (t.kind === "Number" && t.start === minus.end) {
    c.next();
    return parsePostfix(c, { kind: "Number", text: "-" + t.text, span: { start: minus.start, end: t.end } }, minus.start);
  }
  const operand = parseUnary(c, o);
  const zero: Term = { kind: "Number", text: "0", span: { start: minus.start, end: minus.end } };
  return call("minus", [zero, operand], minus.start, c.prevEnd, "-");
}

/** parseTerm parses a primary term with its ref/call suffixes. */
export function parseTerm(c: Cursor): Term {
  const t = c.tok;
  const start = t.start;
  const span = { start: t.start, end: t.end };
  switch (t.kind) {
    case "null": c.next(); return parsePostfix(c, { kind: "Null", span }, start);
    case "true": c.next(); return parsePostfix(c, { kind: "Boolean", value: true, span }, start);
    case "false": c.next(); return parsePostfix(c, { kind: "Boolean", value: false, span }, start);
    case "Number": c.next(); return parsePostfix(c, { kind: "Number", text: t.text, span }, start);
    case "String":
    case "RawString":
      c.next();
      return parsePostfix(c, { kind: "String", value: t.value ?? "", span }, start);
    case "Ident":
      c.next();
      if (t.text === "set" && c.at("(") && c.peek().kind === ")" && c.tok.start === t.end) {
        c.next();
        c.next();
        return parsePostfix(c, { kind: "Set", items: [], span: c.span(start) }, start);
      }
      return parsePostfix(c, { kind: "Var", name: t.text, span }, start);
    case "(": {
      c.next();
      const inner = parseTermIn(c, true, {});
      c.expect(")", '")"');
      return parsePostfix(c, inner, start);
    }
    case "[": return parsePostfix(c, parseArray(c), start);
    case "{": return parsePostfix(c, parseBraces(c), start);
    default:
      // A soft keyword where a term starts is a name: `contains(s, x)`, `in := 1`.
      if (SOFT_KEYWORDS.has(t.kind)) {
        c.next();
        return parsePostfix(c, { kind: "Var", name: t.text, span }, start);
      }
      return c.unexpected("term");
  }
}

/** isCallable reports whether a term can name a function: a var or a ref with only dot segments. */
function callableRef(t: Term): RefTerm | undefined {
  if (t.kind === "Var") return { kind: "Ref", head: t, path: [], span: t.span };
  if (t.kind === "Ref" && t.head.kind === "Var" && t.path.every((p) => p.kind === "String")) return t;
  return undefined;
}

/** parsePostfix parses `.name`, `[term]` and `(args)` after a term (no newline before them). */
function parsePostfix(c: Cursor, term: Term, start: number): Term {
  let cur = term;
  while (!c.tok.nl) {
    if (c.at(".")) {
      c.next();
      const name = c.tok;
      if (name.kind === "EOF" || (name.kind !== "Ident" && !/^[a-z]+$/.test(name.text))) c.unexpected("name after \".\"");
      if (name.start !== c.prevEnd) c.fail("whitespace is not allowed after \".\"", c.prevEnd);
      c.next();
      cur = extend(cur, { kind: "String", value: name.text, span: { start: name.start, end: name.end } }, start, c.prevEnd);
    } else if (c.at("[")) {
      c.next();
      const key = parseTermIn(c, false, {});
      c.expect("]", '"]"');
      cur = extend(cur, key, start, c.prevEnd);
    } else if (c.at("(") && c.tok.start === c.prevEnd) {
      const fn = callableRef(cur);
      if (fn === undefined) return c.unexpected("\\n or ; (a call needs a function name)");
      c.next();
      const args: Term[] = [];
      while (!c.at(")")) {
        args.push(parseTermIn(c, false, {}));
        if (!c.eat(",")) break;
      }
      c.expect(")", '")" or ","');
      cur = { kind: "Call", fn, args, span: c.span(start) };
    } else {
      break;
    }
  }
  return cur;
}

function extend(cur: Term, seg: Term, start: number, end: number): RefTerm {
  const span = { start, end };
  if (cur.kind === "Ref") return { kind: "Ref", head: cur.head, path: [...cur.path, seg], span };
  return { kind: "Ref", head: cur, path: [seg], span };
}

function parseArray(c: Cursor): ArrayTerm | Term {
  const start = c.expect("[").start;
  if (c.eat("]")) return { kind: "Array", items: [], span: c.span(start) };
  const first = parseTermIn(c, false, { noBitOr: true });
  if (c.eat("|")) {
    const body = parseBodyUntil(c, "]");
    c.expect("]", '"]"');
    if (body.length === 0) c.fail("found empty body in comprehension", start, c.prevEnd);
    return { kind: "ArrayComprehension", term: first, body, span: c.span(start) };
  }
  const items: Term[] = [first];
  while (c.eat(",")) {
    if (c.at("]")) break;
    items.push(parseTermIn(c, false, {}));
  }
  c.expect("]", '"]" or ","');
  return { kind: "Array", items, span: c.span(start) };
}

function parseBraces(c: Cursor): Term {
  const start = c.expect("{").start;
  if (c.eat("}")) return { kind: "Object", items: [], span: c.span(start) };
  const first = parseTermIn(c, false, { noBitOr: true });
  if (c.eat(":")) {
    const value = parseTermIn(c, false, { noBitOr: true });
    if (c.eat("|")) {
      const body = parseBodyUntil(c, "}");
      c.expect("}", '"}"');
      if (body.length === 0) c.fail("found empty body in comprehension", start, c.prevEnd);
      return { kind: "ObjectComprehension", key: first, value, body, span: c.span(start) };
    }
    const items: ObjectItem[] = [{ key: first, value }];
    while (c.eat(",")) {
      if (c.at("}")) break;
      const k = parseTermIn(c, false, {});
      c.expect(":", '":"');
      items.push({ key: k, value: parseTermIn(c, false, {}) });
    }
    c.expect("}", '"}" or ","');
    return { kind: "Object", items, span: c.span(start) };
  }
  if (c.eat("|")) {
    const body = parseBodyUntil(c, "}");
    c.expect("}", '"}"');
    if (body.length === 0) c.fail("found empty body in comprehension", start, c.prevEnd);
    return { kind: "SetComprehension", term: first, body, span: c.span(start) };
  }
  const items: Term[] = [first];
  while (c.eat(",")) {
    if (c.at("}")) break;
    items.push(parseTermIn(c, false, {}));
  }
  c.expect("}", '"}" or ","');
  return { kind: "Set", items, span: c.span(start) };
}
