/*
 * Planning `with` modifiers. `with input... / data... as v` become nested WithStmts around the
 * expression; the rest of the query runs inside them but under restoring WithStmts (OPA's
 * scheme). A data path that covers rules shadows them, so rules reached from the expression are
 * re-planned (new funcs) reading the replaced data. `with f as g` / `with builtin as v` install
 * mocks; rules reached from the expression are planned as mocked variants.
 * Input: an Expr with `with`. Output: statements; diagnostics for unsupported targets.
 */

import type { CallTarget, Expr, Term, With } from "../rego/ast.js";
import { builtinArity } from "./builtin-info.js";
import { mockKey } from "./calls.js";
import { LOCAL_DATA, LOCAL_INPUT } from "./ir.js";
import type { Local, Operand } from "./ir.js";
import { planExprValue } from "./body.js";
import type { Iter, Mock, Planner } from "./state.js";
import { planTerms } from "./terms.js";

interface DocMod {
  readonly local: Local;
  readonly path: readonly number[];
  readonly value: Term;
}

function refNames(t: Term): string[] | undefined {
  if (t.kind === "Var") return [t.name];
  if (t.kind !== "Ref" || t.head.kind !== "Var") return undefined;
  const out = [t.head.name];
  for (const s of t.path) {
    if (s.kind !== "String") return undefined;
    out.push(s.value);
  }
  return out;
}

/** functionTarget resolves a term naming a user function (absolute `data...` or bare in the current package). */
function functionTarget(p: Planner, names: readonly string[]): CallTarget | undefined {
  if (names[0] === "data") {
    const rs = p.ruleSetAt(names.slice(1).join("."));
    return rs?.kind === "function" ? { kind: "Function", path: names.join(".") } : undefined;
  }
  const rs = p.ruleSetAt([...p.pkg, ...names].join("."));
  return rs?.kind === "function" ? { kind: "Function", path: ["data", ...p.pkg, ...names].join(".") } : undefined;
}

function usesLocals(p: Planner, t: Term): boolean {
  switch (t.kind) {
    case "Var":
      return t.name !== "input" && t.name !== "data" && p.scope.get(t.name) !== undefined;
    case "Ref":
      return usesLocals(p, t.head) || t.path.some((s) => usesLocals(p, s));
    case "Call":
      return t.args.some((a) => usesLocals(p, a));
    case "Array":
    case "Set":
      return t.items.some((x) => usesLocals(p, x));
    case "Object":
      return t.items.some((x) => usesLocals(p, x.key) || usesLocals(p, x.value));
    default:
      return false; // scalars; comprehension bodies may use locals too, but that is rare in mocks
  }
}

function mockFor(p: Planner, w: With): Mock {
  const names = refNames(w.value);
  if (names !== undefined && (names[0] === "data" || p.scope.get(names[0]!) === undefined)) {
    const ft = functionTarget(p, names);
    if (ft !== undefined) return { kind: "func", target: ft };
    const name = names.join(".");
    if (builtinArity(name, p.builtins) !== undefined) return { kind: "func", target: { kind: "Builtin", name } };
  }
  return { kind: "value", term: w.value, source: p.source!, funcId: p.funcId, usesLocals: usesLocals(p, w.value) };
}

/** planWith plans an expression with its `with` modifiers, then `k` with the originals restored. */
export function planWith(p: Planner, e: Expr, k: Iter): void {
  const mods: DocMod[] = [];
  const mocks = new Map(p.env.mocks);
  const shadows = [...p.env.shadows];
  for (const w of e.with) {
    const names = refNames(w.target);
    if (names === undefined) {
      p.error("rego_compile_error", "with target must be a reference to input, data, a function or a builtin", w.span);
      return;
    }
    const [head, ...rest] = names;
    if (head === "input") {
      mods.push({ local: LOCAL_INPUT, path: rest.map((s) => p.str(s)), value: w.value });
      continue;
    }
    const ft = functionTarget(p, names);
    if (ft !== undefined) {
      mocks.set(mockKey(ft), mockFor(p, w));
      continue;
    }
    if (head === "data") {
      // A rule strictly above the path would be partially replaced: OPA rejects that too.
      let node = p.trie;
      if (rest.length === 0) shadows.push([]);
      for (let i = 0; i < rest.length; i++) {
        if (node.ruleSet !== undefined) {
          p.error("rego_compile_error", "with keyword cannot partially replace virtual document(s)", w.span);
          return;
        }
        const c = node.children.get(rest[i]!);
        if (c === undefined) break;
        node = c;
        if (i === rest.length - 1) shadows.push(rest);
      }
      mods.push({ local: LOCAL_DATA, path: rest.map((s) => p.str(s)), value: w.value });
      continue;
    }
    const name = names.join(".");
    if (builtinArity(name, p.builtins) === undefined && !p.program.builtins.includes(name)) {
      p.error("rego_compile_error", `with target ${name} is not input, data, a function or a known builtin`, w.span);
      return;
    }
    mocks.set(name, mockFor(p, w));
  }
  const changed = mocks.size !== p.env.mocks.size || [...mocks].some(([k2, v]) => p.env.mocks.get(k2) !== v) || shadows.length !== p.env.shadows.length;
  const inner: Expr = { ...e, with: [] };
  planTerms(
    p,
    mods.map((m) => m.value),
    (values) => {
      const heads = [...new Set(mods.map((m) => m.local))].sort();
      const saves = heads.map((local) => {
        const save = p.newLocal();
        p.emit({ kind: "AssignVarStmt", source: { type: "local", value: local }, target: save });
        return { local, save };
      });
      const oldEnv = p.env;
      const newEnv = changed ? p.deriveEnv(mocks, shadows) : oldEnv;
      const restore = (j: number): void => {
        const s = saves[j];
        if (s === undefined) return k();
        const block = p.block(() => restore(j + 1));
        p.emit({ kind: "WithStmt", local: s.local, path: [], value: { type: "local", value: s.save }, block });
      };
      const rec = (i: number): void => {
        const m = mods[i];
        if (m === undefined) {
          return planExprValue(p, inner, () => {
            p.env = oldEnv;
            try {
              restore(0);
            } finally {
              p.env = newEnv;
            }
          });
        }
        const block = p.block(() => rec(i + 1));
        p.emit({ kind: "WithStmt", local: m.local, path: m.path, value: values[i] as Operand, block });
      };
      p.env = newEnv;
      try {
        rec(0);
      } finally {
        p.env = oldEnv;
      }
    },
  );
}
