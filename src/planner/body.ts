/*
 * Planning bodies and expressions: conjunction (each expression's continuation plans the next),
 * `not` (NotStmt), `some` declarations, `some ... in`, `every` (a scan that looks for a failing
 * element), and plain terms (defined and not false). Calls and `with` live in calls.ts/with.ts.
 * Input: checked bodies. Output: statements in the current block.
 */

import type { Body, Every, Expr, SomeIn, Term } from "../rego/ast.js";
import { planCallExpr } from "./calls.js";
import { emitNegation } from "./negation.js";
import { planWith } from "./with.js";
import type { Iter, Planner } from "./state.js";
import { planTerm, planUnifyLocal, toLocal } from "./terms.js";

/** planBody plans body[i..] and then `k` (the loc of `k`'s statements is restored to the caller's). */
export function planBody(p: Planner, body: Body, i: number, k: Iter): void {
  const e = body[i];
  if (e === undefined) return k();
  const old = p.loc;
  p.setLoc(e.span);
  planExpr(p, e, () =>
    planBody(p, body, i + 1, () => {
      const cur = p.loc;
      p.loc = old;
      k();
      p.loc = cur;
    }),
  );
  p.loc = old;
}

/** planExpr plans one expression (negation first, then `with`, then the expression itself). */
export function planExpr(p: Planner, e: Expr, k: Iter): void {
  if (e.negated) {
    const inner: Expr = { ...e, negated: false };
    emitNegation(p, (kk) => planExpr(p, inner, kk));
    return k();
  }
  if (e.with.length > 0) return planWith(p, e, k);
  planExprValue(p, e, k);
}

/** planExprValue plans the expression without its `not` and `with` parts. */
export function planExprValue(p: Planner, e: Expr, k: Iter): void {
  const v = e.value;
  switch (v.kind) {
    case "SomeDecl":
      return k();
    case "SomeIn":
      return planSomeIn(p, v, k);
    case "Every":
      return planEvery(p, v, k);
    case "Call":
      return planCallExpr(p, v, k);
    default:
      return planTerm(p, v as Term, (o) => {
        p.emit({ kind: "NotEqualStmt", a: o, b: { type: "bool", value: false } });
        k();
      });
  }
}

function planSomeIn(p: Planner, s: SomeIn, k: Iter): void {
  planTerm(p, s.collection, (coll) => {
    const source = toLocal(p, coll);
    const key = p.newLocal();
    const value = p.newLocal();
    const block = p.block(() => {
      const bindValue = (): void => planUnifyLocal(p, { type: "local", value }, s.value, k);
      if (s.key !== undefined) planUnifyLocal(p, { type: "local", value: key }, s.key, bindValue);
      else bindValue();
    });
    p.emit({ kind: "ScanStmt", source, key, value, block });
  });
}

/**
 * planEvery: `every k, v in dom { body }` is defined when dom is a collection and no element
 * makes the body undefined:
 *   dom → d; not(not is_array(d), not is_object(d), not is_set(d)); reset found;
 *   scan d { bind k, v; <body has no solution>; found = true }; IsUndefined found
 */
function planEvery(p: Planner, ev: Every, k: Iter): void {
  planTerm(p, ev.domain, (dom) => {
    const d = toLocal(p, dom);
    const src = { type: "local" as const, value: d };
    p.emit({
      kind: "NotStmt",
      block: {
        stmts: [
          { kind: "NotStmt", block: { stmts: [{ kind: "IsArrayStmt", source: src, loc: p.loc }] }, loc: p.loc },
          { kind: "NotStmt", block: { stmts: [{ kind: "IsObjectStmt", source: src, loc: p.loc }] }, loc: p.loc },
          { kind: "NotStmt", block: { stmts: [{ kind: "IsSetStmt", source: src, loc: p.loc }] }, loc: p.loc },
        ],
      },
    });
    const found = p.newLocal();
    p.emit({ kind: "ResetLocalStmt", target: found });
    const key = p.newLocal();
    const value = p.newLocal();
    const block = p.block(() =>
      p.scoped(() => {
        if (ev.key !== undefined) p.scope.set(ev.key.name, key);
        p.scope.set(ev.value.name, value);
        emitNegation(p, (kk) => planBody(p, ev.body, 0, kk));
        p.emit({ kind: "AssignVarStmt", source: { type: "bool", value: true }, target: found });
      }),
    );
    p.emit({ kind: "ScanStmt", source: d, key, value, block });
    p.emit({ kind: "IsUndefinedStmt", source: found });
    k();
  });
}
