/*
 * Policy evaluation where a timeout can stop it (issue 8). A compiled policy runs in a
 * worker_thread through the unmodified @open-policy-agent/opa-wasm SDK; the main thread keeps a
 * timer per request and terminates the worker when it fires, so runaway evaluation and memory
 * exhaustion (a Wasm trap, a failed memory.grow or a worker out of memory) end in a clean error.
 * Input: Wasm bytes, data, limits. Output: a SandboxedPolicy. `start` spawns the worker (which loads
 * the SDK) before the policy is known, so callers can overlap its start-up with reading inputs.
 */

import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** DEFAULT_TIMEOUT_MS is the evaluation timeout of `vpcgate check` when --timeout is not given. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** SandboxLimits bounds one policy: time per request and the worker's JS heap. */
export interface SandboxLimits {
  readonly timeoutMs: number;
  /** heapMb caps the worker's V8 heap (results and inputs pass through it); default 1024. */
  readonly heapMb?: number;
}

/** SandboxFailure is why a sandboxed request failed. */
export type SandboxFailure =
  | { readonly kind: "timeout"; readonly ms: number }
  | { readonly kind: "crashed"; readonly message: string }
  | { readonly kind: "error"; readonly message: string };

/** SandboxError carries a SandboxFailure; callers turn it into a policy_eval_error diagnostic. */
export class SandboxError extends Error {
  readonly failure: SandboxFailure;
  constructor(failure: SandboxFailure) {
    super(describeFailure(failure));
    this.name = "SandboxError";
    this.failure = failure;
  }
}

/** describeFailure renders a failure for a diagnostic message. */
export function describeFailure(f: SandboxFailure): string {
  switch (f.kind) {
    case "timeout": return `evaluation did not finish within ${f.ms} ms (--timeout) and was stopped`;
    case "crashed": return `the evaluator stopped: ${f.message}`;
    case "error": return f.message;
  }
}

// The worker is plain CommonJS (no TypeScript, no loader), loaded from a string.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
// The SDK checks \`wasm instanceof Response\`; reading Node's lazy global Response loads its whole
// fetch implementation (~25 ms). This worker never fetches: a plain class answers the check.
Object.defineProperty(globalThis, "Response", { value: class Response {}, configurable: true, writable: true });
const { loadPolicy } = require(workerData.sdk);
let policy;
parentPort.on("message", async (m) => {
  try {
    let value;
    if (m.op === "load") {
      policy = await loadPolicy(m.wasm);
      if (m.data !== undefined && m.data !== null) policy.setData(m.data);
      value = Object.keys(policy.entrypoints ?? {});
    } else if (m.op === "setData") {
      policy.setData(m.data);
    } else {
      // The input arrives as JSON bytes (the SDK copies an ArrayBuffer into Wasm memory as is) and
      // the result leaves as JSON text: both cross threads as one buffer, not an object graph.
      parentPort.postMessage({ id: m.id, ok: true, json: JSON.stringify(policy.evaluate(m.input, m.entrypoint)) });
      return;
    }
    parentPort.postMessage({ id: m.id, ok: true, value });
  } catch (e) {
    parentPort.postMessage({ id: m.id, ok: false, error: String((e && e.message) || e) });
  }
});
`;

const encoder = new TextEncoder();

interface Pending {
  readonly resolve: (v: unknown) => void;
  readonly reject: (e: SandboxError) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/** SandboxedPolicy is a loaded policy in its own worker. */
export class SandboxedPolicy {
  readonly entrypoints: readonly string[];
  readonly #worker: Worker;
  #limits: SandboxLimits;
  readonly #pending = new Map<number, Pending>();
  #next = 0;
  #dead: SandboxFailure | undefined;

  private constructor(worker: Worker, limits: SandboxLimits, entrypoints: readonly string[]) {
    this.#worker = worker;
    this.#limits = limits;
    this.entrypoints = entrypoints;
    worker.on("message", (m: { id: number; ok: boolean; value?: unknown; json?: string; error?: string }) => {
      const p = this.#pending.get(m.id);
      if (p === undefined) return;
      clearTimeout(p.timer);
      this.#pending.delete(m.id);
      if (m.ok) p.resolve(m.json !== undefined ? JSON.parse(m.json) : m.value);
      else p.reject(new SandboxError({ kind: "error", message: m.error ?? "evaluation failed" }));
    });
  }

  /** start spawns a worker (it loads the SDK at once) for a policy given later to load(). */
  static start(limits: SandboxLimits): SandboxedPolicy {
    const sdk = createRequire(import.meta.url).resolve("@open-policy-agent/opa-wasm");
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { sdk }, resourceLimits: { maxOldGenerationSizeMb: limits.heapMb ?? 1024 }, stdout: true, stderr: true });
    worker.unref();
    const box = new SandboxedPolicy(worker, limits, []);
    worker.on("error", (e) => box.#fail({ kind: "crashed", message: e.message }));
    worker.on("exit", (code) => box.#fail({ kind: "crashed", message: `exit code ${code}` }));
    return box;
  }

  /** load starts a worker and loads the policy in it (the load is under the timeout too). */
  static async load(wasm: Uint8Array, data: unknown, limits: SandboxLimits): Promise<SandboxedPolicy> {
    const box = SandboxedPolicy.start(limits);
    await box.load(wasm, data);
    return box;
  }

  /** load compiles and instantiates the policy in this worker and sets its data. */
  async load(wasm: Uint8Array, data: unknown): Promise<void> {
    const eps = (await this.#request({ op: "load", wasm, data })) as string[];
    (this as { entrypoints: readonly string[] }).entrypoints = eps;
  }

  /** retime sets the timeout of later requests (a prewarmed sandbox gets --timeout once it is parsed). */
  retime(timeoutMs: number): void {
    this.#limits = { ...this.#limits, timeoutMs };
  }

  /** evaluate runs one entrypoint; rejects with SandboxError on timeout, crash or evaluation error. */
  evaluate(input: unknown, entrypoint: string): Promise<unknown> {
    if (input === undefined) return this.#request({ op: "eval", input, entrypoint });
    const bytes = encoder.encode(JSON.stringify(input));
    return this.#request({ op: "eval", input: bytes.buffer, entrypoint }, [bytes.buffer]);
  }

  /** setData replaces the policy's data document. */
  async setData(data: unknown): Promise<void> {
    await this.#request({ op: "setData", data });
  }

  /** close stops the worker. */
  /**
   * close stops the worker without waiting for it to exit. Awaiting terminate() is a trap: once
   * no request is pending the worker is unref'd, so the process may end while the caller still
   * awaits, before it has set an exit code (an exit 0 nobody chose).
   */
  async close(): Promise<void> {
    this.#dead ??= { kind: "crashed", message: "closed" };
    this.#worker.terminate().catch(() => undefined);
  }

  #request(msg: Record<string, unknown>, transfer: ArrayBuffer[] = []): Promise<unknown> {
    if (this.#dead !== undefined) return Promise.reject(new SandboxError(this.#dead));
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#fail({ kind: "timeout", ms: this.#limits.timeoutMs });
        void this.#worker.terminate();
      }, this.#limits.timeoutMs);
      this.#pending.set(id, { resolve, reject, timer });
      this.#worker.ref(); // keep the process alive while a request is pending
      this.#worker.postMessage({ id, ...msg }, transfer);
    }).finally(() => { if (this.#pending.size === 0) this.#worker.unref(); });
  }

  /** fail rejects every pending request and marks the sandbox dead. */
  #fail(f: SandboxFailure): void {
    if (this.#dead === undefined) this.#dead = f;
    for (const [id, p] of this.#pending) {
      clearTimeout(p.timer);
      p.reject(new SandboxError(this.#dead));
      this.#pending.delete(id);
    }
  }
}
