/*
 * Safety check and body reordering (OPA's reorderBodyForSafety, part of check).
 * Input: a resolved body, the vars already safe (function args, enclosing bindings) and the
 * vars visible from enclosing scopes. Output: the body reordered so every expression runs after
 * the vars it needs are bound (closures included), and `var x is unsafe` diagnostics otherwise.
 */

import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticAt } from "../diagnostics/diagnostic.js";
import type { SourceFile } from "../diagnostics/source.js";
import type { Body, CallTerm, Expr, Term, VarTerm, With } from "./ast.js";

/** SafetyEnv supplies diagnostics and call arities (for output arguments like `count(x, n)`). */
export interface SafetyEnv {
  readonly source: SourceFile;
  readonly diagnostics: Diagnostic[];
  /** arity returns the declared arity of a call's target and whether it is relational. */
  readonly arity: (c: CallTerm) => { arity: number; relational: boolean } | undefined;
}

/** isValueWith is false for `with f as g` where g names a function or builtin (no vars inside). */
const isValueWith = (w: With): boolean => w.valueKind === undefined || w.valueKind === "value";

const isGlobal = (name: string): boolean => name === "input" || name === "data";

/** varsOf collects var names in a term, skipping call operators and closure interiors. */
export function varsOf(t: Term, acc: Set<string>): Set<string> {
  switch (t.kind) {
    case "Var": if (!isGlobal(t.name)) acc.add(t.name); break;
    case "Ref": varsOf(t.head, acc); for (const p of t.path) varsOf(p, acc); break;
    case "Call": for (const a of t.args) varsOf(a, acc); break;
    case "Array": case "Set": for (const i of t.items) varsOf(i, acc); break;
    case "Object": for (const i of t.items) { varsOf(i.key, acc); varsOf(i.value, acc); } break;
    default: break;
  }
  return acc;
}

/** allVars collects every var name in a term, closures included. */
function allVarsTerm(t: Term, acc: Set<string>): void {
  switch (t.kind) {
    case "ArrayComprehension": case "SetComprehension": allVarsTerm(t.term, acc); allVarsBody(t.body, acc); break;
    case "ObjectComprehension": allVarsTerm(t.key, acc); allVarsTerm(t.value, acc); allVarsBody(t.body, acc); break;
    case "Ref": allVarsTerm(t.head, acc); for (const p of t.path) allVarsTerm(p, acc); break;
    case "Call": for (const a of t.args) allVarsTerm(a, acc); break;
    case "Array": case "Set": for (const i of t.items) allVarsTerm(i, acc); break;
    case "Object": for (const i of t.items) { allVarsTerm(i.key, acc); allVarsTerm(i.value, acc); } break;
    case "Var": if (!isGlobal(t.name)) acc.add(t.name); break;
    default: break;
  }
}

function allVarsBody(b: Body, acc: Set<string>): void {
  for (const e of b) allVarsExpr(e, acc);
}

function allVarsExpr(e: Expr, acc: Set<string>): void {
  const v = e.value;
  if (v.kind === "Every") {
    allVarsTerm(v.domain, acc);
    if (v.key) acc.add(v.key.name);
    acc.add(v.value.name);
    allVarsBody(v.body, acc);
  } else if (v.kind !== "SomeDecl" && v.kind !== "SomeIn") {
    allVarsTerm(v, acc);
  }
  for (const w of e.with) if (isValueWith(w)) allVarsTerm(w.value, acc);
}

/** closureVars collects vars used inside closures (comprehensions, every) of an expression. */
function closureVars(e: Expr, acc: Set<string>): void {
  const visit = (t: Term): void => {
    switch (t.kind) {
      case "ArrayComprehension": case "SetComprehension": case "ObjectComprehension": allVarsTerm(t, acc); break;
      case "Ref": visit(t.head); t.path.forEach(visit); break;
      case "Call": t.args.forEach(visit); break;
      case "Array": case "Set": t.items.forEach(visit); break;
      case "Object": for (const i of t.items) { visit(i.key); visit(i.value); } break;
      default: break;
    }
  };
  const v = e.value;
  if (v.kind === "Every") allVarsBody(v.body, acc);
  if (v.kind !== "SomeDecl" && v.kind !== "SomeIn" && v.kind !== "Every") visit(v);
  for (const w of e.with) if (isValueWith(w)) visit(w.value);
}

/** exprVars are the vars an expression needs or binds outside its closures. */
function exprVars(e: Expr): Set<string> {
  const acc = new Set<string>();
  const v = e.value;
  if (v.kind === "Every") varsOf(v.domain, acc);
  else if (v.kind !== "SomeDecl" && v.kind !== "SomeIn") varsOf(v, acc);
  for (const w of e.with) if (isValueWith(w)) varsOf(w.value, acc);
  return acc;
}

/** Safety reorders bodies of one rule or query. */
export class Safety {
  readonly env: SafetyEnv;

  constructor(env: SafetyEnv) {
    this.env = env;
  }

  /**
   * reorder schedules `body` given `safe` (already bound) and `visible` (names of enclosing
   * scopes a closure may refer to). Returns the reordered body (closures reordered too) and the
   * set of vars safe after it. Unsafe vars are reported once each.
   */
  reorder(body: Body, safe: ReadonlySet<string>, visible: ReadonlySet<string>): { body: Body; safe: Set<string> } {
    const bound = new Set(safe);
    const inner = new Set(visible);
    for (const e of body) for (const x of exprVars(e)) inner.add(x);
    const needs = body.map((e) => {
      const n = exprVars(e);
      const cv = new Set<string>();
      closureVars(e, cv);
      for (const x of cv) if (inner.has(x) && !closureLocal(x)) n.add(x);
      // A wildcard in a negated expression is local to the negation (`not p[_]`).
      if (e.negated) for (const x of [...n]) if (x.startsWith("$")) n.delete(x);
      return n;
    });
    const out: Expr[] = [];
    let remaining = body.map((e, i) => ({ e, i }));
    let progress = true;
    while (remaining.length > 0 && progress) {
      progress = false;
      const next: typeof remaining = [];
      for (const r of remaining) {
        const outputs = this.outputs(r.e, bound);
        const need = needs[r.i] ?? new Set<string>();
        if ([...need].every((x) => bound.has(x) || outputs.has(x))) {
          out.push(this.reorderClosures(r.e, bound, inner));
          for (const x of outputs) bound.add(x);
          progress = true;
        } else {
          next.push(r);
        }
      }
      remaining = next;
    }
    const reported = new Set<string>();
    for (const r of remaining) {
      const outputs = this.outputs(r.e, bound);
      for (const x of needs[r.i] ?? []) {
        if (bound.has(x) || outputs.has(x) || reported.has(x)) continue;
        reported.add(x);
        this.unsafe(x, r.e);
      }
      out.push(r.e);
    }
    return { body: out, safe: bound };
  }

  /** checkTerm reports vars of a head term that the body did not bind. */
  checkTerm(t: Term, safe: ReadonlySet<string>, visible: ReadonlySet<string>): Term {
    const vs = varsOf(t, new Set());
    // Refs in head terms may iterate (`q(_) := xs[_]`): their path vars are generated.
    const generated = this.outputs({ kind: "Expr", negated: false, value: t, with: [], span: t.span }, safe);
    for (const x of vs) {
      if (safe.has(x) || generated.has(x)) continue;
      const v = findVar(t, x);
      this.report(x, v?.original ?? x, v?.span.start ?? t.span.start, v?.span.end ?? t.span.end);
    }
    return this.closuresInTerm(t, new Set(safe), visible);
  }

  private unsafe(name: string, e: Expr): void {
    const v = findVarInExpr(e, name);
    this.report(name, v?.original ?? name, v?.span.start ?? e.span.start, v?.span.end ?? e.span.end);
  }

  private report(_name: string, original: string, start: number, end: number): void {
    const shown = original.startsWith("$") ? "_" : original;
    this.env.diagnostics.push(diagnosticAt("rego_unsafe_var_error", `var ${shown} is unsafe`, this.env.source, start, end));
  }

  /** outputs computes the vars an expression binds when run with `bound` already bound. */
  outputs(e: Expr, bound: ReadonlySet<string>): Set<string> {
    const out = new Set<string>();
    const v = e.value;
    if (e.negated || v.kind === "SomeDecl" || v.kind === "SomeIn" || v.kind === "Every") return out;
    const isSafe = (x: string): boolean => bound.has(x) || out.has(x);
    const evaluable = (t: Term): boolean => [...varsOf(t, new Set())].every(isSafe);
    let changed = true;
    const add = (x: string): void => {
      if (!isSafe(x)) { out.add(x); changed = true; }
    };
    const bindPattern = (t: Term): void => {
      switch (t.kind) {
        case "Var": add(t.name); break;
        case "Array": t.items.forEach(bindPattern); break;
        case "Object": for (const i of t.items) if (evaluable(i.key)) bindPattern(i.value); break;
        default: break;
      }
    };
    const unify = (a: Term, b: Term): void => {
      if (evaluable(a)) bindPattern(b);
      if (evaluable(b)) bindPattern(a);
      if (a.kind === "Array" && b.kind === "Array" && a.items.length === b.items.length) {
        a.items.forEach((x, i) => { const y = b.items[i]; if (y !== undefined) unify(x, y); });
      }
    };
    const refs = (t: Term): void => {
      switch (t.kind) {
        case "Ref": {
          refs(t.head);
          const headOk = t.head.kind === "Var" ? isGlobal(t.head.name) || isSafe(t.head.name) : evaluable(t.head);
          for (const p of t.path) {
            refs(p);
            if (headOk && p.kind === "Var") add(p.name);
          }
          break;
        }
        case "Call": {
          t.args.forEach(refs);
          const info = this.env.arity(t);
          const last = t.args[t.args.length - 1];
          if (info !== undefined && !info.relational && last !== undefined && t.args.length === info.arity + 1
            && t.args.slice(0, -1).every(evaluable)) bindPattern(last);
          break;
        }
        case "Array": case "Set": t.items.forEach(refs); break;
        case "Object": for (const i of t.items) { refs(i.key); refs(i.value); } break;
        default: break;
      }
    };
    while (changed) {
      changed = false;
      refs(v);
      if (v.kind === "Call" && v.target?.kind === "Builtin" && (v.target.name === "eq" || v.target.name === "assign")) {
        const [a, b] = v.args;
        if (a !== undefined && b !== undefined) unify(a, b);
      }
    }
    return out;
  }

  /** reorderClosures reorders comprehension and every bodies inside an expression. */
  private reorderClosures(e: Expr, bound: ReadonlySet<string>, visible: ReadonlySet<string>): Expr {
    const v = e.value;
    // Vars this expression binds are visible (and bound) inside its closures.
    const safeHere = new Set(bound);
    for (const x of this.outputs(e, bound)) safeHere.add(x);
    const withs = e.with.map((w) => ({ ...w, value: this.closuresInTerm(w.value, bound, visible) }));
    if (v.kind === "Every") {
      const inner = new Set(bound);
      if (v.key) inner.add(v.key.name);
      inner.add(v.value.name);
      const r = this.reorder(v.body, inner, visible);
      return { ...e, value: { ...v, domain: this.closuresInTerm(v.domain, bound, visible), body: r.body }, with: withs };
    }
    if (v.kind === "SomeDecl" || v.kind === "SomeIn") return e;
    return { ...e, value: this.closuresInTerm(v, bound, visible), with: withs };
  }

  /** closuresInTerm rebuilds a term with each closure body reordered. */
  closuresInTerm(t: Term, bound: ReadonlySet<string>, visible: ReadonlySet<string>): Term {
    const rec = (x: Term): Term => this.closuresInTerm(x, bound, visible);
    switch (t.kind) {
      case "ArrayComprehension": case "SetComprehension": {
        const r = this.reorder(t.body, bound, visible);
        return { ...t, body: r.body, term: this.checkTerm(t.term, r.safe, visible) };
      }
      case "ObjectComprehension": {
        const r = this.reorder(t.body, bound, visible);
        return { ...t, body: r.body, key: this.checkTerm(t.key, r.safe, visible), value: this.checkTerm(t.value, r.safe, visible) };
      }
      case "Ref": return { ...t, head: rec(t.head), path: t.path.map(rec) };
      case "Call": return { ...t, args: t.args.map(rec) };
      case "Array": return { ...t, items: t.items.map(rec) };
      case "Set": return { ...t, items: t.items.map(rec) };
      case "Object": return { ...t, items: t.items.map((i) => ({ key: rec(i.key), value: rec(i.value) })) };
      default: return t;
    }
  }
}

/** closureLocal is true for names that can only be local to a closure (renamed declarations). */
function closureLocal(name: string): boolean {
  return name.startsWith("$");
}

function findVar(t: Term, name: string): VarTerm | undefined {
  switch (t.kind) {
    case "Var": return t.name === name ? t : undefined;
    case "Ref": return findVar(t.head, name) ?? firstOf(t.path, name);
    case "Call": return firstOf(t.args, name);
    case "Array": case "Set": return firstOf(t.items, name);
    case "Object": {
      for (const i of t.items) {
        const f = findVar(i.key, name) ?? findVar(i.value, name);
        if (f) return f;
      }
      return undefined;
    }
    case "ArrayComprehension": case "SetComprehension": return findVar(t.term, name) ?? firstInBody(t.body, name);
    case "ObjectComprehension": return findVar(t.key, name) ?? findVar(t.value, name) ?? firstInBody(t.body, name);
    default: return undefined;
  }
}

function firstOf(ts: readonly Term[], name: string): VarTerm | undefined {
  for (const t of ts) {
    const f = findVar(t, name);
    if (f) return f;
  }
  return undefined;
}

function firstInBody(b: Body, name: string): VarTerm | undefined {
  for (const e of b) {
    const f = findVarInExpr(e, name);
    if (f) return f;
  }
  return undefined;
}

function findVarInExpr(e: Expr, name: string): VarTerm | undefined {
  const v = e.value;
  let f: VarTerm | undefined;
  if (v.kind === "Every") f = findVar(v.domain, name) ?? firstInBody(v.body, name);
  else if (v.kind !== "SomeDecl" && v.kind !== "SomeIn") f = findVar(v, name);
  for (const w of e.with) if (isValueWith(w)) f = f ?? findVar(w.value, name);
  return f;
}
