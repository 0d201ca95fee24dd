/*
 * Instruction assembler for generated function bodies: appends opcode bytes with their
 * immediates to a growable byte list. Input: calls like i32Const/localGet/call/block.
 * Output: a function body (locals + expression + end) via `body(localCount)`.
 */

import { pushS32, pushS64, pushU32 } from "./leb128.js";
import { BlockTypeEmpty, Op, ValType } from "./opcodes.js";

/** Asm accumulates the instructions of one function. */
export class Asm {
  readonly code: number[] = [];

  /** op appends a single-byte instruction with no immediates. */
  op(opcode: number): this {
    this.code.push(opcode);
    return this;
  }

  i32Const(v: number): this {
    this.code.push(Op.I32Const);
    pushS32(this.code, v | 0);
    return this;
  }

  i64Const(v: bigint): this {
    this.code.push(Op.I64Const);
    pushS64(this.code, v);
    return this;
  }

  localGet(i: number): this {
    return this.withIndex(Op.LocalGet, i);
  }

  localSet(i: number): this {
    return this.withIndex(Op.LocalSet, i);
  }

  localTee(i: number): this {
    return this.withIndex(Op.LocalTee, i);
  }

  call(funcIndex: number): this {
    return this.withIndex(Op.Call, funcIndex);
  }

  br(depth: number): this {
    return this.withIndex(Op.Br, depth);
  }

  brIf(depth: number): this {
    return this.withIndex(Op.BrIf, depth);
  }

  /** block opens a `block` with no results. */
  block(): this {
    this.code.push(Op.Block, BlockTypeEmpty);
    return this;
  }

  /** loop opens a `loop` with no results. */
  loop(): this {
    this.code.push(Op.Loop, BlockTypeEmpty);
    return this;
  }

  /** if opens an `if` with no results (consumes an i32 condition). */
  if(): this {
    this.code.push(Op.If, BlockTypeEmpty);
    return this;
  }

  end(): this {
    this.code.push(Op.End);
    return this;
  }

  /** i32Load loads an aligned i32 at `offset` from the address on the stack. */
  i32Load(offset: number): this {
    this.code.push(Op.I32Load);
    pushU32(this.code, 2);
    pushU32(this.code, offset);
    return this;
  }

  /** i32Store stores an aligned i32 at `offset` from the address (stack: addr, value). */
  i32Store(offset: number): this {
    this.code.push(Op.I32Store);
    pushU32(this.code, 2);
    pushU32(this.code, offset);
    return this;
  }

  /** body returns the encoded function body with `localCount` extra i32 locals. */
  body(localCount: number): Uint8Array {
    const out: number[] = [];
    if (localCount > 0) {
      pushU32(out, 1);
      pushU32(out, localCount);
      out.push(ValType.I32);
    } else {
      pushU32(out, 0);
    }
    const bytes = new Uint8Array(out.length + this.code.length + 1);
    bytes.set(out, 0);
    bytes.set(this.code, out.length);
    bytes[bytes.length - 1] = Op.End;
    return bytes;
  }

  private withIndex(opcode: number, i: number): this {
    this.code.push(opcode);
    pushU32(this.code, i);
    return this;
  }
}
