// Entry file of the runtime: re-exports every ABI/runtime function the generated code and
// hosts may call (names follow OPA's C runtime). Builtins live in builtins/<family>.ts, each
// of which is its own entry file (every `export function b_*` there becomes a wasm export).

export {
  opa_malloc, opa_free, opa_malloc_init, opa_heap_ptr_get, opa_heap_ptr_set,
  opa_heap_blocks_stash, opa_heap_blocks_restore, opa_heap_stash_clear,
} from "./malloc";
export { opa_json_parse, opa_value_parse } from "./json-parse";
export { opa_json_dump, opa_value_dump } from "./json-dump";
export {
  opa_value_type, opa_null, opa_boolean, opa_number_int, opa_number_size, opa_number_ref,
  opa_string, opa_string_terminated, opa_array, opa_array_with_cap, opa_array_append,
  opa_object, opa_object_insert, opa_set, opa_set_add, opa_value_compare, opa_value_hash,
  opa_value_length, opa_value_get, opa_value_iter, opa_value_merge, opa_value_shallow_copy,
  opa_value_add_path, opa_value_remove_path, opa_value_free,
} from "./values-api";
export {
  opa_eval_ctx_new, opa_eval_ctx_set_input, opa_eval_ctx_set_data, opa_eval_ctx_set_entrypoint,
  opa_eval_ctx_get_result, opa_memoize_init, opa_memoize_push, opa_memoize_pop,
  opa_memoize_insert, opa_memoize_get, opa_runtime_error,
  host_builtin0, host_builtin1, host_builtin2, host_builtin3, host_builtin4,
} from "./context";
