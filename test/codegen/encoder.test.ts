import t from "tap";
import { Wasm } from "../helpers/wasm-api.js";
import { readFileSync } from "node:fs";
import { encodeModule } from "../../src/codegen/encoder.js";
import { readModule } from "../../src/codegen/reader.js";
import { emptyModule, typeIndexFor } from "../../src/codegen/module.js";
import { Asm } from "../../src/codegen/assembler.js";
import { ExternalKind, ValType } from "../../src/codegen/opcodes.js";
import { i32ConstExpr } from "../../src/codegen/linker.js";

const runtime = new Uint8Array(readFileSync(new URL("../../wasm/runtime.wasm", import.meta.url)));

t.test("encoder: runtime round trip is byte-identical", async (t) => {
  const m = readModule(runtime);
  const out = encodeModule(m);
  t.equal(out.length, runtime.length);
  t.ok(Buffer.from(out).equals(Buffer.from(runtime)), "same bytes");
  t.ok(Wasm.validate(out));
});

t.test("encoder: decode(encode(m)) is m for a hand-built module with every section", async (t) => {
  const m = emptyModule();
  const ti = typeIndexFor(m, [ValType.I32, ValType.I32], [ValType.I32]);
  m.imports.push({ module: "env", name: "f", desc: { kind: "Func", typeIndex: ti } });
  m.imports.push({ module: "env", name: "memory", desc: { kind: "Memory", limits: { flags: 0, min: 1 } } });
  m.functions.push(ti);
  m.codes.push(new Asm().localGet(0).localGet(1).call(0).body(0));
  m.tables.push({ elemType: ValType.FuncRef, limits: { flags: 1, min: 2, max: 2 } });
  m.globals.push({ type: { valType: ValType.I32, mutable: true }, init: i32ConstExpr(-5) });
  m.exports.push({ name: "g", kind: ExternalKind.Func, index: 1 });
  m.elements.push({ kind: "ActiveFuncs", offset: i32ConstExpr(1), funcs: [1] });
  m.datas.push({ kind: "Active", memoryIndex: 0, offset: i32ConstExpr(1024), bytes: Uint8Array.from([1, 2, 3]) });
  m.datas.push({ kind: "Passive", bytes: Uint8Array.from([9]) });
  m.dataCount = true;
  m.customs.push({ name: "first", bytes: Uint8Array.from([7]), after: 0 });
  m.customs.push({ name: "name", bytes: Uint8Array.from([]), after: 11 });
  const bytes = encodeModule(m);
  t.ok(Wasm.validate(bytes), "valid");
  const back = readModule(bytes);
  t.same(back, m);
  t.ok(Buffer.from(encodeModule(back)).equals(Buffer.from(bytes)));
  const inst = new Wasm.Instance(new Wasm.Module(bytes), {
    env: { f: (a: number, b: number) => a * 10 + b, memory: new Wasm.Memory({ initial: 1 }) },
  });
  t.equal((inst.exports["g"] as (a: number, b: number) => number)(4, 2), 42);
});

t.test("reader: rejects non-wasm input", async (t) => {
  t.throws(() => readModule(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8])));
  t.throws(() => readModule(runtime.subarray(0, runtime.length - 3)));
});
