/*
 * Planning terms and unification: scalars, variables, collections, comprehensions, and `=`/`:=`
 * (destructuring of arrays and objects into IsArray/Len/Dot/Equal sequences, as OPA does).
 * Input: AST terms of a checked body. Output: statements in the current block; the continuation
 * receives the operand holding the term's value.
 */

import { assertNever } from "../diagnostics/diagnostic.js";
import type { ArrayTerm, Body, ObjectTerm, Term } from "../rego/ast.js";
import type { Local, Operand } from "./ir.js";
import { planCallTerm } from "./calls.js";
import { planBody } from "./body.js";
import { planRef } from "./refs.js";
import type { Iter, OpIter, Planner } from "./state.js";

/** planTerm plans a term's value and passes its operand to `k` (never called when statically undefined). */
export function planTerm(p: Planner, t: Term, k: OpIter): void {
  switch (t.kind) {
    case "Null": {
      const l = p.newLocal();
      p.emit({ kind: "MakeNullStmt", target: l });
      return k({ type: "local", value: l });
    }
    case "Boolean":
      return k({ type: "bool", value: t.value });
    case "Number":
      return k({ type: "local", value: planNumber(p, t.text) });
    case "String":
      return k(p.strOp(t.value));
    case "Var": {
      let l = p.scope.get(t.name);
      if (l === undefined) {
        // An unbound variable outside a binding position (safety makes this rare): an unset local.
        l = p.newLocal();
        p.scope.set(t.name, l);
      }
      return k({ type: "local", value: l });
    }
    case "Ref":
      return planRef(p, t, k);
    case "Call":
      return planCallTerm(p, t, k);
    case "Array": {
      const l = p.newLocal();
      p.emit({ kind: "MakeArrayStmt", capacity: t.items.length, target: l });
      return planEach(p, t.items, (o) => p.emit({ kind: "ArrayAppendStmt", array: l, value: o }), () => k({ type: "local", value: l }));
    }
    case "Set": {
      const l = p.newLocal();
      p.emit({ kind: "MakeSetStmt", target: l });
      return planEach(p, t.items, (o) => p.emit({ kind: "SetAddStmt", set: l, value: o }), () => k({ type: "local", value: l }));
    }
    case "Object": {
      const l = p.newLocal();
      p.emit({ kind: "MakeObjectStmt", target: l });
      const rec = (i: number): void => {
        const item = t.items[i];
        if (item === undefined) return k({ type: "local", value: l });
        planTerm(p, item.key, (key) =>
          planTerm(p, item.value, (value) => {
            p.emit({ kind: "ObjectInsertStmt", object: l, key, value });
            rec(i + 1);
          }),
        );
      };
      return rec(0);
    }
    case "ArrayComprehension": {
      const l = p.newLocal();
      p.emit({ kind: "MakeArrayStmt", capacity: 0, target: l });
      return planComprehension(p, t.body, () => planTerm(p, t.term, (o) => p.emit({ kind: "ArrayAppendStmt", array: l, value: o })), l, k);
    }
    case "SetComprehension": {
      const l = p.newLocal();
      p.emit({ kind: "MakeSetStmt", target: l });
      return planComprehension(p, t.body, () => planTerm(p, t.term, (o) => p.emit({ kind: "SetAddStmt", set: l, value: o })), l, k);
    }
    case "ObjectComprehension": {
      const l = p.newLocal();
      p.emit({ kind: "MakeObjectStmt", target: l });
      return planComprehension(
        p,
        t.body,
        () => planTerm(p, t.key, (key) => planTerm(p, t.value, (value) => p.emit({ kind: "ObjectInsertOnceStmt", object: l, key, value }))),
        l,
        k,
      );
    }
    default:
      return assertNever(t, "term");
  }
}

/** planNumber emits a number constant: MakeNumberIntStmt for safe integers, else MakeNumberRefStmt with the literal text. */
export function planNumber(p: Planner, text: string): Local {
  const l = p.newLocal();
  if (/^-?\d+$/.test(text) && Number.isSafeInteger(Number(text))) {
    p.emit({ kind: "MakeNumberIntStmt", value: Number(text), target: l });
  } else {
    p.emit({ kind: "MakeNumberRefStmt", index: p.str(text), target: l });
  }
  return l;
}

function planEach(p: Planner, items: readonly Term[], each: (o: Operand) => void, k: Iter): void {
  const rec = (i: number): void => {
    const item = items[i];
    if (item === undefined) return k();
    planTerm(p, item, (o) => {
      each(o);
      rec(i + 1);
    });
  };
  rec(0);
}

/** planTerms plans several terms left to right and passes all operands to `k`. */
export function planTerms(p: Planner, terms: readonly Term[], k: (ops: Operand[]) => void): void {
  const ops: Operand[] = [];
  const rec = (i: number): void => {
    const t = terms[i];
    if (t === undefined) return k(ops.slice());
    planTerm(p, t, (o) => {
      ops[i] = o;
      rec(i + 1);
    });
  };
  rec(0);
}

function planComprehension(p: Planner, body: Body, head: () => void, target: Local, k: OpIter): void {
  const loc = p.loc;
  let inner: { stmts: readonly import("./ir.js").Stmt[] } = { stmts: [] };
  p.scoped(() => {
    inner = p.block(() => planBody(p, body, 0, head));
  });
  p.loc = loc;
  p.emit({ kind: "BlockStmt", blocks: [inner] });
  k({ type: "local", value: target });
}

/** toLocal copies a constant operand into a local (statements such as ScanStmt need a local). */
export function toLocal(p: Planner, o: Operand): Local {
  if (o.type === "local") return o.value;
  const l = p.newLocal();
  p.emit({ kind: "AssignVarStmt", source: o, target: l });
  return l;
}

// ---------------------------------------------------------------------------------------------
// Unification

/** planUnify plans `a = b` (also `:=`): binds unbound variables, destructures collections, compares the rest. */
export function planUnify(p: Planner, a: Term, b: Term, k: Iter): void {
  if (a.kind === "Var") return planUnifyVar(p, a.name, b, k);
  if (b.kind === "Var") return planUnifyVar(p, b.name, a, k);
  if (a.kind === "Array" && b.kind === "Array") {
    if (a.items.length !== b.items.length) return; // never unifies: the rest is unreachable
    const rec = (i: number): void => {
      const x = a.items[i];
      const y = b.items[i];
      if (x === undefined || y === undefined) return k();
      planUnify(p, x, y, () => rec(i + 1));
    };
    return rec(0);
  }
  if (a.kind === "Object" && b.kind === "Object") return planUnifyObjects(p, a, b, k);
  if (a.kind === "Array" || a.kind === "Object") {
    return planTerm(p, b, (o) => planUnifyLocal(p, o, a, k));
  }
  return planTerm(p, a, (o) => planUnifyLocal(p, o, b, k));
}

function planUnifyVar(p: Planner, name: string, b: Term, k: Iter): void {
  const l = p.scope.get(name);
  if (l !== undefined) return planUnifyLocal(p, { type: "local", value: l }, b, k);
  planTerm(p, b, (o) => {
    const t = p.newLocal();
    p.emit({ kind: "AssignVarStmt", source: o, target: t });
    p.scope.set(name, t);
    k();
  });
}

/** planUnifyLocal unifies a value already held by an operand with a term (pattern). */
export function planUnifyLocal(p: Planner, a: Operand, b: Term, k: Iter): void {
  switch (b.kind) {
    case "Var": {
      const l = p.scope.get(b.name);
      if (l !== undefined) {
        p.emit({ kind: "EqualStmt", a, b: { type: "local", value: l } });
        return k();
      }
      const t = p.newLocal();
      p.emit({ kind: "AssignVarStmt", source: a, target: t });
      p.scope.set(b.name, t);
      return k();
    }
    case "Array":
      return planUnifyLocalArray(p, a, b, k);
    case "Object":
      return planUnifyLocalObject(p, a, b, k);
    default:
      return planTerm(p, b, (o) => {
        p.emit({ kind: "EqualStmt", a, b: o });
        k();
      });
  }
}

function planUnifyLocalArray(p: Planner, a: Operand, b: ArrayTerm, k: Iter): void {
  p.emit({ kind: "IsArrayStmt", source: a });
  const alen = p.newLocal();
  const blen = p.newLocal();
  p.emit({ kind: "LenStmt", source: a, target: alen });
  p.emit({ kind: "MakeNumberIntStmt", value: b.items.length, target: blen });
  p.emit({ kind: "EqualStmt", a: { type: "local", value: alen }, b: { type: "local", value: blen } });
  const lkey = p.newLocal();
  p.emit({ kind: "MakeNumberIntStmt", value: 0, target: lkey });
  const rec = (i: number): void => {
    const item = b.items[i];
    if (item === undefined) return k();
    const lval = p.newLocal();
    p.emit({ kind: "AssignIntStmt", value: i, target: lkey });
    p.emit({ kind: "DotStmt", source: a, key: { type: "local", value: lkey }, target: lval });
    planUnifyLocal(p, { type: "local", value: lval }, item, () => rec(i + 1));
  };
  rec(0);
}

function planUnifyLocalObject(p: Planner, a: Operand, b: ObjectTerm, k: Iter): void {
  p.emit({ kind: "IsObjectStmt", source: a });
  const alen = p.newLocal();
  const blen = p.newLocal();
  p.emit({ kind: "LenStmt", source: a, target: alen });
  p.emit({ kind: "MakeNumberIntStmt", value: b.items.length, target: blen });
  p.emit({ kind: "EqualStmt", a: { type: "local", value: alen }, b: { type: "local", value: blen } });
  const rec = (i: number): void => {
    const item = b.items[i];
    if (item === undefined) return k();
    planTerm(p, item.key, (key) => {
      const lval = p.newLocal();
      p.emit({ kind: "DotStmt", source: a, key, target: lval });
      planUnifyLocal(p, { type: "local", value: lval }, item.value, () => rec(i + 1));
    });
  };
  rec(0);
}

function planUnifyObjects(p: Planner, a: ObjectTerm, b: ObjectTerm, k: Iter): void {
  if (a.items.length !== b.items.length) return;
  // Keys that are scalar constants are matched statically; the others are compared at run time.
  const constKey = (t: Term): string | undefined =>
    t.kind === "String" ? `s${t.value}` : t.kind === "Number" ? `n${t.text}` : t.kind === "Boolean" ? `b${t.value}` : t.kind === "Null" ? "null" : undefined;
  const bByKey = new Map<string, Term>();
  for (const it of b.items) {
    const ck = constKey(it.key);
    if (ck !== undefined) bByKey.set(ck, it.value);
  }
  const allConst = a.items.every((it) => constKey(it.key) !== undefined) && b.items.every((it) => constKey(it.key) !== undefined);
  if (allConst) {
    const pairs: [Term, Term][] = [];
    for (const it of a.items) {
      const other = bByKey.get(constKey(it.key)!);
      if (other === undefined) return; // key sets differ: never unifies
      pairs.push([it.value, other]);
    }
    const rec = (i: number): void => {
      const pair = pairs[i];
      if (pair === undefined) return k();
      planUnify(p, pair[0], pair[1], () => rec(i + 1));
    };
    return rec(0);
  }
  // Non-constant keys: build `b` and destructure it against `a`.
  planTerm(p, b, (o) => planUnifyLocalObject(p, o, a, k));
}
