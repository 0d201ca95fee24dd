/*
 * Resolution and local renaming (part of check). Input: one parsed rule body/term plus the
 * module's environment (package, imports, rule names, rule sets, builtins). Output: a new AST
 * where every ref is absolute (data.…, input.… or a local var), calls carry a `target`,
 * `with` modifiers carry kinds, declared locals (`:=`, some, every) are renamed `__localN__`,
 * wildcards `$N`, and `some … in …` is rewritten to unification over a ref.
 */

import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticAt } from "../diagnostics/diagnostic.js";
import type { SourceFile } from "../diagnostics/source.js";
import { assertNever } from "../diagnostics/diagnostic.js";
import type {
  Body, CallTarget, CallTerm, Every, Expr, RefTerm, SomeIn, Span, Term, VarTerm, With, WithTargetKind, WithValueKind,
} from "./ast.js";
import type { BuiltinTable } from "./builtins.js";
import { VARIADIC } from "./builtins.js";
import { opRef } from "./parser-terms.js";

/** FunctionInfo describes a user rule set for call resolution: whether it is a function and its arity. */
export interface RuleInfo {
  readonly isFunction: boolean;
  readonly arity?: number;
}

/** ResolveEnv is what resolution needs to know about a module and the whole program. */
export interface ResolveEnv {
  readonly source: SourceFile;
  readonly pkgPath: readonly string[];
  /** imports maps an alias to its absolute ref (data.… or input.…). */
  readonly imports: ReadonlyMap<string, RefTerm>;
  /** packageRules is the set of first name segments of rules in this package (all modules). */
  readonly packageRules: ReadonlySet<string>;
  /** ruleInfo returns the rule set at a dotted path without "data", if any. */
  readonly ruleInfo: (key: string) => RuleInfo | undefined;
  readonly builtins: BuiltinTable;
  readonly implemented: ReadonlySet<string> | undefined;
  readonly diagnostics: Diagnostic[];
  /** counter numbers fresh locals and wildcards (shared per module). */
  readonly counter: { n: number };
  /** builtinsUsed collects every builtin called. */
  readonly builtinsUsed: Set<string>;
}

/** Scope is one level of declared locals (a rule, a body, a comprehension or an every body). */
export class Scope {
  readonly parent: Scope | undefined;
  readonly declared = new Map<string, string>();
  readonly used = new Set<string>();

  constructor(parent?: Scope) {
    this.parent = parent;
  }

  /** lookup finds the renamed local of a declared name in this scope or an enclosing one. */
  lookup(name: string): string | undefined {
    for (let s: Scope | undefined = this; s !== undefined; s = s.parent) {
      const v = s.declared.get(name);
      if (v !== undefined) return v;
    }
    return undefined;
  }
}

const GLOBALS = new Set(["input", "data"]);

/** Resolver rewrites terms and bodies of one module. */
export class Resolver {
  readonly env: ResolveEnv;

  constructor(env: ResolveEnv) {
    this.env = env;
  }

  private error(code: string, message: string, span: Span): void {
    this.env.diagnostics.push(diagnosticAt(code, message, this.env.source, span.start, span.end));
  }

  /** fresh returns a new unique local name. */
  fresh(prefix: "__local" | "$"): string {
    const n = this.env.counter.n++;
    return prefix === "$" ? `$${n}` : `__local${n}__`;
  }

  /** declare introduces a local for `v` in scope and returns its renamed var. */
  declare(v: VarTerm, scope: Scope, rename: boolean): VarTerm {
    if (v.name === "_") return { kind: "Var", name: this.fresh("$"), original: "_", span: v.span };
    if (scope.declared.has(v.name)) this.error("rego_compile_error", `var ${v.name} assigned above`, v.span);
    else if (scope.used.has(v.name)) this.error("rego_compile_error", `var ${v.name} referenced above`, v.span);
    const name = rename ? this.fresh("__local") : v.name;
    scope.declared.set(v.name, name);
    return name === v.name ? { kind: "Var", name, span: v.span } : { kind: "Var", name, original: v.name, span: v.span };
  }

  /** declarePattern declares every var in an assignment/some pattern (vars, arrays, objects). */
  declarePattern(t: Term, scope: Scope, lenient = false): Term {
    switch (t.kind) {
      case "Var": return this.declare(t, scope, true);
      case "Array": return { ...t, items: t.items.map((i) => this.declarePattern(i, scope, lenient)) };
      case "Object": return { ...t, items: t.items.map((i) => ({ key: this.resolveTerm(i.key, scope), value: this.declarePattern(i.value, scope, lenient) })) };
      case "Null": case "Boolean": case "Number": case "String": return t;
      default:
        // `some f(x) in xs` tests membership of a computed value; `:=` cannot assign to it.
        if (lenient) return this.resolveTerm(t, scope);
        this.error("rego_compile_error", `cannot assign to ${t.kind.toLowerCase()}`, t.span);
        return this.resolveTerm(t, scope);
    }
  }

  /** dataRef builds an absolute `data.<path>` ref. */
  private dataRef(path: readonly string[], span: Span, rest: readonly Term[] = []): RefTerm {
    return {
      kind: "Ref",
      head: { kind: "Var", name: "data", span },
      path: [...path.map((p): Term => ({ kind: "String", value: p, span })), ...rest],
      span,
    };
  }

  /** resolveName resolves a bare name: local, global, import alias, package rule, or a new local. */
  private resolveName(v: VarTerm, scope: Scope): Term {
    if (v.name === "_") return { kind: "Var", name: this.fresh("$"), original: "_", span: v.span };
    const local = scope.lookup(v.name);
    if (local !== undefined) return local === v.name ? v : { kind: "Var", name: local, original: v.name, span: v.span };
    if (GLOBALS.has(v.name)) return { kind: "Ref", head: v, path: [], span: v.span };
    const imp = this.env.imports.get(v.name);
    if (imp !== undefined) return { ...imp, span: v.span };
    if (this.env.packageRules.has(v.name)) return this.dataRef([...this.env.pkgPath, v.name], v.span);
    scope.used.add(v.name);
    return v;
  }

  /** resolveTerm rewrites a term (refs absolute, calls targeted, closures scoped). */
  resolveTerm(t: Term, scope: Scope): Term {
    switch (t.kind) {
      case "Null": case "Boolean": case "Number": case "String": return t;
      case "Var": return this.resolveName(t, scope);
      case "Ref": {
        const head = t.head.kind === "Var" ? this.resolveName(t.head, scope) : this.resolveTerm(t.head, scope);
        const path = t.path.map((p) => this.resolveTerm(p, scope));
        if (head.kind === "Ref") return { kind: "Ref", head: head.head, path: [...head.path, ...path], span: t.span };
        return { kind: "Ref", head, path, span: t.span };
      }
      case "Call": return this.resolveCall(t, scope);
      case "Array": return { ...t, items: t.items.map((i) => this.resolveTerm(i, scope)) };
      case "Set": return { ...t, items: t.items.map((i) => this.resolveTerm(i, scope)) };
      case "Object": return { ...t, items: t.items.map((i) => ({ key: this.resolveTerm(i.key, scope), value: this.resolveTerm(i.value, scope) })) };
      case "ArrayComprehension":
      case "SetComprehension": {
        const inner = new Scope(scope);
        const body = this.resolveBody(t.body, inner);
        return { ...t, term: this.resolveTerm(t.term, inner), body };
      }
      case "ObjectComprehension": {
        const inner = new Scope(scope);
        const body = this.resolveBody(t.body, inner);
        return { ...t, key: this.resolveTerm(t.key, inner), value: this.resolveTerm(t.value, inner), body };
      }
      default: return assertNever(t, "term");
    }
  }

  /** functionPath maps a call's operator ref to an absolute data path, or undefined for builtins. */
  private functionPath(fn: RefTerm, scope: Scope): string[] | undefined {
    if (fn.head.kind !== "Var") return undefined;
    const segs = fn.path.map((p) => (p.kind === "String" ? p.value : "?"));
    const name = fn.head.name;
    if (scope.lookup(name) !== undefined) return undefined;
    if (name === "data") return segs;
    const imp = this.env.imports.get(name);
    if (imp !== undefined && imp.head.kind === "Var" && imp.head.name === "data") {
      return [...imp.path.map((p) => (p.kind === "String" ? p.value : "?")), ...segs];
    }
    if (this.env.packageRules.has(name)) return [...this.env.pkgPath, name, ...segs];
    return undefined;
  }

  private resolveCall(t: CallTerm, scope: Scope): Term {
    const args = t.args.map((a) => this.resolveTerm(a, scope));
    const target = this.callTarget(t.fn, args.length, t.span, scope);
    const fn = target?.kind === "Function" ? this.dataRef(target.path.split(".").slice(1), t.fn.span) : t.fn;
    return target === undefined ? { ...t, fn, args } : { ...t, fn, args, target };
  }

  /** callTarget resolves a call's operator and checks existence, support and arity. */
  private callTarget(fnRef: RefTerm, argc: number, span: Span, scope: Scope): CallTarget | undefined {
    const path = this.functionPath(fnRef, scope);
    if (path !== undefined) {
      const key = path.join(".");
      const info = this.env.ruleInfo(key);
      if (info === undefined) {
        this.error("rego_undefined_function_error", `undefined function data.${key}`, fnRef.span);
        return undefined;
      }
      if (!info.isFunction || info.arity === undefined) {
        this.error("rego_type_error", `data.${key} is not a function`, fnRef.span);
        return undefined;
      }
      if (argc !== info.arity && argc !== info.arity + 1) {
        this.error("rego_type_error", `data.${key}: arity mismatch: have ${argc} arguments, want ${info.arity}`, span);
      }
      return { kind: "Function", path: `data.${key}` };
    }
    const name = refName(fnRef);
    const b = this.env.builtins.get(name);
    if (b === undefined) {
      this.error("rego_undefined_function_error", `undefined function ${name}`, fnRef.span);
      return undefined;
    }
    if (this.env.implemented !== undefined && !this.env.implemented.has(name)) {
      this.error("rego_unsupported_error", `builtin ${name} is not supported by vpcgate's Wasm compiler`, fnRef.span);
    }
    const ok = VARIADIC.has(name) || argc === b.arity || (argc === b.arity + 1 && !b.relational);
    if (!ok) this.error("rego_type_error", `${name}: arity mismatch: have ${argc} arguments, want ${b.arity}`, span);
    this.env.builtinsUsed.add(name);
    return { kind: "Builtin", name };
  }

  /** resolveBody resolves each expression in order in `scope` (declarations go into it). */
  resolveBody(body: Body, scope: Scope): Body {
    const out: Expr[] = [];
    for (const e of body) out.push(...this.resolveExpr(e, scope));
    return out;
  }

  /** resolveExpr resolves one expression; `some` declarations vanish, `some … in` is rewritten. */
  resolveExpr(e: Expr, scope: Scope): Expr[] {
    const withs = e.with.map((w) => this.resolveWith(w, scope));
    const v = e.value;
    switch (v.kind) {
      case "SomeDecl":
        for (const x of v.vars) this.declare(x, scope, true);
        return [];
      case "SomeIn":
        return this.rewriteSomeIn(v, e, withs, scope);
      case "Every": {
        const domain = this.resolveTerm(v.domain, scope);
        const inner = new Scope(scope);
        const key = v.key === undefined ? undefined : this.declare(v.key, inner, true);
        const value = this.declare(v.value, inner, true);
        const body = this.resolveBody(v.body, inner);
        const every: Every = key === undefined
          ? { kind: "Every", value, domain, body, span: v.span }
          : { kind: "Every", key, value, domain, body, span: v.span };
        return [{ ...e, value: every, with: withs }];
      }
      default: {
        if (v.kind === "Call" && v.infix === ":=" && v.fn.head.kind === "Var" && v.fn.head.name === "assign") {
          const [lhs, rhs] = v.args;
          if (lhs !== undefined && rhs !== undefined) {
            const r = this.resolveTerm(rhs, scope);
            const l = this.declarePattern(lhs, scope);
            const call: CallTerm = { ...v, args: [l, r], target: { kind: "Builtin", name: "assign" } };
            return [{ ...e, value: call, with: withs }];
          }
        }
        return [{ ...e, value: this.resolveTerm(v, scope), with: withs }];
      }
    }
  }

  /** rewriteSomeIn turns `some k, v in xs` into `v = xs[k]` (with temporaries where needed). */
  private rewriteSomeIn(v: SomeIn, e: Expr, withs: readonly With[], scope: Scope): Expr[] {
    const out: Expr[] = [];
    const span = v.span;
    const mk = (a: Term, b: Term): Expr => ({
      kind: "Expr", negated: false, with: withs, span,
      value: { kind: "Call", fn: opRef("eq", span), args: [a, b], infix: "=", target: { kind: "Builtin", name: "eq" }, span },
    });
    let coll = this.resolveTerm(v.collection, scope);
    if (coll.kind !== "Ref" && coll.kind !== "Var" && coll.kind !== "Call") {
      const tmp: VarTerm = { kind: "Var", name: this.fresh("__local"), span: coll.span };
      out.push(mk(tmp, coll));
      coll = tmp;
    }
    const keyPattern = v.key === undefined ? undefined : this.declarePattern(v.key, scope, true);
    const valuePattern = this.declarePattern(v.value, scope, true);
    const key: VarTerm = keyPattern !== undefined && keyPattern.kind === "Var"
      ? keyPattern
      : { kind: "Var", name: this.fresh("$"), original: "_", span };
    const ref: RefTerm = coll.kind === "Ref"
      ? { kind: "Ref", head: coll.head, path: [...coll.path, key], span: coll.span }
      : { kind: "Ref", head: coll, path: [key], span: coll.span };
    out.push(mk(valuePattern, ref));
    if (keyPattern !== undefined && keyPattern.kind !== "Var") out.push(mk(keyPattern, key));
    if (e.negated) this.error("rego_compile_error", "some declarations cannot be negated", e.span);
    return out;
  }

  /** resolveWith resolves a `with` target and value and classifies them. */
  private resolveWith(w: With, scope: Scope): With {
    const target = w.target;
    let targetKind: WithTargetKind | undefined;
    let resolvedTarget: RefTerm = target;
    const headName = target.head.kind === "Var" ? target.head.name : "";
    if (headName === "input") {
      targetKind = "input";
    } else {
      const path = this.functionPath(target, scope);
      if (path !== undefined) {
        resolvedTarget = this.dataRef(path, target.span);
        targetKind = this.env.ruleInfo(path.join("."))?.isFunction === true ? "function" : "data";
      } else if (this.env.imports.get(headName)?.head.kind === "Var") {
        const imp = this.env.imports.get(headName);
        if (imp !== undefined) {
          resolvedTarget = { kind: "Ref", head: imp.head, path: [...imp.path, ...target.path], span: target.span };
          targetKind = "input";
        }
      } else if (this.env.builtins.has(refName(target))) {
        targetKind = "builtin";
      }
    }
    if (targetKind === undefined) {
      this.error("rego_compile_error", "with keyword target must reference existing input, data, or a function", target.span);
      return { ...w, value: this.resolveTerm(w.value, scope) };
    }
    const forbidden = targetKind === "builtin" ? withBuiltinTargetError(refName(target)) : undefined;
    if (forbidden !== undefined) {
      this.error("rego_compile_error", forbidden, target.span);
      return { ...w, value: this.resolveTerm(w.value, scope) };
    }
    let valueKind: WithValueKind = "value";
    let value: Term;
    const val = w.value;
    const valRef: RefTerm | undefined = val.kind === "Var" ? { kind: "Ref", head: val, path: [], span: val.span }
      : val.kind === "Ref" && val.head.kind === "Var" && val.path.every((p) => p.kind === "String") ? val : undefined;
    const valPath = valRef === undefined ? undefined : this.functionPath(valRef, scope);
    if ((targetKind === "function" || targetKind === "builtin") && valRef !== undefined && valPath !== undefined
      && this.env.ruleInfo(valPath.join("."))?.isFunction === true) {
      valueKind = "function";
      value = this.dataRef(valPath, val.span);
    } else if ((targetKind === "function" || targetKind === "builtin") && valRef !== undefined && valPath === undefined
      && scope.lookup(refName(valRef)) === undefined && this.env.builtins.has(refName(valRef))) {
      valueKind = "builtin";
      value = valRef;
    } else {
      value = this.resolveTerm(val, scope);
    }
    if (valueKind !== "value" && valRef !== undefined) {
      // OPA type-checks a function replacement: both sides must take the same number of arguments.
      const arity = (kind: WithTargetKind | WithValueKind, ref: RefTerm): number | undefined =>
        kind === "function" ? this.env.ruleInfo(refName(ref).replace(/^data\./, ""))?.arity : this.env.builtins.get(refName(ref))?.arity;
      const want = arity(targetKind, resolvedTarget);
      const got = arity(valueKind, value.kind === "Ref" ? value : valRef);
      if (want !== undefined && got !== undefined && want !== got) {
        this.error("rego_type_error", `with keyword replacing ${refName(target)}: arity mismatch: it takes ${want} argument(s), ${refName(valRef)} takes ${got}`, w.span);
      }
    }
    return { ...w, target: resolvedTarget, value, targetKind, valueKind };
  }
}

/** withBuiltinTargetError is OPA's reason a builtin may not be mocked with `with`, if any. */
function withBuiltinTargetError(name: string): string | undefined {
  if (name === "eq" || name === "assign" || name === "rego.metadata.chain" || name === "rego.metadata.rule") {
    return `with keyword replacing built-in function: replacement of "${name}" invalid`;
  }
  if (name.startsWith("internal.")) return `with keyword replacing built-in function: replacement of internal function "${name}" invalid`;
  if (name === "walk") return "with keyword replacing built-in function: target must not be a relation";
  if (name === "print") return "with keyword replacing built-in function: target must not be a void function";
  return undefined;
}

/** refName renders a ref of names as its dotted name (`object.get`, `data.x.f`). */
export function refName(r: RefTerm): string {
  const head = r.head.kind === "Var" ? r.head.name : "?";
  return [head, ...r.path.map((p) => (p.kind === "String" ? p.value : "?"))].join(".");
}
