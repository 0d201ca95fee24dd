/*
 * Conversion between our in-memory IR and OPA's plan.json form (`opa build -t plan`).
 * Input: a Policy (src/planner/ir.ts). Output: a plain JSON value shaped like OPA's marshalled
 * `ir.Policy`: statements become `{"type": "<Kind>", "stmt": {...fields, file, row, col}}`.
 * `fromOpaJson` reads such a value back (so real plan.json files can feed the codegen).
 */

import { assertNever } from "../diagnostics/diagnostic.js";
import type { Block, Func, Loc, Operand, Plan, Policy, Stmt } from "./ir.js";

/** OpaJson is a JSON value as produced by toOpaJson. */
export type OpaJson = null | boolean | number | string | OpaJson[] | { [key: string]: OpaJson };

/** toOpaJson renders a Policy in OPA's plan.json shape. */
export function toOpaJson(policy: Policy): OpaJson {
  return {
    static: {
      strings: policy.static.strings.map((s) => ({ value: s.value })),
      builtin_funcs: policy.static.builtin_funcs.map((b) => ({ name: b.name, decl: b.decl as unknown as OpaJson })),
      files: policy.static.files.map((s) => ({ value: s.value })),
    },
    plans: { plans: policy.plans.plans.map(planJson) },
    funcs: { funcs: policy.funcs.funcs.map(funcJson) },
  };
}

function planJson(p: Plan): OpaJson {
  return { name: p.name, blocks: p.blocks.map(blockJson) };
}

function funcJson(f: Func): OpaJson {
  return { name: f.name, params: [...f.params], return: f.return, blocks: f.blocks.map(blockJson), path: [...f.path] };
}

function blockJson(b: Block): OpaJson {
  return { stmts: b.stmts.map(stmtJson) };
}

function op(o: Operand): OpaJson {
  return { type: o.type, value: o.value };
}

/** stmtFields returns the statement's own fields (OPA JSON names), without kind and loc. */
function stmtFields(s: Stmt): { [key: string]: OpaJson } {
  switch (s.kind) {
    case "ReturnLocalStmt":
      return { source: s.source };
    case "CallStmt":
      return { func: s.func, args: s.args.map(op), result: s.result };
    case "CallDynamicStmt":
      return { args: [...s.args], path: s.path.map(op), result: s.result };
    case "BlockStmt":
      return { blocks: s.blocks.map(blockJson) };
    case "BreakStmt":
      return { index: s.index };
    case "DotStmt":
      return { source: op(s.source), key: op(s.key), target: s.target };
    case "LenStmt":
      return { source: op(s.source), target: s.target };
    case "ScanStmt":
      return { source: s.source, key: s.key, value: s.value, block: blockJson(s.block) };
    case "NotStmt":
      return { block: blockJson(s.block) };
    case "AssignIntStmt":
      return { value: s.value, target: s.target };
    case "AssignVarStmt":
    case "AssignVarOnceStmt":
      return { source: op(s.source), target: s.target };
    case "ResetLocalStmt":
    case "MakeNullStmt":
    case "MakeObjectStmt":
    case "MakeSetStmt":
      return { target: s.target };
    case "MakeNumberIntStmt":
      return { value: s.value, target: s.target };
    case "MakeNumberRefStmt":
      // OPA's Go struct has no json tag on Index, so it marshals with a capital I.
      return { Index: s.index, target: s.target };
    case "MakeArrayStmt":
      return { capacity: s.capacity, target: s.target };
    case "EqualStmt":
    case "NotEqualStmt":
      return { a: op(s.a), b: op(s.b) };
    case "IsArrayStmt":
    case "IsObjectStmt":
    case "IsSetStmt":
      return { source: op(s.source) };
    case "IsDefinedStmt":
    case "IsUndefinedStmt":
      return { source: s.source };
    case "ArrayAppendStmt":
      return { array: s.array, value: op(s.value) };
    case "ObjectInsertStmt":
    case "ObjectInsertOnceStmt":
      return { object: s.object, key: op(s.key), value: op(s.value) };
    case "ObjectMergeStmt":
      return { a: s.a, b: s.b, target: s.target };
    case "SetAddStmt":
      return { set: s.set, value: op(s.value) };
    case "WithStmt":
      return { local: s.local, path: [...s.path], value: op(s.value), block: blockJson(s.block) };
    case "NopStmt":
      return {};
    case "ResultSetAddStmt":
      return { value: s.value };
    default:
      return assertNever(s, "statement");
  }
}

function stmtJson(s: Stmt): OpaJson {
  return { type: s.kind, stmt: { ...stmtFields(s), file: s.loc.file, row: s.loc.row, col: s.loc.col } };
}

// ---------------------------------------------------------------------------------------------
// Reading plan.json back.

type J = Record<string, unknown>;

function obj(v: unknown): J {
  if (v === null || typeof v !== "object" || Array.isArray(v)) throw new Error("plan.json: expected an object");
  return v as J;
}
function arr(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new Error("plan.json: expected an array");
  return v;
}
function num(v: unknown): number {
  if (v === undefined) return 0;
  if (typeof v !== "number") throw new Error("plan.json: expected a number");
  return v;
}
function str(v: unknown): string {
  if (typeof v !== "string") throw new Error("plan.json: expected a string");
  return v;
}
function operand(v: unknown): Operand {
  const o = obj(v);
  switch (o["type"]) {
    case "local":
      return { type: "local", value: num(o["value"]) };
    case "string_index":
      return { type: "string_index", value: num(o["value"]) };
    case "bool":
      return { type: "bool", value: o["value"] === true };
    default:
      throw new Error(`plan.json: unknown operand type ${String(o["type"])}`);
  }
}
function block(v: unknown): Block {
  return { stmts: arr(obj(v)["stmts"]).map(stmt) };
}

function stmt(v: unknown): Stmt {
  const w = obj(v);
  const kind = str(w["type"]);
  const s = obj(w["stmt"]);
  const loc: Loc = { file: num(s["file"]), row: num(s["row"]), col: num(s["col"]) };
  const l = (k: string): number => num(s[k]);
  const o = (k: string): Operand => operand(s[k]);
  switch (kind) {
    case "ReturnLocalStmt":
      return { kind, source: l("source"), loc };
    case "CallStmt":
      return { kind, func: str(s["func"]), args: arr(s["args"]).map(operand), result: l("result"), loc };
    case "CallDynamicStmt":
      return { kind, args: arr(s["args"]).map(num), path: arr(s["path"]).map(operand), result: l("result"), loc };
    case "BlockStmt":
      return { kind, blocks: arr(s["blocks"]).map(block), loc };
    case "BreakStmt":
      return { kind, index: l("index"), loc };
    case "DotStmt":
      return { kind, source: o("source"), key: o("key"), target: l("target"), loc };
    case "LenStmt":
      return { kind, source: o("source"), target: l("target"), loc };
    case "ScanStmt":
      return { kind, source: l("source"), key: l("key"), value: l("value"), block: block(s["block"]), loc };
    case "NotStmt":
      return { kind, block: block(s["block"]), loc };
    case "AssignIntStmt":
      return { kind, value: l("value"), target: l("target"), loc };
    case "AssignVarStmt":
      return { kind, source: o("source"), target: l("target"), loc };
    case "AssignVarOnceStmt":
      return { kind, source: o("source"), target: l("target"), loc };
    case "ResetLocalStmt":
      return { kind, target: l("target"), loc };
    case "MakeNullStmt":
      return { kind, target: l("target"), loc };
    case "MakeNumberIntStmt":
      return { kind, value: l("value"), target: l("target"), loc };
    case "MakeNumberRefStmt":
      return { kind, index: num(s["Index"] ?? s["index"]), target: l("target"), loc };
    case "MakeArrayStmt":
      return { kind, capacity: l("capacity"), target: l("target"), loc };
    case "MakeObjectStmt":
      return { kind, target: l("target"), loc };
    case "MakeSetStmt":
      return { kind, target: l("target"), loc };
    case "EqualStmt":
      return { kind, a: o("a"), b: o("b"), loc };
    case "NotEqualStmt":
      return { kind, a: o("a"), b: o("b"), loc };
    case "IsArrayStmt":
      return { kind, source: o("source"), loc };
    case "IsObjectStmt":
      return { kind, source: o("source"), loc };
    case "IsSetStmt":
      return { kind, source: o("source"), loc };
    case "IsDefinedStmt":
      return { kind, source: l("source"), loc };
    case "IsUndefinedStmt":
      return { kind, source: l("source"), loc };
    case "ArrayAppendStmt":
      return { kind, array: l("array"), value: o("value"), loc };
    case "ObjectInsertStmt":
      return { kind, object: l("object"), key: o("key"), value: o("value"), loc };
    case "ObjectInsertOnceStmt":
      return { kind, object: l("object"), key: o("key"), value: o("value"), loc };
    case "ObjectMergeStmt":
      return { kind, a: l("a"), b: l("b"), target: l("target"), loc };
    case "SetAddStmt":
      return { kind, set: l("set"), value: o("value"), loc };
    case "WithStmt":
      return { kind, local: l("local"), path: arr(s["path"]).map(num), value: o("value"), block: block(s["block"]), loc };
    case "NopStmt":
      return { kind, loc };
    case "ResultSetAddStmt":
      return { kind, value: l("value"), loc };
    default:
      throw new Error(`plan.json: unknown statement type ${kind}`);
  }
}

/** fromOpaJson reads a plan.json value (as written by `opa build -t plan` or toOpaJson) into a Policy; throws on malformed input. */
export function fromOpaJson(v: unknown): Policy {
  const root = obj(v);
  const st = root["static"] === undefined ? {} : obj(root["static"]);
  const strs = (x: unknown): { value: string }[] => arr(x).map((e) => ({ value: str(obj(e)["value"]) }));
  return {
    static: {
      strings: strs(st["strings"]),
      builtin_funcs: arr(st["builtin_funcs"]).map((e) => {
        const b = obj(e);
        return { name: str(b["name"]), decl: obj(b["decl"]) as unknown as Policy["static"]["builtin_funcs"][number]["decl"] };
      }),
      files: strs(st["files"]),
    },
    plans: {
      plans: arr(root["plans"] === undefined ? [] : obj(root["plans"])["plans"]).map((p) => {
        const q = obj(p);
        return { name: str(q["name"]), blocks: arr(q["blocks"]).map(block) };
      }),
    },
    funcs: {
      funcs: arr(root["funcs"] === undefined ? [] : obj(root["funcs"])["funcs"]).map((f) => {
        const g = obj(f);
        return {
          name: str(g["name"]),
          params: arr(g["params"]).map(num),
          return: num(g["return"]),
          blocks: arr(g["blocks"]).map(block),
          path: arr(g["path"]).map(str),
        };
      }),
    },
  };
}
