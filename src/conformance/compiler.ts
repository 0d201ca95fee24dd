/*
 * The compile function the conformance runner uses: vpcgate's own compileRego, with the host
 * builtins OPA's Wasm test generator declares. Input: modules + entrypoints. Output: Wasm bytes.
 */

import { compileRego } from "../compile.js";
import type { CompileFn } from "./run.js";

/** compileForConformance compiles a case's modules; user errors throw DiagnosticError. */
export const compileForConformance: CompileFn = async (modules, query, opts) =>
  compileRego(modules, [{ name: "query.rego", query }], { customBuiltins: opts.customBuiltins }).wasm;
