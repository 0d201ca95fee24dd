/*
 * Binary reader: decodes a WebAssembly module (the prebuilt runtime) into the WasmModule model.
 * Input: module bytes. Output: WasmModule with every section decoded, function bodies and
 * unusual element segments kept as opaque bytes, custom sections (incl. "name") kept verbatim.
 */

import { readS32, readS64, readU32 } from "./leb128.js";
import type { CustomSection, DataSegment, ElementSegment, ImportDesc, Limits, WasmModule } from "./module.js";
import { emptyModule } from "./module.js";
import { ExternalKind, FuncTypeTag, Op, Section } from "./opcodes.js";
import type { ExternalKindByte, SectionId } from "./opcodes.js";

/** readModule decodes `bytes`; it throws on malformed input (the runtime is trusted, so that is a bug). */
export function readModule(bytes: Uint8Array): WasmModule {
  const r = new Cursor(bytes, 0);
  const magic = r.u32fixed();
  const version = r.u32fixed();
  if (magic !== 0x6d736100 || version !== 1) throw new Error("internal: not a wasm v1 module");
  const m = emptyModule();
  let last: SectionId = 0;
  while (!r.eof()) {
    const id = r.byte() as SectionId;
    const size = r.u32();
    const end = r.pos + size;
    const s = new Cursor(bytes.subarray(0, end), r.pos);
    switch (id) {
      case Section.Custom: {
        const name = s.name();
        const custom: CustomSection = { name, bytes: bytes.slice(s.pos, end), after: last };
        m.customs.push(custom);
        s.pos = end;
        break;
      }
      case Section.Type:
        s.vec(() => {
          if (s.byte() !== FuncTypeTag) throw new Error("internal: unsupported type form");
          const params = s.vecOf(() => s.byte());
          const results = s.vecOf(() => s.byte());
          m.types.push({ params, results });
        });
        break;
      case Section.Import:
        s.vec(() => {
          const module = s.name();
          const name = s.name();
          m.imports.push({ module, name, desc: readImportDesc(s) });
        });
        break;
      case Section.Function:
        s.vec(() => m.functions.push(s.u32()));
        break;
      case Section.Table:
        s.vec(() => {
          const elemType = s.byte();
          m.tables.push({ elemType, limits: readLimits(s) });
        });
        break;
      case Section.Memory:
        s.vec(() => m.memories.push(readLimits(s)));
        break;
      case Section.Tag:
        m.tags = bytes.slice(s.pos, end);
        s.pos = end;
        break;
      case Section.Global:
        s.vec(() => {
          const valType = s.byte();
          const mutable = s.byte() === 1;
          const init = s.constExpr();
          m.globals.push({ type: { valType, mutable }, init });
        });
        break;
      case Section.Export:
        s.vec(() => {
          const name = s.name();
          const kind = s.byte() as ExternalKindByte;
          const index = s.u32();
          m.exports.push({ name, kind, index });
        });
        break;
      case Section.Start:
        m.start = s.u32();
        break;
      case Section.Element:
        s.vec(() => m.elements.push(readElement(s)));
        break;
      case Section.DataCount:
        s.u32();
        m.dataCount = true;
        break;
      case Section.Code:
        s.vec(() => {
          const len = s.u32();
          m.codes.push(bytes.slice(s.pos, s.pos + len));
          s.pos += len;
        });
        break;
      case Section.Data:
        s.vec(() => m.datas.push(readData(s)));
        break;
      default:
        throw new Error(`internal: unknown section id ${String(id)}`);
    }
    if (s.pos !== end) throw new Error(`internal: section ${id} size mismatch`);
    if (id !== Section.Custom) last = id;
    r.pos = end;
  }
  if (m.functions.length !== m.codes.length) throw new Error("internal: function/code count mismatch");
  return m;
}

function readImportDesc(s: Cursor): ImportDesc {
  const kind = s.byte();
  switch (kind) {
    case ExternalKind.Func:
      return { kind: "Func", typeIndex: s.u32() };
    case ExternalKind.Table: {
      const elemType = s.byte();
      return { kind: "Table", table: { elemType, limits: readLimits(s) } };
    }
    case ExternalKind.Memory:
      return { kind: "Memory", limits: readLimits(s) };
    case ExternalKind.Global: {
      const valType = s.byte();
      return { kind: "Global", global: { valType, mutable: s.byte() === 1 } };
    }
    case ExternalKind.Tag: {
      const start = s.pos;
      s.byte();
      s.u32();
      return { kind: "Tag", raw: s.bytes.slice(start, s.pos) };
    }
    default:
      throw new Error(`internal: unknown import kind ${kind}`);
  }
}

function readLimits(s: Cursor): Limits {
  const flags = s.byte();
  const min = s.u32();
  if ((flags & 1) !== 0) return { flags, min, max: s.u32() };
  return { flags, min };
}

function readElement(s: Cursor): ElementSegment {
  const start = s.pos;
  const flags = s.u32();
  if (flags === 0) {
    const offset = s.constExpr();
    const funcs = s.vecOf(() => s.u32());
    return { kind: "ActiveFuncs", offset, funcs };
  }
  // Other forms are kept raw: parse only to find their end.
  const hasTable = (flags & 3) === 2;
  const active = (flags & 1) === 0;
  const usesExprs = (flags & 4) !== 0;
  if (hasTable) s.u32();
  if (active) s.constExpr();
  if ((flags & 3) !== 0) s.byte(); // elemkind or reftype
  if (usesExprs) s.vecOf(() => s.constExpr());
  else s.vecOf(() => s.u32());
  return { kind: "Raw", bytes: s.bytes.slice(start, s.pos) };
}

function readData(s: Cursor): DataSegment {
  const flags = s.u32();
  if (flags === 1) return { kind: "Passive", bytes: s.sizedBytes() };
  const memoryIndex = flags === 2 ? s.u32() : 0;
  if (flags !== 0 && flags !== 2) throw new Error(`internal: bad data segment flags ${flags}`);
  const offset = s.constExpr();
  return { kind: "Active", memoryIndex, offset, bytes: s.sizedBytes() };
}

/** Cursor walks a byte array. */
class Cursor {
  readonly bytes: Uint8Array;
  pos: number;

  constructor(bytes: Uint8Array, pos: number) {
    this.bytes = bytes;
    this.pos = pos;
  }

  eof(): boolean {
    return this.pos >= this.bytes.length;
  }

  byte(): number {
    const b = this.bytes[this.pos];
    if (b === undefined) throw new Error("internal: unexpected end of module");
    this.pos++;
    return b;
  }

  u32fixed(): number {
    let v = 0;
    for (let i = 0; i < 4; i++) v += this.byte() * 2 ** (8 * i);
    return v;
  }

  u32(): number {
    const d = readU32(this.bytes, this.pos);
    this.pos = d.next;
    return d.value;
  }

  name(): string {
    return new TextDecoder("utf-8", { fatal: true }).decode(this.sizedBytes());
  }

  sizedBytes(): Uint8Array {
    const len = this.u32();
    if (this.pos + len > this.bytes.length) throw new Error("internal: unexpected end of module");
    const out = this.bytes.slice(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }

  vec(each: () => void): void {
    const n = this.u32();
    for (let i = 0; i < n; i++) each();
  }

  vecOf<T>(each: () => T): T[] {
    const n = this.u32();
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(each());
    return out;
  }

  /** constExpr returns the bytes of a constant expression, including its final `end`. */
  constExpr(): Uint8Array {
    const start = this.pos;
    for (;;) {
      const op = this.byte();
      switch (op) {
        case Op.End:
          return this.bytes.slice(start, this.pos);
        case Op.I32Const:
          this.pos = readS32(this.bytes, this.pos).next;
          break;
        case Op.I64Const:
          this.pos = readS64(this.bytes, this.pos).next;
          break;
        case Op.F32Const:
          this.pos += 4;
          break;
        case Op.F64Const:
          this.pos += 8;
          break;
        case Op.GlobalGet:
        case Op.RefFunc:
          this.u32();
          break;
        case Op.RefNull:
          this.byte();
          break;
        case Op.I32Add:
        case Op.I32Sub:
        case 0x6c: // i32.mul (extended-const)
        case 0x7c: // i64.add
        case 0x7d: // i64.sub
        case 0x7e: // i64.mul
          break;
        default:
          throw new Error(`internal: unsupported opcode 0x${op.toString(16)} in constant expression`);
      }
    }
  }
}
