/*
 * Token kinds of the Rego lexer: an `as const` table of kinds, the keyword table and the
 * Token shape. Input: none (data only). Output: TokenKind, Token, KEYWORDS, tokenName().
 */

/** TokenKinds lists every token kind; punctuation kinds are named after their text. */
export const TokenKinds = [
  "Ident", "Number", "String", "RawString", "EOF",
  // keywords
  "package", "import", "as", "default", "else", "not", "with", "some", "every", "in", "if",
  "contains", "true", "false", "null",
  // punctuation and operators
  "{", "}", "[", "]", "(", ")", ".", ",", ";", ":", "|", "&", "=", ":=", "==", "!=", "<", "<=",
  ">", ">=", "+", "-", "*", "/", "%",
] as const;

/** TokenKind is one entry of TokenKinds. */
export type TokenKind = (typeof TokenKinds)[number];

/** Token is one lexeme: its kind, [start, end) offsets, and whether a newline precedes it. */
export interface Token {
  readonly kind: TokenKind;
  readonly start: number;
  readonly end: number;
  /** text is the source text (identifier name, number literal, raw operator). */
  readonly text: string;
  /** value is the decoded value of String/RawString tokens. */
  readonly value?: string;
  /** nl is true when at least one newline separates this token from the previous one. */
  readonly nl: boolean;
}

/** KEYWORDS maps each reserved word to its token kind. */
export const KEYWORDS: ReadonlyMap<string, TokenKind> = new Map<string, TokenKind>([
  ["package", "package"], ["import", "import"], ["as", "as"], ["default", "default"],
  ["else", "else"], ["not", "not"], ["with", "with"], ["some", "some"], ["every", "every"],
  ["in", "in"], ["if", "if"], ["contains", "contains"], ["true", "true"], ["false", "false"],
  ["null", "null"],
]);

/** tokenName renders a token for messages: identifiers and literals by text, others quoted. */
export function tokenName(t: Token): string {
  switch (t.kind) {
    case "EOF": return "EOF";
    case "Ident": return `ident ${t.text}`;
    case "Number": return `number ${t.text}`;
    case "String":
    case "RawString": return `string ${t.text}`;
    default: return `"${t.text}"`;
  }
}
