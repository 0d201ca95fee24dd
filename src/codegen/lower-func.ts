/*
 * Statement lowering: turns IR blocks (src/planner/ir.ts) into Wasm instructions for one
 * function (a planned Func, or one Plan inside the generated `eval`). Input: IR blocks and a
 * LowerContext. Output: instructions in an Asm plus the number of locals used.
 * Every IR block is a Wasm `block`; "undefined" is a `br` to the end of the innermost IR block.
 */

import { assertNever, diagnostic } from "../diagnostics/diagnostic.js";
import type { Block, CallDynamicStmt, CallStmt, Local, Loc, Operand, Stmt, WithStmt } from "../planner/ir.js";
import { Messages, Rt, Tag, nativeBuiltinExport } from "./abi.js";
import { Asm } from "./assembler.js";
import type { LowerContext, PlannedFunc } from "./lower-context.js";
import { fileOf } from "./lower-context.js";
import { Op } from "./opcodes.js";

/** COUNT is the native count builtin, used for LenStmt when the runtime has it. */
const COUNT = nativeBuiltinExport("count");

/**
 * Label is one open Wasm control construct; `ir` marks those that are IR blocks. `onExit` emits
 * code that must run when a branch or return leaves the construct early (WithStmt restores).
 */
interface Label {
  readonly ir: boolean;
  onExit?: () => void;
}

/** Mode says what ReturnLocalStmt and ResultSetAddStmt mean in the function being lowered. */
export type LowerMode =
  | { readonly kind: "Func"; readonly memoId: number | undefined }
  | { readonly kind: "Plan"; readonly resultSet: number };

/** FuncLowerer lowers the blocks of one function body. */
export class FuncLowerer {
  readonly asm = new Asm();
  readonly #ctx: LowerContext;
  readonly #mode: LowerMode;
  #locals = new Map<Local, number>();
  #next: number;
  readonly #labels: Label[] = [];

  /** The first `reserved` Wasm locals (params, ctx) are taken; IR locals are allocated after them. */
  constructor(ctx: LowerContext, mode: LowerMode, reserved: number) {
    this.#ctx = ctx;
    this.#mode = mode;
    this.#next = reserved;
  }

  /** localCount is the number of Wasm locals used, params/reserved included. */
  get localCount(): number {
    return this.#next;
  }

  /** bind maps IR local `l` to Wasm local `index` (params, input/data of a plan). */
  bind(l: Local, index: number): void {
    this.#locals.set(l, index);
  }

  /** resetLocals forgets the IR local mapping (each plan numbers its locals from scratch). */
  resetLocals(): void {
    this.#locals = new Map();
  }

  /** local returns the Wasm local of IR local `l`, allocating one on first use. */
  local(l: Local): number {
    let i = this.#locals.get(l);
    if (i === undefined) {
      i = this.#next++;
      this.#locals.set(l, i);
    }
    return i;
  }

  /** temp allocates a fresh hidden Wasm local. */
  temp(): number {
    return this.#next++;
  }

  /** blocks lowers top-level blocks: each one is an IR block. */
  blocks(blocks: readonly Block[]): void {
    for (const b of blocks) this.#irBlock(b);
  }

  // --- labels ------------------------------------------------------------------------------

  #open(ir: boolean, kind: "block" | "loop" | "if"): Label {
    const label = { ir };
    if (kind === "block") this.asm.block();
    else if (kind === "loop") this.asm.loop();
    else this.asm.if();
    this.#labels.push(label);
    return label;
  }

  #close(label: Label): void {
    const top = this.#labels.pop();
    if (top !== label) throw new Error("internal: unbalanced labels");
    this.asm.end();
  }

  /** #depth is the relative branch depth of an open label. */
  #depth(label: Label): number {
    const i = this.#labels.lastIndexOf(label);
    if (i < 0) throw new Error("internal: label not open");
    return this.#labels.length - 1 - i;
  }

  /** #irDepth is the branch depth of the `n`-th enclosing IR block (0 = innermost). */
  #irDepth(n: number): number {
    let seen = 0;
    for (let i = this.#labels.length - 1; i >= 0; i--) {
      if (this.#labels[i]?.ir === true) {
        if (seen === n) return this.#labels.length - 1 - i;
        seen++;
      }
    }
    throw new Error(`internal: break out of ${n + 1} blocks, only ${seen} open`);
  }

  #irBlock(b: Block): void {
    const label = this.#open(true, "block");
    for (const s of b.stmts) this.#stmt(s);
    this.#close(label);
  }

  /** #undefinedIf branches to the end of the innermost IR block when the i32 on the stack is non-zero. */
  #undefinedIf(): void {
    this.asm.brIf(this.#irDepth(0));
  }

  #undefined(): void {
    this.asm.br(this.#irDepth(0));
  }

  // --- operands ----------------------------------------------------------------------------

  #read(op: Operand): void {
    switch (op.type) {
      case "local":
        this.asm.localGet(this.local(op.value));
        return;
      case "string_index":
        this.asm.i32Const(this.#ctx.linker.data.stringValue(this.#string(op.value)));
        return;
      case "bool":
        this.asm.i32Const(this.#ctx.linker.data.booleanValue(op.value));
        return;
      default:
        assertNever(op, "operand");
    }
  }

  #string(index: number): string {
    const s = this.#ctx.policy.static.strings[index];
    if (s === undefined) throw new Error(`internal: string index ${index} out of range`);
    return s.value;
  }

  /** #guard makes the statement undefined when a local operand is unset. */
  #guard(...ops: (Operand | Local)[]): void {
    for (const op of ops) {
      if (typeof op === "number") this.#guardLocal(op);
      else if (op.type === "local") this.#guardLocal(op.value);
    }
  }

  #guardLocal(l: Local): void {
    this.asm.localGet(this.local(l)).op(Op.I32Eqz);
    this.#undefinedIf();
  }

  #rt(name: string): number {
    return this.#ctx.linker.func(name);
  }

  #call(name: string): void {
    this.asm.call(this.#rt(name));
  }

  #abort(loc: Loc, message: string): void {
    const data = this.#ctx.linker.data;
    this.asm
      .i32Const(data.cstr(fileOf(this.#ctx, loc)))
      .i32Const(loc.row)
      .i32Const(loc.col)
      .i32Const(data.cstr(message));
    this.#call(Rt.runtimeError);
    this.asm.op(Op.Unreachable);
  }

  // --- statements --------------------------------------------------------------------------

  #stmt(s: Stmt): void {
    const a = this.asm;
    switch (s.kind) {
      case "ReturnLocalStmt":
        if (this.#mode.kind !== "Func") throw new Error("internal: ReturnLocalStmt in a plan");
        this.#return(this.local(s.source));
        return;
      case "CallStmt":
        this.#callStmt(s);
        return;
      case "CallDynamicStmt":
        this.#callDynamic(s);
        return;
      case "BlockStmt":
        for (const b of s.blocks) this.#irBlock(b);
        return;
      case "BreakStmt": {
        const depth = this.#irDepth(s.index);
        this.#exitFrames(depth);
        a.br(depth);
        return;
      }
      case "DotStmt":
        if (s.source.type !== "local") {
          this.#undefined();
          return;
        }
        this.#guard(s.source, s.key);
        this.#read(s.source);
        this.#read(s.key);
        this.#call(Rt.valueGet);
        a.localTee(this.local(s.target)).op(Op.I32Eqz);
        this.#undefinedIf();
        return;
      case "LenStmt": {
        if (s.source.type === "bool") {
          this.#undefined();
          return;
        }
        this.#guard(s.source);
        if (this.#ctx.linker.hasFunc(COUNT)) {
          // count() has LenStmt's semantics exactly: code points for strings, undefined for scalars.
          this.#read(s.source);
          this.#call(COUNT);
          a.localTee(this.local(s.target)).op(Op.I32Eqz);
          this.#undefinedIf();
          return;
        }
        const v = this.temp();
        this.#read(s.source);
        a.localTee(v);
        this.#call(Rt.valueType);
        a.i32Const(Tag.String).op(Op.I32LtS);
        this.#undefinedIf();
        a.localGet(v);
        this.#call(Rt.valueLength);
        this.#call(Rt.numberSize);
        a.localSet(this.local(s.target));
        return;
      }
      case "ScanStmt":
        this.#scan(s.source, s.key, s.value, s.block);
        return;
      case "NotStmt": {
        const body = this.#open(true, "block");
        for (const st of s.block.stmts) this.#stmt(st);
        // The body completed, so `not` is undefined: leave the IR block enclosing the NotStmt.
        a.br(this.#irDepth(1));
        this.#close(body);
        return;
      }
      case "AssignIntStmt":
      case "MakeNumberIntStmt":
        a.i64Const(BigInt(s.value));
        this.#call(Rt.numberInt);
        a.localSet(this.local(s.target));
        return;
      case "AssignVarStmt":
        this.#read(s.source);
        a.localSet(this.local(s.target));
        return;
      case "AssignVarOnceStmt": {
        this.#guard(s.source);
        const target = this.local(s.target);
        a.localGet(target);
        const outer = this.#open(false, "if");
        a.localGet(target);
        this.#read(s.source);
        this.#call(Rt.valueCompare);
        const inner = this.#open(false, "if");
        this.#abort(s.loc, Messages.varAssignConflict);
        this.#close(inner);
        this.#close(outer);
        this.#read(s.source);
        a.localSet(target);
        return;
      }
      case "ResetLocalStmt":
        a.i32Const(0).localSet(this.local(s.target));
        return;
      case "MakeNullStmt":
        a.i32Const(this.#ctx.linker.data.nullValue()).localSet(this.local(s.target));
        return;
      case "MakeNumberRefStmt": {
        const text = this.#ctx.linker.data.utf8(this.#string(s.index));
        a.i32Const(text.addr).i32Const(text.len);
        this.#call(Rt.numberRef);
        a.localSet(this.local(s.target));
        return;
      }
      case "MakeArrayStmt":
        a.i32Const(s.capacity);
        this.#call(Rt.arrayWithCap);
        a.localSet(this.local(s.target));
        return;
      case "MakeObjectStmt":
        this.#call(Rt.object);
        a.localSet(this.local(s.target));
        return;
      case "MakeSetStmt":
        this.#call(Rt.set);
        a.localSet(this.local(s.target));
        return;
      case "EqualStmt":
      case "NotEqualStmt": {
        const equal = s.kind === "EqualStmt";
        const folded = constantEqual(s.a, s.b, (i) => this.#string(i));
        if (folded !== undefined) {
          this.#guard(s.a, s.b);
          if (folded !== equal) this.#undefined();
          return;
        }
        this.#guard(s.a, s.b);
        this.#read(s.a);
        this.#read(s.b);
        this.#call(Rt.valueCompare);
        if (!equal) a.op(Op.I32Eqz);
        this.#undefinedIf();
        return;
      }
      case "IsArrayStmt":
      case "IsObjectStmt":
      case "IsSetStmt": {
        if (s.source.type !== "local") {
          this.#undefined();
          return;
        }
        const tag = s.kind === "IsArrayStmt" ? Tag.Array : s.kind === "IsObjectStmt" ? Tag.Object : Tag.Set;
        this.#guard(s.source);
        this.#read(s.source);
        this.#call(Rt.valueType);
        a.i32Const(tag).op(Op.I32Ne);
        this.#undefinedIf();
        return;
      }
      case "IsDefinedStmt":
        this.#guardLocal(s.source);
        return;
      case "IsUndefinedStmt":
        a.localGet(this.local(s.source)).i32Const(0).op(Op.I32Ne);
        this.#undefinedIf();
        return;
      case "ArrayAppendStmt":
        this.#guard(s.array, s.value);
        a.localGet(this.local(s.array));
        this.#read(s.value);
        this.#call(Rt.arrayAppend);
        return;
      case "ObjectInsertStmt":
        this.#guard(s.object, s.key, s.value);
        a.localGet(this.local(s.object));
        this.#read(s.key);
        this.#read(s.value);
        this.#call(Rt.objectInsert);
        return;
      case "ObjectInsertOnceStmt": {
        this.#guard(s.object, s.key, s.value);
        const old = this.temp();
        a.localGet(this.local(s.object));
        this.#read(s.key);
        this.#call(Rt.valueGet);
        a.localTee(old);
        const outer = this.#open(false, "if");
        a.localGet(old);
        this.#read(s.value);
        this.#call(Rt.valueCompare);
        const inner = this.#open(false, "if");
        this.#abort(s.loc, Messages.objectInsertConflict);
        this.#close(inner);
        this.#close(outer);
        a.localGet(this.local(s.object));
        this.#read(s.key);
        this.#read(s.value);
        this.#call(Rt.objectInsert);
        return;
      }
      case "ObjectMergeStmt":
        this.#merge(this.local(s.a), this.local(s.b), this.local(s.target));
        return;
      case "SetAddStmt":
        this.#guard(s.set, s.value);
        a.localGet(this.local(s.set));
        this.#read(s.value);
        this.#call(Rt.setAdd);
        return;
      case "WithStmt":
        this.#with(s);
        return;
      case "NopStmt":
        return;
      case "ResultSetAddStmt":
        if (this.#mode.kind !== "Plan") throw new Error("internal: ResultSetAddStmt in a func");
        this.#guard(s.value);
        a.localGet(this.#mode.resultSet).localGet(this.local(s.value));
        this.#call(Rt.setAdd);
        return;
      default:
        assertNever(s, "statement");
    }
  }

  /** #exitFrames emits the exit code of every construct a branch of relative `depth` leaves. */
  #exitFrames(depth: number): void {
    for (let i = 0; i < depth; i++) this.#labels[this.#labels.length - 1 - i]?.onExit?.();
  }

  /** #return emits the memoized return of Wasm local `v` from a Func. */
  #return(v: number): void {
    this.#exitFrames(this.#labels.length);
    if (this.#mode.kind === "Func" && this.#mode.memoId !== undefined) {
      this.asm.i32Const(this.#mode.memoId).localGet(v);
      this.#call(Rt.memoizeInsert);
    }
    this.asm.localGet(v).op(Op.Return);
  }

  /** finishFunc ends a Func body: falling off the last block returns its `return` local. */
  finishFunc(returnLocal: Local): void {
    const v = this.local(returnLocal);
    if (this.#mode.kind === "Func" && this.#mode.memoId !== undefined) {
      this.asm.i32Const(this.#mode.memoId).localGet(v);
      this.#call(Rt.memoizeInsert);
    }
    this.asm.localGet(v);
  }

  /** startFunc emits the memoization lookup at the top of a memoized Func. */
  startFunc(returnLocal: Local): void {
    if (this.#mode.kind !== "Func" || this.#mode.memoId === undefined) return;
    const v = this.local(returnLocal);
    this.asm.i32Const(this.#mode.memoId);
    this.#call(Rt.memoizeGet);
    this.asm.localTee(v);
    const l = this.#open(false, "if");
    this.asm.localGet(v).op(Op.Return);
    this.#close(l);
  }

  #callStmt(s: CallStmt): void {
    const a = this.asm;
    const planned = this.#ctx.funcs.get(s.func);
    if (planned !== undefined) {
      if (planned.func.params.length !== s.args.length) {
        throw new Error(`internal: ${s.func} takes ${planned.func.params.length} args, called with ${s.args.length}`);
      }
      // input and data (the first two args) may legitimately be unset; function arguments may not.
      this.#guard(...s.args.slice(2));
      for (const arg of s.args) this.#read(arg);
      a.call(planned.index);
    } else {
      const target = this.#ctx.builtins.get(s.func);
      if (target === undefined) {
        this.#ctx.diagnostics.push(
          diagnostic("internal_error", `call of unknown function ${s.func}`, this.#span(s.loc)),
        );
        return;
      }
      if (target.arity !== s.args.length) {
        this.#ctx.diagnostics.push(
          diagnostic("rego_type_error", `${s.func} takes ${target.arity} arguments, got ${s.args.length}`, this.#span(s.loc)),
        );
        return;
      }
      if (target.kind === "Unsupported") {
        this.#ctx.diagnostics.push(diagnostic("rego_unsupported_error", `${s.func}: ${target.reason}`, this.#span(s.loc)));
        return;
      }
      if (target.kind === "Host" && !this.#ctx.hostProvided.has(s.func) && !this.#ctx.warned.has(s.func)) {
        this.#ctx.warned.add(s.func);
        this.#ctx.diagnostics.push(
          diagnostic("rego_host_builtin", `${s.func} is not native to the Wasm runtime: the host must supply it at run time`, this.#span(s.loc), "warning"),
        );
      }
      this.#guard(...s.args);
      if (target.kind === "Host") a.i32Const(target.id);
      for (const arg of s.args) this.#read(arg);
      a.call(target.kind === "Host" ? target.dispatcher : target.index);
    }
    a.localTee(this.local(s.result)).op(Op.I32Eqz);
    this.#undefinedIf();
  }

  #span(loc: Loc): { file: string; line?: number; column?: number } {
    const file = fileOf(this.#ctx, loc);
    return loc.row > 0 ? { file, line: loc.row, column: Math.max(1, loc.col) } : { file };
  }

  /**
   * #callDynamic dispatches on the runtime values of the path operands with a decision tree of
   * string comparisons over the funcs whose path has the right length, then calls the match directly.
   */
  #callDynamic(s: CallDynamicStmt): void {
    const candidates = [...this.#ctx.funcs.values()].filter(
      (f) => f.func.path.length === s.path.length && f.func.params.length === s.args.length,
    );
    this.#guard(...s.path);
    const done = this.#open(false, "block");
    this.#dispatch(s, 0, candidates, done);
    // No func matched (or a segment was not a string): undefined.
    this.#undefined();
    this.#close(done);
  }

  #dispatch(s: CallDynamicStmt, level: number, candidates: readonly PlannedFunc[], done: Label): void {
    const a = this.asm;
    if (candidates.length === 0) return;
    if (level === s.path.length) {
      const f = candidates[0];
      if (f === undefined) return;
      for (const arg of s.args) a.localGet(this.local(arg));
      a.call(f.index);
      a.localTee(this.local(s.result)).op(Op.I32Eqz);
      this.#undefinedIf();
      a.br(this.#depth(done));
      return;
    }
    const op = s.path[level];
    if (op === undefined) return;
    if (op.type === "string_index") {
      const seg = this.#string(op.value);
      this.#dispatch(s, level + 1, candidates.filter((f) => f.func.path[level] === seg), done);
      return;
    }
    if (op.type === "bool") return;
    const groups = new Map<string, PlannedFunc[]>();
    for (const f of candidates) {
      const seg = f.func.path[level] ?? "";
      const g = groups.get(seg);
      if (g === undefined) groups.set(seg, [f]);
      else g.push(f);
    }
    for (const [seg, group] of groups) {
      const skip = this.#open(false, "block");
      a.localGet(this.local(op.value)).i32Const(this.#ctx.linker.data.stringValue(seg));
      this.#call(Rt.valueCompare);
      a.brIf(this.#depth(skip));
      this.#dispatch(s, level + 1, group, done);
      this.#close(skip);
    }
  }

  #scan(source: Local, key: Local, value: Local, body: Block): void {
    const a = this.asm;
    const src = this.local(source);
    const iter = this.temp();
    a.i32Const(0).localSet(iter);
    const exit = this.#open(false, "block");
    a.localGet(src).op(Op.I32Eqz).brIf(this.#depth(exit));
    const loop = this.#open(false, "loop");
    a.localGet(src).localGet(iter);
    this.#call(Rt.valueIter);
    a.localTee(iter).op(Op.I32Eqz).brIf(this.#depth(exit));
    a.localGet(iter).localSet(this.local(key));
    a.localGet(src).localGet(iter);
    this.#call(Rt.valueGet);
    a.localSet(this.local(value));
    this.#irBlock(body);
    a.br(this.#depth(loop));
    this.#close(loop);
    this.#close(exit);
  }

  /** #merge implements ObjectMergeStmt: a unset → b; b unset or merge failure → a. */
  #merge(la: number, lb: number, target: number): void {
    const a = this.asm;
    const done = this.#open(false, "block");
    a.localGet(lb).localSet(target);
    a.localGet(la).op(Op.I32Eqz).brIf(this.#depth(done));
    a.localGet(la).localSet(target);
    a.localGet(lb).op(Op.I32Eqz).brIf(this.#depth(done));
    const merged = this.temp();
    a.localGet(la).localGet(lb);
    this.#call(Rt.valueMerge);
    a.localTee(merged).op(Op.I32Eqz).brIf(this.#depth(done));
    a.localGet(merged).localSet(target);
    this.#close(done);
    a.localGet(target).op(Op.I32Eqz);
    this.#undefinedIf();
  }

  #with(s: WithStmt): void {
    const a = this.asm;
    const target = this.local(s.local);
    const save = this.temp();
    // Replacing the whole local may set it to unset: the planner restores an absent input that way.
    if (s.path.length > 0) this.#guard(s.value);
    this.#call(Rt.memoizePush);
    a.localGet(target).localSet(save);
    if (s.path.length === 0) {
      this.#read(s.value);
      a.localSet(target);
    } else {
      this.#upsert(target, s.path, s.value);
    }
    const ok = this.#open(false, "block");
    const body = this.#open(true, "block");
    // A BreakStmt or ReturnLocalStmt leaving the body early must restore too.
    body.onExit = () => {
      a.localGet(save).localSet(target);
      this.#call(Rt.memoizePop);
    };
    for (const st of s.block.stmts) this.#stmt(st);
    // The body completed: restore and continue after the WithStmt.
    a.localGet(save).localSet(target);
    this.#call(Rt.memoizePop);
    a.br(this.#depth(ok));
    this.#close(body);
    // The body was undefined: restore, then the WithStmt is undefined.
    a.localGet(save).localSet(target);
    this.#call(Rt.memoizePop);
    this.#undefined();
    this.#close(ok);
  }

  /** #upsert sets `target` to a copy of itself with `value` at `path`, copying objects along the path. */
  #upsert(target: number, path: readonly number[], value: Operand): void {
    const a = this.asm;
    const cur = this.temp();
    const next = this.temp();
    this.#objectCopy(target, cur);
    a.localGet(cur).localSet(target);
    for (let i = 0; i < path.length - 1; i++) {
      const seg = this.#ctx.linker.data.stringValue(this.#string(path[i] ?? -1));
      a.localGet(cur).i32Const(seg);
      this.#call(Rt.valueGet);
      a.localSet(next);
      this.#objectCopy(next, next);
      a.localGet(cur).i32Const(seg).localGet(next);
      this.#call(Rt.objectInsert);
      a.localGet(next).localSet(cur);
    }
    const last = this.#ctx.linker.data.stringValue(this.#string(path[path.length - 1] ?? -1));
    a.localGet(cur).i32Const(last);
    this.#read(value);
    this.#call(Rt.objectInsert);
  }

  /** #objectCopy sets `to` = shallow copy of local `from` when it is an object, else a new object. */
  #objectCopy(from: number, to: number): void {
    const a = this.asm;
    const done = this.#open(false, "block");
    const fresh = this.#open(false, "block");
    a.localGet(from).op(Op.I32Eqz).brIf(this.#depth(fresh));
    a.localGet(from);
    this.#call(Rt.valueType);
    a.i32Const(Tag.Object).op(Op.I32Ne).brIf(this.#depth(fresh));
    a.localGet(from);
    this.#call(Rt.valueShallowCopy);
    a.localSet(to).br(this.#depth(done));
    this.#close(fresh);
    this.#call(Rt.object);
    a.localSet(to);
    this.#close(done);
  }
}

/** constantEqual folds the comparison of two constant operands; undefined when either is a local. */
function constantEqual(a: Operand, b: Operand, str: (i: number) => string): boolean | undefined {
  if (a.type === "local" || b.type === "local") {
    return a.type === "local" && b.type === "local" && a.value === b.value ? true : undefined;
  }
  if (a.type === "bool" && b.type === "bool") return a.value === b.value;
  if (a.type === "string_index" && b.type === "string_index") return str(a.value) === str(b.value);
  return false;
}
