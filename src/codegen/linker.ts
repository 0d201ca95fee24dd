/*
 * The linker: appends generated functions and data to the prebuilt runtime module and produces
 * the final ABI-shaped module. Input: the decoded runtime (wasm/runtime.wasm). Output: a
 * WasmModule whose runtime function indices are unchanged; only types, functions, globals, data,
 * the start function and the export section are added or replaced, and the memory import minimum set.
 */

import {
  ABI13_FUNCS,
  ABI_MINOR_VERSION,
  ABI_MINOR_VERSION_STASH,
  ABI_RUNTIME_EXPORTS,
  ABI_VERSION,
  GENERATED_EXPORTS,
  Rt,
} from "./abi.js";
import { Asm } from "./assembler.js";
import { pushS32 } from "./leb128.js";
import type { Export, FuncType, WasmModule } from "./module.js";
import { importedCount, typeIndexFor } from "./module.js";
import { ExternalKind, Op, ValType } from "./opcodes.js";
import { appendFunctionNames } from "./names.js";
import { StaticData } from "./static-data.js";

/** PAGE_SIZE is the Wasm page size in bytes. */
export const PAGE_SIZE = 65536;

/** MAX_INITIAL_PAGES is the SDK's default memory size: the linked module may not demand more. */
export const MAX_INITIAL_PAGES = 5;

/** LinkResult is the final module plus facts about its memory layout. */
export interface LinkResult {
  readonly module: WasmModule;
  /** heapBase is the first free address after all static data (8-aligned). */
  readonly heapBase: number;
  /** minPages is the memory import minimum. */
  readonly minPages: number;
  /** abiMinorVersion is the emitted opa_wasm_abi_minor_version. */
  readonly abiMinorVersion: number;
}

/** Linker accumulates generated code on top of a runtime module. */
export class Linker {
  readonly module: WasmModule;
  readonly data: StaticData;
  readonly #exports = new Map<string, number>();
  readonly #pending = new Map<number, string>();
  readonly #generatedExports = new Map<string, number>();
  readonly #names: { index: number; name: string }[] = [];

  constructor(runtime: WasmModule) {
    this.module = cloneModule(runtime);
    for (const e of runtime.exports) if (e.kind === ExternalKind.Func) this.#exports.set(e.name, e.index);
    this.data = new StaticData(align(runtimeDataEnd(runtime), 8));
  }

  /** hasFunc reports whether the runtime exports a function named `name`. */
  hasFunc(name: string): boolean {
    return this.#exports.has(name);
  }

  /** func returns the index of the runtime's exported function `name` (a missing one is a runtime bug). */
  func(name: string): number {
    const i = this.#exports.get(name);
    if (i === undefined) throw new Error(`internal: the runtime does not export ${name}`);
    return i;
  }

  /** importedFunc returns the index of an imported function, if the runtime imports it. */
  importedFunc(module: string, name: string): number | undefined {
    let i = 0;
    for (const imp of this.module.imports) {
      if (imp.desc.kind !== "Func") continue;
      if (imp.module === module && imp.name === name) return i;
      i++;
    }
    return undefined;
  }

  /** funcType returns the signature of function `index` (imported or defined). */
  funcType(index: number): FuncType {
    const nImports = importedCount(this.module, "Func");
    let typeIndex: number | undefined;
    if (index < nImports) {
      let i = 0;
      for (const imp of this.module.imports) {
        if (imp.desc.kind !== "Func") continue;
        if (i++ === index) typeIndex = imp.desc.typeIndex;
      }
    } else {
      typeIndex = this.module.functions[index - nImports];
    }
    const t = typeIndex === undefined ? undefined : this.module.types[typeIndex];
    if (t === undefined) throw new Error(`internal: no function ${index}`);
    return t;
  }

  /** declare appends a function with `params` i32 params and `results` i32 results; define its body later. */
  declare(name: string, params: number, results: number, exportAs?: string): number {
    const type = typeIndexFor(
      this.module,
      new Array<number>(params).fill(ValType.I32),
      new Array<number>(results).fill(ValType.I32),
    );
    this.module.functions.push(type);
    this.module.codes.push(new Uint8Array(0));
    const index = importedCount(this.module, "Func") + this.module.functions.length - 1;
    this.#pending.set(index, name);
    this.#names.push({ index, name });
    if (exportAs !== undefined) this.#generatedExports.set(exportAs, index);
    return index;
  }

  /** define sets the body of a declared function. */
  define(index: number, body: Uint8Array): void {
    const nImports = importedCount(this.module, "Func");
    if (!this.#pending.delete(index)) throw new Error(`internal: function ${index} not declared or defined twice`);
    this.module.codes[index - nImports] = body;
  }

  /** finish adds the data segment, start function, ABI globals, exports and memory import. */
  finish(): LinkResult {
    if (this.#pending.size > 0) {
      throw new Error(`internal: functions declared but not defined: ${[...this.#pending.values()].join(", ")}`);
    }
    const m = this.module;
    const heapBase = align(this.data.end, 8);
    if (this.data.end > this.data.base) {
      m.datas.push({ kind: "Active", memoryIndex: 0, offset: i32ConstExpr(this.data.base), bytes: this.data.bytes() });
    }
    this.#emitStart(heapBase);
    const minPages = Math.max(1, Math.ceil(heapBase / PAGE_SIZE));
    importMemory(m, minPages);

    const hasStash = ABI13_FUNCS.every((n) => this.#exports.has(n));
    const abiMinorVersion = hasStash ? ABI_MINOR_VERSION_STASH : ABI_MINOR_VERSION;
    const nGlobalImports = importedCount(m, "Global");
    m.globals.push({ type: { valType: ValType.I32, mutable: false }, init: i32ConstExpr(ABI_VERSION) });
    m.globals.push({ type: { valType: ValType.I32, mutable: false }, init: i32ConstExpr(abiMinorVersion) });
    const gVersion = nGlobalImports + m.globals.length - 2;

    const exports: Export[] = [
      { name: "opa_wasm_abi_version", kind: ExternalKind.Global, index: gVersion },
      { name: "opa_wasm_abi_minor_version", kind: ExternalKind.Global, index: gVersion + 1 },
      { name: "memory", kind: ExternalKind.Memory, index: 0 },
    ];
    for (const name of GENERATED_EXPORTS) {
      const index = this.#generatedExports.get(name);
      if (index === undefined) throw new Error(`internal: generated export ${name} missing`);
      exports.push({ name, kind: ExternalKind.Func, index });
    }
    for (const name of ABI_RUNTIME_EXPORTS) {
      if (name === "opa_value_free" || name.startsWith("opa_heap_") && name.includes("stash")) {
        if (!hasStash) continue;
      }
      const index = this.#exports.get(name);
      if (index !== undefined) exports.push({ name, kind: ExternalKind.Func, index });
    }
    m.exports = exports;
    appendFunctionNames(m, this.#names);
    return { module: m, heapBase, minPages, abiMinorVersion };
  }

  #emitStart(heapBase: number): void {
    const m = this.module;
    const a = new Asm();
    if (m.start !== undefined) a.call(m.start);
    if (this.#exports.has(Rt.start) && this.#exports.get(Rt.start) !== m.start) a.call(this.func(Rt.start));
    a.i32Const(heapBase).call(this.func(Rt.mallocInit));
    const index = this.declare("_initialize", 0, 0);
    this.define(index, a.body(0));
    m.start = index;
  }
}

/** runtimeDataEnd returns the first address after the runtime's active data segments. */
export function runtimeDataEnd(m: WasmModule): number {
  let end = 0;
  for (const d of m.datas) {
    if (d.kind !== "Active") continue;
    const offset = constI32(d.offset);
    if (offset === undefined) throw new Error("internal: runtime data segment offset is not an i32.const");
    end = Math.max(end, offset + d.bytes.length);
  }
  return end;
}

function constI32(expr: Uint8Array): number | undefined {
  if (expr[0] !== Op.I32Const || expr[expr.length - 1] !== Op.End) return undefined;
  let result = 0;
  let shift = 0;
  let i = 1;
  for (;;) {
    const b = expr[i++];
    if (b === undefined) return undefined;
    result |= (b & 0x7f) << shift;
    shift += 7;
    if ((b & 0x80) === 0) {
      if (shift < 32 && (b & 0x40) !== 0) result |= ~0 << shift;
      break;
    }
  }
  return i === expr.length - 1 ? result : undefined;
}

/** i32ConstExpr encodes the constant expression `i32.const v; end`. */
export function i32ConstExpr(v: number): Uint8Array {
  const out: number[] = [Op.I32Const];
  pushS32(out, v | 0);
  out.push(Op.End);
  return Uint8Array.from(out);
}

/** importMemory makes memory 0 the import env.memory with `min` pages and no maximum. */
function importMemory(m: WasmModule, min: number): void {
  const imp = m.imports.find((i) => i.desc.kind === "Memory");
  if (imp !== undefined) {
    imp.desc = { kind: "Memory", limits: { flags: 0, min } };
    return;
  }
  if (m.memories.length !== 1) throw new Error("internal: the runtime must have exactly one memory");
  m.memories = [];
  m.imports.push({ module: "env", name: "memory", desc: { kind: "Memory", limits: { flags: 0, min } } });
}

function align(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

function cloneModule(m: WasmModule): WasmModule {
  return {
    ...m,
    types: [...m.types],
    imports: m.imports.map((i) => ({ ...i })),
    functions: [...m.functions],
    tables: m.tables.map((t) => ({ ...t, limits: { ...t.limits } })),
    memories: m.memories.map((l) => ({ ...l })),
    globals: [...m.globals],
    exports: [...m.exports],
    elements: [...m.elements],
    codes: [...m.codes],
    datas: [...m.datas],
    customs: [...m.customs],
  };
}
