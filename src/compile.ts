/*
 * The compiler façade: Rego sources + entrypoints → a Wasm module for @open-policy-agent/opa-wasm.
 * Stages: lex+parse (rego/parser), check (rego/check), plan (planner/plan), codegen + link
 * (codegen/lower-policy, onto wasm/runtime.wasm), encode (codegen/encoder).
 * Output: {wasm, diagnostics}; any error diagnostic is thrown as one DiagnosticError instead.
 */

import { readFileSync } from "node:fs";
import { packagePath } from "./meta/package.js";
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import { DiagnosticError, hasErrors } from "./diagnostics/diagnostic.js";
import { SourceFile } from "./diagnostics/source.js";
import { codegen } from "./codegen/lower-policy.js";
import { encodeModule } from "./codegen/encoder.js";
import { readModule } from "./codegen/reader.js";
import type { WasmModule } from "./codegen/module.js";
import { implementedBuiltins } from "./codegen/runtime-builtins.js";
import { BUILTINS, withBuiltins } from "./rego/builtins.js";
import { checkModules, checkQuery } from "./rego/check.js";
import { parseModule, parseQuery } from "./rego/parser.js";
import type { Module } from "./rego/ast.js";
import { plan } from "./planner/plan.js";
import type { QueryEntrypoint } from "./planner/plan.js";

/** CompileOptions: `customBuiltins` declares extra host builtins (name → arity) the caller supplies at run time. */
export interface CompileOptions {
  readonly customBuiltins?: Readonly<Record<string, number>>;
  /**
   * strictBuiltins: when true, builtins that are neither native in the runtime, nor implemented by
   * the SDK, nor in customBuiltins are compile errors. By default they compile as host builtins
   * (like `opa build`) with a rego_host_builtin warning.
   */
  readonly strictBuiltins?: boolean;
  /** runtime overrides the prebuilt runtime module bytes (tests). */
  readonly runtime?: Uint8Array;
}

/** CompileResult is the encoded module and the non-error diagnostics (warnings). */
export interface CompileResult {
  readonly wasm: Uint8Array;
  readonly diagnostics: readonly Diagnostic[];
}

/** QuerySource is an ad-hoc Rego query compiled as an entrypoint: rows bind the query's variables. */
export interface QuerySource {
  readonly name: string;
  readonly query: string;
}

/**
 * compileRego compiles Rego sources for the given entrypoints (`pkg/rule` paths, or queries);
 * errors throw DiagnosticError.
 */
export function compileRego(
  sources: readonly { path: string; text: string }[],
  entrypoints: readonly (string | QuerySource)[],
  opts: CompileOptions = {},
): CompileResult {
  const runtime = opts.runtime === undefined ? defaultRuntime() : readModule(opts.runtime);
  const custom = Object.entries(opts.customBuiltins ?? {}).map(([name, arity]) => ({ name, arity, relational: false }));
  const builtins = withBuiltins(BUILTINS, custom);
  const implemented = implementedBuiltins(runtime, custom.map((c) => c.name));
  const parsed = sources.map((s) => parseModule(new SourceFile(s.path, s.text)));
  const modules = parsed.flatMap((p) => (p.module === undefined ? [] : [p.module as Module]));
  const diagnostics: Diagnostic[] = parsed.flatMap((p) => [...p.diagnostics]);
  stop(diagnostics);
  const checked = checkModules(modules, opts.strictBuiltins === true ? { builtins, implemented } : { builtins });
  stop(diagnostics.concat(checked.diagnostics));
  const checkOpts = opts.strictBuiltins === true ? { builtins, implemented } : { builtins };
  const eps: (string | QueryEntrypoint)[] = [];
  for (const ep of entrypoints) {
    if (typeof ep === "string") { eps.push(ep); continue; }
    const pq = parseQuery(new SourceFile(ep.name, ep.query));
    diagnostics.push(...pq.diagnostics);
    if (pq.query === undefined) continue;
    const cq = checkQuery(pq.query, checked.program, checkOpts);
    diagnostics.push(...cq.diagnostics);
    if (cq.query !== undefined) eps.push({ name: ep.name, query: cq.query });
  }
  stop(diagnostics.concat(checked.diagnostics));
  const planned = plan(checked.program, eps, { builtins });
  stop(diagnostics.concat(checked.diagnostics, planned.diagnostics));
  const generated = codegen(planned.policy, runtime, { hostProvided: implemented });
  const all = diagnostics.concat(checked.diagnostics, planned.diagnostics, generated.diagnostics);
  stop(all);
  if (generated.link === undefined) throw new Error("internal: codegen produced no module and no error");
  return { wasm: encodeModule(generated.link.module), diagnostics: all };
}

function stop(diagnostics: readonly Diagnostic[]): void {
  if (hasErrors(diagnostics)) throw new DiagnosticError(diagnostics);
}

let cachedRuntime: WasmModule | undefined;

/** defaultRuntime decodes wasm/runtime.wasm once (it sits next to src/ and dist/). */
function defaultRuntime(): WasmModule {
  if (cachedRuntime === undefined) {
    const bytes = readFileSync(packagePath("wasm", "runtime.wasm"));
    cachedRuntime = readModule(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }
  return cachedRuntime;
}
