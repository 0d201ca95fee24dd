/*
 * Which Rego builtins a compiled policy can call: those the runtime implements natively
 * (exports `b_<name>`), those the npm SDK implements in JS, and the caller's custom builtins.
 * Input: the decoded runtime module. Output: the set of builtin names (for the checker).
 */

import type { WasmModule } from "./module.js";
import { ExternalKind } from "./opcodes.js";

/** SDK_JS_BUILTINS are the builtins @open-policy-agent/opa-wasm 1.10 implements itself (host side). */
export const SDK_JS_BUILTINS: readonly string[] = [
  "json.is_valid",
  "sprintf",
  "regex.split",
  "yaml.is_valid",
  "yaml.marshal",
  "yaml.unmarshal",
];

/** PLANNER_BUILTINS are handled by the planner itself and never reach the runtime (`=`, `:=`, print). */
export const PLANNER_BUILTINS: readonly string[] = ["eq", "assign", "print"];

/** nativeBuiltins lists the builtins the runtime exports as `b_*` functions (`__` read back as `.`). */
export function nativeBuiltins(runtime: WasmModule): string[] {
  const out: string[] = [];
  for (const e of runtime.exports) {
    if (e.kind === ExternalKind.Func && e.name.startsWith("b_")) out.push(e.name.slice(2).split("__").join("."));
  }
  return out;
}

/** implementedBuiltins is planner-handled ∪ native ∪ SDK JS ∪ custom. */
export function implementedBuiltins(runtime: WasmModule, custom: readonly string[]): Set<string> {
  return new Set([...PLANNER_BUILTINS, ...nativeBuiltins(runtime), ...SDK_JS_BUILTINS, ...custom]);
}
