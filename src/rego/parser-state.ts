/*
 * The parser's token cursor: lookahead, expectation and error reporting shared by the module
 * parser (parser.ts) and the term/expression parser (parser-terms.ts).
 * Input: a token stream from lex(). Output: rego_parse_error diagnostics; a ParseAbort is thrown
 * to unwind to the nearest recovery point (the next rule or expression).
 */

import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticAt } from "../diagnostics/diagnostic.js";
import type { SourceFile } from "../diagnostics/source.js";
import type { Span } from "./ast.js";
import type { Token, TokenKind } from "./tokens.js";
import { tokenName } from "./tokens.js";

/** ParseAbort unwinds the parser after an error was recorded; never escapes parseModule. */
export class ParseAbort extends Error {
  constructor() {
    super("parse abort");
    this.name = "ParseAbort";
  }
}

/** Cursor walks the token stream and records parse errors. */
export class Cursor {
  readonly source: SourceFile;
  readonly tokens: readonly Token[];
  readonly diagnostics: Diagnostic[] = [];
  pos = 0;
  /** usedV1Keywords is set when `if` or `contains` is used as a keyword (marks a v1 module). */
  usedV1Keywords = false;

  constructor(source: SourceFile, tokens: readonly Token[]) {
    this.source = source;
    this.tokens = tokens;
  }

  /** tok is the current token (EOF at the end). */
  get tok(): Token {
    return this.peek(0);
  }

  /** peek returns the token k positions ahead (EOF past the end). */
  peek(k = 1): Token {
    const t = this.tokens[Math.min(this.pos + k, this.tokens.length - 1)];
    if (t === undefined) throw new Error("internal: empty token stream");
    return t;
  }

  /** prevEnd is the end offset of the previous token. */
  get prevEnd(): number {
    return this.tokens[this.pos - 1]?.end ?? 0;
  }

  /** at reports whether the current token has the kind. */
  at(kind: TokenKind): boolean {
    return this.tok.kind === kind;
  }

  /** next consumes and returns the current token. */
  next(): Token {
    const t = this.tok;
    if (t.kind !== "EOF") this.pos++;
    return t;
  }

  /** eat consumes the current token when it has the kind. */
  eat(kind: TokenKind): Token | undefined {
    return this.at(kind) ? this.next() : undefined;
  }

  /** expect consumes a token of the kind or fails with `expected <what>`. */
  expect(kind: TokenKind, what: string = `"${kind}"`): Token {
    const t = this.eat(kind);
    if (t === undefined) this.unexpected(what);
    return t;
  }

  /** unexpected fails at the current token: `unexpected X token: expected Y`. */
  unexpected(expected?: string): never {
    const t = this.tok;
    const base = t.kind === "EOF" ? "unexpected eof token" : `unexpected ${tokenName(t)} token`;
    return this.fail(expected === undefined ? base : `${base}: expected ${expected}`, t.start, t.end);
  }

  /** fail records a rego_parse_error at [start, end) and aborts. */
  fail(message: string, start: number, end: number = start): never {
    this.error(message, start, end);
    throw new ParseAbort();
  }

  /** error records a rego_parse_error without aborting. */
  error(message: string, start: number, end: number = start): void {
    this.diagnostics.push(diagnosticAt("rego_parse_error", message, this.source, start, end));
  }

  /** span builds a span from a start offset to the end of the previous token. */
  span(start: number): Span {
    return { start, end: this.prevEnd };
  }
}
