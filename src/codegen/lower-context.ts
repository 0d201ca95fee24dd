/*
 * Shared state of one codegen run: the linker, the IR policy, where each IR func and builtin
 * lives in the output module, and the diagnostics collected so far. Built by lower-policy.ts,
 * read by lower-func.ts.
 */

import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Func, Loc, Policy } from "../planner/ir.js";
import type { Linker } from "./linker.js";

/** BuiltinTarget says how a builtin call is emitted: a native runtime export or a host dispatcher. */
export type BuiltinTarget =
  | { readonly kind: "Native"; readonly index: number; readonly arity: number }
  | { readonly kind: "Host"; readonly id: number; readonly dispatcher: number; readonly arity: number }
  | { readonly kind: "Unsupported"; readonly arity: number; readonly reason: string };

/** PlannedFunc is an IR func with its output function index and memoization id. */
export interface PlannedFunc {
  readonly func: Func;
  readonly index: number;
  /** memoId is the opa_memoize_* key, or undefined when the func is not memoized. */
  readonly memoId: number | undefined;
}

/** LowerContext is everything statement lowering needs besides the current function. */
export interface LowerContext {
  readonly linker: Linker;
  readonly policy: Policy;
  readonly funcs: ReadonlyMap<string, PlannedFunc>;
  readonly builtins: ReadonlyMap<string, BuiltinTarget>;
  readonly diagnostics: Diagnostic[];
  /** hostProvided names host builtins known to be supplied (SDK JS builtins, custom builtins). */
  readonly hostProvided: ReadonlySet<string>;
  /** warned records host builtins already reported with a rego_host_builtin warning. */
  readonly warned: Set<string>;
}

/** fileOf returns the source file name of a location (for runtime errors and diagnostics). */
export function fileOf(ctx: LowerContext, loc: Loc): string {
  return ctx.policy.static.files[loc.file]?.value ?? "unknown";
}
