/*
 * The planner's intermediate representation (IR): a documented contract, types only.
 * Input: produced by the planner (src/planner/plan.ts) from a checked Rego program.
 * Output: consumed by the codegen (src/codegen/) and the pretty printer (src/planner/pretty.ts).
 * It mirrors OPA's `v1/ir` (same 34 statement kinds, same field names); see docs/ir.md for
 * the execution model and the few places where it differs from OPA.
 */

// ---------------------------------------------------------------------------------------------
// Execution model (shared by every statement below)
//
// * A Block runs its statements in order. A statement that is *undefined* stops the block:
//   execution continues after the end of the block (the block "fails"; no value is produced).
//   A block that reaches its end without a ReturnLocalStmt simply ends (in a Plan or Func the
//   next block runs). Nothing is rolled back: locals keep what earlier statements assigned.
// * A Local is an i32-like slot holding a value pointer or "unset" (0). Local 0 is `input`
//   (unset when there is no input), Local 1 is `data`. Locals >= 2 are temporaries, numbered
//   per Plan / per Func. In a Func, params are Locals 0, 1, ... as listed in `params`.
// * "aborts" means a runtime error: evaluation stops, the message is
//   `<file>:<row>:<col>: <message>` built from the statement's Loc.
// * Operands of kind "local" that are unset make any statement reading them undefined unless
//   the statement says otherwise (IsDefinedStmt / IsUndefinedStmt / AssignVarStmt copy unset).
// ---------------------------------------------------------------------------------------------

/** Local is a plan- or func-scoped variable slot: 0 = input, 1 = data, 2+ = temporaries. */
export type Local = number;

/** LOCAL_INPUT is the local holding the `input` document. */
export const LOCAL_INPUT: Local = 0;
/** LOCAL_DATA is the local holding the `data` document (base documents). */
export const LOCAL_DATA: Local = 1;
/** LOCAL_FIRST_FREE is the first local a plan or func may allocate. */
export const LOCAL_FIRST_FREE: Local = 2;

/** Loc is a statement's source location: `file` indexes `Static.files`; row/col are 1-based (0 = none). */
export interface Loc {
  readonly file: number;
  readonly row: number;
  readonly col: number;
}

/** LocalOperand reads a local. */
export interface LocalOperand {
  readonly type: "local";
  readonly value: Local;
}
/** StringIndexOperand is a constant string: an index into `Static.strings`. */
export interface StringIndexOperand {
  readonly type: "string_index";
  readonly value: number;
}
/** BoolOperand is a constant boolean. */
export interface BoolOperand {
  readonly type: "bool";
  readonly value: boolean;
}
/** Operand is what a statement may read: a local, a constant string or a constant boolean. */
export type Operand = LocalOperand | StringIndexOperand | BoolOperand;

/** StringConst is one entry of `Static.strings` / `Static.files`. */
export interface StringConst {
  readonly value: string;
}

/** TypeDecl is an OPA type declaration in its JSON form (`{"type": "number"}`, `{"type":"any"}`, ...). */
export interface TypeDecl {
  readonly type: string;
  readonly [field: string]: unknown;
}

/** FunctionDecl is a builtin's declaration in OPA's JSON form (`types.Function`). */
export interface FunctionDecl {
  readonly type: "function";
  readonly args: readonly TypeDecl[];
  readonly result: TypeDecl;
  readonly variadic?: TypeDecl;
}

/** BuiltinFunc names a builtin the policy calls; the codegen decides native vs host. */
export interface BuiltinFunc {
  readonly name: string;
  readonly decl: FunctionDecl;
}

/** Static holds the constant pools that statements index into. */
export interface Static {
  readonly strings: readonly StringConst[];
  readonly builtin_funcs: readonly BuiltinFunc[];
  readonly files: readonly StringConst[];
}

/** Block is an ordered list of statements (see the execution model above). */
export interface Block {
  readonly stmts: readonly Stmt[];
}

/**
 * Plan evaluates one entrypoint. `name` is the entrypoint (`example/allow`); its index in
 * `Policy.plans.plans` is the entrypoint id. Blocks run in order; rows are added to the result
 * set with ResultSetAddStmt. Locals 0/1 are input/data.
 */
export interface Plan {
  readonly name: string;
  readonly blocks: readonly Block[];
}

/**
 * Func is a planned rule set or function. `params[0]`/`params[1]` are always the input and data
 * locals (0 and 1); Rego functions take their arguments as further params. Blocks run in order
 * until a ReturnLocalStmt; the Func's value is the returned local (unset = undefined).
 * `path` is `["g0", ...data path segments]` and names the func for CallDynamicStmt dispatch.
 * Funcs with exactly 2 params may be memoized by the backend (per evaluation, per `with` frame).
 */
export interface Func {
  readonly name: string;
  readonly params: readonly Local[];
  readonly return: Local;
  readonly blocks: readonly Block[];
  readonly path: readonly string[];
}

/** Policy is the planner's output: constants, plans (one per entrypoint) and funcs. */
export interface Policy {
  readonly static: Static;
  readonly plans: { readonly plans: readonly Plan[] };
  readonly funcs: { readonly funcs: readonly Func[] };
}

// ---------------------------------------------------------------------------------------------
// Statements. Every statement has `kind` (OPA's Go type name, used as "type" in plan.json) and
// `loc`. Field names are OPA's JSON field names.
// ---------------------------------------------------------------------------------------------

/** ReturnLocalStmt returns `source` from the enclosing Func (unset = undefined result). Never undefined. */
export interface ReturnLocalStmt {
  readonly kind: "ReturnLocalStmt";
  readonly source: Local;
  readonly loc: Loc;
}

/**
 * CallStmt calls `func`: either a planned Func (by its `name`) or a builtin (by its Rego name,
 * listed in `Static.builtin_funcs`). `args` are operands; for a planned Func the first two are
 * the input and data locals (input may be unset: it is passed as unset). Undefined when the
 * callee returns undefined, or when a builtin argument is unset (a builtin error is undefined
 * too: builtins are non-strict). Aborts only when the callee aborts.
 */
export interface CallStmt {
  readonly kind: "CallStmt";
  readonly func: string;
  readonly args: readonly Operand[];
  readonly result: Local;
  readonly loc: Loc;
}

/**
 * CallDynamicStmt calls the Func whose `path` equals the values of `path` (string constants or
 * locals holding strings), passing `args` (locals; input, data). Undefined when no Func has that
 * path or the callee is undefined.
 */
export interface CallDynamicStmt {
  readonly kind: "CallDynamicStmt";
  readonly args: readonly Local[];
  readonly path: readonly Operand[];
  readonly result: Local;
  readonly loc: Loc;
}

/** BlockStmt runs `blocks` in order (each fails or completes independently). Never undefined itself. */
export interface BlockStmt {
  readonly kind: "BlockStmt";
  readonly blocks: readonly Block[];
  readonly loc: Loc;
}

/**
 * BreakStmt leaves `index + 1` enclosing blocks: 0 = continue after the current block, 1 = after
 * the block containing that one, ... Scan and Not bodies, With bodies, BlockStmt blocks and
 * top-level Plan/Func blocks all count as blocks.
 */
export interface BreakStmt {
  readonly kind: "BreakStmt";
  readonly index: number;
  readonly loc: Loc;
}

/**
 * DotStmt sets `target` = `source`[`key`] (object key, array index as a number, or set member:
 * a set lookup yields the member itself). Undefined when the source is unset or a scalar/constant,
 * or the key is absent.
 */
export interface DotStmt {
  readonly kind: "DotStmt";
  readonly source: Operand;
  readonly key: Operand;
  readonly target: Local;
  readonly loc: Loc;
}

/** LenStmt sets `target` = number of elements/entries (strings: code points). Undefined for other scalars. */
export interface LenStmt {
  readonly kind: "LenStmt";
  readonly source: Operand;
  readonly target: Local;
  readonly loc: Loc;
}

/**
 * ScanStmt runs `block` once per element of `source` with `key` = index/key/member and
 * `value` = element/value/member. An undefined block only ends that iteration. Never undefined
 * itself (a scalar or unset source runs no iteration).
 */
export interface ScanStmt {
  readonly kind: "ScanStmt";
  readonly source: Local;
  readonly key: Local;
  readonly value: Local;
  readonly block: Block;
  readonly loc: Loc;
}

/** NotStmt runs `block`; undefined when the block completes (was defined), defined when it failed. */
export interface NotStmt {
  readonly kind: "NotStmt";
  readonly block: Block;
  readonly loc: Loc;
}

/** AssignIntStmt sets `target` to the integer number `value` (a JS safe integer). */
export interface AssignIntStmt {
  readonly kind: "AssignIntStmt";
  readonly value: number;
  readonly target: Local;
  readonly loc: Loc;
}

/** AssignVarStmt sets `target` = `source` (copying "unset" too). Never undefined. */
export interface AssignVarStmt {
  readonly kind: "AssignVarStmt";
  readonly source: Operand;
  readonly target: Local;
  readonly loc: Loc;
}

/**
 * AssignVarOnceStmt sets `target` = `source` when `target` is unset or already equal; aborts with
 * "var assignment conflict" when `target` holds a different value. Used for complete rules and
 * functions (one value per rule / per argument tuple).
 */
export interface AssignVarOnceStmt {
  readonly kind: "AssignVarOnceStmt";
  readonly source: Operand;
  readonly target: Local;
  readonly loc: Loc;
}

/** ResetLocalStmt sets `target` to unset. */
export interface ResetLocalStmt {
  readonly kind: "ResetLocalStmt";
  readonly target: Local;
  readonly loc: Loc;
}

/** MakeNullStmt sets `target` = null. */
export interface MakeNullStmt {
  readonly kind: "MakeNullStmt";
  readonly target: Local;
  readonly loc: Loc;
}

/** MakeNumberIntStmt sets `target` to the integer `value` (a JS safe integer, so within int64). */
export interface MakeNumberIntStmt {
  readonly kind: "MakeNumberIntStmt";
  readonly value: number;
  readonly target: Local;
  readonly loc: Loc;
}

/**
 * MakeNumberRefStmt sets `target` to the number whose decimal text is `Static.strings[index]`
 * (floats, exponents and integers too large for MakeNumberIntStmt). JSON field: `Index`.
 */
export interface MakeNumberRefStmt {
  readonly kind: "MakeNumberRefStmt";
  readonly index: number;
  readonly target: Local;
  readonly loc: Loc;
}

/** MakeArrayStmt sets `target` to a new empty array (`capacity` is a size hint). */
export interface MakeArrayStmt {
  readonly kind: "MakeArrayStmt";
  readonly capacity: number;
  readonly target: Local;
  readonly loc: Loc;
}

/** MakeObjectStmt sets `target` to a new empty object. */
export interface MakeObjectStmt {
  readonly kind: "MakeObjectStmt";
  readonly target: Local;
  readonly loc: Loc;
}

/** MakeSetStmt sets `target` to a new empty set. */
export interface MakeSetStmt {
  readonly kind: "MakeSetStmt";
  readonly target: Local;
  readonly loc: Loc;
}

/** EqualStmt is undefined unless `a` and `b` are equal values (numbers compare by value: 1 == 1.0). */
export interface EqualStmt {
  readonly kind: "EqualStmt";
  readonly a: Operand;
  readonly b: Operand;
  readonly loc: Loc;
}

/** NotEqualStmt is undefined when `a` and `b` are equal values. */
export interface NotEqualStmt {
  readonly kind: "NotEqualStmt";
  readonly a: Operand;
  readonly b: Operand;
  readonly loc: Loc;
}

/** IsArrayStmt is undefined unless `source` holds an array. */
export interface IsArrayStmt {
  readonly kind: "IsArrayStmt";
  readonly source: Operand;
  readonly loc: Loc;
}

/** IsObjectStmt is undefined unless `source` holds an object. */
export interface IsObjectStmt {
  readonly kind: "IsObjectStmt";
  readonly source: Operand;
  readonly loc: Loc;
}

/** IsSetStmt is undefined unless `source` holds a set. (OPA's Wasm backend lacks it; our planner emits it for `every`.) */
export interface IsSetStmt {
  readonly kind: "IsSetStmt";
  readonly source: Operand;
  readonly loc: Loc;
}

/** IsDefinedStmt is undefined when `source` is unset. */
export interface IsDefinedStmt {
  readonly kind: "IsDefinedStmt";
  readonly source: Local;
  readonly loc: Loc;
}

/** IsUndefinedStmt is undefined when `source` is set. */
export interface IsUndefinedStmt {
  readonly kind: "IsUndefinedStmt";
  readonly source: Local;
  readonly loc: Loc;
}

/** ArrayAppendStmt appends `value` to the array in `array` (in place). */
export interface ArrayAppendStmt {
  readonly kind: "ArrayAppendStmt";
  readonly array: Local;
  readonly value: Operand;
  readonly loc: Loc;
}

/** ObjectInsertStmt sets `object`[`key`] = `value` (in place, overwriting). */
export interface ObjectInsertStmt {
  readonly kind: "ObjectInsertStmt";
  readonly object: Local;
  readonly key: Operand;
  readonly value: Operand;
  readonly loc: Loc;
}

/**
 * ObjectInsertOnceStmt sets `object`[`key`] = `value`; aborts with "object insert conflict"
 * when the key exists with a different value. Used for partial object rules.
 */
export interface ObjectInsertOnceStmt {
  readonly kind: "ObjectInsertOnceStmt";
  readonly object: Local;
  readonly key: Operand;
  readonly value: Operand;
  readonly loc: Loc;
}

/**
 * ObjectMergeStmt sets `target` to the recursive merge of `a` and `b` (OPA's opa_value_merge):
 * `a` unset → `b`; `a` or `b` not an object → `a`; otherwise every key of either, values on a
 * shared key merged recursively. Undefined only when the result is unset. Used to combine base
 * documents (`b`) with rule values (`a`) in data extents.
 */
export interface ObjectMergeStmt {
  readonly kind: "ObjectMergeStmt";
  readonly a: Local;
  readonly b: Local;
  readonly target: Local;
  readonly loc: Loc;
}

/** SetAddStmt adds `value` to the set in `set` (in place). */
export interface SetAddStmt {
  readonly kind: "SetAddStmt";
  readonly set: Local;
  readonly value: Operand;
  readonly loc: Loc;
}

/**
 * WithStmt runs `block` with `local` temporarily replaced: an empty `path` replaces the whole
 * value by `value`; otherwise `value` is upserted at `path` (string indices into
 * `Static.strings`) into a shallow copy, creating objects along the path (a non-object on the
 * path is replaced by an object). Memoized func results are pushed/popped around the block.
 * The local is restored afterwards. Undefined when the block is undefined. An unset `value`
 * with an empty path makes the local unset inside the block (used to restore an undefined input).
 */
export interface WithStmt {
  readonly kind: "WithStmt";
  readonly local: Local;
  readonly path: readonly number[];
  readonly value: Operand;
  readonly block: Block;
  readonly loc: Loc;
}

/** NopStmt does nothing. */
export interface NopStmt {
  readonly kind: "NopStmt";
  readonly loc: Loc;
}

/** ResultSetAddStmt adds the value in `value` to the plan's result set. */
export interface ResultSetAddStmt {
  readonly kind: "ResultSetAddStmt";
  readonly value: Local;
  readonly loc: Loc;
}

/** Stmt is any IR statement (OPA's 34 kinds). */
export type Stmt =
  | ReturnLocalStmt
  | CallStmt
  | CallDynamicStmt
  | BlockStmt
  | BreakStmt
  | DotStmt
  | LenStmt
  | ScanStmt
  | NotStmt
  | AssignIntStmt
  | AssignVarStmt
  | AssignVarOnceStmt
  | ResetLocalStmt
  | MakeNullStmt
  | MakeNumberIntStmt
  | MakeNumberRefStmt
  | MakeArrayStmt
  | MakeObjectStmt
  | MakeSetStmt
  | EqualStmt
  | NotEqualStmt
  | IsArrayStmt
  | IsObjectStmt
  | IsSetStmt
  | IsDefinedStmt
  | IsUndefinedStmt
  | ArrayAppendStmt
  | ObjectInsertStmt
  | ObjectInsertOnceStmt
  | ObjectMergeStmt
  | SetAddStmt
  | WithStmt
  | NopStmt
  | ResultSetAddStmt;

/** StmtKind is the `kind` of any statement. */
export type StmtKind = Stmt["kind"];
