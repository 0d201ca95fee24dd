/*
 * In-memory model of a WebAssembly module, close to the binary format. The reader fills it from
 * bytes, the linker appends to it, the encoder writes it back. Function bodies are opaque byte
 * arrays (locals + expression, without the size prefix), so runtime code is never re-encoded.
 */

import type { ExternalKindByte, SectionId } from "./opcodes.js";

/** FuncType is a function signature: value-type bytes of params and results. */
export interface FuncType {
  readonly params: readonly number[];
  readonly results: readonly number[];
}

/** Limits are the size limits of a memory or table (in pages or elements). */
export interface Limits {
  min: number;
  max?: number;
  /** flags is the raw limits flag byte (0 = min only, 1 = min+max, 3 = shared). */
  flags: number;
}

/** TableType is a table's element reference type and limits. */
export interface TableType {
  readonly elemType: number;
  limits: Limits;
}

/** GlobalType is a global's value type and mutability. */
export interface GlobalType {
  readonly valType: number;
  readonly mutable: boolean;
}

/** ImportDesc is what an import brings in, tagged by kind. */
export type ImportDesc =
  | { readonly kind: "Func"; readonly typeIndex: number }
  | { readonly kind: "Table"; readonly table: TableType }
  | { readonly kind: "Memory"; readonly limits: Limits }
  | { readonly kind: "Global"; readonly global: GlobalType }
  | { readonly kind: "Tag"; readonly raw: Uint8Array };

/** Import is one entry of the import section. */
export interface Import {
  readonly module: string;
  readonly name: string;
  desc: ImportDesc;
}

/** Global is a defined global: its type and its constant initialiser (bytes, including `end`). */
export interface Global {
  readonly type: GlobalType;
  readonly init: Uint8Array;
}

/** Export is one entry of the export section. */
export interface Export {
  readonly name: string;
  readonly kind: ExternalKindByte;
  readonly index: number;
}

/** ElementSegment is an active funcref segment for table 0 (flag 0), or any other segment kept raw. */
export type ElementSegment =
  | { readonly kind: "ActiveFuncs"; readonly offset: Uint8Array; readonly funcs: readonly number[] }
  | { readonly kind: "Raw"; readonly bytes: Uint8Array };

/** DataSegment is an active segment (memory index + offset expression) or a passive one. */
export type DataSegment =
  | { readonly kind: "Active"; readonly memoryIndex: number; readonly offset: Uint8Array; readonly bytes: Uint8Array }
  | { readonly kind: "Passive"; readonly bytes: Uint8Array };

/** CustomSection is a custom section kept verbatim, placed after the section id `after` (0 = first). */
export interface CustomSection {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly after: SectionId;
}

/** WasmModule is a whole module; `functions[i]` is the type index of the i-th defined function. */
export interface WasmModule {
  types: FuncType[];
  imports: Import[];
  functions: number[];
  tables: TableType[];
  memories: Limits[];
  /** tags holds the raw tag section payload entries (exception handling), if any. */
  tags: Uint8Array | undefined;
  globals: Global[];
  exports: Export[];
  start: number | undefined;
  elements: ElementSegment[];
  /** dataCount is true when the module carries a data-count section (kept in sync on encode). */
  dataCount: boolean;
  /** codes holds the bodies of the defined functions (locals + expression, no size prefix). */
  codes: Uint8Array[];
  datas: DataSegment[];
  customs: CustomSection[];
}

/** emptyModule returns a module with no sections. */
export function emptyModule(): WasmModule {
  return {
    types: [],
    imports: [],
    functions: [],
    tables: [],
    memories: [],
    tags: undefined,
    globals: [],
    exports: [],
    start: undefined,
    elements: [],
    dataCount: false,
    codes: [],
    datas: [],
    customs: [],
  };
}

/** importedCount counts the imports of one kind (they precede defined items in index space). */
export function importedCount(m: WasmModule, kind: ImportDesc["kind"]): number {
  let n = 0;
  for (const i of m.imports) if (i.desc.kind === kind) n++;
  return n;
}

/** typeIndexFor returns the index of an identical function type, appending one if missing. */
export function typeIndexFor(m: WasmModule, params: readonly number[], results: readonly number[]): number {
  const found = m.types.findIndex(
    (t) => sameList(t.params, params) && sameList(t.results, results),
  );
  if (found >= 0) return found;
  m.types.push({ params: [...params], results: [...results] });
  return m.types.length - 1;
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
