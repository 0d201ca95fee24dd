/*
 * Program: the analysed form of a set of Rego modules that the planner consumes.
 * Input: produced by checkModules (check.ts) from parsed Modules. Output: normalised rules
 * grouped by full data path in a rule tree, with resolved refs and safety-reordered bodies.
 * Types only (plus tiny lookup helpers); see docs/rego-frontend.md for the guarantees.
 */

import type { SourceFile } from "../diagnostics/source.js";
import type { Body, Module, Span, Term, VarTerm } from "./ast.js";

/** RuleKind is the normalised kind of a rule (v0 and v1 heads map onto these four). */
export type RuleKind = "complete" | "partial-set" | "partial-object" | "function";

/** ElseBranch is one `else [= value] { body }` of a ProgramRule (value defaults to `true`). */
export interface ElseBranch {
  readonly value: Term;
  readonly body: Body;
  readonly span: Span;
}

/**
 * ProgramRule is one normalised rule definition.
 * - complete:        `path := value if body` (value `true` when omitted)
 * - partial-set:     `path contains key if body` (v0 `p[key] { body }`)
 * - partial-object:  `path[key] := value if body` (v0 `p[key] = value { body }`)
 * - function:        `path(args...) := value if body` (value `true` when omitted)
 * `path` is the full data path without "data" (["pkg", "p"]). `body` is resolved, renamed and
 * reordered for safety. `else` is the chain of else branches (complete and function only).
 */
export interface ProgramRule {
  readonly kind: RuleKind;
  readonly path: readonly string[];
  readonly args: readonly Term[];
  readonly key?: Term;
  /**
   * keyPath is set on rules grouped under a general-ref prefix (`p[q].r := v`, `p.a[x] contains y`,
   * and every rule at or below such a prefix): the key terms below `path` (kind partial-object).
   * The leaf at keyPath is `value`, or, with `setLeaf`, a set that `value` is an element of.
   */
  readonly keyPath?: readonly Term[];
  readonly setLeaf?: boolean;
  /** defaultLeaf: a `default` rule below a general-ref prefix; its value fills keyPath when nothing else did. */
  readonly defaultLeaf?: boolean;
  readonly value: Term;
  readonly body: Body;
  readonly else: readonly ElseBranch[];
  readonly isDefault: boolean;
  readonly source: SourceFile;
  readonly span: Span;
}

/**
 * RuleSet is every definition at one data path. `rules` excludes the default, in source order
 * (module order, then position). `arity` is set for functions.
 */
export interface RuleSet {
  readonly kind: RuleKind;
  readonly path: readonly string[];
  readonly arity?: number;
  readonly rules: readonly ProgramRule[];
  readonly default?: ProgramRule;
}

/**
 * RuleTreeNode is one node of the tree of data paths that hold rules (virtual documents).
 * A node with `ruleSet` is a rule; other nodes are packages/prefixes. Paths not in the tree
 * are base documents (data.json). A ruleSet node may also have children only in the error-free
 * case where none exist (conflicts are reported), so rule nodes are leaves.
 */
export interface RuleTreeNode {
  readonly name: string;
  readonly children: ReadonlyMap<string, RuleTreeNode>;
  readonly ruleSet?: RuleSet;
}

/** Program is the checked program: rule sets by path key ("pkg.p"), the tree, and used builtins. */
export interface Program {
  readonly modules: readonly Module[];
  /** ruleSets maps the dotted data path without "data" (e.g. "a.b.p") to its RuleSet. */
  readonly ruleSets: ReadonlyMap<string, RuleSet>;
  /** tree is the root (`data`) of the rule tree. */
  readonly tree: RuleTreeNode;
  /** builtins lists every builtin name called anywhere (sorted). */
  readonly builtins: readonly string[];
}

/** CheckedQuery is a checked ad-hoc query: its reordered body and the result bindings. */
export interface CheckedQuery {
  readonly body: Body;
  /** bindings maps each user-visible query variable (source name) to its var in `body`. */
  readonly bindings: ReadonlyArray<{ readonly name: string; readonly var: VarTerm }>;
  readonly source: SourceFile;
}

/** pathKey joins a data path (without "data") with dots: ["a","b"] → "a.b". */
export function pathKey(path: readonly string[]): string {
  return path.join(".");
}

/** lookupNode walks the rule tree along a path; undefined when the path leaves the tree. */
export function lookupNode(tree: RuleTreeNode, path: readonly string[]): RuleTreeNode | undefined {
  let node: RuleTreeNode | undefined = tree;
  for (const seg of path) {
    node = node.children.get(seg);
    if (node === undefined) return undefined;
  }
  return node;
}
