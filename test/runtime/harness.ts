// Test harness for wasm/runtime.wasm: instantiates the committed runtime directly with a
// WebAssembly.Memory({initial: 5}) and the env imports, and offers helpers to move JSON text
// and values in and out. Input: nothing (reads ../../wasm/runtime.wasm). Output: Runtime.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const RUNTIME_PATH = fileURLToPath(new URL("../../wasm/runtime.wasm", import.meta.url));

type Fn = (...args: never[]) => unknown;

// The subset of the WebAssembly JS API used here (tsconfig has no DOM lib, @types/node 20
// does not declare the global).
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
export interface WasmModule {
  readonly __brand?: "WasmModule";
}
export interface WasmApi {
  Module: {
    new (bytes: Uint8Array): WasmModule;
    imports(m: WasmModule): { module: string; name: string; kind: string }[];
    exports(m: WasmModule): { name: string; kind: string }[];
  };
  Instance: new (m: WasmModule, imports: object) => { exports: Record<string, unknown> };
  Memory: new (d: { initial: number; maximum?: number }) => WasmMemory;
}
export const Wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

export interface Runtime {
  readonly exports: Record<string, Fn>;
  readonly memory: WasmMemory;
  readonly printed: string[];
  /** Host builtin calls seen: [N, id, ...args]. */
  readonly hostCalls: number[][];
  call(name: string, ...args: (number | bigint)[]): number;
  /** Writes bytes into a fresh opa_malloc block; returns [addr, len]. */
  put(bytes: Uint8Array): [number, number];
  putString(text: string): [number, number];
  /** Reads a NUL-terminated UTF-8 string. */
  cstr(addr: number): string;
  parse(json: string): number;
  parseValue(text: string): number;
  dump(v: number): string;
  dumpValue(v: number): string;
  str(text: string): number;
}

let cachedModule: WasmModule | undefined;

export function runtimeModule(): WasmModule {
  cachedModule ??= new Wasm.Module(readFileSync(RUNTIME_PATH));
  return cachedModule;
}

export function readCString(memory: WasmMemory, addr: number): string {
  const bytes = new Uint8Array(memory.buffer);
  let end = addr;
  while (bytes[end] !== 0) end++;
  return new TextDecoder().decode(bytes.subarray(addr, end));
}

export function instantiate(hostBuiltin?: (id: number, args: number[]) => number): Runtime {
  const memory = new Wasm.Memory({ initial: 5 });
  const printed: string[] = [];
  const hostCalls: number[][] = [];
  const host = (n: number) => (id: number, _ctx: number, ...args: number[]): number => {
    hostCalls.push([n, id, ...args]);
    return hostBuiltin ? hostBuiltin(id, args) : 0;
  };
  const env = {
    memory,
    opa_abort: (addr: number): never => {
      throw readCString(memory, addr);
    },
    opa_println: (addr: number): void => {
      printed.push(readCString(memory, addr));
    },
    opa_builtin0: host(0),
    opa_builtin1: host(1),
    opa_builtin2: host(2),
    opa_builtin3: host(3),
    opa_builtin4: host(4),
  };
  const instance = new Wasm.Instance(runtimeModule(), { env });
  const exports = instance.exports as unknown as Record<string, Fn>;
  const call = (name: string, ...args: (number | bigint)[]): number => {
    const f = exports[name] as ((...a: (number | bigint)[]) => number) | undefined;
    if (f === undefined) throw new Error(`runtime has no export ${name}`);
    return f(...args);
  };
  const put = (bytes: Uint8Array): [number, number] => {
    const addr = call("opa_malloc", bytes.length);
    new Uint8Array(memory.buffer).set(bytes, addr);
    return [addr, bytes.length];
  };
  const putString = (text: string): [number, number] => put(new TextEncoder().encode(text));
  const cstr = (addr: number): string => readCString(memory, addr);
  return {
    exports,
    memory,
    printed,
    hostCalls,
    call,
    put,
    putString,
    cstr,
    parse: (json) => call("opa_json_parse", ...putString(json)),
    parseValue: (text) => call("opa_value_parse", ...putString(text)),
    dump: (v) => cstr(call("opa_json_dump", v)),
    dumpValue: (v) => cstr(call("opa_value_dump", v)),
    str: (text) => call("opa_string", ...putString(text)),
  };
}
