/*
 * Binary writer: encodes a WasmModule to bytes. Knows nothing about Rego or OPA.
 * Input: WasmModule. Output: Uint8Array in canonical section order, custom sections put back
 * after the section they followed when read, minimal LEB128 sizes.
 */

import { pushU32 } from "./leb128.js";
import type { DataSegment, ElementSegment, ImportDesc, Limits, WasmModule } from "./module.js";
import { ExternalKind, FuncTypeTag, Section } from "./opcodes.js";
import type { SectionId } from "./opcodes.js";

/** SectionOrder is the order in which non-custom sections must appear. */
const SectionOrder: readonly SectionId[] = [
  Section.Type,
  Section.Import,
  Section.Function,
  Section.Table,
  Section.Memory,
  Section.Tag,
  Section.Global,
  Section.Export,
  Section.Start,
  Section.Element,
  Section.DataCount,
  Section.Code,
  Section.Data,
];

/** encodeModule writes `m` as a binary module. */
export function encodeModule(m: WasmModule): Uint8Array {
  const w = new Writer();
  w.raw([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  customsAfter(w, m, 0);
  for (const id of SectionOrder) {
    const body = sectionBody(m, id);
    if (body !== undefined) {
      w.byte(id);
      w.u32(body.length);
      w.bytes(body);
    }
    customsAfter(w, m, id);
  }
  return w.finish();
}

function customsAfter(w: Writer, m: WasmModule, id: SectionId): void {
  for (const c of m.customs) {
    if (c.after !== id) continue;
    const body = new Writer();
    body.name(c.name);
    body.bytes(c.bytes);
    const b = body.finish();
    w.byte(Section.Custom);
    w.u32(b.length);
    w.bytes(b);
  }
}

function sectionBody(m: WasmModule, id: SectionId): Uint8Array | undefined {
  const w = new Writer();
  switch (id) {
    case Section.Type:
      if (m.types.length === 0) return undefined;
      w.vec(m.types, (t) => {
        w.byte(FuncTypeTag);
        w.vec(t.params, (p) => w.byte(p));
        w.vec(t.results, (p) => w.byte(p));
      });
      break;
    case Section.Import:
      if (m.imports.length === 0) return undefined;
      w.vec(m.imports, (i) => {
        w.name(i.module);
        w.name(i.name);
        importDesc(w, i.desc);
      });
      break;
    case Section.Function:
      if (m.functions.length === 0) return undefined;
      w.vec(m.functions, (t) => w.u32(t));
      break;
    case Section.Table:
      if (m.tables.length === 0) return undefined;
      w.vec(m.tables, (t) => {
        w.byte(t.elemType);
        limits(w, t.limits);
      });
      break;
    case Section.Memory:
      if (m.memories.length === 0) return undefined;
      w.vec(m.memories, (l) => limits(w, l));
      break;
    case Section.Tag:
      if (m.tags === undefined) return undefined;
      w.bytes(m.tags);
      break;
    case Section.Global:
      if (m.globals.length === 0) return undefined;
      w.vec(m.globals, (g) => {
        w.byte(g.type.valType);
        w.byte(g.type.mutable ? 1 : 0);
        w.bytes(g.init);
      });
      break;
    case Section.Export:
      if (m.exports.length === 0) return undefined;
      w.vec(m.exports, (e) => {
        w.name(e.name);
        w.byte(e.kind);
        w.u32(e.index);
      });
      break;
    case Section.Start:
      if (m.start === undefined) return undefined;
      w.u32(m.start);
      break;
    case Section.Element:
      if (m.elements.length === 0) return undefined;
      w.vec(m.elements, (e) => element(w, e));
      break;
    case Section.DataCount:
      if (!m.dataCount) return undefined;
      w.u32(m.datas.length);
      break;
    case Section.Code:
      if (m.codes.length === 0) return undefined;
      w.vec(m.codes, (c) => {
        w.u32(c.length);
        w.bytes(c);
      });
      break;
    case Section.Data:
      if (m.datas.length === 0) return undefined;
      w.vec(m.datas, (d) => data(w, d));
      break;
    case Section.Custom:
      return undefined;
  }
  return w.finish();
}

function importDesc(w: Writer, d: ImportDesc): void {
  switch (d.kind) {
    case "Func":
      w.byte(ExternalKind.Func);
      w.u32(d.typeIndex);
      return;
    case "Table":
      w.byte(ExternalKind.Table);
      w.byte(d.table.elemType);
      limits(w, d.table.limits);
      return;
    case "Memory":
      w.byte(ExternalKind.Memory);
      limits(w, d.limits);
      return;
    case "Global":
      w.byte(ExternalKind.Global);
      w.byte(d.global.valType);
      w.byte(d.global.mutable ? 1 : 0);
      return;
    case "Tag":
      w.byte(ExternalKind.Tag);
      w.bytes(d.raw);
      return;
  }
}

function limits(w: Writer, l: Limits): void {
  const hasMax = l.max !== undefined;
  w.byte(hasMax ? l.flags | 1 : l.flags & ~1);
  w.u32(l.min);
  if (l.max !== undefined) w.u32(l.max);
}

function element(w: Writer, e: ElementSegment): void {
  switch (e.kind) {
    case "ActiveFuncs":
      w.u32(0);
      w.bytes(e.offset);
      w.vec(e.funcs, (f) => w.u32(f));
      return;
    case "Raw":
      w.bytes(e.bytes);
      return;
  }
}

function data(w: Writer, d: DataSegment): void {
  switch (d.kind) {
    case "Active":
      if (d.memoryIndex === 0) {
        w.u32(0);
      } else {
        w.u32(2);
        w.u32(d.memoryIndex);
      }
      w.bytes(d.offset);
      w.u32(d.bytes.length);
      w.bytes(d.bytes);
      return;
    case "Passive":
      w.u32(1);
      w.u32(d.bytes.length);
      w.bytes(d.bytes);
      return;
  }
}

/** Writer accumulates bytes in growable chunks. */
class Writer {
  #buf = new Uint8Array(256);
  #len = 0;

  #ensure(n: number): void {
    if (this.#len + n <= this.#buf.length) return;
    let cap = this.#buf.length * 2;
    while (cap < this.#len + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.#buf.subarray(0, this.#len));
    this.#buf = next;
  }

  byte(b: number): void {
    this.#ensure(1);
    this.#buf[this.#len++] = b;
  }

  raw(bs: readonly number[]): void {
    for (const b of bs) this.byte(b);
  }

  bytes(bs: Uint8Array): void {
    this.#ensure(bs.length);
    this.#buf.set(bs, this.#len);
    this.#len += bs.length;
  }

  u32(v: number): void {
    const tmp: number[] = [];
    pushU32(tmp, v);
    this.raw(tmp);
  }

  name(s: string): void {
    const b = new TextEncoder().encode(s);
    this.u32(b.length);
    this.bytes(b);
  }

  vec<T>(items: readonly T[], each: (x: T) => void): void {
    this.u32(items.length);
    for (const x of items) each(x);
  }

  finish(): Uint8Array {
    return this.#buf.slice(0, this.#len);
  }
}
