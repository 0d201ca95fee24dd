/*
 * Planning calls of builtins and user functions, as expressions (`count(x) > 1`, `f(x, y)` with
 * an output argument, relations like `walk`) and as nested terms. Applies the active `with`
 * mocks: a mocked callee is replaced by another function/builtin or by a value.
 * Input: CallTerms (operators already desugared to builtin names by the front end).
 * Output: CallStmts (+ unification of outputs).
 */

import type { CallTarget, CallTerm, Term } from "../rego/ast.js";
import type { RuleSet } from "../rego/program.js";
import { builtinArity, isRelation } from "./builtin-info.js";
import type { Operand } from "./ir.js";
import { planRules } from "./rules.js";
import type { Iter, Mock, OpIter, Planner } from "./state.js";
import { planTerm, planTerms, planUnify, planUnifyLocal, toLocal } from "./terms.js";

/** Callee is what a call resolves to after mocks. */
type Callee =
  | { readonly kind: "builtin"; readonly name: string }
  | { readonly kind: "func"; readonly ruleSet: RuleSet; readonly unmocked: boolean }
  | { readonly kind: "value"; readonly mock: Extract<Mock, { kind: "value" }> };

/** callTarget returns the call's resolved target (the checker sets it; a bare name is taken as a builtin). */
export function callTarget(call: CallTerm): CallTarget {
  if (call.target !== undefined) return call.target;
  const parts = [call.fn.head.kind === "Var" ? call.fn.head.name : "?", ...call.fn.path.map((s) => (s.kind === "String" ? s.value : "?"))];
  if (parts[0] === "data") return { kind: "Function", path: parts.join(".") };
  return { kind: "Builtin", name: parts.join(".") };
}

/** mockKey is the key a `with` mock of this target is stored under. */
export function mockKey(t: CallTarget): string {
  return t.kind === "Builtin" ? t.name : t.path.startsWith("data.") ? t.path : `data.${t.path}`;
}

function ruleSetOf(p: Planner, t: Extract<CallTarget, { kind: "Function" }>): RuleSet | undefined {
  return p.ruleSetAt(t.path.startsWith("data.") ? t.path.slice(5) : t.path);
}

function resolve(p: Planner, call: CallTerm): { callee: Callee; arity: number } | undefined {
  const t = callTarget(call);
  let arity: number;
  let rs: RuleSet | undefined;
  if (t.kind === "Function") {
    rs = ruleSetOf(p, t);
    if (rs === undefined) {
      p.error("rego_undefined_function_error", `undefined function ${t.path}`, call.span);
      return undefined;
    }
    arity = rs.arity ?? rs.rules[0]?.args.length ?? rs.default?.args.length ?? 0;
  } else {
    arity = builtinArity(t.name, p.builtins) ?? call.args.length;
  }
  const m = p.env.mocks.get(mockKey(t));
  if (m !== undefined) {
    if (m.kind === "value") return { callee: { kind: "value", mock: m }, arity };
    const r = m.target;
    if (r.kind === "Builtin") return { callee: { kind: "builtin", name: r.name }, arity };
    const mrs = ruleSetOf(p, r);
    if (mrs === undefined) {
      p.error("rego_undefined_function_error", `undefined function ${r.path}`, call.span);
      return undefined;
    }
    return { callee: { kind: "func", ruleSet: mrs, unmocked: true }, arity };
  }
  if (rs !== undefined) return { callee: { kind: "func", ruleSet: rs, unmocked: false }, arity };
  return { callee: { kind: "builtin", name: (t as { name: string }).name }, arity };
}

/** callInto emits the call of a resolved callee with argument operands; `k` receives the result. */
function callInto(p: Planner, callee: Callee, args: readonly Operand[], span: CallTerm["span"], k: OpIter): void {
  switch (callee.kind) {
    case "builtin": {
      p.useBuiltin(callee.name, args.length);
      const t = p.newLocal();
      p.emit({ kind: "CallStmt", func: callee.name, args, result: t });
      return k({ type: "local", value: t });
    }
    case "func": {
      let name: string;
      if (callee.unmocked) {
        // A replacement function runs without the mocks of its caller (OPA: mocks do not chain).
        const env = p.env;
        p.env = p.deriveEnv(new Map(), env.shadows);
        try {
          name = planRules(p, callee.ruleSet);
        } finally {
          p.env = env;
        }
      } else {
        name = planRules(p, callee.ruleSet);
      }
      const t = p.newLocal();
      p.emit({ kind: "CallStmt", func: name, args: [{ type: "local", value: 0 }, { type: "local", value: 1 }, ...args], result: t });
      return k({ type: "local", value: t });
    }
    case "value": {
      const m = callee.mock;
      // The arguments are still evaluated: an undefined argument makes the call undefined.
      for (const a of args) if (a.type === "local") p.emit({ kind: "IsDefinedStmt", source: a.value });
      if (m.usesLocals && m.funcId !== p.funcId) {
        p.error("rego_unsupported_error", "with: a replacement value that uses local variables can only mock calls in the same body", span);
        return;
      }
      const source = p.source;
      p.source = m.source;
      try {
        planTerm(p, m.term, k);
      } finally {
        p.source = source;
      }
      return;
    }
  }
}

/** planCallTerm plans a call used as a value (`x := count(y)`, `f(x) + 1`). */
export function planCallTerm(p: Planner, call: CallTerm, k: OpIter): void {
  const r = resolve(p, call);
  if (r === undefined) return;
  planTerms(p, call.args, (ops) => callInto(p, r.callee, ops, call.span, k));
}

/** planCallExpr plans a call used as an expression (the result must be defined and not false, or unify with an output argument). */
export function planCallExpr(p: Planner, call: CallTerm, k: Iter): void {
  const t = callTarget(call);
  const mocked = p.env.mocks.has(mockKey(t));
  if (t.kind === "Builtin" && !mocked) {
    const [a, b] = call.args;
    if ((t.name === "eq" || t.name === "assign") && a !== undefined && b !== undefined) return planUnify(p, a, b, k);
    if ((t.name === "equal" || t.name === "neq") && call.args.length === 2 && a !== undefined && b !== undefined) {
      return planTerm(p, a, (oa) =>
        planTerm(p, b, (ob) => {
          p.emit({ kind: t.name === "equal" ? "EqualStmt" : "NotEqualStmt", a: oa, b: ob });
          k();
        }),
      );
    }
    if (t.name === "print") return k();
  }
  const r = resolve(p, call);
  if (r === undefined) return;
  const relation = t.kind === "Builtin" && isRelation(t.name) && r.callee.kind === "builtin";
  if (call.args.length === r.arity + 1) {
    const out = call.args[r.arity] as Term;
    return planTerms(p, call.args.slice(0, r.arity), (ops) =>
      callInto(p, r.callee, ops, call.span, (res) => {
        if (!relation) return planUnifyLocal(p, res, out, k);
        const source = toLocal(p, res);
        const key = p.newLocal();
        const value = p.newLocal();
        const block = p.block(() => planUnifyLocal(p, { type: "local", value }, out, k));
        p.emit({ kind: "ScanStmt", source, key, value, block });
      }),
    );
  }
  planTerms(p, call.args, (ops) =>
    callInto(p, r.callee, ops, call.span, (res) => {
      if (relation) {
        const size = p.newLocal();
        const zero = p.newLocal();
        p.emit({ kind: "LenStmt", source: res, target: size });
        p.emit({ kind: "MakeNumberIntStmt", value: 0, target: zero });
        p.emit({ kind: "NotEqualStmt", a: { type: "local", value: size }, b: { type: "local", value: zero } });
      } else {
        p.emit({ kind: "NotEqualStmt", a: res, b: { type: "bool", value: false } });
      }
      k();
    }),
  );
}
