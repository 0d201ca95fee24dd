// Tiny helpers to hand-build IR policies for codegen tests (not a test file itself).
import type { Block, Func, Loc, Operand, Plan, Policy, Stmt } from "../../src/planner/ir.js";

export const L: Loc = { file: 0, row: 1, col: 1 };
export const local = (value: number): Operand => ({ type: "local", value });
export const str = (value: number): Operand => ({ type: "string_index", value });
export const bool = (value: boolean): Operand => ({ type: "bool", value });
export const block = (...stmts: Stmt[]): Block => ({ stmts });

type NoLoc<S> = S extends Stmt ? Omit<S, "loc"> & { loc?: Loc } : never;
/** s adds a default location to a statement literal. */
export const s = (st: NoLoc<Stmt>): Stmt => ({ loc: L, ...st }) as Stmt;

/** rulePlan is the plan OPA emits for `-e <name>`: call the rule's func, bind it to "result". */
export function rulePlan(name: string, func: string, resultKey: number): Plan {
  return {
    name,
    blocks: [
      block(
        s({ kind: "CallStmt", func, args: [local(0), local(1)], result: 2 }),
        s({ kind: "AssignVarStmt", source: local(2), target: 3 }),
        s({ kind: "MakeObjectStmt", target: 4 }),
        s({ kind: "ObjectInsertStmt", object: 4, key: str(resultKey), value: local(3) }),
        s({ kind: "ResultSetAddStmt", value: 4 }),
      ),
    ],
  };
}

/** ruleFunc is a 2-param func whose last block returns local 2. */
export function ruleFunc(name: string, path: string[], ...blocks: Block[]): Func {
  return {
    name,
    params: [0, 1],
    return: 2,
    path,
    blocks: [...blocks, block(s({ kind: "ReturnLocalStmt", source: 2 }))],
  };
}

/** policy assembles a Policy; the strings list must contain every string index used. */
export function policy(strings: string[], plans: Plan[], funcs: Func[], builtins: string[] = [], files = ["module0.rego"]): Policy {
  return {
    static: {
      strings: strings.map((value) => ({ value })),
      builtin_funcs: builtins.map((name) => ({
        name,
        decl: { type: "function", args: name.startsWith("#") ? [] : argsOf(name), result: { type: "any" } },
      })),
      files: files.map((value) => ({ value })),
    },
    plans: { plans },
    funcs: { funcs },
  };
}

const ARITY: Record<string, number> = { plus: 2, gt: 2, count: 1, custom_echo: 1, many: 5 };
function argsOf(name: string): { type: string }[] {
  return Array.from({ length: ARITY[name] ?? 2 }, () => ({ type: "any" }));
}
