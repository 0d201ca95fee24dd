/*
 * Planner state shared by every planning area (rules, bodies, refs, with, terms): the constant
 * pools, the func table, the statement buffer being filled, the variable scope and the `with`
 * environment. Input: a checked Program. Output: the pieces `plan` (plan.ts) assembles into a Policy.
 * Planning is continuation-passing, like OPA's planner: `k` plans the rest of the query inside
 * the innermost block opened so far (a scan body, a with block ...).
 */

import { diagnostic } from "../diagnostics/diagnostic.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceFile } from "../diagnostics/source.js";
import type { CallTarget, Span, Term } from "../rego/ast.js";
import type { Program, RuleSet } from "../rego/program.js";
import { LOCAL_DATA, LOCAL_INPUT } from "./ir.js";
import type { Block, BuiltinFunc, Func, Loc, Local, Operand, Stmt } from "./ir.js";
import { builtinDecl } from "./builtin-info.js";
import { BUILTINS } from "../rego/builtins.js";
import type { BuiltinTable } from "../rego/builtins.js";
import { buildTrie } from "./trie.js";
import type { TrieNode } from "./trie.js";

/** Iter plans the rest of the query (the continuation). */
export type Iter = () => void;
/** OpIter plans the rest of the query given the operand that holds the value just planned. */
export type OpIter = (o: Operand) => void;

/** StmtNoLoc is a statement before the planner stamps its location. */
export type StmtNoLoc = Stmt extends infer S ? (S extends Stmt ? Omit<S, "loc"> : never) : never;

/** Mock is what a `with f as ...` / `with builtin as ...` modifier installs. */
export type Mock =
  | { readonly kind: "func"; readonly target: CallTarget }
  | { readonly kind: "value"; readonly term: Term; readonly source: SourceFile; readonly funcId: number; readonly usesLocals: boolean };

/** Env is the `with` environment rules are planned under (distinct envs give distinct funcs). */
export interface Env {
  readonly key: string;
  readonly gen: number;
  readonly mocks: ReadonlyMap<string, Mock>;
  readonly shadows: readonly (readonly string[])[];
}

/** Scope maps Rego variable names to locals; frames are pushed at branch points. */
export class Scope {
  readonly parent: Scope | undefined;
  private readonly vars = new Map<string, Local>();
  constructor(parent?: Scope) {
    this.parent = parent;
  }
  /** get finds a variable's local (input/data are locals 0/1). */
  get(name: string): Local | undefined {
    if (name === "input") return LOCAL_INPUT;
    if (name === "data") return LOCAL_DATA;
    for (let s: Scope | undefined = this; s !== undefined; s = s.parent) {
      const l = s.vars.get(name);
      if (l !== undefined) return l;
    }
    return undefined;
  }
  /** set binds a variable in this frame. */
  set(name: string, l: Local): void {
    this.vars.set(name, l);
  }
}

/** Planner holds all planning state; the area modules are functions over it. */
export class Planner {
  readonly program: Program;
  readonly trie: TrieNode;
  readonly diagnostics: Diagnostic[] = [];
  readonly strings: { value: string }[] = [];
  private readonly stringIndex = new Map<string, number>();
  readonly files: { value: string }[] = [];
  private readonly fileIndex = new Map<string, number>();
  private readonly builtinFuncs = new Map<string, BuiltinFunc>();
  readonly funcs: Func[] = [];
  readonly funcNames = new Map<string, string>();
  private readonly envs = new Map<string, Env>();
  private funcCounter = 0;
  private mockCounter = 0;

  // Per-body state (saved/restored around func planning).
  curr: Stmt[] = [];
  lnext: Local = 2;
  scope: Scope = new Scope();
  loc: Loc = { file: 0, row: 0, col: 0 };
  source: SourceFile | undefined;
  env: Env;
  funcId = 0;
  /** pkg is the package path of the rule being planned (to resolve bare function names in `with`). */
  pkg: readonly string[] = [];

  /** builtins is the builtin table (front end's BUILTINS plus custom host builtins). */
  readonly builtins: BuiltinTable;

  constructor(program: Program, builtins: BuiltinTable = BUILTINS) {
    this.program = program;
    this.builtins = builtins;
    this.trie = buildTrie(program);
    this.env = { key: "", gen: 0, mocks: new Map(), shadows: [] };
    this.envs.set("", this.env);
  }

  /** newLocal allocates a fresh local in the current plan/func. */
  newLocal(): Local {
    return this.lnext++;
  }

  /** emit appends a statement (stamped with the current location) to the current block. */
  emit(s: StmtNoLoc): void {
    this.curr.push({ ...s, loc: this.loc } as Stmt);
  }

  /** block plans `fn` into a fresh block and returns it (the current block is restored). */
  block(fn: () => void): Block {
    const prev = this.curr;
    const stmts: Stmt[] = [];
    this.curr = stmts;
    try {
      fn();
    } finally {
      this.curr = prev;
    }
    return { stmts };
  }

  /** scoped runs `fn` with a new variable frame that is dropped afterwards. */
  scoped(fn: () => void): void {
    const prev = this.scope;
    this.scope = new Scope(prev);
    try {
      fn();
    } finally {
      this.scope = prev;
    }
  }

  /** str interns a string constant. */
  str(value: string): number {
    let i = this.stringIndex.get(value);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push({ value });
      this.stringIndex.set(value, i);
    }
    return i;
  }

  /** strOp is a string_index operand for a constant. */
  strOp(value: string): Operand {
    return { type: "string_index", value: this.str(value) };
  }

  /** file interns a file name. */
  file(path: string): number {
    let i = this.fileIndex.get(path);
    if (i === undefined) {
      i = this.files.length;
      this.files.push({ value: path });
      this.fileIndex.set(path, i);
    }
    return i;
  }

  /** locAt computes a statement location from a span of the current source. */
  locAt(span: Span, source: SourceFile | undefined = this.source): Loc {
    if (source === undefined) return { file: 0, row: 0, col: 0 };
    const pos = source.positionAt(span.start);
    return { file: this.file(source.path), row: pos.line, col: pos.column };
  }

  /** setLoc makes `span` the location of the statements emitted next. */
  setLoc(span: Span): void {
    this.loc = this.locAt(span);
  }

  /** useBuiltin records a builtin call for static.builtin_funcs. */
  useBuiltin(name: string, argc: number): void {
    if (!this.builtinFuncs.has(name)) this.builtinFuncs.set(name, { name, decl: builtinDecl(name, argc, this.builtins) });
  }

  /** builtinList is static.builtin_funcs, sorted by name. */
  builtinList(): BuiltinFunc[] {
    return [...this.builtinFuncs.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** error records a planner diagnostic at a span of the current source. */
  error(code: string, message: string, span: Span, source: SourceFile | undefined = this.source): void {
    if (source === undefined) {
      this.diagnostics.push(diagnostic(code, message, { file: "<entrypoint>" }));
      return;
    }
    const pos = source.positionAt(span.start);
    this.diagnostics.push(diagnostic(code, message, { file: source.path, line: pos.line, column: pos.column }));
  }

  /** withEnv derives (and interns) the env with extra mocks and shadows. */
  deriveEnv(mocks: ReadonlyMap<string, Mock>, shadows: readonly (readonly string[])[]): Env {
    const mockKey = [...mocks.entries()]
      .map(([k, m]) => `${k}=${m.kind === "func" ? (m.target.kind === "Builtin" ? m.target.name : m.target.path) : `#${++this.mockCounter}`}`)
      .sort()
      .join(",");
    const shadowKey = shadows.map((s) => s.join("/")).sort().join(",");
    const key = mockKey === "" && shadowKey === "" ? "" : `${mockKey}|${shadowKey}`;
    let env = this.envs.get(key);
    if (env === undefined) {
      env = { key, gen: this.envs.size, mocks, shadows };
      this.envs.set(key, env);
    }
    return env;
  }

  /** nextFuncId numbers funcs being planned (mock values may only use locals of their own func). */
  nextFuncId(): number {
    return ++this.funcCounter;
  }

  /** isShadowed reports whether a data path is replaced by an active `with data...` modifier. */
  isShadowed(path: readonly string[]): boolean {
    return this.env.shadows.some((s) => s.length <= path.length && s.every((seg, i) => seg === path[i]));
  }

  /** child returns the visible child of a trie node (undefined when absent or shadowed). */
  child(node: TrieNode, name: string): TrieNode | undefined {
    const c = node.children.get(name);
    if (c === undefined || this.isShadowed(c.path)) return undefined;
    return c;
  }

  /** children lists the visible children of a trie node, sorted by name. */
  childrenOf(node: TrieNode): TrieNode[] {
    return [...node.children.values()].filter((c) => !this.isShadowed(c.path)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** ruleSetAt finds the rule set at a dotted data path ("pkg.f"). */
  ruleSetAt(path: string): RuleSet | undefined {
    return this.program.ruleSets.get(path);
  }
}
