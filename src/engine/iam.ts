/*
 * The IAM stage of the engine: evaluates a batch of requests against IAM policies with the
 * compiled Rego evaluator (policies/iam, entrypoint vpcgate/iam/decisions) through the unmodified
 * @open-policy-agent/opa-wasm SDK. Input: IamPolicy[] and Request[]. Output: one Decision per
 * request, in order; `explainRequests` (vpcgate explain only) the same with the condition-level
 * trace (entrypoint vpcgate/iam/explain, compiled into the same module). The Wasm comes from the prebuilt wasm/iam.tar.gz when its stamp
 * (wasm/iam.hash) matches policies/iam, else from compiling policies/iam with
 * compileRego (src/compile.ts, imported only then) once per process. `make wasm` rebuilds it.
 */

import { createHash } from "node:crypto";
import { readFile, readdir, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { DEFAULT_TIMEOUT_MS, SandboxedPolicy } from "./sandbox.js";
import { DiagnosticError, diagnostic } from "../diagnostics/diagnostic.js";
import { readBundle, writeBundle } from "../bundle/bundle.js";
import { PACKAGE_ROOT } from "../meta/package.js";
import type { ContextValue, Decision, IamPolicy, Request, Scalar, UnknownMarker } from "../iam/types.js";

/** IAM_ENTRYPOINT is the Rego rule that returns the decisions. */
export const IAM_ENTRYPOINT = "vpcgate/iam/decisions";

/** IAM_EXPLAIN_ENTRYPOINT returns the decisions with the trace (policies/iam/explain.rego); check never evaluates it. */
export const IAM_EXPLAIN_ENTRYPOINT = "vpcgate/iam/explain";

/** IAM_ENTRYPOINTS are compiled into the IAM module and its prebuilt bundle. */
export const IAM_ENTRYPOINTS: readonly string[] = [IAM_ENTRYPOINT, IAM_EXPLAIN_ENTRYPOINT];

/** packageRoot is the directory holding policies/ and wasm/. */
const packageRoot = PACKAGE_ROOT;

type LoadedPolicy = Awaited<ReturnType<typeof import("@open-policy-agent/opa-wasm").loadPolicy>>;
let cached: Promise<LoadedPolicy> | undefined;

/** IamSource is one policies/iam Rego file (path relative to the package root). */
export interface IamSource {
  readonly path: string;
  readonly text: string;
}

/** iamSources reads policies/iam (tests excluded), sorted by name. */
export async function iamSources(root: string = packageRoot): Promise<IamSource[]> {
  const dir = join(root, "policies", "iam");
  const names = (await readdir(dir)).filter((n) => n.endsWith(".rego") && !n.endsWith("_test.rego")).sort();
  // Paths relative to the package root: they are what the compiled module records, so the bundle
  // is the same whichever directory it is built in.
  return Promise.all(names.map(async (n) => ({ path: `policies/iam/${n}`, text: await readFile(join(dir, n), "utf8") })));
}

/**
 * iamSourceHash is the content hash the prebuilt bundle is stamped with (wasm/iam.hash): the
 * policy sources (file name + text). The bundle is self-contained (runtime linked in), so a later
 * runtime change does not make it stale; test/engine/iam-bundle.test.ts checks its decisions.
 */
export function iamSourceHash(sources: readonly IamSource[]): string {
  const h = createHash("sha256");
  for (const s of sources) h.update(`${basename(s.path)}\u0000${s.text}\u0000`);
  return h.digest("hex");
}

/** currentHash hashes policies/iam as it is now. */
async function currentHash(root: string): Promise<{ sources: IamSource[]; hash: string }> {
  const sources = await iamSources(root);
  return { sources, hash: iamSourceHash(sources) };
}

type Compile = (sources: readonly IamSource[], entrypoints: readonly string[]) => { readonly wasm: Uint8Array };

/** compileIam compiles policies/iam; the compiler is imported only here (never on the prebuilt path). */
async function compileIam(sources: readonly IamSource[], root: string): Promise<Uint8Array> {
  let mod: { compileRego?: Compile };
  try {
    mod = await import("../compile.js");
  } catch {
    throw new DiagnosticError([diagnostic("policy_load_error", "the IAM policy is not built (no up-to-date wasm/iam.tar.gz) and the Rego compiler is not available", { file: join(root, "policies", "iam") })]);
  }
  if (mod.compileRego === undefined) {
    throw new DiagnosticError([diagnostic("policy_load_error", "the Rego compiler has no compileRego", { file: join(root, "policies", "iam") })]);
  }
  return mod.compileRego(sources, IAM_ENTRYPOINTS).wasm;
}

/**
 * iamWasm returns the IAM module: the prebuilt wasm/iam.tar.gz when its stamp (wasm/iam.hash)
 * matches the current sources, else policies/iam compiled now (a stale bundle is never used).
 */
async function iamWasm(root: string = packageRoot): Promise<Uint8Array> {
  const bundlePath = join(root, "wasm", "iam.tar.gz");
  const [bundle, stamp, now] = await Promise.all([
    readFile(bundlePath).then((b) => new Uint8Array(b), () => undefined),
    readFile(join(root, "wasm", "iam.hash"), "utf8").then((t) => t.trim(), () => undefined),
    currentHash(root),
  ]);
  if (bundle !== undefined && stamp === now.hash) return readBundle(bundle, bundlePath).wasm;
  return compileIam(now.sources, root);
}

/** writeIamBundle (`make wasm`) compiles policies/iam into wasm/iam.tar.gz and stamps wasm/iam.hash. */
export async function writeIamBundle(root: string = packageRoot): Promise<{ bytes: number; hash: string }> {
  const { sources, hash } = await currentHash(root);
  const wasm = await compileIam(sources, root);
  const bundle = writeBundle(wasm, [...IAM_ENTRYPOINTS]);
  await writeFile(join(root, "wasm", "iam.tar.gz"), bundle);
  await writeFile(join(root, "wasm", "iam.hash"), hash + "\n");
  return { bytes: bundle.length, hash };
}

/** iamBundleStatus reports whether the committed bundle matches the sources (test and `make wasm` check). */
export async function iamBundleStatus(root: string = packageRoot): Promise<{ upToDate: boolean; stamp?: string; hash: string }> {
  const stamp = await readFile(join(root, "wasm", "iam.hash"), "utf8").then((t) => t.trim(), () => undefined);
  const { hash } = await currentHash(root);
  return { upToDate: stamp === hash, ...(stamp !== undefined ? { stamp } : {}), hash };
}

/** loadIamPolicy loads (once) the compiled IAM evaluator. */
export function loadIamPolicy(): Promise<LoadedPolicy> {
  cached ??= (async () => {
    const wasm = await iamWasm();
    try {
      const { loadPolicy } = await import("@open-policy-agent/opa-wasm"); // lazy: not on the start-up path
      return await loadPolicy(wasm);
    } catch (e) {
      throw new DiagnosticError([diagnostic("policy_load_error", `cannot load the IAM policy: ${(e as Error).message}`, { file: "policies/iam" })]);
    }
  })();
  cached.catch(() => { cached = undefined; });
  return cached;
}

/**
 * CHUNK is the most requests one SDK evaluation gets. The SDK serialises the input per call, so
 * batching is what matters (one call per function would be ~20,000 calls on a large plan); the
 * runtime's heap, reset by the SDK before each call but never shrunk, grows with the batch, so
 * a bound keeps peak Wasm memory flat on large plans (issue 7: 111 MB → ~25 MB at 19,463 requests).
 */
export const CHUNK = 4096;

function chunks<T>(xs: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
}

const UNKNOWN: UnknownMarker = { $unknown: "" };

/** bareScalar drops a marker's human text: evaluation ignores it (iam/types.ts), the decisions never echo it. */
function bareScalar(s: Scalar): Scalar {
  if (typeof s === "string") return s;
  if ("$unknown" in s) return UNKNOWN;
  if ("$fresh" in s) return s.note === undefined ? s : { $fresh: s.$fresh };
  return { $parts: s.$parts.map((p) => (typeof p === "string" ? p : "$unknown" in p ? UNKNOWN : p.note === undefined ? p : { $fresh: p.$fresh })) };
}

/**
 * withoutMarkerText is the request `check` sends: unknown and fresh markers without their notes,
 * which are up to a third of a batch's bytes (HCL mode). `explain` keeps them: it shows them.
 */
function withoutMarkerText(r: Request): Request {
  const context: Record<string, ContextValue> = {};
  for (const [k, v] of Object.entries(r.context)) context[k] = Array.isArray(v) ? v.map(bareScalar) : bareScalar(v as Scalar);
  return { ...r, resource: bareScalar(r.resource), context };
}

/** decisionsOf checks and returns the decisions of one evaluation of `n` requests. */
function decisionsOf(rs: unknown, n: number, entrypoint: string = IAM_ENTRYPOINT): Decision[] {
  const out = (rs as { result?: unknown }[])[0]?.result;
  if (!Array.isArray(out) || out.length !== n) throw new Error(`${entrypoint} returned no decision per request`);
  return out as Decision[];
}

/**
 * explainRequests is evaluateRequests with the condition-level trace (Decision.notApplied,
 * StatementRef action/resource/conditions): for `vpcgate explain`, a few requests at a time.
 */
export async function explainRequests(policies: readonly IamPolicy[], requests: readonly Request[]): Promise<Decision[]> {
  if (requests.length === 0) return [];
  const policy = await loadIamPolicy();
  try {
    policy.setData({ policies: policies.map((p) => ({ name: p.name, kind: p.kind, document: p.document })) });
    const out: Decision[] = [];
    for (const chunk of chunks(requests)) {
      out.push(...decisionsOf(policy.evaluate({ requests: chunk }, IAM_EXPLAIN_ENTRYPOINT), chunk.length, IAM_EXPLAIN_ENTRYPOINT));
    }
    return out;
  } catch (e) {
    throw new DiagnosticError([diagnostic("policy_eval_error", `IAM evaluation failed: ${(e as Error).message}`, { file: "policies/iam" })]);
  }
}

/** evaluateRequests evaluates all requests in batches of CHUNK (one SDK call each) and returns their decisions in order. */
export async function evaluateRequests(policies: readonly IamPolicy[], requests: readonly Request[], opts: { timeoutMs?: number } = {}): Promise<Decision[]> {
  if (requests.length === 0) return [];
  if (opts.timeoutMs !== undefined) return evaluateSandboxed(policies, requests, opts.timeoutMs);
  const policy = await loadIamPolicy();
  try {
    policy.setData({ policies: policies.map((p) => ({ name: p.name, kind: p.kind, document: p.document })) });
    const out: Decision[] = [];
    for (const chunk of chunks(requests)) {
      out.push(...decisionsOf(policy.evaluate({ requests: chunk.map(withoutMarkerText) }, IAM_ENTRYPOINT), chunk.length));
    }
    return out;
  } catch (e) {
    throw new DiagnosticError([diagnostic("policy_eval_error", `IAM evaluation failed: ${(e as Error).message}`, { file: "policies/iam" })]);
  }
}

/** Warm is a sandbox started ahead of need with the IAM module loading in it (no data yet). */
interface Warm {
  readonly box: SandboxedPolicy;
  readonly loaded: Promise<void>;
}
let warm: Warm | undefined;

/**
 * prewarmIam starts the sandbox worker and loads the IAM module in it now, so that its start-up
 * (a second isolate, the SDK, compiling the Wasm) overlaps with reading the inputs; the next
 * sandboxed evaluation takes it (and sets its timeout). `discardPrewarmedIam` stops an unused one.
 */
export function prewarmIam(timeoutMs: number = DEFAULT_TIMEOUT_MS): void {
  if (warm !== undefined) return;
  const box = SandboxedPolicy.start({ timeoutMs });
  const loaded = iamWasm().then((wasm) => box.load(wasm, undefined));
  loaded.catch(() => undefined); // reported to whoever takes it
  warm = { box, loaded };
}

/** discardPrewarmedIam stops a prewarmed sandbox nobody took (no functions, or an input error). */
export async function discardPrewarmedIam(): Promise<void> {
  const w = warm;
  warm = undefined;
  await w?.box.close();
}

/** sandboxFor takes the prewarmed sandbox (with this timeout from now on), else starts one. */
async function sandboxFor(timeoutMs: number): Promise<SandboxedPolicy> {
  const w = warm;
  warm = undefined;
  if (w === undefined) return SandboxedPolicy.load(await iamWasm(), undefined, { timeoutMs });
  w.box.retime(timeoutMs);
  await w.loaded;
  return w.box;
}

/**
 * evaluateSandboxed evaluates the batch in a worker that a timeout can stop (issue 8): runaway
 * evaluation or memory exhaustion becomes a policy_eval_error, never a hang or a crash.
 */
async function evaluateSandboxed(policies: readonly IamPolicy[], requests: readonly Request[], timeoutMs: number): Promise<Decision[]> {
  const data = { policies: policies.map((p) => ({ name: p.name, kind: p.kind, document: p.document })) };
  let box: SandboxedPolicy | undefined;
  try {
    box = await sandboxFor(timeoutMs);
    await box.setData(data);
    const out: Decision[] = [];
    for (const chunk of chunks(requests)) {
      out.push(...decisionsOf(await box.evaluate({ requests: chunk.map(withoutMarkerText) }, IAM_ENTRYPOINT), chunk.length));
    }
    return out;
  } catch (e) {
    if (e instanceof DiagnosticError) throw e;
    throw new DiagnosticError([diagnostic("policy_eval_error", `IAM evaluation failed: ${(e as Error).message}`, { file: "policies/iam" })]);
  } finally {
    await box?.close();
  }
}
