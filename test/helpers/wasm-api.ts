// The subset of the WebAssembly JS API codegen tests use (tsconfig has no DOM lib and
// @types/node 20 does not declare the WebAssembly namespace). Not a test file itself.

export interface WasmModuleDescriptor {
  readonly name: string;
  readonly kind: string;
  readonly module?: string;
}

export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}

export interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: {
    new (bytes: Uint8Array): object;
    imports(m: object): WasmModuleDescriptor[];
    exports(m: object): WasmModuleDescriptor[];
  };
  Instance: new (m: object, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
  Memory: new (d: { initial: number }) => WasmMemory;
  instantiate(bytes: Uint8Array, imports: Record<string, Record<string, unknown>>): Promise<{ instance: { exports: Record<string, unknown> } }>;
}

/** Wasm is globalThis.WebAssembly with the types above. */
export const Wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** hostImports returns an `env` import object whose host functions do nothing. */
export function hostImports(): Record<string, Record<string, unknown>> {
  const nop = (): number => 0;
  return {
    env: {
      memory: new Wasm.Memory({ initial: 5 }),
      opa_abort: nop,
      opa_println: nop,
      opa_builtin0: nop,
      opa_builtin1: nop,
      opa_builtin2: nop,
      opa_builtin3: nop,
      opa_builtin4: nop,
    },
  };
}
