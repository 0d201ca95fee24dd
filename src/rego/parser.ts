/*
 * The Rego module and query parser (v0 and v1 syntax). Input: a SourceFile. Output:
 * {module?, diagnostics} / {query?, diagnostics}: a syntactic AST (heads as written; check.ts
 * normalises them) and every rego_parse_error found, recovering at the next rule.
 */

import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceFile } from "../diagnostics/source.js";
import type { Body, ElseClause, Import, Module, Package, Query, RefTerm, Rule, RuleHead, Term } from "./ast.js";
import { lex } from "./lexer.js";
import { Cursor, ParseAbort } from "./parser-state.js";
import { parseBodyUntil, parseBracedBody, parseLiteralExpr, parseTerm, parseTermIn } from "./parser-terms.js";

/** ParseResult is a module (absent when the package clause is missing) and all parse errors. */
export interface ParseResult {
  readonly module?: Module;
  readonly diagnostics: readonly Diagnostic[];
}

/** QueryResult is a parsed query (absent on errors) and all parse errors. */
export interface QueryResult {
  readonly query?: Query;
  readonly diagnostics: readonly Diagnostic[];
}

/** parseModule parses one .rego file; it never throws for bad input. */
export function parseModule(source: SourceFile): ParseResult {
  const lexed = lex(source);
  const c = new Cursor(source, lexed.tokens);
  c.diagnostics.push(...lexed.diagnostics);
  let pkg: Package | undefined;
  try {
    pkg = parsePackage(c);
  } catch (e) {
    if (!(e instanceof ParseAbort)) throw e;
    return { diagnostics: byPosition(c.diagnostics) };
  }
  const imports: Import[] = [];
  const rules: Rule[] = [];
  while (!c.at("EOF")) {
    const before = c.pos;
    try {
      if (c.at("import")) {
        if (rules.length > 0) c.fail("import must come before rules", c.tok.start, c.tok.end);
        imports.push(parseImport(c));
      } else if (c.at("package")) {
        c.fail("unexpected package: only one package clause is allowed per file", c.tok.start, c.tok.end);
      } else {
        rules.push(parseRule(c));
      }
      if (!c.at("EOF") && !c.tok.nl && !c.at(";")) c.unexpected("\\n");
      c.eat(";");
    } catch (e) {
      if (!(e instanceof ParseAbort)) throw e;
      recover(c, before);
    }
  }
  const v1Import = imports.some((i) => refText(i.path) === "rego.v1");
  const futureImport = imports.some((i) => refText(i.path).startsWith("future.keywords"));
  const v1 = v1Import || (c.usedV1Keywords && !futureImport);
  const module: Module = {
    kind: "Module",
    source,
    package: pkg,
    imports,
    rules,
    v1,
    span: { start: 0, end: source.text.length },
  };
  return { module, diagnostics: byPosition(c.diagnostics) };
}

/** byPosition sorts diagnostics by line and column (lexer and parser errors interleave). */
function byPosition(ds: Diagnostic[]): Diagnostic[] {
  return ds.sort((a, b) => (a.span.line ?? 0) - (b.span.line ?? 0) || (a.span.column ?? 0) - (b.span.column ?? 0));
}

/** parseQuery parses an ad-hoc query: expressions separated by `;` or newlines. */
export function parseQuery(source: SourceFile): QueryResult {
  const lexed = lex(source);
  const c = new Cursor(source, lexed.tokens);
  c.diagnostics.push(...lexed.diagnostics);
  let body: Body = [];
  try {
    body = parseBodyUntil(c, "EOF");
    if (!c.at("EOF")) c.unexpected();
    if (body.length === 0) c.fail("empty query", 0);
  } catch (e) {
    if (!(e instanceof ParseAbort)) throw e;
  }
  if (c.diagnostics.length > 0) return { diagnostics: byPosition(c.diagnostics) };
  return { query: { kind: "Query", source, body, span: { start: 0, end: source.text.length } }, diagnostics: [] };
}

/** refText renders a ref of names as dotted text (`data.a.b`), for imports and messages. */
export function refText(ref: RefTerm): string {
  const head = ref.head.kind === "Var" ? ref.head.name : "?";
  return [head, ...ref.path.map((p) => (p.kind === "String" ? p.value : "[?]"))].join(".");
}

/** recover skips to the next token that starts a line at bracket depth 0 (a likely rule start). */
function recover(c: Cursor, before: number): void {
  if (c.pos === before) c.next();
  let depth = 0;
  while (!c.at("EOF")) {
    const t = c.tok;
    if (depth <= 0 && t.nl && c.pos > before) return;
    if (t.kind === "{" || t.kind === "[" || t.kind === "(") depth++;
    else if (t.kind === "}" || t.kind === "]" || t.kind === ")") depth--;
    c.next();
  }
}

function parsePackage(c: Cursor): Package {
  const start = c.tok.start;
  if (!c.at("package")) c.unexpected("package");
  c.next();
  const ref = parseNameRef(c, "package name");
  const path: string[] = [];
  for (const seg of [ref.head, ...ref.path]) {
    if (seg.kind === "Var") path.push(seg.name);
    else if (seg.kind === "String") path.push(seg.value);
    else c.fail("package path must contain only names and strings", seg.span.start, seg.span.end);
  }
  if (path[0] === "data" && path.length > 1) path.shift();
  return { kind: "Package", path, span: c.span(start) };
}

/** parseNameRef parses a ref made of a name and `.name` / `["str"]` segments (package, import). */
function parseNameRef(c: Cursor, what: string): RefTerm {
  const t = parseTerm(c);
  if (t.kind === "Var") return { kind: "Ref", head: t, path: [], span: t.span };
  if (t.kind === "Ref" && t.head.kind === "Var" && t.path.every((p) => p.kind === "String")) return t;
  return c.fail(`invalid ${what}`, t.span.start, t.span.end);
}

function parseImport(c: Cursor): Import {
  const start = c.expect("import").start;
  const path = parseNameRef(c, "import path");
  if (c.eat("as")) {
    const alias = c.tok;
    if (alias.kind !== "Ident") c.unexpected("alias name");
    c.next();
    return { kind: "Import", path, alias: alias.text, span: c.span(start) };
  }
  return { kind: "Import", path, span: c.span(start) };
}

function parseRule(c: Cursor): Rule {
  const start = c.tok.start;
  const isDefault = c.eat("default") !== undefined;
  const head = parseHead(c, isDefault);
  const bodies: Body[] = [];
  let ifKeyword = false;
  if (c.at("if")) {
    c.next();
    c.usedV1Keywords = true;
    ifKeyword = true;
    bodies.push(parseIfBody(c));
  } else if (c.at("{") && !c.tok.nl) {
    bodies.push(parseBracedBody(c));
    // v0: `p { a } { b }` defines the rule twice (logical OR).
    while (c.at("{") && !c.tok.nl) bodies.push(parseBracedBody(c));
  }
  if (isDefault && bodies.length > 0) c.fail("default rules must not have a body", start, c.prevEnd);
  const elses: ElseClause[] = [];
  while (c.at("else")) {
    const es = c.next().start;
    let value: Term | undefined;
    if (c.at("=") || c.at(":=")) {
      c.next();
      value = parseTermIn(c, false, {});
    }
    let body: Body = [];
    if (c.eat("if")) {
      c.usedV1Keywords = true;
      body = parseIfBody(c);
    } else if (c.at("{") && !c.tok.nl) {
      body = parseBracedBody(c);
    }
    elses.push(value === undefined
      ? { kind: "ElseClause", body, span: c.span(es) }
      : { kind: "ElseClause", value, body, span: c.span(es) });
  }
  return { kind: "Rule", default: isDefault, head, bodies, else: elses, ifKeyword, span: c.span(start) };
}

/** parseIfBody parses what follows `if`: a braced body or a single expression. */
function parseIfBody(c: Cursor): Body {
  if (c.at("{") && c.peek().kind === "}") return parseBracedBody(c); // reports the empty body
  if (c.at("{")) {
    // `if {x: i | ...}` is a single comprehension expression, not a body: try the body first.
    const save = c.pos;
    const saveDiags = c.diagnostics.length;
    try {
      const body = parseBracedBody(c);
      if (c.diagnostics.length === saveDiags) return body;
    } catch (e) {
      if (!(e instanceof ParseAbort)) throw e;
    }
    const bodyDiags = c.diagnostics.splice(saveDiags);
    const bodyEnd = c.pos;
    c.pos = save;
    try {
      const expr = parseLiteralExpr(c);
      if (c.at("EOF") || c.tok.nl || c.at(";") || c.at("else")) return [expr];
    } catch (e) {
      if (!(e instanceof ParseAbort)) throw e;
    }
    // Neither reading works: report the body's errors.
    c.diagnostics.length = saveDiags;
    c.diagnostics.push(...bodyDiags);
    c.pos = bodyEnd;
    throw new ParseAbort();
  }
  return [parseLiteralExpr(c)];
}

function parseHead(c: Cursor, isDefault: boolean): RuleHead {
  const start = c.tok.start;
  if (c.tok.kind !== "Ident") c.unexpected(isDefault ? "rule name after default" : "rule");
  // The name ref: `p`, `a.b.c`, `p[x]`, `p.q[r]`; a call `f(x)` is split into ref + args.
  const t = parseTerm(c);
  let ref: RefTerm;
  let args: Term[] | undefined;
  if (t.kind === "Var") ref = { kind: "Ref", head: t, path: [], span: t.span };
  else if (t.kind === "Ref" && t.head.kind === "Var") ref = t;
  else if (t.kind === "Call") {
    ref = t.fn;
    args = [...t.args];
  } else return c.fail("invalid rule head", t.span.start, t.span.end);
  let key: Term | undefined;
  let value: Term | undefined;
  let assign = false;
  let contains = false;
  if (c.at("contains")) {
    c.next();
    c.usedV1Keywords = true;
    contains = true;
    key = parseTermIn(c, false, {});
  } else if (c.at("=") || c.at(":=")) {
    assign = c.next().kind === ":=";
    value = parseTermIn(c, false, {});
  }
  const base = { kind: "RuleHead" as const, ref, assign, contains, span: c.span(start) };
  return {
    ...base,
    ...(args === undefined ? {} : { args }),
    ...(key === undefined ? {} : { key }),
    ...(value === undefined ? {} : { value }),
  };
}
