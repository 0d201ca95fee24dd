/*
 * HCL mode: a root module directory → every aws_lambda_function instance as a CreateFunction
 * (no state, so every function is evaluated as created). Evaluates variables (defaults, tfvars,
 * --var-file, --var), locals, count/for_each on resources and module calls, dynamic blocks,
 * local modules and downloaded registry/git modules (.terraform/modules/modules.json).
 * Input: directory and options. Output: one InputDocument plus diagnostics.
 */

import { readFile, readdir, stat } from "node:fs/promises";
import { isAbsolute, join, resolve, sep } from "node:path";
import { diagnostic, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Scalar } from "../../iam/types.js";
import type { InputDocument, LambdaFunction, Location, UnknownNote } from "../../lambda/model.js";
import { partitionOf } from "../../lambda/plan-facts.js";
import { buildCreateRequest, emptyLookup, functionArn, type NetworkLookup } from "../../lambda/request-context.js";
import { ID_PREFIX, unknown, type FunctionSpec, type ListSpec, type TagsSpec, type VpcSpec } from "../../lambda/spec.js";
import { relativeDisplay } from "../paths.js";
import { EvalError } from "./eval-error.js";
import { evalRaw, type Env } from "./eval.js";
import { parseExpression } from "./expr-parser.js";
import { asBlocks, loadModule, parseHclFile, type ModuleCallDef, type ModuleDef, type RawBody, type ResourceDef } from "./module-loader.js";
import { Unk, isList, isObj, newObject, toScalar, toStr, type HObject, type HVal } from "./values.js";

/** HclOptions are the HCL-mode options of loadInputs. */
export interface HclOptions {
  readonly cwd: string;
  readonly vars: Readonly<Record<string, string>>;
  readonly varFiles: readonly string[];
  readonly inventory?: NetworkLookup;
  /** files restricts the root module to these files (a single .tf / .tf.json argument). */
  readonly files?: readonly string[];
}

/** MAX_MODULE_DEPTH bounds module nesting (issue 8: self-including modules; documented in docs/reliability.md). */
const MAX_MODULE_DEPTH = 24;

const META = new Set(["count", "for_each", "provider", "depends_on", "lifecycle", "provisioner", "connection", "dynamic", "source", "version", "providers"]);

interface Instance {
  readonly def: ModuleDef;
  /** path is `module.a["x"].module.b` ("" for root). */
  readonly path: string;
  readonly chain: readonly { readonly name: string; readonly location?: Location }[];
  readonly inputs: ReadonlyMap<string, HVal>;
  /** localCache holds evaluated locals, variable defaults and module values of this instance. */
  readonly localCache: Map<string, HVal>;
  readonly refCache: Map<string, HVal>;
  /** keyPath is the config key of the module (module.a.module.b), for modules.json. */
  readonly keyPath: readonly string[];
  /** scope is the instance's binding-free Env (made once, on first use). */
  scope?: Scope;
}

/**
 * Scope is an Env: an instance plus a chain of binding maps (innermost first). `with` links a new
 * map in front instead of copying the bindings, so for expressions, splats and dynamic blocks
 * cost one small map each.
 */
class Scope implements Env {
  readonly ev: Evaluator;
  readonly inst: Instance;
  readonly vars: ReadonlyMap<string, HVal> | undefined;
  readonly parent: Scope | undefined;
  constructor(ev: Evaluator, inst: Instance, vars: ReadonlyMap<string, HVal> | undefined, parent: Scope | undefined) {
    this.ev = ev;
    this.inst = inst;
    this.vars = vars;
    this.parent = parent;
  }

  bound(name: string): HVal | undefined {
    for (let s: Scope | undefined = this; s !== undefined; s = s.parent) {
      const v = s.vars?.get(name);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  with(bindings: ReadonlyMap<string, HVal>): Env {
    return new Scope(this.ev, this.inst, bindings, this);
  }

  ref(ns: string, name: string): HVal {
    return this.ev.ref(this.inst, this, ns, name);
  }
}

class Evaluator {
  readonly diagnostics: Diagnostic[] = [];
  readonly rootDir: string;
  readonly opts: HclOptions;
  readonly modulesJson: Map<string, string>;
  readonly loading = new Set<string>();
  readonly moduleCache = new Map<string, ModuleDef | undefined>();
  readonly childCache = new Map<string, Instance[] | Unk>();
  rootProviders: ModuleDef["providers"] = [];

  constructor(rootDir: string, opts: HclOptions, modulesJson: Map<string, string>) {
    this.rootDir = rootDir;
    this.opts = opts;
    this.modulesJson = modulesJson;
  }

  display(abs: string): string {
    return relativeDisplay(this.opts.cwd, abs);
  }

  warn(code: string, message: string, file: string, loc?: Location): void {
    if (this.diagnostics.some((d) => d.code === code && d.message === message)) return;
    this.diagnostics.push(diagnostic(code, message, loc ?? { file }, "warning"));
  }

  /**
   * refuse records an error Terraform itself would stop on (the run exits 2) and returns an
   * unknown so evaluation can go on to report other problems. Never a silent zero instances.
   */
  refuse(message: string, loc?: Location): Unk {
    if (!this.diagnostics.some((d) => d.code === "hcl_eval_error" && d.message === message)) this.diagnostics.push(diagnostic("hcl_eval_error", message, loc ?? { file: "" }));
    return new Unk(message);
  }

  /** safe evaluates a raw value, turning an evaluation error into an unknown plus a warning. */
  safe(raw: unknown, env: Env, what: string, loc?: Location): HVal {
    try {
      return evalRaw(raw, env);
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      this.warn("hcl_eval_error", `${what}: ${e.message} (treated as unknown)`, loc?.file ?? "", loc);
      return new Unk(`${what} could not be evaluated: ${e.message}`);
    }
  }

  /** env returns the instance's Env, with `bindings` (count.index, each.*) when given. */
  env(inst: Instance, bindings?: ReadonlyMap<string, HVal>): Env {
    const root = (inst.scope ??= new Scope(this, inst, undefined, undefined));
    return bindings === undefined || bindings.size === 0 ? root : new Scope(this, inst, bindings, root);
  }

  ref(inst: Instance, scope: Env, ns: string, name: string): HVal {
    switch (ns) {
      case "var": {
        const given = inst.inputs.get(name);
        if (given !== undefined || inst.inputs.has(name)) return given as HVal;
        const v = inst.def.variables.get(name);
        if (v === undefined) throw new EvalError(`undeclared variable var.${name}`);
        if (!("default" in v)) return new Unk(`var.${name} has no value (no default, no tfvars, no --var)`);
        const key = `\u0000var.${name}`;
        const cached = inst.localCache.get(key);
        if (cached !== undefined) return cached;
        const d = this.safe(v["default"], this.env(inst), `the default of var.${name}`);
        inst.localCache.set(key, d);
        return d;
      }
      case "local": {
        const key = name;
        const hit = inst.localCache.get(key);
        if (hit !== undefined) return hit;
        if (!inst.def.locals.has(name)) throw new EvalError(`undeclared local.${name}`);
        const guard = `${inst.path}\u0000local.${name}`;
        if (this.loading.has(guard)) return new Unk(`local.${name} refers to itself`);
        this.loading.add(guard);
        const v = this.safe(inst.def.locals.get(name), this.env(inst), `local.${name}`);
        this.loading.delete(guard);
        inst.localCache.set(key, v);
        return v;
      }
      case "each":
      case "count": {
        const b = scope.bound(`${ns}.${name}`);
        if (b === undefined) throw new EvalError(`${ns}.${name} is not available here`);
        return b;
      }
      case "path":
        return name === "root" ? "." : name === "cwd" ? "." : relativeDisplay(this.rootDir, inst.def.dir) || ".";
      case "terraform":
        return name === "workspace" ? "default" : new Unk(`terraform.${name}`);
      case "self":
        return new Unk("self is not evaluated by vpcgate");
      case "module":
        return this.moduleValue(inst, name);
      case "data":
        return this.resourceValue(inst, "data", name);
      default:
        return this.resourceValue(inst, "managed", `${ns}.${name}`);
    }
  }

  /** expand evaluates count / for_each into instance keys (or an unknown). */
  expand(body: RawBody, env: Env, what: string, loc?: Location): { keys: (number | string)[]; each: Map<string | number, HVal> } | Unk | null {
    if ("count" in body) {
      const c = this.safe(body["count"], env, `count of ${what}`, loc);
      if (c instanceof Unk) return new Unk(`the count of ${what} is unknown (${c.note})`);
      // Terraform converts a numeric string and refuses anything else: null, a fraction, a negative number.
      const n = typeof c === "number" ? c : typeof c === "string" && /^\s*-?[0-9]+(\.[0-9]+)?\s*$/.test(c) ? Number(c) : NaN;
      if (!Number.isInteger(n) || n < 0) return this.refuse(`the count of ${what} must be a whole number of 0 or more, not ${describeValue(c)}`, loc);
      return { keys: Array.from({ length: n }, (_, i) => i), each: new Map() };
    }
    if ("for_each" in body) {
      const fe = this.safe(body["for_each"], env, `for_each of ${what}`, loc);
      if (fe instanceof Unk) return new Unk(`the for_each of ${what} is unknown (${fe.note})`);
      if (!isList(fe) && !isObj(fe)) return this.refuse(`the for_each of ${what} must be a map or a set of strings, not ${describeValue(fe)}`, loc);
      const each = new Map<string | number, HVal>();
      if (isList(fe)) {
        for (const x of fe) {
          const k = toStr(x);
          if (typeof k !== "string") return new Unk(`the for_each of ${what} holds unknown keys`);
          each.set(k, k);
        }
      } else if (isObj(fe)) for (const [k, v] of Object.entries(fe)) each.set(k, v);
      return { keys: [...each.keys()].sort(), each };
    }
    return null;
  }

  bindingsFor(key: number | string | undefined, each: Map<string | number, HVal> | undefined): Map<string, HVal> {
    const b = new Map<string, HVal>();
    if (typeof key === "number") b.set("count.index", key);
    else if (typeof key === "string") {
      b.set("each.key", key);
      b.set("each.value", each?.get(key) ?? key);
    }
    return b;
  }

  resourceValue(inst: Instance, mode: "managed" | "data", addr: string): HVal {
    const cacheKey = `${mode}:${addr}`;
    const hit = inst.refCache.get(cacheKey);
    if (hit !== undefined) return hit;
    const def = inst.def.resourceIndex.get(cacheKey);
    if (def === undefined) throw new EvalError(`reference to undeclared ${mode === "data" ? "data." : ""}${addr}`);
    const type = def.type;
    const guard = `${inst.path}\u0000${cacheKey}`;
    if (this.loading.has(guard)) return new Unk(`${addr} refers to itself`);
    this.loading.add(guard);
    const full = `${inst.path === "" ? "" : inst.path + "."}${mode === "data" ? "data." : ""}${addr}`;
    const one = (key: number | string | undefined, each?: Map<string | number, HVal>): HVal => {
      const env = this.env(inst, this.bindingsFor(key, each));
      const attrs: Record<string, HVal> = newObject();
      for (const [k, raw] of Object.entries(def.body)) {
        if (META.has(k)) continue;
        attrs[k] = this.safe(raw, env, `${full}.${k}`, def.location);
      }
      const keyText = key === undefined ? "" : typeof key === "number" ? `[${key}]` : `[${JSON.stringify(key)}]`;
      const idNote = `${full}${keyText}.id`;
      if (mode === "managed") {
        const vpc = type === "aws_subnet" ? attrs["vpc_id"] : undefined;
        attrs["id"] = new Unk(idNote, { freshPrefix: ID_PREFIX[type] ?? "", ...(vpc !== undefined ? { vpc } : {}) });
      } else if (type === "aws_subnet" && typeof attrs["id"] === "string") {
        const v = this.opts.inventory?.subnetVpc(attrs["id"]);
        if (v !== undefined && !("vpc_id" in attrs)) attrs["vpc_id"] = v;
      }
      return new Proxy(attrs, {
        get: (t, p) => (typeof p === "string" && !(p in t) ? new Unk(`${full}${keyText}.${p} is known only after apply`) : Reflect.get(t, p)),
        has: () => true,
      }) as HObject;
    };
    const exp = this.expand(def.body, this.env(inst), full, def.location);
    let v: HVal;
    if (exp === null) v = one(undefined);
    else if (exp instanceof Unk) v = exp;
    else if (exp.keys.every((k) => typeof k === "number")) v = exp.keys.map((k) => one(k));
    else {
      const o: Record<string, HVal> = newObject();
      for (const k of exp.keys) o[String(k)] = one(k, exp.each);
      v = o;
    }
    this.loading.delete(guard);
    inst.refCache.set(cacheKey, v);
    return v;
  }

  /** moduleValue is `module.<name>` (its instances' outputs), evaluated once per instance. */
  moduleValue(inst: Instance, name: string): HVal {
    const cacheKey = `\u0000module.${name}`;
    const hit = inst.localCache.get(cacheKey);
    if (hit !== undefined) return hit;
    const children = this.children(inst, name);
    if (children instanceof Unk) return children;
    const call = inst.def.callIndex.get(name) as ModuleCallDef; // children() threw if it were undeclared
    const outputsOf = (c: Instance): HVal => {
      const o: Record<string, HVal> = newObject();
      for (const [k, body] of c.def.outputs) o[k] = this.safe(body["value"], this.env(c), `module output ${c.path}.${k}`);
      return o;
    };
    let v: HVal;
    if ("count" in call.body) v = children.map(outputsOf);
    else if ("for_each" in call.body) {
      const o: Record<string, HVal> = newObject();
      for (const c of children) o[c.path.slice(c.path.lastIndexOf("[") + 2, -2)] = outputsOf(c);
      v = o;
    } else v = children[0] === undefined ? null : outputsOf(children[0]);
    inst.localCache.set(cacheKey, v);
    return v;
  }

  /** children instantiates a module call (all its instances), or returns an unknown. */
  children(inst: Instance, name: string): Instance[] | Unk {
    const cacheKey = `${inst.path}\u0000${name}`;
    const cached = this.childCache.get(cacheKey);
    if (cached !== undefined) return cached;
    const call = inst.def.callIndex.get(name);
    if (call === undefined) throw new EvalError(`reference to undeclared module.${name}`);
    // Issue 8: a module that calls itself (directly or through others) would recurse forever.
    if (inst.chain.length >= MAX_MODULE_DEPTH) {
      this.diagnostics.push(diagnostic("input_too_large", `module "${name}": modules nested deeper than ${MAX_MODULE_DEPTH} levels (does a module call itself, directly or through others?)`, call.location));
      const stop = new Unk(`module.${name} is nested too deeply`);
      this.childCache.set(cacheKey, stop);
      return stop;
    }
    // A cycle through module inputs and outputs (Terraform refuses it) would otherwise recurse forever.
    const guard = `${inst.path}\u0000module.${name}`;
    if (this.loading.has(guard)) {
      const message = `module "${name}" depends on itself through module inputs and outputs (a cycle, which Terraform refuses)`;
      if (!this.diagnostics.some((d) => d.code === "hcl_eval_error" && d.message === message)) this.diagnostics.push(diagnostic("hcl_eval_error", message, call.location));
      return new Unk(`module.${name} depends on itself`);
    }
    this.loading.add(guard);
    try {
      const r = this.instantiate(inst, call, name);
      this.childCache.set(cacheKey, r);
      return r;
    } finally {
      this.loading.delete(guard);
    }
  }

  /** instantiate evaluates a module call's count/for_each and inputs into its instances. */
  instantiate(inst: Instance, call: ModuleCallDef, name: string): Instance[] | Unk {
    const def = this.resolveModule(inst, call);
    let result: Instance[] | Unk;
    const prefix = `${inst.path === "" ? "" : inst.path + "."}module.${name}`;
    if (def === undefined) result = new Unk(`module.${name} is not available on disk (run \`terraform init\`, or vpcgate cannot read its source)`);
    else {
      const exp = this.expand(call.body, this.env(inst), prefix, call.location);
      if (exp instanceof Unk) result = exp;
      else {
        const keys: (number | string | undefined)[] = exp === null ? [undefined] : exp.keys;
        result = keys.map((k) => {
          const b = this.bindingsFor(k, exp === null ? undefined : exp.each);
          const env = this.env(inst, b);
          const inputs = new Map<string, HVal>();
          for (const [arg, raw] of Object.entries(call.body)) {
            if (META.has(arg)) continue;
            inputs.set(arg, this.safe(raw, env, `${prefix}.${arg}`, call.location));
          }
          const keyText = k === undefined ? "" : typeof k === "number" ? `[${k}]` : `[${JSON.stringify(k)}]`;
          return {
            def,
            path: prefix + keyText,
            chain: [...inst.chain, { name: name + keyText, location: call.location }],
            inputs,
            localCache: new Map(),
            refCache: new Map(),
            keyPath: [...inst.keyPath, name],
          };
        });
      }
    }
    return result;
  }

  resolveModule(inst: Instance, call: ModuleCallDef): ModuleDef | undefined {
    const source = typeof call.body["source"] === "string" ? call.body["source"] : undefined;
    if (source === undefined) return undefined;
    let dir: string | undefined;
    if (source.startsWith("./") || source.startsWith("../")) {
      dir = resolve(inst.def.dir, source);
      const tree = resolve(this.opts.cwd);
      if (dir !== tree && !dir.startsWith(tree + sep) && !dir.startsWith(this.rootDir + sep) && dir !== this.rootDir) {
        this.diagnostics.push(diagnostic("input_read_error", `module "${call.name}": source ${JSON.stringify(source)} is outside the scanned tree (${this.display(tree) || "."})`, call.location));
        return undefined;
      }
    } else {
      const key = [...inst.keyPath, call.name].join(".");
      const d = this.modulesJson.get(key);
      if (d === undefined && (isAbsolute(source) || /^[A-Za-z]:[\\/]/.test(source) || source.startsWith("file:"))) {
        this.diagnostics.push(diagnostic("input_read_error", `module "${call.name}": source ${JSON.stringify(source)} is an absolute path outside the scanned tree; use a relative ./ or ../ path inside it`, call.location));
        return undefined;
      }
      if (d === undefined) {
        this.warn("input_module_unavailable", `module "${key}" (source ${JSON.stringify(source)}) is not downloaded: its outputs are unknown and any functions inside it are not seen; run \`terraform init\` to fetch it`, call.location.file, call.location);
        return undefined;
      }
      dir = isAbsolute(d) ? d : resolve(this.rootDir, d);
    }
    return this.cachedModule(dir, call);
  }

  cachedModule(dir: string, call: ModuleCallDef): ModuleDef | undefined {
    if (this.moduleCache.has(dir)) return this.moduleCache.get(dir);
    this.diagnostics.push(diagnostic("input_read_error", `module "${call.name}": no module found at ${this.display(dir)}`, call.location));
    return undefined;
  }

  /** preload parses every module directory reachable from `def` (parsing is async; evaluation is not). */
  async preload(def: ModuleDef, keyPath: readonly string[]): Promise<void> {
    for (const call of def.moduleCalls) {
      const source = typeof call.body["source"] === "string" ? call.body["source"] : undefined;
      if (source === undefined) continue;
      let dir: string | undefined;
      if (source.startsWith("./") || source.startsWith("../")) dir = resolve(def.dir, source);
      else {
        const d = this.modulesJson.get([...keyPath, call.name].join("."));
        if (d !== undefined) dir = isAbsolute(d) ? d : resolve(this.rootDir, d);
      }
      if (dir === undefined || this.moduleCache.has(dir) || keyPath.length > 24) continue;
      const st = await stat(dir).catch(() => undefined);
      if (st === undefined || !st.isDirectory()) continue;
      this.moduleCache.set(dir, undefined);
      const r = await loadModule(dir, (f) => this.display(f));
      this.diagnostics.push(...r.diagnostics);
      if (r.module === undefined) continue;
      this.moduleCache.set(dir, r.module);
      await this.preload(r.module, [...keyPath, call.name]);
    }
  }

  /** functions walks every module instance and extracts the Lambda functions. */
  functions(inst: Instance, out: LambdaFunction[]): void {
    for (const def of inst.def.resources) {
      if (def.mode !== "managed" || def.type !== "aws_lambda_function") continue;
      const base = `${inst.path === "" ? "" : inst.path + "."}aws_lambda_function.${def.name}`;
      const configAddress = base.replace(/\[[^\]]*\]/g, "");
      const exp = this.expand(def.body, this.env(inst), base, def.location);
      const keys: (number | string | undefined)[] = exp === null ? [undefined] : exp instanceof Unk ? ["\u0000unknown"] : exp.keys;
      for (const k of keys) {
        const unknownKey = k === "\u0000unknown";
        const b = unknownKey ? new Map<string, HVal>([["count.index", new Unk("count.index of an unknown count")], ["each.key", new Unk("each.key of an unknown for_each")], ["each.value", new Unk("each.value of an unknown for_each")]]) : this.bindingsFor(k, exp !== null && !(exp instanceof Unk) ? exp.each : undefined);
        const keyText = k === undefined ? "" : unknownKey ? "[*]" : typeof k === "number" ? `[${k}]` : `[${JSON.stringify(k)}]`;
        out.push(this.lambda(inst, def, base + keyText, configAddress, this.env(inst, b), unknownKey ? (exp as Unk).note : undefined));
      }
    }
    for (const call of inst.def.moduleCalls) {
      const cs = this.children(inst, call.name);
      if (cs instanceof Unk) continue;
      for (const c of cs) this.functions(c, out);
    }
  }

  lambda(inst: Instance, def: ResourceDef, address: string, configAddress: string, env: Env, instancesUnknown: string | undefined): LambdaFunction {
    const at = def.location;
    const ev = (k: string): HVal => (Object.hasOwn(def.body, k) ? this.safe(def.body[k], env, `${address}.${k}`, at) : null);
    const fnName = ev("function_name");
    const functionName: Scalar = fnName === null ? unknown(`function_name of ${address} is not set`) : toScalar(fnName, `function_name of ${address}`);
    const spec: FunctionSpec = {
      functionName,
      vpc: this.vpcOf(def, env, address),
      layers: listSpec(ev("layers"), `layers of ${address}`, true),
      codeSigningConfigArn: ((): Scalar | null => { const v = ev("code_signing_config_arn"); return v === null || v === "" ? null : toScalar(v, `code_signing_config_arn of ${address}`); })(),
      tags: this.tagsOf(ev("tags"), def.body["provider"], address),
      sensitive: new Set(),
    };
    const region = this.providerAttr(def.body["provider"], "region");
    const regionS: Scalar = typeof region === "string" ? region : unknown("the provider region is not known from the configuration (set `region` in the provider block)");
    const arn = functionArn({
      partition: typeof region === "string" ? partitionOf(region) : unknown("the AWS partition follows the provider region, which is unknown"),
      region: regionS,
      account: this.account(def.body["provider"]),
    }, functionName);
    const built = buildCreateRequest(spec, arn, this.opts.inventory ?? emptyLookup);
    const unknowns: UnknownNote[] = [...built.unknowns];
    if (instancesUnknown !== undefined) unknowns.push({ key: "instances", reason: instancesUnknown, resolve: "give count/for_each values known at plan time, or check a plan instead" });
    return {
      address,
      type: "aws_lambda_function",
      moduleAddress: inst.path,
      configAddress,
      changeActions: ["create"],
      calls: [{ action: "lambda:CreateFunction", carriesVpcKeys: true, request: built.request, why: "HCL mode: evaluated as a create (no state)" }],
      unknowns,
      location: def.location,
      moduleChain: inst.chain,
      ...(def.waivers.length > 0 ? { waivers: def.waivers } : {}),
    };
  }

  vpcOf(def: ResourceDef, env: Env, address: string): VpcSpec | null | ReturnType<typeof unknown> {
    const raw = def.body["vpc_config"];
    // Issue 8: `vpc_config` is a block (at most one); an argument of that name is refused, as Terraform does.
    const isBlock = (b: unknown): boolean => typeof b === "object" && b !== null && !Array.isArray(b);
    if (raw !== undefined && !isBlock(raw) && (!Array.isArray(raw) || raw.length > 1 || !raw.every(isBlock))) {
      this.diagnostics.push(diagnostic("hcl_parse_error", `${address}: vpc_config must be written as one block (vpc_config { ... }), not as an argument`, def.location));
      return unknown(`the vpc_config of ${address} is malformed`);
    }
    // The first block decides (Terraform allows one): a static block, else the first element of a dynamic one.
    // Every dynamic for_each is still evaluated, so an unknown one keeps the whole configuration unknown.
    const statics = asBlocks(raw);
    let first: { body: RawBody; env: Env } | undefined = statics[0] === undefined ? undefined : { body: statics[0], env };
    for (const dyn of asBlocks(def.body["dynamic"])) {
      const specs = dyn["vpc_config"];
      if (specs === undefined) continue;
      for (const d of asBlocks(specs)) {
        const fe = this.safe(d["for_each"], env, `dynamic "vpc_config" for_each of ${address}`, def.location);
        if (fe instanceof Unk) return unknown(`the dynamic vpc_config block of ${address} has an unknown for_each (${fe.note})`);
        if (!isList(fe) && !isObj(fe)) return unknown(this.refuse(`the for_each of the dynamic vpc_config block of ${address} must be a collection, not ${describeValue(fe)}`, def.location).note);
        if (first !== undefined) continue;
        let item: [string | number, HVal] | undefined;
        if (isList(fe)) item = fe.length > 0 ? [0, fe[0] as HVal] : undefined;
        else if (isObj(fe)) {
          const k = Object.keys(fe).sort()[0];
          item = k === undefined ? undefined : [k, fe[k] as HVal];
        }
        if (item === undefined) continue;
        const iter = typeof d["iterator"] === "string" ? d["iterator"].replace(/^\$\{(.*)\}$/, "$1") : "vpc_config";
        first = { body: asBlocks(d["content"])[0] ?? {}, env: env.with(new Map([[iter, { key: item[0], value: item[1] }]])) };
      }
    }
    if (first === undefined) return null;
    const block = first;
    const ev = (k: string): HVal => (Object.hasOwn(block.body, k) ? this.safe(block.body[k], block.env, `${address}.vpc_config.${k}`, def.location) : null);
    const subnets = ev("subnet_ids");
    const sl = listSpec(subnets, `subnet_ids of ${address}`, false) ?? [];
    const vpcs = isList(subnets) ? dedupeVals(subnets).map((x) => (x instanceof Unk && x.vpc !== undefined && !(x.vpc instanceof Unk && x.vpc.freshPrefix === undefined && x.vpc.parts === undefined) ? toScalar(x.vpc, "vpc_id") : undefined)) : undefined;
    const ipv6 = ev("ipv6_allowed_for_dual_stack");
    return {
      subnetIds: sl,
      securityGroupIds: listSpec(ev("security_group_ids"), `security_group_ids of ${address}`, false) ?? [],
      ipv6AllowedForDualStack: ipv6 instanceof Unk ? unknown(ipv6.note) : ipv6 === true || ipv6 === "true",
      ...(vpcs !== undefined ? { subnetVpcs: vpcs } : {}),
    };
  }

  tagsOf(tags: HVal, provider: unknown, address: string): TagsSpec | null {
    const defaults = this.providerDefaultTags(provider);
    if (tags instanceof Unk || defaults instanceof Unk) {
      return { entries: {}, keysKnown: false, note: `the tags of ${address} are unknown (${(tags instanceof Unk ? tags : (defaults as Unk)).note})` };
    }
    const merged: Record<string, HVal> = { ...(isObj(defaults) ? defaults : {}), ...(isObj(tags) ? tags : {}) };
    const keys = Object.keys(merged);
    if (keys.length === 0) return null;
    const entries: Record<string, Scalar> = newObject<Scalar>();
    for (const k of keys) {
      const v = merged[k] as HVal;
      if (v === null) continue;
      entries[k] = toScalar(v, `tag ${k}`);
    }
    return { entries, keysKnown: true };
  }

  providerBody(provider: unknown): RawBody | undefined {
    const alias = typeof provider === "string" ? provider.replace(/^\$\{(.*)\}$/, "$1").split(".")[1] : undefined;
    return this.rootProviders.find((p) => p.name === "aws" && (alias === undefined ? !("alias" in p.body) : p.body["alias"] === alias))?.body;
  }

  rootInstance: Instance | undefined;

  /** providerCache holds what each provider reference evaluates to (provider blocks are evaluated once, not per function). */
  readonly providerCache = new Map<string, HVal>();

  /** providerFact evaluates `compute` once per provider reference and fact name. */
  providerFact(provider: unknown, fact: string, compute: () => HVal): HVal {
    const key = `${typeof provider === "string" ? provider : ""}\u0000${fact}`;
    const hit = this.providerCache.get(key);
    if (hit !== undefined) return hit;
    const v = compute();
    this.providerCache.set(key, v);
    return v;
  }

  providerAttr(provider: unknown, attr: string): HVal {
    return this.providerFact(provider, attr, () => {
      const b = this.providerBody(provider);
      if (b === undefined || !(attr in b) || this.rootInstance === undefined) return new Unk(`provider ${attr} not set`);
      return this.safe(b[attr], this.env(this.rootInstance), `provider aws ${attr}`);
    });
  }

  providerDefaultTags(provider: unknown): HVal {
    return this.providerFact(provider, "\u0000default_tags", () => {
      const b = this.providerBody(provider);
      const dt = b === undefined ? undefined : asBlocks(b["default_tags"])[0];
      if (dt === undefined || this.rootInstance === undefined || !("tags" in dt)) return null;
      return this.safe(dt["tags"], this.env(this.rootInstance), "provider default_tags");
    });
  }

  account(provider: unknown): Scalar {
    const known = this.providerFact(provider, "\u0000account", () => {
      const allowed = this.providerAttr(provider, "allowed_account_ids");
      if (isList(allowed) && allowed.length === 1 && typeof allowed[0] === "string") return allowed[0];
      const b = this.providerBody(provider);
      const ar = b === undefined ? undefined : asBlocks(b["assume_role"])[0];
      if (ar !== undefined && this.rootInstance !== undefined) {
        const role = this.safe(ar["role_arn"], this.env(this.rootInstance), "provider assume_role");
        const acct = typeof role === "string" ? role.split(":")[4] : undefined;
        if (acct !== undefined && /^\d{12}$/.test(acct)) return acct;
      }
      return null;
    });
    if (typeof known === "string") return known;
    return unknown("the account id is not in the configuration (HCL mode has no state; set allowed_account_ids or check a plan)");
  }
}

function dedupeVals(xs: readonly HVal[]): HVal[] {
  const out: HVal[] = [];
  for (const x of xs) if (!out.some((y) => y === x || (typeof x === "string" && y === x))) out.push(x);
  return out;
}

/** listSpec turns an evaluated list attribute into a ListSpec (set semantics: duplicates dropped). */
function listSpec(v: HVal, what: string, nullIsNone: boolean): ListSpec | null {
  if (v === null) return nullIsNone ? null : [];
  if (v instanceof Unk) {
    if (v.freshPrefix !== undefined || v.parts !== undefined) return unknown(`${what}: a single string where a list is expected`);
    return unknown(`${what} are unknown: ${v.note}`);
  }
  if (!isList(v)) return unknown(`${what} is a ${typeof v}, not a list`);
  const out: Scalar[] = [];
  for (const x of dedupeVals(v)) {
    const s = toScalar(x, what);
    const key = typeof s === "string" ? undefined : JSON.stringify(s);
    if (!out.some((y) => (key === undefined ? y === s : typeof y !== "string" && JSON.stringify(y) === key))) out.push(s);
  }
  return out;
}

async function readModulesJson(rootDir: string): Promise<Map<string, string>> {
  const m = new Map<string, string>();
  const text = await readFile(join(rootDir, ".terraform", "modules", "modules.json"), "utf8").catch(() => undefined);
  if (text === undefined) return m;
  try {
    const doc = JSON.parse(text) as { Modules?: { Key?: string; Dir?: string }[] };
    for (const e of doc.Modules ?? []) if (typeof e.Key === "string" && typeof e.Dir === "string" && e.Key !== "") m.set(e.Key, e.Dir);
  } catch {
    // a broken modules.json is treated as absent
  }
  return m;
}

/** loadVariables reads terraform.tfvars, *.auto.tfvars(.json), --var-file and --var (later wins). */
async function loadVariables(ev: Evaluator, root: ModuleDef, rootDir: string, opts: HclOptions): Promise<Map<string, HVal>> {
  const out = new Map<string, HVal>();
  const constEnv: Env = { bound: () => undefined, with: () => constEnv, ref: (ns, n) => new Unk(`${ns}.${n} is not allowed in a variables file`) };
  const names = (await readdir(rootDir).catch(() => [] as string[])).sort();
  const files = [
    ...names.filter((n) => n === "terraform.tfvars" || n === "terraform.tfvars.json"),
    ...names.filter((n) => n.endsWith(".auto.tfvars") || n.endsWith(".auto.tfvars.json")),
  ].map((n) => join(rootDir, n));
  for (const f of [...files, ...opts.varFiles]) {
    const text = await readFile(f, "utf8").catch(() => undefined);
    const shown = ev.display(f);
    if (text === undefined) {
      ev.diagnostics.push(diagnostic("input_read_error", "the variables file could not be read", { file: shown }));
      continue;
    }
    if (f.endsWith(".json")) {
      try {
        const doc = JSON.parse(text) as Record<string, unknown>;
        for (const [k, v] of Object.entries(doc)) out.set(k, v as HVal);
      } catch {
        ev.diagnostics.push(diagnostic("hcl_parse_error", "invalid JSON variables file", { file: shown }));
      }
      continue;
    }
    const r = await parseHclFile(shown, text);
    ev.diagnostics.push(...r.diagnostics);
    for (const [k, v] of Object.entries(r.json ?? {})) out.set(k, ev.safe(v, constEnv, `variable ${k} in ${shown}`));
  }
  for (const [k, raw] of Object.entries(opts.vars)) {
    const decl = root.variables.get(k);
    const type = typeof decl?.["type"] === "string" ? decl["type"] : "";
    if (type === "" || type === "${string}") out.set(k, raw);
    else {
      try {
        out.set(k, ev.safe(`\${${raw}}`, constEnv, `--var ${k}`));
        parseExpression(raw);
      } catch {
        out.set(k, raw);
      }
    }
  }
  return out;
}

/** loadHclRoot evaluates one root module directory. */
export async function loadHclRoot(dir: string, display: string, opts: HclOptions): Promise<{ document?: InputDocument; diagnostics: Diagnostic[] }> {
  const modulesJson = await readModulesJson(dir);
  const ev = new Evaluator(resolve(dir), opts, modulesJson);
  const r = await loadModule(resolve(dir), (f) => ev.display(f), opts.files);
  ev.diagnostics.push(...r.diagnostics);
  if (r.module === undefined) return { diagnostics: ev.diagnostics };
  const root = r.module;
  ev.rootProviders = root.providers;
  await ev.preload(root, []);
  const inputs = await loadVariables(ev, root, resolve(dir), opts);
  if (ev.diagnostics.some((d) => d.severity === "error")) return { diagnostics: ev.diagnostics };
  const inst: Instance = { def: root, path: "", chain: [], inputs, localCache: new Map(), refCache: new Map(), keyPath: [] };
  ev.rootInstance = inst;
  const functions: LambdaFunction[] = [];
  ev.functions(inst, functions);
  return { document: { path: display, kind: "hcl", functions }, diagnostics: ev.diagnostics };
}

/** describeValue names a value's kind for a message: `null`, `the string "x"`, `the number 2.5`, `true`. */
function describeValue(v: HVal): string {
  if (v === null) return "null";
  if (typeof v === "string") return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v)}`;
  if (typeof v === "number") return `the number ${v}`;
  if (typeof v === "boolean") return String(v);
  if (isList(v)) return "a list";
  if (isObj(v)) return "an object";
  return "an unknown value";
}
