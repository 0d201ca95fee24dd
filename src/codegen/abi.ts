/*
 * The OPA policy-Wasm ABI as vpcgate emits it (../shared/docs/opa-wasm-abi.md): the exported
 * names, the emitted version, the runtime functions the generated code calls, and the value
 * tags/layouts of static values. Constants only.
 */

/** ABI_VERSION is the emitted `opa_wasm_abi_version`. */
export const ABI_VERSION = 1;
/** ABI_MINOR_VERSION is the emitted minor version when the runtime lacks the ABI 1.3 functions. */
export const ABI_MINOR_VERSION = 2;
/** ABI_MINOR_VERSION_STASH is the minor version claimed when the 1.3 functions are all exported. */
export const ABI_MINOR_VERSION_STASH = 3;

/** ABI13_FUNCS are the functions ABI 1.3 adds. */
export const ABI13_FUNCS = [
  "opa_value_free",
  "opa_heap_blocks_stash",
  "opa_heap_blocks_restore",
  "opa_heap_stash_clear",
] as const;

/** ABI_RUNTIME_EXPORTS are runtime functions re-exported under their own name (when present). */
export const ABI_RUNTIME_EXPORTS = [
  "opa_malloc",
  "opa_free",
  "opa_json_parse",
  "opa_json_dump",
  "opa_value_parse",
  "opa_value_dump",
  "opa_heap_ptr_get",
  "opa_heap_ptr_set",
  "opa_eval_ctx_new",
  "opa_eval_ctx_set_input",
  "opa_eval_ctx_set_data",
  "opa_eval_ctx_set_entrypoint",
  "opa_eval_ctx_get_result",
  "opa_value_add_path",
  "opa_value_remove_path",
  "opa_value_length",
  ...ABI13_FUNCS,
] as const;

/** REQUIRED_RUNTIME_EXPORTS must exist for the SDK to load the module at all. */
export const REQUIRED_RUNTIME_EXPORTS = [
  "opa_malloc",
  "opa_json_parse",
  "opa_json_dump",
  "opa_value_parse",
  "opa_value_dump",
  "opa_heap_ptr_get",
  "opa_heap_ptr_set",
  "opa_eval_ctx_new",
  "opa_malloc_init",
] as const;

/** GENERATED_EXPORTS are the functions the linker generates and exports. */
export const GENERATED_EXPORTS = ["eval", "opa_eval", "builtins", "entrypoints"] as const;

/** Rt names the runtime functions the generated code calls. */
export const Rt = {
  mallocInit: "opa_malloc_init",
  heapPtrSet: "opa_heap_ptr_set",
  runtimeError: "opa_runtime_error",
  evalCtxNew: "opa_eval_ctx_new",
  valueParse: "opa_value_parse",
  jsonDump: "opa_json_dump",
  valueDump: "opa_value_dump",
  valueType: "opa_value_type",
  valueGet: "opa_value_get",
  valueIter: "opa_value_iter",
  valueLength: "opa_value_length",
  valueCompare: "opa_value_compare",
  valueMerge: "opa_value_merge",
  valueShallowCopy: "opa_value_shallow_copy",
  null: "opa_null",
  numberInt: "opa_number_int",
  numberRef: "opa_number_ref",
  numberSize: "opa_number_size",
  array: "opa_array",
  arrayWithCap: "opa_array_with_cap",
  arrayAppend: "opa_array_append",
  object: "opa_object",
  objectInsert: "opa_object_insert",
  set: "opa_set",
  setAdd: "opa_set_add",
  memoizeInit: "opa_memoize_init",
  memoizePush: "opa_memoize_push",
  memoizePop: "opa_memoize_pop",
  memoizeInsert: "opa_memoize_insert",
  memoizeGet: "opa_memoize_get",
  start: "__start",
} as const;

/** ABORT_IMPORT is the host import the runtime uses to abort with a NUL-terminated message. */
export const ABORT_IMPORT = { module: "env", name: "opa_abort" } as const;

/** EvalCtx gives the byte offsets of the eval context fields (4 × i32). */
export const EvalCtx = { input: 0, data: 4, result: 8, entrypoint: 12 } as const;

/** Tag is the u8 type tag every value starts with. */
export const Tag = { Null: 1, Boolean: 2, Number: 3, String: 4, Array: 5, Object: 6, Set: 7 } as const;

/** STRING_VALUE_SIZE is the size of a static string value {u8 tag, u32 len @4, u32 ptr @8}. */
export const STRING_VALUE_SIZE = 12;

/** nativeBuiltinExport names the runtime export implementing a builtin: `b_` + name with `.` → `__`. */
export function nativeBuiltinExport(name: string): string {
  return "b_" + name.split(".").join("__");
}

/** hostBuiltinExport names the runtime wrapper around the host import opa_builtinN. */
export function hostBuiltinExport(arity: number): string {
  return `host_builtin${arity}`;
}

/** MAX_HOST_ARITY is the largest arity the host dispatchers (opa_builtin0..4) support. */
export const MAX_HOST_ARITY = 4;

/** Messages are the runtime error texts (OPA's, matched by test suites). */
export const Messages = {
  varAssignConflict: "var assignment conflict",
  objectInsertConflict: "object insert conflict",
  illegalEntrypoint: "internal: illegal entrypoint id",
  invalidReserved: "internal: invalid reserved parameter",
} as const;
