/*
 * The Rego AST: `kind`-tagged node unions produced by the parser (parser.ts) and rewritten
 * (resolved, renamed, reordered) by the checker (check.ts). Every node carries a `span` of
 * UTF-16 offsets into its module's SourceFile.text; positions are computed only for diagnostics.
 * Input: nothing (types only). Output: the node types every later stage shares.
 */

import type { SourceFile } from "../diagnostics/source.js";

/** Span is a half-open [start, end) range of UTF-16 offsets into SourceFile.text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

// ---------------------------------------------------------------------------------------------
// Terms

/** NullTerm is `null`. */
export interface NullTerm {
  readonly kind: "Null";
  readonly span: Span;
}

/** BooleanTerm is `true` or `false`. */
export interface BooleanTerm {
  readonly kind: "Boolean";
  readonly value: boolean;
  readonly span: Span;
}

/**
 * NumberTerm keeps the literal's source text (e.g. "1", "-2.5e10", "123456789012345678901234")
 * so big integers and decimals never lose precision; a unary minus on a literal is folded in.
 */
export interface NumberTerm {
  readonly kind: "Number";
  readonly text: string;
  readonly span: Span;
}

/** StringTerm is a decoded string literal ("..." with escapes, or `raw` backtick text). */
export interface StringTerm {
  readonly kind: "String";
  readonly value: string;
  readonly span: Span;
}

/**
 * VarTerm is a variable or a ref head name (`x`, `input`, `data`, `_`).
 * After check: `_` becomes a unique `$N`, declared locals (`:=`, `some`, `every`) become
 * unique `__localN__` names; `original` keeps the source name for messages and query bindings.
 */
export interface VarTerm {
  readonly kind: "Var";
  readonly name: string;
  readonly original?: string;
  readonly span: Span;
}

/**
 * RefTerm is `head.a[b]["c"]...`. Dot segments are StringTerms. The head is a VarTerm, or a
 * CallTerm (`f(x).y`), or (after check's rewrites) any term. After check, refs to documents are
 * absolute: head `data` or `input`; otherwise the head is a local variable.
 */
export interface RefTerm {
  readonly kind: "Ref";
  readonly head: Term;
  readonly path: readonly Term[];
  readonly span: Span;
}

/**
 * CallTarget says what a call resolves to (set by check): a builtin by its dotted name, or a
 * user function by its full data path (e.g. "data.pkg.f").
 */
export type CallTarget =
  | { readonly kind: "Builtin"; readonly name: string }
  | { readonly kind: "Function"; readonly path: string };

/**
 * CallTerm is a call `f(a, b)`, `object.get(o, k, d)`, `data.pkg.f(x)`, or an operator
 * desugared to its builtin: `a + b` → plus, `a == b` → equal, `a = b` → eq, `a := b` → assign,
 * `x in xs` → internal.member_2, `k, v in xs` → internal.member_3, `-x` → minus(0, x).
 * `fn` is the operator's ref as written (a VarTerm-headed RefTerm); `target` is set by check.
 * `infix` records the operator text when the call came from an infix/unary operator.
 */
export interface CallTerm {
  readonly kind: "Call";
  readonly fn: RefTerm;
  readonly args: readonly Term[];
  readonly infix?: string;
  readonly target?: CallTarget;
  readonly span: Span;
}

/** ArrayTerm is `[a, b]`. */
export interface ArrayTerm {
  readonly kind: "Array";
  readonly items: readonly Term[];
  readonly span: Span;
}

/** SetTerm is `{a, b}` or `set()`. */
export interface SetTerm {
  readonly kind: "Set";
  readonly items: readonly Term[];
  readonly span: Span;
}

/** ObjectItem is one `key: value` pair of an object. */
export interface ObjectItem {
  readonly key: Term;
  readonly value: Term;
}

/** ObjectTerm is `{k: v, ...}` (and `{}`, the empty object). */
export interface ObjectTerm {
  readonly kind: "Object";
  readonly items: readonly ObjectItem[];
  readonly span: Span;
}

/** ArrayComprehension is `[term | body]`. */
export interface ArrayComprehension {
  readonly kind: "ArrayComprehension";
  readonly term: Term;
  readonly body: Body;
  readonly span: Span;
}

/** SetComprehension is `{term | body}`. */
export interface SetComprehension {
  readonly kind: "SetComprehension";
  readonly term: Term;
  readonly body: Body;
  readonly span: Span;
}

/** ObjectComprehension is `{key: value | body}`. */
export interface ObjectComprehension {
  readonly kind: "ObjectComprehension";
  readonly key: Term;
  readonly value: Term;
  readonly body: Body;
  readonly span: Span;
}

/** Term is any Rego value expression. */
export type Term =
  | NullTerm
  | BooleanTerm
  | NumberTerm
  | StringTerm
  | VarTerm
  | RefTerm
  | CallTerm
  | ArrayTerm
  | SetTerm
  | ObjectTerm
  | ArrayComprehension
  | SetComprehension
  | ObjectComprehension;

// ---------------------------------------------------------------------------------------------
// Expressions and bodies

/** SomeDecl is `some x, y` (declares locals, binds nothing). */
export interface SomeDecl {
  readonly kind: "SomeDecl";
  readonly vars: readonly VarTerm[];
  readonly span: Span;
}

/**
 * SomeIn is `some v in xs` or `some k, v in xs` (k and v may be patterns). Check rewrites it
 * to a unification over a ref (`v = xs[k]`), so the planner never sees SomeIn.
 */
export interface SomeIn {
  readonly kind: "SomeIn";
  readonly key?: Term;
  readonly value: Term;
  readonly collection: Term;
  readonly span: Span;
}

/** Every is `every v in xs { body }` or `every k, v in xs { body }` (k, v are variables). */
export interface Every {
  readonly kind: "Every";
  readonly key?: VarTerm;
  readonly value: VarTerm;
  readonly domain: Term;
  readonly body: Body;
  readonly span: Span;
}

/**
 * WithTargetKind says what a `with` target replaces (set by check): part of `input`, part of
 * `data` (base or virtual document), a user function (target is its data ref) or a builtin
 * (target is the builtin's name ref, e.g. `time.now_ns`).
 */
export type WithTargetKind = "input" | "data" | "function" | "builtin";

/**
 * WithValueKind says what a `with` value is (set by check): an ordinary term, a user function
 * (value is its absolute data ref) or a builtin (value is the builtin's name ref).
 */
export type WithValueKind = "value" | "function" | "builtin";

/** With is one `with target as value` modifier; target is a ref (input/data/function/builtin). */
export interface With {
  readonly kind: "With";
  readonly target: RefTerm;
  readonly value: Term;
  readonly targetKind?: WithTargetKind;
  readonly valueKind?: WithValueKind;
  readonly span: Span;
}

/** ExprValue is what an expression evaluates: a term (true unless undefined/false) or a declaration. */
export type ExprValue = Term | SomeDecl | SomeIn | Every;

/** Expr is one body expression, optionally negated (`not`) and with `with` modifiers. */
export interface Expr {
  readonly kind: "Expr";
  readonly negated: boolean;
  readonly value: ExprValue;
  readonly with: readonly With[];
  readonly span: Span;
}

/** Body is a conjunction of expressions (an empty body is `true`). */
export type Body = readonly Expr[];

// ---------------------------------------------------------------------------------------------
// Rules and modules

/**
 * RuleHead is a rule head as written. `ref` is the name path (`p`, `a.b.c`, `p.q[r]`);
 * `args` is present for functions; `contains` marks `p contains x` (x in `key`);
 * `assign` marks `:=` (vs `=`); `value` is absent for `p { ... }` / `p if { ... }` / `p[x] { }`.
 * v0 `p[x] { }` is parsed as ref `p[x]` with no value (a partial set, resolved by check).
 */
export interface RuleHead {
  readonly kind: "RuleHead";
  readonly ref: RefTerm;
  readonly args?: readonly Term[];
  readonly key?: Term;
  readonly value?: Term;
  readonly assign: boolean;
  readonly contains: boolean;
  readonly span: Span;
}

/** ElseClause is `else [= value] [if] { body }`. */
export interface ElseClause {
  readonly kind: "ElseClause";
  readonly value?: Term;
  readonly body: Body;
  readonly span: Span;
}

/**
 * Rule is one rule as written. `bodies` holds one body per `{...}` block (`p { a } { b }` in
 * v0 is two rule definitions sharing a head); `else` chains apply to the first body.
 * `ifKeyword` records whether `if` was used.
 */
export interface Rule {
  readonly kind: "Rule";
  readonly default: boolean;
  readonly head: RuleHead;
  readonly bodies: readonly Body[];
  readonly else: readonly ElseClause[];
  readonly ifKeyword: boolean;
  readonly span: Span;
}

/** Import is `import data.x.y [as z]`, `import input.x`, `import rego.v1`, `import future.keywords[.x]`. */
export interface Import {
  readonly kind: "Import";
  readonly path: RefTerm;
  readonly alias?: string;
  readonly span: Span;
}

/** Package is `package a.b.c`; `path` is the segments after `data` (["a","b","c"]). */
export interface Package {
  readonly kind: "Package";
  readonly path: readonly string[];
  readonly span: Span;
}

/** Module is one parsed .rego file. `v1` is true when it imports rego.v1 or uses `if`/`contains`. */
export interface Module {
  readonly kind: "Module";
  readonly source: SourceFile;
  readonly package: Package;
  readonly imports: readonly Import[];
  readonly rules: readonly Rule[];
  readonly v1: boolean;
  readonly span: Span;
}

/** Query is a parsed ad-hoc query (`data.x.p = y; y > 1`), compiled as a plan entrypoint. */
export interface Query {
  readonly kind: "Query";
  readonly source: SourceFile;
  readonly body: Body;
  readonly span: Span;
}

/** Node is any AST node. */
export type Node = Term | Expr | SomeDecl | SomeIn | Every | With | RuleHead | ElseClause | Rule | Import | Package | Module | Query;
