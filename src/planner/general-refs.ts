/*
 * Planning one leaf of a general-ref rule set (`p[q].r := v`, `p[q] contains x`): the keyPath
 * terms select nested objects under the rule set's result, created on first use, and the leaf is
 * inserted once (value) or added to a set. A side object maps each key path (an array) to what it
 * holds ("o" nested object, "v" value, "s" set), so a value meeting an object or set at the same
 * path aborts with OPA's object insert conflict (eval_conflict_error).
 */

import type { Term } from "../rego/ast.js";
import type { Local, Operand } from "./ir.js";
import type { Planner } from "./state.js";
import { planTerm } from "./terms.js";

function planValue(p: Planner, value: Term | Operand, k: (o: Operand) => void): void {
  if ("type" in value) return k(value);
  planTerm(p, value, k);
}

function planTerms(p: Planner, ts: readonly Term[], i: number, acc: Operand[], k: (ops: Operand[]) => void): void {
  const t = ts[i];
  if (t === undefined) return k(acc);
  planTerm(p, t, (o) => planTerms(p, ts, i + 1, [...acc, o], k));
}

/** getOrCreate sets a new local to `cur[key]`, inserting a fresh object (or set) there when absent. */
function getOrCreate(p: Planner, cur: Local, key: Operand, set: boolean): Local {
  const child = p.newLocal();
  const inner = p.block(() => {
    p.emit({ kind: "DotStmt", source: { type: "local", value: cur }, key, target: child });
    p.emit({ kind: "BreakStmt", index: 1 });
  });
  const outer = p.block(() => {
    p.emit({ kind: "BlockStmt", blocks: [inner] });
    p.emit(set ? { kind: "MakeSetStmt", target: child } : { kind: "MakeObjectStmt", target: child });
    p.emit({ kind: "ObjectInsertStmt", object: cur, key, value: { type: "local", value: child } });
  });
  p.emit({ kind: "BlockStmt", blocks: [outer] });
  return child;
}

/** markPath records in `kinds` that the key path ops[0..n] holds `tag` (conflict if it holds another). */
function markPath(p: Planner, kinds: Local, ops: readonly Operand[], n: number, tag: string): void {
  const arr = p.newLocal();
  p.emit({ kind: "MakeArrayStmt", target: arr, capacity: n });
  for (let j = 0; j < n; j++) {
    const o = ops[j];
    if (o !== undefined) p.emit({ kind: "ArrayAppendStmt", array: arr, value: o });
  }
  p.emit({ kind: "ObjectInsertOnceStmt", object: kinds, key: { type: "local", value: arr }, value: p.strOp(tag) });
}

/** planGeneralLeaf inserts one solution of a general-ref rule into `ret` (with `kinds` as the path map). */
export function planGeneralLeaf(p: Planner, ret: Local, kinds: Local, keyPath: readonly Term[], setLeaf: boolean, value: Term | Operand): void {
  planTerms(p, keyPath, 0, [], (ops) =>
    planValue(p, value, (v) => {
      let cur = ret;
      ops.forEach((k, j) => {
        const last = j === ops.length - 1;
        markPath(p, kinds, ops, j + 1, last ? (setLeaf ? "s" : "v") : "o");
        if (!last) {
          cur = getOrCreate(p, cur, k, false);
        } else if (setLeaf) {
          const s = getOrCreate(p, cur, k, true);
          p.emit({ kind: "SetAddStmt", set: s, value: v });
        } else {
          p.emit({ kind: "ObjectInsertOnceStmt", object: cur, key: k, value: v });
        }
      });
    }),
  );
}

/**
 * planGeneralDefault inserts a default rule's value at its (static) key path unless some rule of
 * the set already put anything there (a value, a set or a nested object).
 */
export function planGeneralDefault(p: Planner, ret: Local, kinds: Local, keyPath: readonly Term[], value: Term): void {
  planTerms(p, keyPath, 0, [], (ops) => {
    const arr = p.newLocal();
    p.emit({ kind: "MakeArrayStmt", target: arr, capacity: ops.length });
    for (const o of ops) p.emit({ kind: "ArrayAppendStmt", array: arr, value: o });
    const seen = p.newLocal();
    p.emit({ kind: "NotStmt", block: p.block(() => p.emit({ kind: "DotStmt", source: { type: "local", value: kinds }, key: { type: "local", value: arr }, target: seen })) });
    planGeneralLeaf(p, ret, kinds, keyPath, false, value);
  });
}
