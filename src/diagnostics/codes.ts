/*
 * Catalogue of stable diagnostic codes. Codes are snake_case with a phase prefix; tests assert
 * codes and positions, never prose. Add a code here before using it anywhere.
 */

/** Codes lists every diagnostic code vpcgate emits, with a one-line meaning. */
export const Codes = {
  // Rego front end and compiler
  rego_parse_error: "Rego source could not be tokenised or parsed",
  rego_unsafe_var_error: "a variable is not bound by any positive expression",
  rego_recursion_error: "a rule or function depends on itself",
  rego_type_error: "wrong arity or argument type in a call",
  rego_undefined_function_error: "call of a function or builtin that does not exist",
  rego_conflict_error: "rules of different kinds (or arity) share a path",
  rego_unsupported_error: "a construct or builtin vpcgate's compiler does not support",
  rego_compile_error: "other compile-time error",
  rego_import_error: "invalid or conflicting import",
  rego_host_builtin: "a builtin is not native to the Wasm runtime: the host (SDK or caller) must supply it at run time",
  // Policy loading and evaluation
  policy_load_error: "a policy bundle or module could not be loaded",
  policy_eval_error: "evaluation failed (conflict, trap, timeout, memory)",
  iam_policy_error: "an IAM policy document is invalid",
  iam_policy_warning: "an IAM policy uses a known condition pitfall (policy doctor)",
  // Inputs
  input_read_error: "a file or directory could not be read",
  input_parse_error: "an input could not be parsed",
  input_schema_error: "an input has the wrong shape",
  input_unsupported_error: "an input format or version is not supported",
  input_too_large: "an input exceeds a size or nesting limit (docs/reliability.md)",
  hcl_parse_error: "HCL could not be parsed",
  input_number_precision: "an integer in the input is beyond 2^53 (warning; compared by its exact text)",
  input_module_unavailable: "a module's source is not on disk; its values are unknown (warning)",
  hcl_eval_error: "an HCL expression could not be evaluated",
  // Config and CLI
  config_error: "the config file is invalid",
  waiver_expired: "a waiver has passed its expiry date",
  usage_error: "the command line is invalid",
  internal_error: "a bug in vpcgate",
} as const;

/** Code is any known diagnostic code. */
export type Code = keyof typeof Codes;
