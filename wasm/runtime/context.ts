// Evaluation context, per-evaluation memoization, runtime errors and host builtin wrappers.
// Input: values, ids and C strings from generated code. Output: context pointers, memoized
// values, aborts (`file:row:col: msg`) and host builtin results (value pointer or 0).

import { opa_malloc, calloc } from "./malloc";
import { runtimeError } from "./abort";

// ---- eval context: 4 x i32 {input @0, data @4, result @8, entrypoint @12} ----

export function opa_eval_ctx_new(): usize {
  return calloc(16);
}

export function opa_eval_ctx_set_input(ctx: usize, v: usize): void {
  store<u32>(ctx, <u32>v);
}

export function opa_eval_ctx_set_data(ctx: usize, v: usize): void {
  store<u32>(ctx, <u32>v, 4);
}

export function opa_eval_ctx_set_entrypoint(ctx: usize, id: i32): void {
  store<i32>(ctx, id, 12);
}

export function opa_eval_ctx_get_result(ctx: usize): usize {
  return <usize>load<u32>(ctx, 8);
}

// ---- memoization: a stack of frames {prev, mask, count, slots}; slot = {id+1, value} ----

let memoTop: usize = 0;

function memoFrame(prev: usize): usize {
  const f = opa_malloc(16);
  const slots: usize = 16;
  store<u32>(f, <u32>prev);
  store<u32>(f, <u32>(slots - 1), 4);
  store<u32>(f, 0, 8);
  store<u32>(f, <u32>calloc(slots << 3), 12);
  return f;
}

export function opa_memoize_init(): void {
  memoTop = memoFrame(0);
  host0Count = 0;
}

export function opa_memoize_push(): void {
  memoTop = memoFrame(memoTop);
}

export function opa_memoize_pop(): void {
  if (memoTop != 0) memoTop = <usize>load<u32>(memoTop);
}

function slotPut(slots: usize, mask: u32, id: u32, v: usize): bool {
  let i = (id * 0x9e3779b1) & mask;
  while (true) {
    const s = slots + (<usize>i << 3);
    const k = load<u32>(s);
    if (k == 0) {
      store<u32>(s, id + 1);
      store<u32>(s, <u32>v, 4);
      return true;
    }
    if (k == id + 1) {
      store<u32>(s, <u32>v, 4);
      return false;
    }
    i = (i + 1) & mask;
  }
}

export function opa_memoize_insert(id: i32, v: usize): void {
  if (memoTop == 0) opa_memoize_init();
  const f = memoTop;
  let mask = load<u32>(f, 4);
  const count = load<u32>(f, 8);
  if ((count + 1) << 1 > mask + 1) {
    const old = <usize>load<u32>(f, 12);
    const oldSlots = <usize>mask + 1;
    const nslots = oldSlots << 1;
    const ns = calloc(nslots << 3);
    for (let i: usize = 0; i < oldSlots; i++) {
      const k = load<u32>(old + (i << 3));
      if (k != 0) slotPut(ns, <u32>(nslots - 1), k - 1, <usize>load<u32>(old + (i << 3), 4));
    }
    mask = <u32>(nslots - 1);
    store<u32>(f, mask, 4);
    store<u32>(f, <u32>ns, 12);
  }
  if (slotPut(<usize>load<u32>(f, 12), mask, <u32>id, v)) store<u32>(f, count + 1, 8);
}

export function opa_memoize_get(id: i32): usize {
  const f = memoTop;
  if (f == 0) return 0;
  const mask = load<u32>(f, 4);
  const slots = <usize>load<u32>(f, 12);
  let i = (<u32>id * 0x9e3779b1) & mask;
  while (true) {
    const s = slots + (<usize>i << 3);
    const k = load<u32>(s);
    if (k == 0) return 0;
    if (k == <u32>id + 1) return <usize>load<u32>(s, 4);
    i = (i + 1) & mask;
  }
  return 0;
}

// ---- errors ----

export function opa_runtime_error(file: usize, row: i32, col: i32, msg: usize): void {
  runtimeError(file, row, col, msg);
}

// ---- host builtins (the only place that calls env.opa_builtinN) ----

@external("env", "opa_builtin0")
declare function opa_builtin0(id: i32, ctx: i32): usize;
@external("env", "opa_builtin1")
declare function opa_builtin1(id: i32, ctx: i32, a: usize): usize;
@external("env", "opa_builtin2")
declare function opa_builtin2(id: i32, ctx: i32, a: usize, b: usize): usize;
@external("env", "opa_builtin3")
declare function opa_builtin3(id: i32, ctx: i32, a: usize, b: usize, c: usize): usize;
@external("env", "opa_builtin4")
declare function opa_builtin4(id: i32, ctx: i32, a: usize, b: usize, c: usize, d: usize): usize;

// 0-arity host builtins (time.now_ns, opa.runtime, ...) are called at most once per evaluation,
// like OPA, which fixes time.now_ns per query: results cached by id until opa_memoize_init.
const HOST0_CACHE: usize = memory.data(16 * 8, 8);
let host0Count: u32 = 0;

export function host_builtin0(id: i32): usize {
  for (let i: u32 = 0; i < host0Count; i++) {
    const e = HOST0_CACHE + (<usize>i << 3);
    if (load<i32>(e) == id) return <usize>load<u32>(e, 4);
  }
  const v = opa_builtin0(id, 0);
  if (v != 0 && host0Count < 16) {
    const e = HOST0_CACHE + (<usize>host0Count << 3);
    store<i32>(e, id);
    store<u32>(e, <u32>v, 4);
    host0Count++;
  }
  return v;
}

export function host_builtin1(id: i32, a: usize): usize {
  return opa_builtin1(id, 0, a);
}

export function host_builtin2(id: i32, a: usize, b: usize): usize {
  return opa_builtin2(id, 0, a, b);
}

export function host_builtin3(id: i32, a: usize, b: usize, c: usize): usize {
  return opa_builtin3(id, 0, a, b, c);
}

export function host_builtin4(id: i32, a: usize, b: usize, c: usize, d: usize): usize {
  return opa_builtin4(id, 0, a, b, c, d);
}
