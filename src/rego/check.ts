/*
 * The semantic checker: checkModules(modules, opts) → {program, diagnostics}. Normalises rule
 * heads (v0/v1 → complete | partial-set | partial-object | function), builds the rule tree,
 * reports conflicts, resolves imports and refs (check-resolve.ts), renames locals, reorders bodies
 * for safety (check-safety.ts) and detects recursion (check-recursion.ts). Reports ALL problems.
 * Output: a Program (program.ts) for the planner; see docs/rego-frontend.md for its guarantees.
 */

import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticAt } from "../diagnostics/diagnostic.js";
import type { Body, CallTerm, Module, Query, RefTerm, Rule, Span, Term, VarTerm } from "./ast.js";
import type { BuiltinTable } from "./builtins.js";
import { BUILTINS } from "./builtins.js";
import { Resolver, Scope } from "./check-resolve.js";
import type { ResolveEnv, RuleInfo } from "./check-resolve.js";
import { checkRecursion } from "./check-recursion.js";
import { groupGeneralRefs } from "./check-general-refs.js";
import type { Draft } from "./check-general-refs.js";
import { Safety, varsOf } from "./check-safety.js";
import { checkRegexPatterns } from "./regex-check.js";
import { refText } from "./parser.js";
import type { CheckedQuery, ElseBranch, Program, ProgramRule, RuleKind, RuleSet, RuleTreeNode } from "./program.js";
import { pathKey } from "./program.js";

/** CheckOptions: the builtin table and (from codegen/runtime) the builtins actually implemented. */
export interface CheckOptions {
  readonly builtins?: BuiltinTable;
  /** implemented, when given, limits calls to these builtins; others are rego_unsupported_error. */
  readonly implemented?: ReadonlySet<string>;
}

/** CheckResult is the analysed program and every diagnostic found. */
export interface CheckResult {
  readonly program: Program;
  readonly diagnostics: Diagnostic[];
}

interface MutableNode {
  name: string;
  children: Map<string, MutableNode>;
  ruleSet?: RuleSet;
}

const TRUE = (span: Span): Term => ({ kind: "Boolean", value: true, span });

/** checkModules analyses parsed modules into a Program, reporting all semantic problems. */
export function checkModules(modules: readonly Module[], opts: CheckOptions = {}): CheckResult {
  const diagnostics: Diagnostic[] = [];
  const builtins = opts.builtins ?? BUILTINS;
  const written: Draft[] = [];
  for (const m of modules) {
    for (const r of m.rules) written.push(...normalise(r, m, diagnostics));
  }
  const drafts = groupGeneralRefs(written, diagnostics);
  // Group drafts by path and detect kind / arity / default conflicts.
  const groups = new Map<string, Draft[]>();
  for (const d of drafts) {
    const key = pathKey(d.path);
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [d]);
    else g.push(d);
  }
  const info = new Map<string, RuleInfo>();
  for (const [key, g] of groups) {
    const first = g[0];
    if (first === undefined) continue;
    const arities = new Set(g.filter((d) => d.kind === "function").map((d) => d.rule.head.args?.length ?? 0));
    const kinds = new Set(g.map((d) => d.kind));
    if (kinds.size > 1) {
      const d = g.find((x) => x.kind !== first.kind) ?? first;
      diagnostics.push(at(d, "rego_conflict_error", `conflicting rules data.${key} found`));
    } else if (arities.size > 1) {
      const d = g.find((x) => (x.rule.head.args?.length ?? 0) !== (first.rule.head.args?.length ?? 0)) ?? first;
      diagnostics.push(at(d, "rego_conflict_error", `conflicting rules data.${key} found: functions must have the same arity`));
    }
    const defaults = g.filter((d) => d.isDefault);
    for (const d of defaults.slice(1)) diagnostics.push(at(d, "rego_conflict_error", `multiple default rules data.${key} found`));
    const arity = first.kind === "function" ? first.rule.head.args?.length ?? 0 : undefined;
    info.set(key, arity === undefined ? { isFunction: false } : { isFunction: true, arity });
  }
  // Rule paths must not nest (`a.b := 1` and `a.b.c := 2`), across packages too.
  const keys = [...groups.keys()].sort();
  for (let i = 0; i + 1 < keys.length; i++) {
    const a = keys[i] ?? "";
    const b = keys[i + 1] ?? "";
    if (b.startsWith(a + ".")) {
      const d = groups.get(b)?.[0];
      if (d) diagnostics.push(at(d, "rego_conflict_error", `rule data.${b} conflicts with rule data.${a}`));
    }
  }
  // Rules named input or data would shadow the roots.
  for (const d of drafts) {
    const head = d.rule.head.ref.head;
    if (head.kind === "Var" && (head.name === "input" || head.name === "data") && d.rule.head.ref.path.length === 0) {
      diagnostics.push(at(d, "rego_compile_error", `rules must not shadow ${head.name} (use a different rule name)`));
    }
  }

  // Resolve and check every rule, module by module.
  const packageRules = new Map<string, Set<string>>();
  for (const d of drafts) {
    const pk = pathKey(d.module.package.path);
    const set = packageRules.get(pk) ?? new Set<string>();
    const name = d.path[d.module.package.path.length];
    if (name !== undefined) set.add(name);
    packageRules.set(pk, set);
  }
  const builtinsUsed = new Set<string>();
  const resolved = new Map<Draft, ProgramRule>();
  for (const m of modules) {
    const env: ResolveEnv = {
      source: m.source,
      pkgPath: m.package.path,
      imports: resolveImports(m, diagnostics),
      packageRules: packageRules.get(pathKey(m.package.path)) ?? new Set(),
      ruleInfo: (k) => info.get(k),
      builtins,
      implemented: opts.implemented,
      diagnostics,
      counter: { n: 0 },
      builtinsUsed,
    };
    const resolver = new Resolver(env);
    const safety = new Safety({ source: m.source, diagnostics, arity: (c) => arityOf(c, builtins, info) });
    for (const d of drafts) {
      if (d.module === m) resolved.set(d, checkRule(d, resolver, safety));
    }
  }

  // Assemble rule sets and the tree.
  const ruleSets = new Map<string, RuleSet>();
  const root: MutableNode = { name: "data", children: new Map() };
  for (const [key, g] of groups) {
    const first = g[0];
    if (first === undefined) continue;
    const rules = g.filter((d) => !d.isDefault).map((d) => resolved.get(d)).filter((r): r is ProgramRule => r !== undefined);
    const def = g.find((d) => d.isDefault);
    const defRule = def === undefined ? undefined : resolved.get(def);
    const arity = info.get(key)?.arity;
    const rs: RuleSet = {
      kind: first.kind,
      path: first.path,
      rules,
      ...(arity === undefined ? {} : { arity }),
      ...(defRule === undefined ? {} : { default: defRule }),
    };
    ruleSets.set(key, rs);
    let node = root;
    for (const seg of first.path) {
      let child = node.children.get(seg);
      if (child === undefined) {
        child = { name: seg, children: new Map() };
        node.children.set(seg, child);
      }
      node = child;
    }
    node.ruleSet = rs;
  }
  const tree: RuleTreeNode = root;
  checkRecursion(ruleSets, tree, diagnostics);
  diagnostics.push(...checkRegexPatterns(modules));
  diagnostics.sort((a, b) => (a.span.file < b.span.file ? -1 : a.span.file > b.span.file ? 1 : (a.span.line ?? 0) - (b.span.line ?? 0) || (a.span.column ?? 0) - (b.span.column ?? 0)));
  return { program: { modules, ruleSets, tree, builtins: [...builtinsUsed].sort() }, diagnostics: dedupe(diagnostics) };
}

/** checkQuery checks an ad-hoc query against a checked program (its package is `data`). */
export function checkQuery(query: Query, program: Program, opts: CheckOptions = {}): { query?: CheckedQuery; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const builtins = opts.builtins ?? BUILTINS;
  const info = new Map<string, RuleInfo>();
  for (const [k, rs] of program.ruleSets) info.set(k, rs.arity === undefined ? { isFunction: false } : { isFunction: true, arity: rs.arity });
  const resolver = new Resolver({
    source: query.source, pkgPath: [], imports: new Map(), packageRules: new Set(), ruleInfo: (k) => info.get(k),
    builtins, implemented: opts.implemented, diagnostics, counter: { n: 0 }, builtinsUsed: new Set(),
  });
  const scope = new Scope();
  const body = resolver.resolveBody(query.body, scope);
  const safety = new Safety({ source: query.source, diagnostics, arity: (c) => arityOf(c, builtins, info) });
  const r = safety.reorder(body, new Set(), new Set());
  // Bindings: user-visible vars (not wildcards or generated) in order of first appearance.
  const seen = new Map<string, VarTerm>();
  const visit = (t: Term): void => {
    if (t.kind === "Var") {
      const name = t.original ?? t.name;
      if (!name.startsWith("$") && !name.startsWith("_") && !seen.has(name) && (t.original === undefined || t.original !== "_")) seen.set(name, t);
      return;
    }
    if (t.kind === "Ref") { visit(t.head); t.path.forEach(visit); }
    else if (t.kind === "Call") t.args.forEach(visit);
    else if (t.kind === "Array" || t.kind === "Set") t.items.forEach(visit);
    else if (t.kind === "Object") for (const i of t.items) { visit(i.key); visit(i.value); }
  };
  for (const e of body) if (e.value.kind !== "SomeDecl" && e.value.kind !== "SomeIn" && e.value.kind !== "Every") visit(e.value);
  const bindings = [...seen].map(([name, v]) => ({ name, var: v }));
  diagnostics.push(...checkRegexPatterns([query]));
  if (diagnostics.length > 0) return { diagnostics: dedupe(diagnostics) };
  return { query: { body: r.body, bindings, source: query.source }, diagnostics };
}

function at(d: Draft, code: string, message: string): Diagnostic {
  const s = d.rule.head.span;
  return diagnosticAt(code, message, d.module.source, s.start, s.end);
}

function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const k = `${d.span.file}:${d.span.line}:${d.span.column}:${d.code}:${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function arityOf(c: CallTerm, builtins: BuiltinTable, info: ReadonlyMap<string, RuleInfo>): { arity: number; relational: boolean } | undefined {
  const t = c.target;
  if (t === undefined) return undefined;
  if (t.kind === "Builtin") {
    const b = builtins.get(t.name);
    return b === undefined ? undefined : { arity: b.arity, relational: b.relational };
  }
  const i = info.get(t.path.slice("data.".length));
  return i?.arity === undefined ? undefined : { arity: i.arity, relational: false };
}

/** resolveImports maps aliases to absolute refs and reports bad or conflicting imports. */
function resolveImports(m: Module, diagnostics: Diagnostic[]): Map<string, RefTerm> {
  const out = new Map<string, RefTerm>();
  for (const imp of m.imports) {
    const text = refText(imp.path);
    const head = imp.path.head.kind === "Var" ? imp.path.head.name : "";
    const err = (msg: string): void => { diagnostics.push(diagnosticAt("rego_import_error", msg, m.source, imp.span.start, imp.span.end)); };
    if (head === "rego") {
      if (text !== "rego.v1") err(`invalid import ${text}: must be rego.v1`);
      continue;
    }
    if (head === "future") {
      const kw = imp.path.path[1];
      const ok = imp.path.path[0]?.kind === "String" && imp.path.path[0].value === "keywords" && imp.path.path.length <= 2
        && (kw === undefined || (kw.kind === "String" && ["in", "every", "if", "contains"].includes(kw.value)));
      if (!ok) err(`invalid import ${text}: unknown future keyword`);
      continue;
    }
    if (head !== "data" && head !== "input") {
      err(`invalid import ${text}: path must begin with input or data`);
      continue;
    }
    const last = imp.path.path[imp.path.path.length - 1];
    const alias = imp.alias ?? (last?.kind === "String" ? last.value : head);
    if (imp.alias !== undefined && imp.path.path.length === 0) {
      err(`invalid import ${text}: alias not allowed for bare ${head}`);
      continue;
    }
    if (out.has(alias)) {
      err(`import must not shadow import ${alias}`);
      continue;
    }
    out.set(alias, imp.path);
  }
  return out;
}

/** normalise turns one written rule into drafts (one per body), deciding its kind and path. */
function normalise(r: Rule, m: Module, diagnostics: Diagnostic[]): Draft[] {
  const h = r.head;
  const err = (code: string, msg: string, s: Span = h.span): Draft[] => {
    diagnostics.push(diagnosticAt(code, msg, m.source, s.start, s.end));
    return [];
  };
  const head = h.ref.head;
  if (head.kind !== "Var") return err("rego_parse_error", "invalid rule head");
  const path: string[] = [...m.package.path, head.name];
  const segs = h.ref.path;
  let key: Term | undefined;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    if (s === undefined) continue;
    const last = i === segs.length - 1;
    if (s.kind === "String" && !(last && !m.v1 && h.value === undefined && !h.contains && h.args === undefined && segs.length === 1 && isBracket(s, m))) {
      path.push(s.value);
      continue;
    }
    if (!last || h.contains) {
      // General ref head: a variable before the last segment, or in a multi-value rule's ref.
      if (h.args !== undefined) return err("rego_parse_error", "function heads must be plain names");
      if (r.default) return err("rego_compile_error", "default rules must not have variables in their ref");
      if (r.else.length > 0) return err("rego_parse_error", "else keyword cannot be used on rules with variables in head");
      if (!h.contains && h.value === undefined && !m.v1) return err("rego_unsupported_error", "v0 rule heads with variables before the last segment are not supported", s.span);
      const keyPath = segs.slice(i);
      const element = h.contains ? h.key : h.value;
      const bodies = r.bodies.length === 0 ? [[]] : r.bodies;
      if (m.v1 && !r.ifKeyword && r.bodies.length > 0) return err("rego_parse_error", "`if` keyword is required before rule body", r.bodies[0]?.[0]?.span ?? h.span);
      return bodies.map((body) => ({
        kind: "partial-object" as const, path, rule: r, module: m, body, isDefault: false, keyPath, setLeaf: h.contains,
        ...(element === undefined ? {} : { element }),
      }));
    }
    key = s;
  }
  let kind: RuleKind;
  if (h.args !== undefined) {
    if (key !== undefined || h.contains) return err("rego_parse_error", "function heads must be plain names");
    kind = "function";
  } else if (h.contains) {
    if (key !== undefined) return err("rego_unsupported_error", "multi-value rules with variables in the ref are not supported", key.span);
    kind = "partial-set";
    key = h.key;
  } else if (key !== undefined) {
    kind = h.value === undefined && !m.v1 ? "partial-set" : "partial-object";
  } else {
    kind = "complete";
  }
  if (r.default) {
    if (kind === "partial-set" || kind === "partial-object") return err("rego_compile_error", "default rules must not be partial (multi-value or object) rules");
    if (h.value === undefined) return err("rego_parse_error", "default rule must have a value");
    const nonGround = firstNonGround(h.value);
    if (nonGround !== undefined) return err("rego_parse_error", `illegal default rule (value cannot contain ${nonGround.what})`, nonGround.term.span);
  }
  if (r.else.length > 0 && (kind === "partial-set" || kind === "partial-object")) {
    return err("rego_parse_error", "else keyword cannot be used on multi-value rules", r.else[0]?.span ?? h.span);
  }
  if (m.v1 && !r.default && !r.ifKeyword && r.bodies.length > 0) {
    return err("rego_parse_error", "`if` keyword is required before rule body", r.bodies[0]?.[0]?.span ?? h.span);
  }
  const bodies = r.bodies.length === 0 ? [[]] : r.bodies;
  return bodies.map((body) => (key === undefined
    ? { kind, path, rule: r, module: m, body, isDefault: r.default }
    : { kind, path, rule: r, module: m, body, key, isDefault: r.default }));
}

/** isBracket reports whether a string segment was written in brackets (`p["a"]`), not as `.a`. */
function isBracket(s: Term, m: Module): boolean {
  return m.source.text.charCodeAt(s.span.start) === 34 || m.source.text.charCodeAt(s.span.start) === 96;
}

/** checkRule resolves, renames and safety-checks one draft into a ProgramRule. */
function checkRule(d: Draft, resolver: Resolver, safety: Safety): ProgramRule {
  const h = d.rule.head;
  const root = new Scope();
  const args = (h.args ?? []).map((a) => declareArgs(a, root, resolver));
  const argVars = new Set<string>();
  for (const a of args) varsOf(a, argVars);
  const visible = new Set(argVars);
  const bodyScope = new Scope(root);
  const body = resolver.resolveBody(d.body, bodyScope);
  const key = d.key === undefined ? undefined : resolver.resolveTerm(d.key, bodyScope);
  const headValue = d.element ?? h.value;
  const value = headValue === undefined ? TRUE(h.span) : resolver.resolveTerm(headValue, bodyScope);
  const keyPath = d.keyPath?.map((t) => resolver.resolveTerm(t, bodyScope));
  const headVars = new Set(visible);
  if (key) varsOf(key, headVars);
  for (const t of keyPath ?? []) varsOf(t, headVars);
  varsOf(value, headVars);
  const r = safety.reorder(body, argVars, headVars);
  const checkedKey = key === undefined ? undefined : safety.checkTerm(key, r.safe, visible);
  const checkedValue = safety.checkTerm(value, r.safe, visible);
  const checkedKeyPath = keyPath?.map((t) => safety.checkTerm(t, r.safe, visible));
  const elses: ElseBranch[] = d.rule.else.map((e) => {
    const sc = new Scope(root);
    const eb = resolver.resolveBody(e.body, sc);
    const ev = e.value === undefined ? TRUE(e.span) : resolver.resolveTerm(e.value, sc);
    const ehv = new Set(visible);
    varsOf(ev, ehv);
    const er = safety.reorder(eb, argVars, ehv);
    return { value: safety.checkTerm(ev, er.safe, visible), body: er.body, span: e.span };
  });
  const base = {
    kind: d.kind, path: d.path, args, value: checkedValue, body: r.body, else: elses,
    isDefault: d.isDefault, source: d.module.source, span: d.rule.span,
    ...(checkedKeyPath === undefined ? {} : { keyPath: checkedKeyPath, setLeaf: d.setLeaf === true }),
    ...(d.defaultLeaf === true ? { defaultLeaf: true } : {}),
  };
  return checkedKey === undefined ? base : { ...base, key: checkedKey };
}

/** declareArgs declares the vars of a function argument pattern (kept under their own names). */
function declareArgs(t: Term, scope: Scope, resolver: Resolver): Term {
  switch (t.kind) {
    case "Var": return resolver.declare(t, scope, false);
    case "Array": return { ...t, items: t.items.map((i) => declareArgs(i, scope, resolver)) };
    case "Object": return { ...t, items: t.items.map((i) => ({ key: i.key, value: declareArgs(i.value, scope, resolver) })) };
    default: return resolver.resolveTerm(t, scope);
  }
}

/**
 * firstNonGround finds the first part of a default rule's value that OPA rejects: a variable,
 * reference or call outside a comprehension (comprehensions are closures and allowed).
 */
function firstNonGround(t: Term): { term: Term; what: string } | undefined {
  switch (t.kind) {
    case "Null": case "Boolean": case "Number": case "String": return undefined;
    case "Array": case "Set": {
      for (const x of t.items) { const r = firstNonGround(x); if (r) return r; }
      return undefined;
    }
    case "Object": {
      for (const it of t.items) { const r = firstNonGround(it.key) ?? firstNonGround(it.value); if (r) return r; }
      return undefined;
    }
    case "Var": return { term: t, what: "var" };
    case "Ref": return { term: t, what: "ref" };
    case "Call": return { term: t, what: "call" };
    // Comprehensions are closures: OPA's validateDefaultRuleValue skips them (`default p := [x | …]`).
    default: return undefined;
  }
}
