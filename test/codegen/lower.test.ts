// Codegen (src/codegen/lower-policy.ts) on hand-built IR policies, linked onto wasm/runtime.wasm
// and run through the OPA SDK: entrypoints, builtins, conflicts, with/not/break, static data.
import t from "tap";
import { Wasm, hostImports } from "../helpers/wasm-api.js";
import { readFileSync } from "node:fs";
import { loadPolicy } from "@open-policy-agent/opa-wasm";
import { codegen } from "../../src/codegen/lower-policy.js";
import { encodeModule } from "../../src/codegen/encoder.js";
import { readModule } from "../../src/codegen/reader.js";
import type { Block, Func, Loc, Operand, Plan, Policy, Stmt } from "../../src/planner/ir.js";
import { L, block, bool, local, policy, rulePlan, ruleFunc, s, str } from "../helpers/ir-builder.js";

const runtimeBytes = new Uint8Array(readFileSync(new URL("../../wasm/runtime.wasm", import.meta.url)));
const runtime = readModule(runtimeBytes);

function build(p: Policy): Uint8Array {
  const r = codegen(p, runtime);
  if (r.link === undefined) throw new Error(r.diagnostics.map((d) => d.message).join("\n"));
  const bytes = encodeModule(r.link.module);
  if (!Wasm.validate(bytes)) throw new Error("invalid module");
  return bytes;
}

const plus = (a: number, b: number): number => a + b;

// Rule `t.q` below is the function g0.data.t.q (path ["g0", "t", "q"]) behind the plan "t/q".
/** rule is rule `path`'s function; its blocks set local 2 (ruleFunc adds the return block). */
const rule = (path: string, ...blocks: Block[]): Func => ruleFunc(`g0.data.${path}`, ["g0", ...path.split(".")], ...blocks);
/** entry is the plan "t/q" of rule `t.q` (string 0 must be "result"). */
const entry = (path: string): Plan => rulePlan(path.replaceAll(".", "/"), `g0.data.${path}`, 0);
/** callRule calls rule `path`'s function with input and data into local `result`. */
const callRule = (path: string, result: number): Stmt => s({ kind: "CallStmt", func: `g0.data.${path}`, args: [local(0), local(1)], result });
/** inputDot reads input[strings[key]] into local `target`. */
const inputDot = (key: number, target: number): Stmt => s({ kind: "DotStmt", source: local(0), key: str(key), target });
/** assign binds the rule's value (local 2), once. */
const assign = (source: Operand, loc?: Loc): Stmt => s({ kind: "AssignVarOnceStmt", source, target: 2, ...(loc === undefined ? {} : { loc }) });
/** collect is a partial set or object rule: local 2 starts empty, then `body` runs for every element (key 4, value 5) of input[strings[1]]. */
const collect = (path: string, init: "MakeSetStmt" | "MakeObjectStmt", ...body: Stmt[]): Func =>
  rule(path, block(s({ kind: init, target: 2 })), block(inputDot(1, 3), s({ kind: "ScanStmt", source: 3, key: 4, value: 5, block: block(...body) })));

/** thrown returns what `f` throws as a string (the SDK throws abort messages as plain strings). */
function thrown(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return typeof e === "string" ? e : e instanceof Error ? e.message : JSON.stringify(e);
  }
  return "(nothing thrown)";
}

t.test("lower: allow := true", async (t) => {
  const p = policy(
    ["result"],
    [entry("test.allow")],
    [rule("test.allow", block(assign(bool(true))))],
  );
  const bytes = build(p);
  const pol = await loadPolicy(bytes);
  t.same(pol.entrypoints, { "test/allow": 0 });
  t.same(pol.evaluate({}), [{ result: true }]);
  t.same(pol.evaluate(undefined), [{ result: true }]);
  t.same(pol.evaluate({}, "test/allow"), [{ result: true }]);
  // the module demands at most the SDK's default memory and exports exactly the ABI names
  const mod = new Wasm.Module(bytes);
  const mem = Wasm.Module.imports(mod).find((i) => i.kind === "memory");
  t.equal(mem?.name, "memory");
  const exports = Wasm.Module.exports(mod).map((e) => e.name).sort();
  for (const name of ["opa_wasm_abi_version", "opa_wasm_abi_minor_version", "memory", "eval", "opa_eval", "builtins", "entrypoints", "opa_malloc", "opa_json_parse", "opa_json_dump", "opa_heap_ptr_get", "opa_heap_ptr_set", "opa_eval_ctx_new", "opa_eval_ctx_get_result"]) {
    t.ok(exports.includes(name), `exports ${name}`);
  }
  t.notOk(exports.some((e) => e.startsWith("b_") || e.startsWith("host_builtin")), "runtime internals are not exported");
  // the slow path (eval context API) used by older SDKs and OPA's test.js harness
  const inst = await Wasm.instantiate(bytes, hostImports());
  const ex = inst.instance.exports as Record<string, (...a: number[]) => number>;
  const call = (n: string, ...a: number[]): number => (ex[n] as (...a: number[]) => number)(...a);
  const ctx = call("opa_eval_ctx_new");
  call("opa_eval_ctx_set_entrypoint", ctx, 0);
  call("opa_eval_ctx_set_input", ctx, 0);
  t.equal(call("eval", ctx), 0);
  const dumped = call("opa_json_dump", call("opa_eval_ctx_get_result", ctx));
  const buf = new Uint8Array((inst.instance.exports["memory"] as { buffer: ArrayBuffer }).buffer);
  t.equal(new TextDecoder().decode(buf.subarray(dumped, buf.indexOf(0, dumped))), '[{"result":true}]');
  const names = readModule(bytes).customs.find((c) => c.name === "name");
  t.match(new TextDecoder().decode(names?.bytes), /g0\.data\.test\.allow[^]*opa_eval/, "generated functions are named");
});

t.test("lower: p := input.x + 1 (builtin call)", async (t) => {
  const p = policy(
    ["result", "x"],
    [entry("test.p")],
    [
      rule(
        "test.p",
        block(
          inputDot(1, 3),
          s({ kind: "MakeNumberIntStmt", value: 1, target: 4 }),
          s({ kind: "CallStmt", func: "plus", args: [local(3), local(4)], result: 5 }),
          assign(local(5)),
        ),
      ),
    ],
    ["plus"],
  );
  const pol = await loadPolicy(build(p), undefined, { plus });
  t.same(pol.evaluate({ x: 41 }), [{ result: 42 }]);
  t.same(pol.evaluate({ y: 1 }), [], "undefined when input.x is missing");
  t.same(pol.evaluate(undefined), [], "undefined without input");
});

t.test("lower: partial set over a ScanStmt with a relational builtin", async (t) => {
  // s contains x if { some x in input.xs; x > 1 }
  const p = policy(
    ["result", "xs"],
    [entry("test.s")],
    [
      collect(
        "test.s",
        "MakeSetStmt",
        s({ kind: "MakeNumberIntStmt", value: 1, target: 6 }),
        s({ kind: "CallStmt", func: "gt", args: [local(5), local(6)], result: 7 }),
        s({ kind: "NotEqualStmt", a: local(7), b: bool(false) }),
        s({ kind: "SetAddStmt", set: 2, value: local(5) }),
      ),
    ],
    ["gt"],
  );
  const pol = await loadPolicy(build(p), undefined, { gt: (a: number, b: number) => a > b });
  t.same(pol.evaluate({ xs: [3, 0, 1, 2, 3] }), [{ result: [2, 3] }]);
  t.same(pol.evaluate({ xs: [] }), [{ result: [] }]);
  t.same(pol.evaluate({ xs: "scalar" }), [{ result: [] }]);
  t.same(pol.evaluate({ xs: { a: 5, b: 0 } }), [{ result: [5] }]);
});

t.test("lower: complete-rule conflict aborts with file:row:col", async (t) => {
  const p = policy(
    ["result", "a", "b"],
    [entry("test.p")],
    [rule("test.p", block(inputDot(1, 3), assign(local(3), { file: 0, row: 2, col: 1 })), block(inputDot(2, 4), assign(local(4), { file: 0, row: 3, col: 1 })))],
  );
  const pol = await loadPolicy(build(p));
  t.same(pol.evaluate({ a: 1, b: 1 }), [{ result: 1 }]);
  t.same(pol.evaluate({ a: 1 }), [{ result: 1 }]);
  t.match(thrown(() => pol.evaluate({ a: 1, b: 2 })), /module0\.rego:3:1: var assignment conflict/);
  // the instance stays usable after an abort
  t.same(pol.evaluate({ b: 2 }), [{ result: 2 }]);
});

t.test("lower: partial object conflict aborts", async (t) => {
  // o[k] := v for each input.kv pair; conflicting duplicates abort
  const p = policy(
    ["result", "kv"],
    [entry("test.o")],
    [
      collect(
        "test.o",
        "MakeObjectStmt",
        s({ kind: "AssignIntStmt", value: 0, target: 6 }),
        s({ kind: "DotStmt", source: local(5), key: local(6), target: 7 }),
        s({ kind: "AssignIntStmt", value: 1, target: 8 }),
        s({ kind: "DotStmt", source: local(5), key: local(8), target: 9 }),
        s({ kind: "ObjectInsertOnceStmt", object: 2, key: local(7), value: local(9), loc: { file: 0, row: 7, col: 3 } }),
      ),
    ],
  );
  const pol = await loadPolicy(build(p));
  t.same(pol.evaluate({ kv: [["a", 1], ["b", 2], ["a", 1]] }), [{ result: { a: 1, b: 2 } }]);
  t.match(thrown(() => pol.evaluate({ kv: [["a", 1], ["a", 2]] })), /module0\.rego:7:3: object insert conflict/);
});

t.test("lower: not, with, else-style breaks, several entrypoints", async (t) => {
  // q := true if not input.deny
  // r := q with input.deny as true   (so r is undefined)
  // z := v: first block breaks out when input.a is defined, else 7   (BlockStmt + BreakStmt)
  const p = policy(
    ["result", "deny", "a"],
    [entry("t.q"), entry("t.r"), entry("t.z")],
    [
      rule("t.q", block(s({ kind: "NotStmt", block: block(inputDot(1, 3), s({ kind: "NotEqualStmt", a: local(3), b: bool(false) })) }), assign(bool(true)))),
      rule(
        "t.r",
        block(s({ kind: "WithStmt", local: 0, path: [1], value: bool(true), block: block(callRule("t.q", 3)) }), assign(local(3))),
        block(callRule("t.q", 4), assign(str(2))),
      ),
      rule(
        "t.z",
        block(
          s({
            kind: "BlockStmt",
            blocks: [
              block(
                inputDot(2, 3),
                s({ kind: "AssignVarStmt", source: local(3), target: 2 }),
                s({ kind: "BreakStmt", index: 1 }),
              ),
            ],
          }),
          s({ kind: "MakeNumberIntStmt", value: 7, target: 2 }),
        ),
      ),
    ],
  );
  const pol = await loadPolicy(build(p));
  t.same(pol.entrypoints, { "t/q": 0, "t/r": 1, "t/z": 2 });
  t.same(pol.evaluate({}, "t/q"), [{ result: true }]);
  t.same(pol.evaluate({ deny: true }, "t/q"), []);
  t.same(pol.evaluate({ deny: false }, "t/q"), [{ result: true }]);
  t.same(pol.evaluate({}, "t/r"), [{ result: "a" }], "with: q is undefined inside, memo restored outside");
  t.same(pol.evaluate({ a: "x" }, "t/z"), [{ result: "x" }]);
  t.same(pol.evaluate({}, "t/z"), [{ result: 7 }]);
  t.match(thrown(() => pol.evaluate({}, 9)), /illegal entrypoint id/);
});

t.test("lower: a break out of a with body restores the local and the memo frame", async (t) => {
  // v := input.a, computed after a BlockStmt whose with-body breaks out of the BlockStmt early
  const p = policy(
    ["result", "a"],
    [entry("t.v")],
    [
      rule("t.a", block(inputDot(1, 3), assign(local(3)))),
      rule(
        "t.v",
        block(
          s({
            kind: "BlockStmt",
            blocks: [block(s({ kind: "WithStmt", local: 0, path: [1], value: bool(true), block: block(callRule("t.a", 3), s({ kind: "BreakStmt", index: 1 })) }))],
          }),
          callRule("t.a", 4),
          assign(local(4)),
        ),
      ),
    ],
  );
  const pol = await loadPolicy(build(p));
  t.same(pol.evaluate({ a: "outer" }), [{ result: "outer" }]);
  t.same(pol.evaluate({}), []);
});

t.test("lower: host builtins are listed by builtins() and called through opa_builtinN", async (t) => {
  const p = policy(
    ["result", "x"],
    [entry("t.e")],
    [rule("t.e", block(inputDot(1, 3), s({ kind: "CallStmt", func: "custom_echo", args: [local(3)], result: 4 }), assign(local(4))))],
    ["gt", "custom_echo"],
  );
  const bytes = build(p);
  const pol = await loadPolicy(bytes, undefined, { custom_echo: (v: unknown) => (v === "undef" ? undefined : { echo: v }) });
  t.same(pol.evaluate({ x: [1, "a"] }), [{ result: { echo: [1, "a"] } }]);
  t.same(pol.evaluate({ x: "undef" }), [], "a host result of undefined is undefined");
  const inst = await Wasm.instantiate(bytes, hostImports());
  t.ok(inst.instance.exports["builtins"], "builtins exported");
});

t.test("lower: CallDynamicStmt dispatches on runtime path values", async (t) => {
  // data.pkgs[input.which].v, with two packages a and b
  const p = policy(
    ["result", "g0", "pkgs", "a", "b", "v", "which"],
    [
      {
        name: "t/dyn",
        blocks: [
          block(
            inputDot(6, 5),
            s({ kind: "CallDynamicStmt", args: [0, 1], path: [str(1), str(2), local(5), str(5)], result: 2 }),
            s({ kind: "MakeObjectStmt", target: 4 }),
            s({ kind: "ObjectInsertStmt", object: 4, key: str(0), value: local(2) }),
            s({ kind: "ResultSetAddStmt", value: 4 }),
          ),
        ],
      },
    ],
    [
      rule("pkgs.a.v", block(assign(str(3)))),
      rule("pkgs.b.v", block(assign(str(4)))),
    ],
  );
  const pol = await loadPolicy(build(p));
  t.same(pol.evaluate({ which: "a" }), [{ result: "a" }]);
  t.same(pol.evaluate({ which: "b" }), [{ result: "b" }]);
  t.same(pol.evaluate({ which: "c" }), []);
  t.same(pol.evaluate({ which: 1 }), []);
});

t.test("lower: numbers, null, len, merge, equal", async (t) => {
  const p = policy(
    ["result", "1.5", "123456789012345678901234567890", "x", "k"],
    [entry("t.v")],
    [
      rule(
        "t.v",
        block(
          s({ kind: "MakeArrayStmt", capacity: 4, target: 3 }),
          s({ kind: "MakeNumberRefStmt", index: 1, target: 4 }),
          s({ kind: "ArrayAppendStmt", array: 3, value: local(4) }),
          s({ kind: "MakeNumberRefStmt", index: 2, target: 5 }),
          s({ kind: "ArrayAppendStmt", array: 3, value: local(5) }),
          s({ kind: "MakeNullStmt", target: 6 }),
          s({ kind: "ArrayAppendStmt", array: 3, value: local(6) }),
          inputDot(3, 7),
          s({ kind: "LenStmt", source: local(7), target: 8 }),
          s({ kind: "ArrayAppendStmt", array: 3, value: local(8) }),
          s({ kind: "LenStmt", source: str(4), target: 9 }),
          s({ kind: "ArrayAppendStmt", array: 3, value: local(9) }),
          s({ kind: "EqualStmt", a: str(4), b: str(4) }),
          s({ kind: "MakeObjectStmt", target: 10 }),
          s({ kind: "ObjectInsertStmt", object: 10, key: str(4), value: bool(true) }),
          s({ kind: "ResetLocalStmt", target: 11 }),
          s({ kind: "ObjectMergeStmt", a: 11, b: 10, target: 12 }),
          s({ kind: "ArrayAppendStmt", array: 3, value: local(12) }),
          s({ kind: "IsArrayStmt", source: local(3) }),
          s({ kind: "IsObjectStmt", source: local(12) }),
          s({ kind: "IsUndefinedStmt", source: 11 }),
          s({ kind: "IsDefinedStmt", source: 12 }),
          assign(local(3)),
        ),
      ),
    ],
  );
  const bytes = build(p);
  const pol = await loadPolicy(bytes);
  t.same(pol.evaluate({ x: "hello" }), [{ result: [1.5, 1.2345678901234568e29, null, 5, 1, { k: true }] }]);
  t.same(pol.evaluate({ x: [1, [2], 3] }), [{ result: [1.5, 1.2345678901234568e29, null, 3, 1, { k: true }] }]);
  const hasCount = Wasm.Module.exports(new Wasm.Module(runtimeBytes)).some((e) => e.name === "b_count");
  t.same(pol.evaluate({ x: "héllo" })[0]?.result?.[3], 5, "len counts code points", hasCount ? {} : { todo: "runtime lacks b_count" });
  t.same(pol.evaluate({ x: 5 }), [], "len of a number is undefined");
  // the big number keeps its digits inside the module (Rego format dump through opa_eval)
  const inst = await Wasm.instantiate(bytes, hostImports());
  const ex = inst.instance.exports as Record<string, unknown>;
  const mem = ex["memory"] as { buffer: ArrayBuffer };
  const heap = (ex["opa_heap_ptr_get"] as () => number)();
  const input = new TextEncoder().encode('{"x":[1,2]}');
  new Uint8Array(mem.buffer).set(input, heap);
  const out = (ex["opa_eval"] as (...a: number[]) => number)(0, 0, 0, heap, input.length, heap + input.length, 0);
  const bytesOut = new Uint8Array(mem.buffer, out);
  const text = new TextDecoder().decode(bytesOut.subarray(0, bytesOut.indexOf(0)));
  t.match(text, /123456789012345678901234567890/);
});

t.test("lower: unsupported builtin arity is a diagnostic, not a crash", async (t) => {
  const p = policy(
    ["result"],
    [entry("t.x")],
    [rule("t.x", block(s({ kind: "CallStmt", func: "many", args: [local(0), local(0), local(0), local(0), local(0)], result: 3, loc: { file: 0, row: 4, col: 2 } })))],
    ["many"],
  );
  const r = codegen(p, runtime);
  t.equal(r.link, undefined);
  t.same(r.diagnostics.map((d) => [d.code, d.span.file, d.span.line, d.span.column]), [["rego_unsupported_error", "module0.rego", 4, 2]]);
  void L;
});

t.test("lower: static data beyond the SDK's 5 default pages is a diagnostic", async (t) => {
  const huge = "x".repeat(400 * 1024);
  const p = policy(["result", huge], [entry("t.h")], [rule("t.h", block(assign(str(1))))]);
  const r = codegen(p, runtime);
  t.equal(r.link, undefined);
  t.same(r.diagnostics.map((d) => d.code), ["rego_compile_error"]);
  const small = codegen(policy(["result", "y"], [entry("t.h")], [rule("t.h", block(assign(str(1))))]), runtime);
  t.equal(small.link?.minPages, 1);
  const stash = ["opa_value_free", "opa_heap_blocks_stash", "opa_heap_blocks_restore", "opa_heap_stash_clear"].every((n) => runtime.exports.some((e) => e.name === n));
  t.equal(small.link?.abiMinorVersion, stash ? 3 : 2, "ABI 1.3 exactly when the runtime has the 1.3 functions");
});
