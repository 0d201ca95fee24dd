/*
 * The HCL expression evaluator. Input: an Expr (expr-parser.ts) and an Env that resolves
 * references (var.*, local.*, module.*, data.*, resources, each.*, count.*). Output: an HVal.
 * Unknowns propagate; list cardinality is kept whenever it is known (`[aws_subnet.a.id]` is a
 * one-element list whose element is a fresh id).
 */

import { EvalError } from "./eval-error.js";
import { parseTemplate, type Expr } from "./expr-parser.js";
import { FUNCTIONS } from "./functions.js";
import { Unk, equalVals, isList, isObj, newObject, toNum, toStr, typeName, type HObject, type HVal } from "./values.js";

/** Env resolves the names an expression refers to. */
export interface Env {
  /** bound returns a for-expression / iterator binding, if the name is bound. */
  bound(name: string): HVal | undefined;
  /** ref resolves `ns.name` (var.x, local.x, module.x, each.key, count.index, aws_subnet.a, data "t.n"). */
  ref(ns: string, name: string): HVal;
  /** with returns an Env with extra bindings. */
  with(bindings: ReadonlyMap<string, HVal>): Env;
}

const templateCache = new Map<string, Expr>();

/** parseCached parses a JSON-form string as a template, caching by text. */
export function parseCached(text: string): Expr {
  let e = templateCache.get(text);
  if (e === undefined) {
    e = parseTemplate(text);
    if (templateCache.size > 50000) templateCache.clear();
    templateCache.set(text, e);
  }
  return e;
}

/** literalText is a JSON-form string without interpolation or directives, with `$${` / `%%{` unescaped; undefined when it is a template. */
function literalText(raw: string): string | undefined {
  if (!raw.includes("{")) return raw;
  if (raw.includes("${") || raw.includes("%{")) return undefined;
  return raw.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{");
}

/**
 * evalRaw evaluates a JSON-form value (hcl2json output or .tf.json): strings are templates, and so
 * are object property names (HCL's JSON syntax: `{ (var.k) = v }` comes back as `{"${(var.k)}": v}`),
 * so an unknown key makes the whole object unknown rather than a literal `${...}` key.
 */
export function evalRaw(raw: unknown, env: Env): HVal {
  if (typeof raw === "string") {
    const lit = literalText(raw);
    return lit !== undefined ? lit : evaluate(parseCached(raw), env);
  }
  if (Array.isArray(raw)) return raw.map((x) => evalRaw(x, env));
  if (typeof raw === "object" && raw !== null) {
    const out: Record<string, HVal> = newObject();
    for (const k in raw) {
      if (!Object.prototype.hasOwnProperty.call(raw, k)) continue;
      const v = evalRaw((raw as Record<string, unknown>)[k], env);
      const lit = literalText(k);
      if (lit !== undefined) { out[lit] = v; continue; }
      const key = evaluate(parseCached(k), env);
      if (key instanceof Unk) return new Unk(`an object with an unknown key: ${key.note}`);
      const ks = key === null ? undefined : toStr(key);
      if (typeof ks !== "string") throw new EvalError(`object keys must be strings, got ${typeName(key)}`);
      out[ks] = v;
    }
    return out;
  }
  if (typeof raw === "number" || typeof raw === "boolean" || raw === null) return raw;
  return null;
}

const NAMESPACES = new Set(["var", "local", "module", "path", "terraform", "count", "each", "self"]);

function nsRef(e: Expr, env: Env): HVal | undefined {
  if (e.kind !== "GetAttr") return undefined;
  const o = e.obj;
  if (o.kind === "Var" && env.bound(o.name) === undefined && o.name !== "data") return env.ref(o.name, e.name);
  if (o.kind === "GetAttr" && o.obj.kind === "Var" && o.obj.name === "data" && env.bound("data") === undefined) return env.ref("data", `${o.name}.${e.name}`);
  return undefined;
}

function getAttr(v: HVal, name: string): HVal {
  if (v instanceof Unk) return new Unk(`${v.note} (.${name})`);
  if (v === null) throw new EvalError(`attempt to get attribute ${name} from a null value`);
  if (isObj(v)) {
    if (name in v) return v[name] as HVal;
    throw new EvalError(`unsupported attribute ${JSON.stringify(name)}`);
  }
  throw new EvalError(`cannot get attribute ${name} of a ${typeName(v)}`);
}

function index(v: HVal, k: HVal): HVal {
  if (v instanceof Unk) return new Unk(`${v.note} ([…])`);
  if (k instanceof Unk) return new Unk(`index by an unknown key: ${k.note}`);
  if (isList(v)) {
    const i = toNum(k);
    if (!Number.isInteger(i) || i < 0 || i >= v.length) throw new EvalError(`index ${String(k)} out of range for a list of ${v.length}`);
    return v[i] as HVal;
  }
  if (isObj(v)) {
    const key = toStr(k);
    if (typeof key === "string" && Object.hasOwn(v, key)) return v[key] as HVal;
    throw new EvalError(`the map has no element ${JSON.stringify(k)}`);
  }
  throw new EvalError(`cannot index a ${typeName(v)}`);
}

function truthy(v: HVal, what: string): boolean | Unk {
  if (v instanceof Unk) return v;
  if (typeof v === "boolean") return v;
  if (v === "true") return true;
  if (v === "false") return false;
  throw new EvalError(`${what} must be a bool, got ${typeName(v)}`);
}

function num(v: HVal): number | Unk {
  if (v instanceof Unk) return v;
  const n = typeof v === "number" ? v : toNum(v);
  if (Number.isNaN(n)) throw new EvalError(`expected a number, got ${typeName(v)}`);
  return n;
}

function binary(op: string, l: HVal, r: HVal): HVal {
  switch (op) {
    case "==": {
      const e = equalVals(l, r);
      return e === undefined ? new Unk("comparison with an unknown value") : e;
    }
    case "!=": {
      const e = equalVals(l, r);
      return e === undefined ? new Unk("comparison with an unknown value") : !e;
    }
    case "&&": {
      const a = truthy(l, "&&");
      const b = truthy(r, "&&");
      if (a === false || b === false) return false;
      if (a instanceof Unk) return a;
      if (b instanceof Unk) return b;
      return true;
    }
    case "||": {
      const a = truthy(l, "||");
      const b = truthy(r, "||");
      if (a === true || b === true) return true;
      if (a instanceof Unk) return a;
      if (b instanceof Unk) return b;
      return false;
    }
    default: {
      const a = num(l);
      const b = num(r);
      if (a instanceof Unk) return a;
      if (b instanceof Unk) return b;
      switch (op) {
        case "+": return a + b;
        case "-": return a - b;
        case "*": return a * b;
        case "/": return a / b;
        case "%": return a % b;
        case "<": return a < b;
        case ">": return a > b;
        case "<=": return a <= b;
        case ">=": return a >= b;
        default: throw new EvalError(`unknown operator ${op}`);
      }
    }
  }
}

/** evaluate evaluates an expression in an environment. */
export function evaluate(e: Expr, env: Env): HVal {
  switch (e.kind) {
    case "Lit":
      return e.value;
    case "Template": {
      const parts: (string | Unk)[] = [];
      for (const p of e.parts) {
        if (typeof p === "string") { parts.push(p); continue; }
        const v = evaluate(p, env);
        if (v === null) throw new EvalError("a null value cannot be used in a string template");
        const s = toStr(v);
        if (s === undefined) throw new EvalError(`a ${typeName(v)} cannot be used in a string template`);
        parts.push(s);
      }
      if (parts.every((p) => typeof p === "string")) return parts.join("");
      return new Unk(`a string built from unknown values (${(parts.find((p) => p instanceof Unk) as Unk).note})`, { parts });
    }
    case "Var": {
      const b = env.bound(e.name);
      if (b !== undefined) return b;
      throw new EvalError(`${e.name} is not a value on its own`);
    }
    case "GetAttr": {
      const r = nsRef(e, env);
      if (r !== undefined) return r;
      return getAttr(evaluate(e.obj, env), e.name);
    }
    case "Index":
      return index(evaluate(e.obj, env), evaluate(e.key, env));
    case "SplatItem":
      return env.bound("\u0000splat") ?? null;
    case "Splat": {
      const src = evaluate(e.source, env);
      if (src instanceof Unk) return new Unk(`splat over an unknown value: ${src.note}`);
      const items: readonly HVal[] = src === null ? [] : isList(src) ? src : [src];
      return items.map((it) => evaluate(e.each, env.with(new Map([["\u0000splat", it]]))));
    }
    case "Call":
      return call(e, env);
    case "Tuple":
      return e.items.map((x) => evaluate(x, env));
    case "Object": {
      const out: Record<string, HVal> = newObject();
      for (const it of e.items) {
        const k = evaluate(it.key, env);
        if (k instanceof Unk) return new Unk(`an object with an unknown key: ${k.note}`);
        const ks = toStr(k);
        if (typeof ks !== "string") throw new EvalError("object keys must be strings");
        out[ks] = evaluate(it.value, env);
      }
      return out;
    }
    case "For":
      return forExpr(e, env);
    case "Cond": {
      const c = truthy(evaluate(e.cond, env), "the condition");
      if (c instanceof Unk) {
        const t = safeEval(e.then, env);
        const f = safeEval(e.else, env);
        if (t !== undefined && f !== undefined && equalVals(t, f) === true) return t;
        return new Unk(`a conditional whose condition is unknown (${c.note})`);
      }
      return evaluate(c ? e.then : e.else, env);
    }
    case "Binary":
      return binary(e.op, evaluate(e.left, env), evaluate(e.right, env));
    case "Unary": {
      const v = evaluate(e.operand, env);
      if (v instanceof Unk) return v;
      if (e.op === "!") return !truthy(v, "!");
      const n = num(v);
      return n instanceof Unk ? n : -n;
    }
    case "Unsupported":
      return new Unk(`${e.what} is not evaluated by vpcgate`);
  }
}

function safeEval(e: Expr, env: Env): HVal | undefined {
  try {
    return evaluate(e, env);
  } catch (err) {
    if (err instanceof EvalError) return undefined;
    throw err;
  }
}

function call(e: Extract<Expr, { kind: "Call" }>, env: Env): HVal {
  const name = e.name;
  if (name === "try") {
    for (const a of e.args) {
      try {
        const v = evaluate(a, env);
        return v;
      } catch (err) {
        if (!(err instanceof EvalError)) throw err;
      }
    }
    throw new EvalError("try: no argument could be evaluated");
  }
  if (name === "can") {
    try {
      const v = evaluate(e.args[0] ?? { kind: "Lit", value: null }, env);
      return v instanceof Unk && v.freshPrefix === undefined && v.parts === undefined ? new Unk(`can(…) of an unknown value: ${v.note}`) : true;
    } catch (err) {
      if (err instanceof EvalError) return false;
      throw err;
    }
  }
  let args = e.args.map((a) => evaluate(a, env));
  if (e.expand && args.length > 0) {
    const last = args[args.length - 1] as HVal;
    if (last instanceof Unk) return new Unk(`${name}(…) with an unknown expanded argument`);
    args = [...args.slice(0, -1), ...(isList(last) ? last : [])];
  }
  const f = FUNCTIONS[name];
  if (f === undefined) return new Unk(`the function ${name}() is not evaluated by vpcgate`);
  return f(args);
}

function forExpr(e: Extract<Expr, { kind: "For" }>, env: Env): HVal {
  const coll = evaluate(e.coll, env);
  if (coll instanceof Unk) return new Unk(`a for expression over an unknown collection: ${coll.note}`);
  let pairs: [HVal, HVal][];
  if (isList(coll)) pairs = coll.map((v, i) => [i, v]);
  else if (isObj(coll)) pairs = Object.keys(coll).sort().map((k) => [k, (coll as HObject)[k] as HVal]);
  else throw new EvalError(`a for expression needs a collection, got ${typeName(coll)}`);
  const tuple: HVal[] = [];
  const object: Record<string, HVal | HVal[]> = newObject();
  for (const [k, v] of pairs) {
    const b = new Map<string, HVal>([[e.valVar, v]]);
    if (e.keyVar !== undefined) b.set(e.keyVar, k);
    const inner = env.with(b);
    if (e.cond !== undefined) {
      const c = truthy(evaluate(e.cond, inner), "the for condition");
      if (c instanceof Unk) return new Unk(`a for expression with an unknown condition: ${c.note}`);
      if (!c) continue;
    }
    const val = evaluate(e.valExpr, inner);
    if (!e.object) { tuple.push(val); continue; }
    const key = evaluate(e.keyExpr as Expr, inner);
    if (key instanceof Unk) return new Unk(`a for expression with an unknown key: ${key.note}`);
    const ks = toStr(key);
    if (typeof ks !== "string") throw new EvalError("for expression keys must be strings");
    if (e.group) ((object[ks] ??= []) as HVal[]).push(val);
    else {
      if (Object.hasOwn(object, ks)) throw new EvalError(`duplicate key ${JSON.stringify(ks)} in a for expression`);
      object[ks] = val;
    }
  }
  return e.object ? (object as HObject) : tuple;
}

/** isNamespace reports whether a root name is a Terraform namespace rather than a resource type. */
export function isNamespace(name: string): boolean {
  return NAMESPACES.has(name);
}
