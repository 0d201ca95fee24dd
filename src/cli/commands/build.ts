/*
 * `vpcgate build <paths..> -e <entrypoint>... -o <out>`: compiles Rego files (and directories of
 * them) with vpcgate's own compiler, like `opa build -t wasm`. out.wasm → the bare module; out.tar.gz
 * (or .tgz) → an OPA bundle with /policy.wasm, /data.json (from data.json files) and /.manifest.
 * Errors (read, parse, compile) exit 2 with every diagnostic printed.
 */

import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { writeBundle } from "../../bundle/bundle.js";
import { DiagnosticError, diagnostic, renderDiagnostics } from "../../diagnostics/diagnostic.js";
import type { Command } from "../command.js";

/** buildCommand compiles policies to a Wasm module or bundle. */
export const buildCommand: Command = {
  command: "build <paths..>",
  describe: "compile Rego files or directories to an OPA Wasm bundle (.tar.gz) or module (.wasm)",
  builder: (y) =>
    y
      .positional("paths", { type: "string", array: true, describe: ".rego files, data .json files or directories" })
      .option("entrypoint", { alias: "e", type: "string", array: true, demandOption: true, describe: "entrypoint rule path, e.g. example/allow (repeatable; the first is id 0)" })
      .option("output", { alias: "o", type: "string", default: "bundle.tar.gz", describe: "output file: *.tar.gz/*.tgz for a bundle, *.wasm for the bare module" })
      .example("vpcgate build policies -e lambda/deny -o policy.tar.gz", "build a bundle like opa build -t wasm")
      .example("vpcgate build a.rego -e a/allow -o a.wasm", "write just the module"),
  handler: async (args, io) => {
    const paths = (args.paths as string[] | undefined) ?? [];
    const entrypoints = ((args.entrypoint as string[] | undefined) ?? []).map(normaliseEntrypoint);
    const out = String(args.output);
    const kind = out.endsWith(".wasm") ? "wasm" : out.endsWith(".tar.gz") || out.endsWith(".tgz") ? "bundle" : undefined;
    if (kind === undefined) usage(out, "the output must end in .tar.gz, .tgz or .wasm");
    if (entrypoints.length === 0 || entrypoints.some((e) => e === "")) usage(out, "at least one non-empty --entrypoint is required");
    const { loadPolicyFiles } = await import("../../bundle/loader.js");
    const { sources, data, diagnostics } = await loadPolicyFiles(paths, io.cwd, "build");
    if (diagnostics.length > 0) throw new DiagnosticError(diagnostics);
    if (sources.length === 0) usage(paths.join(" "), "no .rego files found");
    const { compileRego } = await import("../../compile.js"); // lazy: other commands never load the compiler
    const { wasm, diagnostics: warnings } = compileRego(sources, entrypoints);
    if (warnings.length > 0) io.stderr(renderDiagnostics(warnings) + "\n");
    const bytes = kind === "wasm" ? wasm : writeBundle(wasm, entrypoints, data);
    try {
      await writeFile(resolve(io.cwd, out), bytes);
    } catch (e) {
      throw new DiagnosticError([diagnostic("input_read_error", `cannot write ${out}: ${message(e)}`, { file: out })]);
    }
    return 0;
  },
};

function usage(file: string, msg: string): never {
  throw new DiagnosticError([diagnostic("usage_error", msg, { file })]);
}

/** normaliseEntrypoint accepts `a/b`, `data.a.b` and `a.b`, returning `a/b`. */
export function normaliseEntrypoint(e: string): string {
  let s = e.trim();
  if (!s.includes("/")) s = s.split(".").join("/");
  return s.replace(/^data\//, "").replace(/^\/+|\/+$/g, "");
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
