/*
 * The planner stage: checked Rego program + entrypoints → IR Policy (OPA's internal/planner).
 * Input: the Program from checkModules and slash-separated entrypoints (`example/allow`).
 * Output: {policy, diagnostics}; plan i evaluates `data.<entrypoint i>` and adds
 * `{"result": value}` to the result set when it is defined.
 */

import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { StringTerm } from "../rego/ast.js";
import type { BuiltinTable } from "../rego/builtins.js";
import type { CheckedQuery, Program } from "../rego/program.js";
import { planBody } from "./body.js";
import type { Plan, Policy } from "./ir.js";
import { planRefData } from "./refs.js";
import { Planner, Scope } from "./state.js";
import type { TrieNode } from "./trie.js";

/** PlanResult is the planned policy and the planner's diagnostics (errors mean the policy is unusable). */
export interface PlanResult {
  readonly policy: Policy;
  readonly diagnostics: readonly Diagnostic[];
}

function firstRuleUnder(node: TrieNode | undefined): TrieNode | undefined {
  if (node === undefined) return undefined;
  if (node.ruleSet !== undefined) return node;
  for (const c of node.children.values()) {
    const r = firstRuleUnder(c);
    if (r !== undefined) return r;
  }
  return undefined;
}

/** PlanOptions: `builtins` is the builtin table used by check (needed for custom builtins' arities). */
export interface PlanOptions {
  readonly builtins?: BuiltinTable;
}

/**
 * QueryEntrypoint is an ad-hoc query planned as an entrypoint (OPA's query plans): each solution
 * adds an object binding the query's variables (`{}` when it has none) to the result set.
 */
export interface QueryEntrypoint {
  readonly name: string;
  readonly query: CheckedQuery;
}

function planQueryEntrypoint(p: Planner, q: QueryEntrypoint): Plan {
  p.curr = [];
  p.lnext = 2;
  p.scope = new Scope();
  p.source = q.query.source;
  p.loc = q.query.body[0] !== undefined ? p.locAt(q.query.body[0].span) : { file: p.file(q.query.source.path), row: 0, col: 0 };
  const block = p.block(() =>
    planBody(p, q.query.body, 0, () => {
      const obj = p.newLocal();
      p.emit({ kind: "MakeObjectStmt", target: obj });
      for (const b of q.query.bindings) {
        if (b.name === "input" || b.name === "data") continue;
        const l = p.scope.get(b.var.name);
        if (l !== undefined) p.emit({ kind: "ObjectInsertStmt", object: obj, key: p.strOp(b.name), value: { type: "local", value: l } });
      }
      p.emit({ kind: "ResultSetAddStmt", value: obj });
    }),
  );
  return { name: q.name, blocks: [block] };
}

/** plan turns a checked program into an IR policy with one plan per entrypoint (a data path or a query). */
export function plan(program: Program, entrypoints: readonly (string | QueryEntrypoint)[], options: PlanOptions = {}): PlanResult {
  const p = new Planner(program, options.builtins);
  const plans: Plan[] = [];
  for (const ep of entrypoints) {
    if (typeof ep !== "string") {
      plans.push(planQueryEntrypoint(p, ep));
      continue;
    }
    const segs = ep.split("/").filter((s) => s !== "");
    p.curr = [];
    p.lnext = 2;
    p.scope = new Scope();
    // Locate plan statements at the first rule the entrypoint reaches (files[0] otherwise).
    let node: TrieNode | undefined = p.trie;
    for (const s of segs) node = node?.children.get(s);
    const rule = firstRuleUnder(node)?.ruleSet;
    const first = rule?.rules[0] ?? rule?.default;
    p.source = first?.source;
    p.loc = first !== undefined ? p.locAt(first.span, first.source) : { file: 0, row: 0, col: 0 };
    if (node?.ruleSet?.kind === "function") {
      p.error("rego_compile_error", `entrypoint ${ep} is a function, not a document`, first?.span ?? { start: 0, end: 0 });
    }
    const span = { start: 0, end: 0 };
    const path: StringTerm[] = segs.map((value) => ({ kind: "String", value, span }));
    const block = p.block(() =>
      planRefData(p, p.trie, [], path, 0, (value) => {
        const obj = p.newLocal();
        p.emit({ kind: "MakeObjectStmt", target: obj });
        p.emit({ kind: "ObjectInsertStmt", object: obj, key: p.strOp("result"), value });
        p.emit({ kind: "ResultSetAddStmt", value: obj });
      }),
    );
    plans.push({ name: ep, blocks: [block] });
  }
  const policy: Policy = {
    static: { strings: p.strings, builtin_funcs: p.builtinList(), files: p.files },
    plans: { plans },
    funcs: { funcs: p.funcs },
  };
  return { policy, diagnostics: p.diagnostics };
}
