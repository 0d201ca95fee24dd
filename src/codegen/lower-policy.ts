/*
 * Codegen entry: lowers an IR Policy into Wasm functions linked onto the runtime module and
 * generates the ABI glue (eval, opa_eval, builtins, entrypoints, start). Input: Policy
 * (src/planner/ir.ts) + the decoded runtime. Output: the linked WasmModule (or undefined) and
 * diagnostics. Knows the runtime only through its exports (see abi.ts).
 */

import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnostic } from "../diagnostics/diagnostic.js";
import type { Policy } from "../planner/ir.js";
import {
  ABORT_IMPORT,
  EvalCtx,
  MAX_HOST_ARITY,
  Messages,
  Rt,
  hostBuiltinExport,
  nativeBuiltinExport,
} from "./abi.js";
import { Asm } from "./assembler.js";
import { Linker, MAX_INITIAL_PAGES, PAGE_SIZE } from "./linker.js";
import type { LinkResult } from "./linker.js";
import type { BuiltinTarget, LowerContext, PlannedFunc } from "./lower-context.js";
import { FuncLowerer } from "./lower-func.js";
import type { WasmModule } from "./module.js";
import { Op } from "./opcodes.js";

/** CodegenResult is the linked module (absent when there are errors) and the diagnostics. */
export interface CodegenResult {
  readonly link: LinkResult | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

/** CodegenOptions: `hostProvided` names builtins the host is known to supply (no warning for those). */
export interface CodegenOptions {
  readonly hostProvided?: ReadonlySet<string>;
}

/** codegen lowers `policy` and links it onto `runtime`. */
export function codegen(policy: Policy, runtime: WasmModule, opts: CodegenOptions = {}): CodegenResult {
  const linker = new Linker(runtime);
  const diagnostics: Diagnostic[] = [];
  const builtins = resolveBuiltins(policy, linker);
  const funcs = new Map<string, PlannedFunc>();
  policy.funcs.funcs.forEach((func, i) => {
    if (funcs.has(func.name)) throw new Error(`internal: duplicate func ${func.name}`);
    const index = linker.declare(func.name, func.params.length, 1);
    funcs.set(func.name, { func, index, memoId: func.params.length === 2 ? i : undefined });
  });
  const ctx: LowerContext = { linker, policy, funcs, builtins, diagnostics, hostProvided: opts.hostProvided ?? new Set(), warned: new Set() };

  const evalIndex = linker.declare("eval", 1, 1, "eval");
  const opaEvalIndex = linker.declare("opa_eval", 7, 1, "opa_eval");
  const builtinsIndex = linker.declare("builtins", 0, 1, "builtins");
  const entrypointsIndex = linker.declare("entrypoints", 0, 1, "entrypoints");

  for (const f of funcs.values()) lowerFunc(ctx, f);
  linker.define(evalIndex, generateEval(ctx));
  linker.define(opaEvalIndex, generateOpaEval(ctx, evalIndex));
  const hostBuiltins: [string, number][] = [];
  for (const [name, t] of builtins) if (t.kind === "Host") hostBuiltins.push([name, t.id]);
  linker.define(builtinsIndex, generateNameMap(linker, hostBuiltins));
  linker.define(entrypointsIndex, generateNameMap(linker, policy.plans.plans.map((p, i) => [p.name, i])));

  const link = linker.finish();
  if (link.minPages > MAX_INITIAL_PAGES) {
    diagnostics.push(
      diagnostic(
        "rego_compile_error",
        `static data needs ${link.minPages} memory pages; the SDK's default memory has ${MAX_INITIAL_PAGES} (${MAX_INITIAL_PAGES * PAGE_SIZE} bytes)`,
        { file: policy.static.files[0]?.value ?? "policy" },
      ),
    );
  }
  return { link: diagnostics.some((d) => d.severity === "error") ? undefined : link, diagnostics };
}

/** resolveBuiltins decides for each declared builtin: native runtime export, host call, or unsupported. */
function resolveBuiltins(policy: Policy, linker: Linker): Map<string, BuiltinTarget> {
  const out = new Map<string, BuiltinTarget>();
  policy.static.builtin_funcs.forEach((b, id) => {
    const arity = b.decl.args.length;
    const native = nativeBuiltinExport(b.name);
    if (linker.hasFunc(native) && linker.funcType(linker.func(native)).params.length === arity) {
      out.set(b.name, { kind: "Native", index: linker.func(native), arity });
    } else if (arity > MAX_HOST_ARITY) {
      out.set(b.name, { kind: "Unsupported", arity, reason: `host builtins take at most ${MAX_HOST_ARITY} arguments` });
    } else {
      out.set(b.name, { kind: "Host", id, dispatcher: linker.func(hostBuiltinExport(arity)), arity });
    }
  });
  return out;
}

function lowerFunc(ctx: LowerContext, f: PlannedFunc): void {
  const params = f.func.params.length;
  const fl = new FuncLowerer(ctx, { kind: "Func", memoId: f.memoId }, params);
  f.func.params.forEach((p, i) => fl.bind(p, i));
  fl.startFunc(f.func.return);
  fl.blocks(f.func.blocks);
  fl.finishFunc(f.func.return);
  ctx.linker.define(f.index, fl.asm.body(fl.localCount - params));
}

/** generateEval builds `eval(ctx) → 0`: one guarded section per plan, result set stored in the ctx. */
function generateEval(ctx: LowerContext): Uint8Array {
  const { linker } = ctx;
  const CTX = 0;
  // Locals 1..4 are set up before the lowerer allocates its own.
  const RS = 1;
  const INPUT = 2;
  const DATA = 3;
  const EP = 4;
  const fl = new FuncLowerer(ctx, { kind: "Plan", resultSet: RS }, 5);
  const a = fl.asm;
  a.call(linker.func(Rt.memoizeInit));
  a.localGet(CTX).i32Load(EvalCtx.input).localSet(INPUT);
  a.localGet(CTX).i32Load(EvalCtx.data).localSet(DATA);
  a.localGet(CTX).i32Load(EvalCtx.entrypoint).localSet(EP);
  a.call(linker.func(Rt.set)).localSet(RS);
  a.localGet(CTX).localGet(RS).i32Store(EvalCtx.result);
  a.block();
  ctx.policy.plans.plans.forEach((plan, i) => {
    a.block();
    a.localGet(EP).i32Const(i).op(Op.I32Ne).brIf(0);
    fl.resetLocals();
    fl.bind(0, INPUT);
    fl.bind(1, DATA);
    fl.blocks(plan.blocks);
    a.br(1);
    a.end();
  });
  emitAbort(linker, a, Messages.illegalEntrypoint);
  a.end();
  a.i32Const(0);
  return a.body(fl.localCount - 1);
}

/** generateOpaEval builds the ABI 1.2 one-shot `opa_eval(reserved, ep, data, in, len, heap, format)`. */
function generateOpaEval(ctx: LowerContext, evalIndex: number): Uint8Array {
  const { linker } = ctx;
  const [RESERVED, EP, DATA, IN, LEN, HEAP, FORMAT, C, RES] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const a = new Asm();
  a.localGet(RESERVED).if();
  emitAbort(linker, a, Messages.invalidReserved);
  a.end();
  a.localGet(HEAP).call(linker.func(Rt.heapPtrSet));
  a.call(linker.func(Rt.evalCtxNew)).localSet(C);
  a.localGet(C).localGet(EP).i32Store(EvalCtx.entrypoint);
  a.localGet(C).localGet(DATA).i32Store(EvalCtx.data);
  a.localGet(C).i32Const(0).i32Store(EvalCtx.input);
  a.localGet(LEN).if();
  a.localGet(C).localGet(IN).localGet(LEN).call(linker.func(Rt.valueParse)).i32Store(EvalCtx.input);
  a.end();
  a.localGet(C).call(evalIndex).op(Op.Drop);
  a.localGet(C).i32Load(EvalCtx.result).localSet(RES);
  a.localGet(FORMAT).i32Const(1).op(Op.I32Eq).if();
  a.localGet(RES).call(linker.func(Rt.valueDump)).op(Op.Return);
  a.end();
  a.localGet(RES).call(linker.func(Rt.jsonDump));
  return a.body(2);
}

/** generateNameMap builds a function returning the object {name: id, ...} (builtins(), entrypoints()). */
function generateNameMap(linker: Linker, entries: readonly (readonly [string, number])[]): Uint8Array {
  const a = new Asm();
  const OBJ = 0;
  a.call(linker.func(Rt.object)).localSet(OBJ);
  for (const [name, id] of entries) {
    a.localGet(OBJ).i32Const(linker.data.stringValue(name));
    a.i64Const(BigInt(id)).call(linker.func(Rt.numberInt));
    a.call(linker.func(Rt.objectInsert));
  }
  a.localGet(OBJ);
  return a.body(1);
}

/** emitAbort calls the host's opa_abort with a static message (then traps). */
function emitAbort(linker: Linker, a: Asm, message: string): void {
  const abort = linker.importedFunc(ABORT_IMPORT.module, ABORT_IMPORT.name);
  if (abort !== undefined) a.i32Const(linker.data.cstr(message)).call(abort);
  a.op(Op.Unreachable);
}
