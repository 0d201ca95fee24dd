/*
 * Custom Rego rules (--policy DIR|FILE.rego|bundle.tar.gz|policy.wasm). Rego is compiled on the
 * fly by our compiler (src/compile.ts) with an on-disk cache keyed by content hash; bundles and
 * .wasm (incl. `opa build -t wasm` output) load as-is into @open-policy-agent/opa-wasm.
 * Input: one function's normalised calls as `input`. Output: Finding[] from `{rule, severity,
 * message}` objects or conftest-style deny/warn/violation string sets.
 */

import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { DiagnosticError, diagnostic } from "../diagnostics/diagnostic.js";
import type { LambdaFunction, Location } from "../lambda/model.js";
import { readBundle } from "../bundle/bundle.js";
import { SandboxedPolicy } from "./sandbox.js";
import type { Io } from "../cli/io.js";
import type { Finding, FindingSeverity } from "./report.js";
import { VERSION, packagePath } from "../meta/package.js";

/** RULE_NAMES are the rule names evaluated as entrypoints; their name sets the default severity. */
export const RULE_NAMES: Readonly<Record<string, FindingSeverity>> = { deny: "error", violation: "error", warn: "warning", findings: "error" };

/** CustomPolicy is one loaded Wasm policy with the entrypoints vpcgate evaluates. */
interface CustomPolicy {
  readonly origin: string;
  readonly entrypoints: readonly string[];
  evaluate(input: unknown, entrypoint: string): unknown;
}

/** CustomOptions bounds evaluation (issue 8): with timeoutMs each policy runs in a sandbox worker. */
export interface CustomOptions {
  readonly timeoutMs?: number;
}

/** customInput is the `input` document custom rules receive: the function and its normalised calls. */
export function customInput(fn: LambdaFunction): unknown {
  return {
    address: fn.address, type: fn.type, module_address: fn.moduleAddress, config_address: fn.configAddress,
    change_actions: fn.changeActions,
    calls: fn.calls.map((c) => ({
      action: c.action, carries_vpc_keys: c.carriesVpcKeys, why: c.why ?? "",
      resource: c.request?.resource ?? null, context: c.request?.context ?? {},
    })),
    unknowns: fn.unknowns,
  };
}

/** regoEntrypoints finds `package` paths and top-level deny/warn/violation/findings rules in Rego text. */
export function regoEntrypoints(text: string): string[] {
  const pkg = /^\s*package\s+([A-Za-z0-9_.]+)/m.exec(text)?.[1];
  if (pkg === undefined) return [];
  const out = new Set<string>();
  const re = /^([A-Za-z_][A-Za-z0-9_]*)\s*(?:contains\b|\[|=|:=|\{|if\b)/gm;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const name = m[1] ?? "";
    if (name in RULE_NAMES) out.add(`${pkg.replace(/\./g, "/")}/${name}`);
  }
  return [...out].sort();
}

/** toFindings interprets one entrypoint's value: strings (conftest) or {rule, severity, message} objects. */
export function toFindings(entrypoint: string, value: unknown, location: Location): Finding[] {
  const name = entrypoint.split("/").pop() ?? entrypoint;
  const fallback = RULE_NAMES[name] ?? "error";
  const items = Array.isArray(value) ? value : value === undefined || value === null || value === false ? [] : [value];
  return items.map((it): Finding => {
    if (typeof it === "string") return { rule: entrypoint, severity: fallback, message: it, statements: [], location };
    const o = (it ?? {}) as Record<string, unknown>;
    const sev = o.severity === "warning" || o.severity === "warn" ? "warning" : o.severity === "error" ? "error" : fallback;
    const msg = o.message ?? o.msg ?? JSON.stringify(it);
    return { rule: typeof o.rule === "string" ? o.rule : typeof o.id === "string" ? o.id : entrypoint, severity: sev, message: String(msg), statements: [], location };
  });
}

/** cacheDir is where compiled Rego is kept: $VPCGATE_CACHE_DIR, else $XDG_CACHE_HOME/vpcgate, else ~/.cache/vpcgate. */
function cacheDir(io: Io): string | undefined {
  if (io.env.VPCGATE_CACHE_DIR) return io.env.VPCGATE_CACHE_DIR;
  if (io.env.XDG_CACHE_HOME) return join(io.env.XDG_CACHE_HOME, "vpcgate");
  if (io.env.HOME) return join(io.env.HOME, ".cache", "vpcgate");
  return undefined;
}

interface Compiler { compileRego(sources: readonly { path: string; text: string }[], entrypoints: readonly string[], opts: { strictBuiltins: boolean }): { readonly wasm: Uint8Array } }

/** compileCached compiles Rego with our compiler, reusing a cached module with the same content hash. */
async function compileCached(sources: { path: string; text: string }[], entrypoints: string[], io: Io): Promise<Uint8Array> {
  const h = createHash("sha256");
  for (const s of sources) h.update(s.path).update("\u0000").update(s.text).update("\u0000");
  h.update(entrypoints.join(","));
  // The compiler's version and the runtime it links are part of the key: an upgrade never reuses old modules.
  h.update(`\u0000${VERSION}\u0000${await readFile(packagePath("wasm", "runtime.hash"), "utf8").catch(() => "")}`);
  const dir = cacheDir(io);
  const file = dir === undefined ? undefined : join(dir, `${h.digest("hex")}.wasm`);
  if (file !== undefined) {
    const hit = await readFile(file).catch(() => undefined);
    if (hit !== undefined) return new Uint8Array(hit.buffer, hit.byteOffset, hit.byteLength);
  }
  const mod: Compiler = await import("../compile.js"); // the compiler loads only when Rego must be compiled
  // Strict: a builtin nobody supplies at run time is a located compile error, never a runtime surprise.
  const { wasm } = mod.compileRego(sources, entrypoints, { strictBuiltins: true });
  if (file !== undefined && dir !== undefined) {
    await mkdir(dir, { recursive: true }).then(() => writeFile(file, wasm)).catch(() => undefined); // a cache is best effort
  }
  return wasm;
}

async function regoFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory() && !e.name.startsWith(".")) out.push(...(await regoFiles(p)));
    else if (e.name.endsWith(".rego") && !e.name.endsWith("_test.rego")) out.push(p);
  }
  return out;
}

async function instantiate(origin: string, wasm: Uint8Array, data: unknown, only?: readonly string[], opts: CustomOptions = {}): Promise<CustomPolicy> {
  if (opts.timeoutMs !== undefined) {
    let box: SandboxedPolicy;
    try {
      box = await SandboxedPolicy.load(wasm, typeof data === "object" ? data : undefined, { timeoutMs: opts.timeoutMs });
    } catch (e) {
      throw new DiagnosticError([diagnostic("policy_load_error", `cannot load Wasm policy: ${(e as Error).message}`, { file: origin })]);
    }
    const eps = box.entrypoints.filter((e) => (only === undefined || only.includes(e)) && (e.split("/").pop() ?? "") in RULE_NAMES).sort();
    if (eps.length === 0) {
      await box.close();
      throw new DiagnosticError([diagnostic("policy_load_error", `no deny, warn, violation or findings entrypoint (has: ${box.entrypoints.join(", ") || "none"})`, { file: origin })]);
    }
    return { origin, entrypoints: eps, evaluate: (input, ep) => box.evaluate(input, ep) };
  }
  let policy;
  try {
    const { loadPolicy } = await import("@open-policy-agent/opa-wasm"); // lazy: only with --policy
    policy = await loadPolicy(wasm);
    if (data !== undefined && data !== null && typeof data === "object") policy.setData(data as object);
  } catch (e) {
    throw new DiagnosticError([diagnostic("policy_load_error", `cannot load Wasm policy: ${(e as Error).message}`, { file: origin })]);
  }
  const all = Object.keys((policy.entrypoints ?? {}) as Record<string, number>);
  const entrypoints = all.filter((e) => (only === undefined || only.includes(e)) && (e.split("/").pop() ?? "") in RULE_NAMES).sort();
  if (entrypoints.length === 0) {
    throw new DiagnosticError([diagnostic("policy_load_error", `no deny, warn, violation or findings entrypoint (has: ${all.join(", ") || "none"})`, { file: origin })]);
  }
  return { origin, entrypoints, evaluate: (input, ep) => policy.evaluate(input, ep) };
}

/** loadCustomPolicy loads one --policy path. */
export async function loadCustomPolicy(path: string, io: Io, opts: CustomOptions = {}): Promise<CustomPolicy> {
  const st = await stat(path).catch(() => undefined);
  if (st === undefined) throw new DiagnosticError([diagnostic("input_read_error", "no such file or directory", { file: path })]);
  if (path.endsWith(".tar.gz") || path.endsWith(".tgz")) {
    const b = readBundle(new Uint8Array(await readFile(path)), path);
    return instantiate(path, b.wasm, b.data, b.manifest.wasm.map((w) => w.entrypoint), opts);
  }
  if (path.endsWith(".wasm")) return instantiate(path, new Uint8Array(await readFile(path)), undefined, undefined, opts);
  const files = st.isDirectory() ? await regoFiles(path) : [path];
  const sources = await Promise.all(files.map(async (f) => ({ path: f, text: await readFile(f, "utf8") })));
  const entrypoints = [...new Set(sources.flatMap((s) => regoEntrypoints(s.text)))].sort();
  if (entrypoints.length === 0) {
    throw new DiagnosticError([diagnostic("policy_load_error", `no deny, warn, violation or findings rule in ${basename(path)}`, { file: path })]);
  }
  return instantiate(path, await compileCached(sources, entrypoints, io), undefined, entrypoints, opts);
}

/** customFindingsFor loads every --policy and returns the per-function evaluator check.ts calls. */
export async function customFindingsFor(paths: readonly string[], io: Io, opts: CustomOptions = {}): Promise<(fn: LambdaFunction, location: Location) => Promise<readonly Finding[]>> {
  const policies: CustomPolicy[] = [];
  for (const p of paths) policies.push(await loadCustomPolicy(p, io, opts));
  return async (fn, location) => {
    const out: Finding[] = [];
    const input = customInput(fn);
    for (const p of policies) {
      for (const ep of p.entrypoints) {
        let rs: unknown;
        try {
          rs = await p.evaluate(input, ep);
        } catch (e) {
          throw new DiagnosticError([diagnostic("policy_eval_error", `${ep}: ${(e as Error).message}`, { file: p.origin })]);
        }
        for (const r of Array.isArray(rs) ? rs : []) out.push(...toFindings(ep, (r as { result?: unknown }).result, location));
      }
    }
    return out;
  };
}
