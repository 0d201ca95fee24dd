/*
 * The IAM stage of the engine: evaluates a batch of requests against IAM policies with the
 * compiled Rego evaluator (policies/iam, entrypoint vpcgate/iam/decisions) through the unmodified
 * @open-policy-agent/opa-wasm SDK. Input: IamPolicy[] and Request[]. Output: one Decision per
 * request, in order. The Wasm comes from the prebuilt wasm/iam.tar.gz, else from compiling
 * policies/iam with compileRego (src/compile.ts) once per process.
 */

import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPolicy } from "@open-policy-agent/opa-wasm";
import { DiagnosticError, diagnostic } from "../diagnostics/diagnostic.js";
import { readBundle } from "../bundle/bundle.js";
import { hostBuiltins } from "../iam/host-builtins.js";
import type { Decision, IamPolicy, Request } from "../iam/types.js";

/** IAM_ENTRYPOINT is the Rego rule that returns the decisions. */
export const IAM_ENTRYPOINT = "vpcgate/iam/decisions";

/** packageRoot is the directory holding policies/ and wasm/ (works from src/ and dist/). */
const packageRoot = fileURLToPath(new URL("../../", import.meta.url));

type LoadedPolicy = Awaited<ReturnType<typeof loadPolicy>>;
let cached: Promise<LoadedPolicy> | undefined;

async function iamWasm(): Promise<Uint8Array> {
  const bundlePath = join(packageRoot, "wasm", "iam.tar.gz");
  const bundle = await readFile(bundlePath).then((b) => new Uint8Array(b), () => undefined);
  if (bundle !== undefined) return readBundle(bundle, bundlePath).wasm;
  const dir = join(packageRoot, "policies", "iam");
  const names = (await readdir(dir)).filter((n) => n.endsWith(".rego") && !n.endsWith("_test.rego")).sort();
  const sources = await Promise.all(names.map(async (n) => ({ path: join(dir, n), text: await readFile(join(dir, n), "utf8") })));
  const compilePath = "../compile.js";
  let mod: { compileRego?: (sources: readonly { path: string; text: string }[], entrypoints: readonly string[]) => { readonly wasm: Uint8Array } };
  try {
    mod = (await import(compilePath)) as typeof mod;
  } catch {
    throw new DiagnosticError([diagnostic("policy_load_error", "the IAM policy is not built (no wasm/iam.tar.gz) and the Rego compiler is not available", { file: dir })]);
  }
  if (mod.compileRego === undefined) {
    throw new DiagnosticError([diagnostic("policy_load_error", "the Rego compiler has no compileRego", { file: dir })]);
  }
  return mod.compileRego(sources, [IAM_ENTRYPOINT]).wasm;
}

/** loadIamPolicy loads (once) the compiled IAM evaluator. */
export function loadIamPolicy(): Promise<LoadedPolicy> {
  cached ??= (async () => {
    const wasm = await iamWasm();
    try {
      return await loadPolicy(wasm, undefined, hostBuiltins as Record<string, (...args: unknown[]) => unknown>);
    } catch (e) {
      throw new DiagnosticError([diagnostic("policy_load_error", `cannot load the IAM policy: ${(e as Error).message}`, { file: "policies/iam" })]);
    }
  })();
  cached.catch(() => { cached = undefined; });
  return cached;
}

/** evaluateRequests evaluates all requests in ONE batch and returns their decisions in order. */
export async function evaluateRequests(policies: readonly IamPolicy[], requests: readonly Request[], _opts: { timeoutMs?: number } = {}): Promise<Decision[]> {
  if (requests.length === 0) return [];
  const policy = await loadIamPolicy();
  try {
    policy.setData({ policies: policies.map((p) => ({ name: p.name, kind: p.kind, document: p.document })) });
    const rs = policy.evaluate({ requests }, IAM_ENTRYPOINT) as { result?: unknown }[];
    const out = rs[0]?.result;
    if (!Array.isArray(out) || out.length !== requests.length) throw new Error("vpcgate/iam/decisions returned no decision per request");
    return out as Decision[];
  } catch (e) {
    throw new DiagnosticError([diagnostic("policy_eval_error", `IAM evaluation failed: ${(e as Error).message}`, { file: "policies/iam" })]);
  }
}
