/*
 * Recursion check (part of check). Input: the rule sets of a program with resolved bodies.
 * Output: rego_recursion_error diagnostics for every rule set on a dependency cycle, found with
 * Tarjan's SCC algorithm over edges "rule set A refers to rule set B" (data refs and calls).
 */

import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticAt } from "../diagnostics/diagnostic.js";
import type { Body, Term } from "./ast.js";
import type { ProgramRule, RuleSet, RuleTreeNode } from "./program.js";
import { pathKey } from "./program.js";

/** checkRecursion reports every rule set that depends on itself, through any path. */
export function checkRecursion(ruleSets: ReadonlyMap<string, RuleSet>, tree: RuleTreeNode, diagnostics: Diagnostic[]): void {
  const edges = new Map<string, Set<string>>();
  for (const [key, rs] of ruleSets) {
    const deps = new Set<string>();
    const rules: ProgramRule[] = [...rs.rules, ...(rs.default ? [rs.default] : [])];
    for (const r of rules) collectRule(r, tree, deps);
    edges.set(key, deps);
  }
  // Tarjan's strongly connected components (iterative to survive deep chains).
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const sccs: string[][] = [];
  for (const start of edges.keys()) {
    if (idx.has(start)) continue;
    const work: Array<{ v: string; it: Iterator<string> }> = [];
    const push = (v: string): void => {
      idx.set(v, index); low.set(v, index); index++;
      stack.push(v); onStack.add(v);
      work.push({ v, it: (edges.get(v) ?? new Set<string>()).values() });
    };
    push(start);
    while (work.length > 0) {
      const top = work[work.length - 1];
      if (top === undefined) break;
      const n = top.it.next();
      if (!n.done) {
        const w = n.value;
        if (!idx.has(w)) push(w);
        else if (onStack.has(w)) low.set(top.v, Math.min(low.get(top.v) ?? 0, idx.get(w) ?? 0));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) low.set(parent.v, Math.min(low.get(parent.v) ?? 0, low.get(top.v) ?? 0));
      if (low.get(top.v) === idx.get(top.v)) {
        const comp: string[] = [];
        for (let w = stack.pop(); w !== undefined; w = stack.pop()) {
          onStack.delete(w);
          comp.push(w);
          if (w === top.v) break;
        }
        sccs.push(comp);
      }
    }
  }
  for (const comp of sccs) {
    const first = comp[0];
    if (first === undefined) continue;
    if (comp.length === 1 && !(edges.get(first)?.has(first) ?? false)) continue;
    const members = new Set(comp);
    for (const key of [...comp].sort()) {
      const rs = ruleSets.get(key);
      const rule = rs?.rules[0] ?? rs?.default;
      if (rule === undefined) continue;
      const cycle = findCycle(key, members, edges).map((k) => `data.${k}`).join(" -> ");
      diagnostics.push(diagnosticAt("rego_recursion_error", `rule data.${key} is recursive: ${cycle}`, rule.source, rule.span.start, rule.span.end));
    }
  }
}

/** findCycle returns a shortest path key → … → key inside the component (BFS). */
function findCycle(key: string, members: ReadonlySet<string>, edges: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const prev = new Map<string, string>();
  const queue = [key];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i] ?? key;
    for (const w of edges.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === key) {
        const path = [key];
        for (let u: string | undefined = v; u !== undefined && u !== key; u = prev.get(u)) path.unshift(u);
        path.unshift(key);
        return path;
      }
      if (!prev.has(w)) { prev.set(w, v); queue.push(w); }
    }
  }
  return [key, key];
}

function collectRule(r: ProgramRule, tree: RuleTreeNode, deps: Set<string>): void {
  const visitTerm = (t: Term): void => {
    switch (t.kind) {
      case "Ref":
        if (t.head.kind === "Var" && t.head.name === "data") refDeps(t.path, tree, deps);
        else visitTerm(t.head);
        t.path.forEach(visitTerm);
        break;
      case "Call":
        if (t.target?.kind === "Function") deps.add(t.target.path.slice("data.".length));
        t.args.forEach(visitTerm);
        break;
      case "Array": case "Set": t.items.forEach(visitTerm); break;
      case "Object": for (const i of t.items) { visitTerm(i.key); visitTerm(i.value); } break;
      case "ArrayComprehension": case "SetComprehension": visitTerm(t.term); visitBody(t.body); break;
      case "ObjectComprehension": visitTerm(t.key); visitTerm(t.value); visitBody(t.body); break;
      default: break;
    }
  };
  const visitBody = (b: Body): void => {
    for (const e of b) {
      const v = e.value;
      if (v.kind === "Every") { visitTerm(v.domain); visitBody(v.body); }
      else if (v.kind !== "SomeDecl" && v.kind !== "SomeIn") visitTerm(v);
      for (const w of e.with) {
        if (w.valueKind === "function" && w.value.kind === "Ref") refDeps(w.value.path, tree, deps);
        else visitTerm(w.value);
      }
    }
  };
  r.args.forEach(visitTerm);
  if (r.key) visitTerm(r.key);
  r.keyPath?.forEach(visitTerm);
  visitTerm(r.value);
  visitBody(r.body);
  for (const e of r.else) { visitTerm(e.value); visitBody(e.body); }
}

/** refDeps adds the rule sets a `data…` ref may reach: the rule on its ground prefix, or all below it. */
function refDeps(path: readonly Term[], tree: RuleTreeNode, deps: Set<string>): void {
  let node: RuleTreeNode | undefined = tree;
  const segs: string[] = [];
  for (const p of path) {
    if (node.ruleSet !== undefined) break;
    if (p.kind !== "String") break;
    const child: RuleTreeNode | undefined = node.children.get(p.value);
    if (child === undefined) return;
    node = child;
    segs.push(p.value);
  }
  const all = (n: RuleTreeNode): void => {
    if (n.ruleSet !== undefined) deps.add(pathKey(n.ruleSet.path));
    for (const c of n.children.values()) all(c);
  };
  all(node);
}
