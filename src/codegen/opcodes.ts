/*
 * WebAssembly binary-format constants: section ids, value types, external kinds and the opcodes
 * the generated code uses. Constants only (as-const objects), no logic.
 * Spec: https://webassembly.github.io/spec/core/binary/
 */

/** Section lists the section ids of the binary format, in their required order (custom = 0 aside). */
export const Section = {
  Custom: 0,
  Type: 1,
  Import: 2,
  Function: 3,
  Table: 4,
  Memory: 5,
  Global: 6,
  Export: 7,
  Start: 8,
  Element: 9,
  Code: 10,
  Data: 11,
  DataCount: 12,
  Tag: 13,
} as const;

/** SectionId is any known section id. */
export type SectionId = (typeof Section)[keyof typeof Section];

/** ValType lists the value-type bytes. */
export const ValType = {
  I32: 0x7f,
  I64: 0x7e,
  F32: 0x7d,
  F64: 0x7c,
  V128: 0x7b,
  FuncRef: 0x70,
  ExternRef: 0x6f,
} as const;

/** ValTypeByte is one value-type byte. */
export type ValTypeByte = (typeof ValType)[keyof typeof ValType];

/** ExternalKind tags imports and exports. */
export const ExternalKind = {
  Func: 0,
  Table: 1,
  Memory: 2,
  Global: 3,
  Tag: 4,
} as const;

/** ExternalKindByte is one external-kind byte. */
export type ExternalKindByte = (typeof ExternalKind)[keyof typeof ExternalKind];

/** BlockTypeEmpty is the block type of a block/loop/if without results. */
export const BlockTypeEmpty = 0x40;

/** FuncTypeTag prefixes every function type in the type section. */
export const FuncTypeTag = 0x60;

/** Op lists the single-byte opcodes used by generated code and constant expressions. */
export const Op = {
  Unreachable: 0x00,
  Nop: 0x01,
  Block: 0x02,
  Loop: 0x03,
  If: 0x04,
  Else: 0x05,
  End: 0x0b,
  Br: 0x0c,
  BrIf: 0x0d,
  BrTable: 0x0e,
  Return: 0x0f,
  Call: 0x10,
  CallIndirect: 0x11,
  Drop: 0x1a,
  Select: 0x1b,
  LocalGet: 0x20,
  LocalSet: 0x21,
  LocalTee: 0x22,
  GlobalGet: 0x23,
  GlobalSet: 0x24,
  I32Load: 0x28,
  I32Load8U: 0x2d,
  I32Store: 0x36,
  I32Store8: 0x3a,
  MemorySize: 0x3f,
  MemoryGrow: 0x40,
  I32Const: 0x41,
  I64Const: 0x42,
  F32Const: 0x43,
  F64Const: 0x44,
  I32Eqz: 0x45,
  I32Eq: 0x46,
  I32Ne: 0x47,
  I32LtS: 0x48,
  I32LtU: 0x49,
  I32GtS: 0x4a,
  I32GtU: 0x4b,
  I32LeS: 0x4c,
  I32GeS: 0x4e,
  I32Add: 0x6a,
  I32Sub: 0x6b,
  I32And: 0x71,
  I32Or: 0x72,
  RefNull: 0xd0,
  RefFunc: 0xd2,
} as const;
