/*
 * Inputs registry and façade: detectFormat(path) and loadInputs(paths, opts) → InputDocument[].
 * Input: plan JSON files, directories (HCL root module, or a folder of plan .json files),
 * .tf/.tf.json files, or "-" for stdin. Output: {documents, diagnostics}; never throws for bad input.
 * HCL support (and its Wasm parser) is imported lazily, so plan mode never pays for it.
 */

import { open, readdir, readFile, stat } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { InputDocument } from "../lambda/model.js";
import { extractFunctions } from "../lambda/plan-extract.js";
import { parseInventory, type Inventory } from "./inventory.js";
import { isZipMagic, parsePlan } from "./plan-json.js";
import { buildSourceIndex, type SourceIndex } from "./source-index.js";
import { relativeDisplay } from "./paths.js";
import { decodeInput, tooLarge, MAX_INPUT_BYTES } from "./input-guard.js";
import { fileSource, scanPlan, scanPlanSource } from "./plan-scan.js";
import { NATIVE_MAX_BYTES, readPlanNative } from "./plan-native.js";
import type { Plan } from "./plan-types.js";

export { relativeDisplay } from "./paths.js";

export { parsePlan } from "./plan-json.js";
export { extractFunctions } from "../lambda/plan-extract.js";

/** Format is how an input path is read. */
export type Format = "plan-json" | "hcl" | "hcl-dir" | "plan-dir" | "stdin";

/** LoadOptions are the options of loadInputs (CLI flags of `vpcgate check`). */
export interface LoadOptions {
  readonly cwd: string;
  /** inventory: describe-subnets / describe-security-groups JSON files. */
  readonly inventory?: readonly string[];
  /** source: the root module directory for plan mode (.tf locations and waivers). */
  readonly source?: string;
  /** vars: --var k=v (HCL mode). */
  readonly vars?: Readonly<Record<string, string>>;
  /** varFiles: --var-file paths (HCL mode). */
  readonly varFiles?: readonly string[];
  /** stdin reads standard input when a path is "-". */
  readonly stdin?: () => Promise<Uint8Array>;
}

/** LoadResult is every document read plus every diagnostic (errors and warnings). */
export interface LoadResult {
  readonly documents: InputDocument[];
  readonly diagnostics: Diagnostic[];
}

/** detectFormat decides how a path is read from its name (directories are decided by content). */
export function detectFormat(path: string): "plan-json" | "hcl" | "stdin" | "unknown" {
  if (path === "-") return "stdin";
  if (path.endsWith(".tf") || path.endsWith(".tf.json")) return "hcl";
  if (path.endsWith(".json")) return "plan-json";
  return "unknown";
}


/** loadInputs reads every input and extracts its Lambda functions. */
export async function loadInputs(paths: readonly string[], opts: LoadOptions): Promise<LoadResult> {
  const documents: InputDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  const abs = (p: string): string => (isAbsolute(p) ? p : resolve(opts.cwd, p));

  let inventory: Inventory | undefined;
  if (opts.inventory !== undefined && opts.inventory.length > 0) {
    const files: { path: string; text: string }[] = [];
    for (const p of opts.inventory) {
      const text = await readText(abs(p), p, diagnostics);
      if (text !== undefined) files.push({ path: p, text });
    }
    const r = parseInventory(files);
    diagnostics.push(...r.diagnostics);
    inventory = r.inventory;
  }
  let source: SourceIndex | undefined;
  if (opts.source !== undefined) {
    const st = await stat(abs(opts.source)).catch(() => undefined);
    if (st === undefined || !st.isDirectory()) diagnostics.push(diagnostic("input_read_error", "--source must be a directory holding the root module's .tf files", { file: opts.source }));
    else source = await buildSourceIndex(abs(opts.source), (f) => relativeDisplay(opts.cwd, f));
  }
  if (diagnostics.some((d) => d.severity === "error")) return { documents, diagnostics };

  const planText = (text: string, display: string): void => {
    const r = parsePlan(text, display);
    diagnostics.push(...r.diagnostics);
    if (r.plan === undefined) return;
    const functions = extractFunctions(r.plan, { ...(inventory !== undefined ? { inventory } : {}), ...(source !== undefined ? { source } : {}) });
    documents.push({ path: display, kind: "plan", functions });
  };
  // Bytes: small clean plans at native speed (plan-native.ts), then the fast single-pass reader
  // (plan-scan.ts); anything unusual goes to the precise reader, which words every diagnostic.
  const planBytes = (bytes: Uint8Array, display: string): void => {
    if (bytes.length <= MAX_INPUT_BYTES) {
      const fast = readPlanNative(bytes, display) ?? scanPlan(bytes, display);
      if (fast !== undefined) {
        const functions = extractFunctions(fast, { ...(inventory !== undefined ? { inventory } : {}), ...(source !== undefined ? { source } : {}) });
        documents.push({ path: display, kind: "plan", functions });
        return;
      }
    }
    const dec = decodeInput(bytes, display);
    if ("problem" in dec) diagnostics.push(dec.problem);
    else planText(dec.text, display);
  };
  const hcl = async (target: string, display: string, files?: readonly string[]): Promise<void> => {
    const mod = await import("./hcl/hcl-mode.js");
    const r = await mod.loadHclRoot(target, display, {
      cwd: opts.cwd,
      vars: opts.vars ?? {},
      varFiles: (opts.varFiles ?? []).map(abs),
      ...(inventory !== undefined ? { inventory } : {}),
      ...(files !== undefined ? { files } : {}),
    });
    diagnostics.push(...r.diagnostics);
    if (r.document !== undefined) documents.push(r.document);
  };

  for (const p of paths) {
    const fmt = detectFormat(p);
    if (fmt === "stdin") {
      if (opts.stdin === undefined) {
        diagnostics.push(diagnostic("input_read_error", "standard input is not available", { file: "-" }));
        continue;
      }
      const bytes = await opts.stdin();
      if (isZipMagic(bytes)) {
        diagnostics.push(diagnostic("input_unsupported_error", "standard input is a binary plan file; pipe `terraform show -json plan.tfplan` instead", { file: "<stdin>", line: 1, column: 1 }));
        continue;
      }
      planBytes(bytes, "<stdin>");
      continue;
    }
    const full = abs(p);
    let why = "no such file or directory";
    const st = await stat(full).catch((e: { code?: string }) => {
      if (e.code === "ELOOP") why = "too many levels of symbolic links (a symlink loop)";
      else if (e.code === "EACCES") why = "permission denied";
      return undefined;
    });
    if (st === undefined) {
      diagnostics.push(diagnostic("input_read_error", why, { file: p }));
      continue;
    }
    if (st.isDirectory()) {
      const names = (await readdir(full)).sort();
      if (names.some((n) => n.endsWith(".tf") || n.endsWith(".tf.json"))) {
        await hcl(full, p);
        continue;
      }
      // A directory without .tf files is a folder of plans, searched recursively (sorted, hidden
      // folders and node_modules skipped, symlinked folders not followed: no loops).
      const plans = await planFilesUnder(full, p);
      if (plans.length === 0) {
        diagnostics.push(diagnostic("input_read_error", "the directory holds no .tf, .tf.json or plan .json files", { file: p }));
        continue;
      }
      for (const f of plans) {
        const text = await readText(f.full, f.display, diagnostics);
        if (text !== undefined) planText(text, f.display);
      }
      continue;
    }
    if (!st.isFile()) {
      diagnostics.push(diagnostic("input_read_error", "not a regular file (a device, FIFO or socket); vpcgate reads files and directories", { file: p }));
      continue;
    }
    if (st.size > MAX_INPUT_BYTES) {
      diagnostics.push(tooLarge(p, st.size));
      continue;
    }
    if (fmt === "hcl") {
      await hcl(resolve(full, ".."), p, [full]);
      continue;
    }
    // The file's bytes live only inside readPlanFile: extraction runs after they can be freed.
    const r = await readPlanFile(full, p);
    if ("plan" in r) {
      const functions = extractFunctions(r.plan, { ...(inventory !== undefined ? { inventory } : {}), ...(source !== undefined ? { source } : {}) });
      documents.push({ path: p, kind: "plan", functions });
    } else if ("text" in r) planText(r.text, p);
    else diagnostics.push(r.problem);
  }
  return { documents, diagnostics };
}

/**
 * readPlanFile reads a plan file: a small clean plan at native speed (plan-native.ts), else the
 * fast reader's Plan (the file read in chunks, never whole), else the text for the precise reader
 * (the file read again, whole), else a problem.
 */
async function readPlanFile(full: string, display: string): Promise<{ plan: Plan } | { text: string } | { problem: Diagnostic }> {
  const fh = await open(full, "r").catch(() => undefined);
  if (fh !== undefined) {
    let fast: Plan | undefined;
    try {
      const st = await fh.stat().catch(() => undefined);
      if (st !== undefined && st.isFile() && st.size <= NATIVE_MAX_BYTES) {
        const whole = await fh.readFile().catch(() => undefined);
        if (whole !== undefined) fast = readPlanNative(new Uint8Array(whole.buffer, whole.byteOffset, whole.byteLength), display);
      }
      fast ??= scanPlanSource(fileSource(fh.fd), display);
    } finally {
      await fh.close();
    }
    if (fast !== undefined) return { plan: fast };
  }
  const bytes = await readFile(full).catch(() => undefined);
  if (bytes === undefined) return { problem: diagnostic("input_read_error", "the file could not be read", { file: display }) };
  const u8 = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isZipMagic(u8)) {
    return { problem: diagnostic("input_unsupported_error", "this is a binary plan file; vpcgate reads JSON: run `terraform show -json plan.tfplan > plan.json` (or `tofu show -json`) and pass plan.json", { file: display, line: 1, column: 1 }) };
  }
  const dec = decodeInput(u8, display);
  return "problem" in dec ? { problem: dec.problem } : { text: dec.text };
}

async function readText(full: string, display: string, diagnostics: Diagnostic[]): Promise<string | undefined> {
  const st = await stat(full).catch(() => undefined);
  if (st !== undefined && !st.isFile()) {
    diagnostics.push(diagnostic("input_read_error", "not a regular file", { file: display }));
    return undefined;
  }
  if (st !== undefined && st.size > MAX_INPUT_BYTES) {
    diagnostics.push(tooLarge(display, st.size));
    return undefined;
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(full));
  } catch {
    diagnostics.push(diagnostic("input_read_error", "the file could not be read", { file: display }));
    return undefined;
  }
  const dec = decodeInput(bytes, display);
  if ("problem" in dec) {
    diagnostics.push(dec.problem);
    return undefined;
  }
  return dec.text;
}

/** planFilesUnder lists the .json files below a folder of plans, depth-first in sorted order. */
async function planFilesUnder(full: string, display: string, depth = 0): Promise<{ full: string; display: string }[]> {
  const out: { full: string; display: string }[] = [];
  if (depth > 16) return out;
  const entries = (await readdir(full, { withFileTypes: true }).catch(() => [])).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith(".") || e.name === "node_modules") continue;
    if (e.isDirectory()) out.push(...(await planFilesUnder(join(full, e.name), join(display, e.name), depth + 1)));
    else if (e.isFile() && e.name.endsWith(".json") && !e.name.endsWith(".tf.json")) out.push({ full: join(full, e.name), display: join(display, e.name) });
  }
  return out;
}
