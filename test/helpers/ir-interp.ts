/*
 * Reference interpreter for the planner's IR (test code only): runs a Policy's plan over JS
 * values with the semantics documented in src/planner/ir.ts and docs/ir.md, including
 * memoization of 2-param funcs per `with` frame and OPA's runtime error messages. Input: a
 * Policy, an entrypoint, input and data JSON. Output: the result set as JSON, or a thrown
 * IrRuntimeError. Also the oracle for codegen differential tests.
 */

import type { Block, Func, Loc, Operand, Policy, Stmt } from "../../src/planner/ir.js";
import { BUILTINS } from "./ir-builtins.js";
import { canon, compare, equal, fromJson, RObject, RSet, toJson } from "./ir-values.js";
import type { Val } from "./ir-values.js";

/** IrRuntimeError is an evaluation abort (`file:row:col: message`). */
export class IrRuntimeError extends Error {}

type Exit = { kind: "done" } | { kind: "undef" } | { kind: "exit"; n: number } | { kind: "return" };
type R = "ok" | "undef" | { brk: number } | "return";

const DONE: Exit = { kind: "done" };
const UNDEF: Exit = { kind: "undef" };

/** Limits guard the interpreter against runaway plans. */
const MAX_STEPS = 5_000_000;

/** IrInterpreter evaluates plans of one policy. */
export class IrInterpreter {
  private readonly policy: Policy;
  private readonly funcs = new Map<string, Func>();
  private readonly byPath = new Map<string, Func>();
  private memo: Map<string, Val | undefined>[] = [];
  private steps = 0;
  private result = new RSet();
  /** builtins may be extended by tests (name → implementation). */
  readonly builtins: Record<string, (...args: Val[]) => Val | undefined> = { ...BUILTINS };

  constructor(policy: Policy) {
    this.policy = policy;
    for (const f of policy.funcs.funcs) {
      this.funcs.set(f.name, f);
      this.byPath.set(f.path.join("\u0000"), f);
    }
  }

  /** evaluate runs the plan named `entrypoint` (or index) and returns the result set as JSON rows. */
  evaluate(entrypoint: string | number, input: unknown, data: unknown = {}): unknown[] {
    const plans = this.policy.plans.plans;
    const plan = typeof entrypoint === "number" ? plans[entrypoint] : plans.find((p) => p.name === entrypoint);
    if (plan === undefined) throw new Error(`no plan ${String(entrypoint)}`);
    this.memo = [new Map()];
    this.steps = 0;
    this.result = new RSet();
    const locals: (Val | undefined)[] = [];
    locals[0] = input === undefined ? undefined : fromJson(input);
    locals[1] = fromJson(data ?? {});
    for (const b of plan.blocks) {
      const r = this.block(b, locals);
      if (r.kind === "return") break;
    }
    return (toJson(this.result) as unknown[]);
  }

  private fail(loc: Loc, msg: string): never {
    const file = this.policy.static.files[loc.file]?.value ?? "<unknown>";
    throw new IrRuntimeError(`${file}:${loc.row}:${loc.col}: ${msg}`);
  }

  private str(i: number): string {
    const s = this.policy.static.strings[i];
    if (s === undefined) throw new Error(`bad string index ${i}`);
    return s.value;
  }

  private op(o: Operand, locals: (Val | undefined)[]): Val | undefined {
    switch (o.type) {
      case "local":
        return locals[o.value];
      case "string_index":
        return this.str(o.value);
      case "bool":
        return o.value;
    }
  }

  private block(b: Block, locals: (Val | undefined)[]): Exit {
    for (const s of b.stmts) {
      if (++this.steps > MAX_STEPS) throw new Error("ir-interp: step limit exceeded");
      const r = this.stmt(s, locals);
      if (r === "ok") continue;
      if (r === "undef") return UNDEF;
      if (r === "return") return { kind: "return" };
      return { kind: "exit", n: r.brk };
    }
    return DONE;
  }

  /** nested maps a child block's exit onto the containing statement's result. */
  private nested(e: Exit): R | "left" | "done" {
    if (e.kind === "return") return "return";
    if (e.kind === "exit") return e.n === 0 ? "left" : { brk: e.n - 1 };
    return e.kind === "done" ? "done" : "left";
  }

  private call(f: Func, args: (Val | undefined)[], loc: Loc): Val | undefined {
    const memoize = f.params.length === 2;
    const frame = this.memo[this.memo.length - 1]!;
    if (memoize && frame.has(f.name)) return frame.get(f.name);
    const locals: (Val | undefined)[] = [];
    f.params.forEach((p, i) => (locals[p] = args[i]));
    let ret: Val | undefined;
    for (const b of f.blocks) {
      const r = this.block(b, locals);
      if (r.kind === "return") {
        ret = locals[f.return];
        break;
      }
    }
    void loc;
    if (memoize) frame.set(f.name, ret);
    return ret;
  }

  private stmt(s: Stmt, L: (Val | undefined)[]): R {
    switch (s.kind) {
      case "ReturnLocalStmt":
        return "return";
      case "CallStmt": {
        const args = s.args.map((a) => this.op(a, L));
        const f = this.funcs.get(s.func);
        let v: Val | undefined;
        if (f !== undefined) v = this.call(f, args, s.loc);
        else {
          const b = this.builtins[s.func];
          if (b === undefined) throw new Error(`ir-interp: unknown builtin ${s.func}`);
          if (args.some((a) => a === undefined)) return "undef";
          v = b(...(args as Val[]));
        }
        if (v === undefined) return "undef";
        L[s.result] = v;
        return "ok";
      }
      case "CallDynamicStmt": {
        const path = s.path.map((p) => this.op(p, L));
        if (path.some((x) => typeof x !== "string")) return "undef";
        const f = this.byPath.get(path.join("\u0000"));
        if (f === undefined) return "undef";
        const v = this.call(f, s.args.map((a) => L[a]), s.loc);
        if (v === undefined) return "undef";
        L[s.result] = v;
        return "ok";
      }
      case "BlockStmt":
        for (const b of s.blocks) {
          const r = this.nested(this.block(b, L));
          if (r === "return" || typeof r === "object") return r;
        }
        return "ok";
      case "BreakStmt":
        return { brk: s.index };
      case "DotStmt": {
        const src = this.op(s.source, L);
        const key = this.op(s.key, L);
        if (src === undefined || key === undefined || s.source.type !== "local") return "undef";
        let v: Val | undefined;
        if (Array.isArray(src)) v = typeof key === "number" && Number.isInteger(key) ? src[key] : undefined;
        else if (src instanceof RObject) v = src.get(key);
        else if (src instanceof RSet) v = src.has(key) ? key : undefined;
        if (v === undefined) return "undef";
        L[s.target] = v;
        return "ok";
      }
      case "LenStmt": {
        const v = this.op(s.source, L);
        if (v === undefined) return "undef";
        let n: number;
        if (typeof v === "string") n = [...v].length;
        else if (Array.isArray(v)) n = v.length;
        else if (v instanceof RObject || v instanceof RSet) n = v.size;
        else return "undef";
        L[s.target] = n;
        return "ok";
      }
      case "ScanStmt": {
        const src = L[s.source];
        let pairs: [Val, Val][] = [];
        if (Array.isArray(src)) pairs = src.map((v, i) => [i, v]);
        else if (src instanceof RObject) pairs = src.entries().sort((a, b) => compare(a[0], b[0]));
        else if (src instanceof RSet) pairs = src.values().sort(compare).map((v) => [v, v]);
        for (const [k, v] of pairs) {
          L[s.key] = k;
          L[s.value] = v;
          const r = this.nested(this.block(s.block, L));
          if (r === "return" || typeof r === "object") return r;
        }
        return "ok";
      }
      case "NotStmt": {
        const r = this.nested(this.block(s.block, L));
        if (r === "done") return "undef";
        if (r === "left") return "ok";
        return r;
      }
      case "AssignIntStmt":
        L[s.target] = s.value;
        return "ok";
      case "AssignVarStmt":
        L[s.target] = this.op(s.source, L);
        return "ok";
      case "AssignVarOnceStmt": {
        const v = this.op(s.source, L);
        const cur = L[s.target];
        if (cur !== undefined && v !== undefined && !equal(cur, v)) this.fail(s.loc, "var assignment conflict");
        L[s.target] = v;
        return "ok";
      }
      case "ResetLocalStmt":
        L[s.target] = undefined;
        return "ok";
      case "MakeNullStmt":
        L[s.target] = null;
        return "ok";
      case "MakeNumberIntStmt":
        L[s.target] = s.value;
        return "ok";
      case "MakeNumberRefStmt":
        L[s.target] = Number(this.str(s.index));
        return "ok";
      case "MakeArrayStmt":
        L[s.target] = [];
        return "ok";
      case "MakeObjectStmt":
        L[s.target] = new RObject();
        return "ok";
      case "MakeSetStmt":
        L[s.target] = new RSet();
        return "ok";
      case "EqualStmt":
      case "NotEqualStmt": {
        const a = this.op(s.a, L);
        const b = this.op(s.b, L);
        if (a === undefined || b === undefined) return "undef";
        return equal(a, b) === (s.kind === "EqualStmt") ? "ok" : "undef";
      }
      case "IsArrayStmt":
        return Array.isArray(this.op(s.source, L)) ? "ok" : "undef";
      case "IsObjectStmt":
        return this.op(s.source, L) instanceof RObject ? "ok" : "undef";
      case "IsSetStmt":
        return this.op(s.source, L) instanceof RSet ? "ok" : "undef";
      case "IsDefinedStmt":
        return L[s.source] !== undefined ? "ok" : "undef";
      case "IsUndefinedStmt":
        return L[s.source] === undefined ? "ok" : "undef";
      case "ArrayAppendStmt": {
        const a = L[s.array];
        const v = this.op(s.value, L);
        if (!Array.isArray(a) || v === undefined) return "undef";
        a.push(v);
        return "ok";
      }
      case "ObjectInsertStmt":
      case "ObjectInsertOnceStmt": {
        const o = L[s.object];
        const k = this.op(s.key, L);
        const v = this.op(s.value, L);
        if (!(o instanceof RObject) || k === undefined || v === undefined) return "undef";
        if (s.kind === "ObjectInsertOnceStmt") {
          const cur = o.get(k);
          if (cur !== undefined && !equal(cur, v)) this.fail(s.loc, "object insert conflict");
        }
        o.set(k, v);
        return "ok";
      }
      case "ObjectMergeStmt": {
        const v = mergeValues(L[s.a], L[s.b]);
        if (v === undefined) return "undef";
        L[s.target] = v;
        return "ok";
      }
      case "SetAddStmt": {
        const set = L[s.set];
        const v = this.op(s.value, L);
        if (!(set instanceof RSet) || v === undefined) return "undef";
        set.add(v);
        return "ok";
      }
      case "WithStmt": {
        const orig = L[s.local];
        const value = this.op(s.value, L);
        if (value === undefined && s.path.length > 0) return "undef";
        L[s.local] = s.path.length === 0 || value === undefined ? value : upsert(orig, s.path.map((i) => this.str(i)), value);
        this.memo.push(new Map());
        let r: R | "left" | "done";
        try {
          r = this.nested(this.block(s.block, L));
        } finally {
          this.memo.pop();
          L[s.local] = orig;
        }
        if (r === "done") return "ok";
        if (r === "left") return "undef";
        return r;
      }
      case "NopStmt":
        return "ok";
      case "ResultSetAddStmt": {
        const v = L[s.value];
        if (v !== undefined) this.result.add(v);
        return "ok";
      }
    }
  }
}

function upsert(doc: Val | undefined, path: string[], value: Val): Val {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const o = doc instanceof RObject ? doc.copy() : new RObject();
  o.set(head, upsert(o.get(head), rest, value));
  return o;
}

function mergeValues(a: Val | undefined, b: Val | undefined): Val | undefined {
  if (a === undefined) return b;
  if (!(a instanceof RObject) || !(b instanceof RObject)) return a;
  const r = new RObject();
  for (const [k, v] of a.entries()) {
    const other = b.get(k);
    r.set(k, other === undefined ? v : (mergeValues(v, other) as Val));
  }
  for (const [k, v] of b.entries()) if (a.get(k) === undefined) r.set(k, v);
  return r;
}

void canon;
