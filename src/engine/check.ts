/*
 * The `check` pipeline: inputs → requests → IAM decisions (+ custom Rego rules) → findings →
 * waivers → Report. Input: CheckOptions and the Backends that load inputs and evaluate policies.
 * Output: a sorted Report plus run-level problems (expired waivers). Pure apart from the backends.
 */

import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { DiagnosticError, diagnostic } from "../diagnostics/diagnostic.js";
import type { ContextValue, Decision, IamPolicy, Request } from "../iam/types.js";
import type { ApiCall, InputDocument, LambdaFunction, Location } from "../lambda/model.js";
import type { Waiver } from "../config/waivers.js";
import { matchWaivers, isExpired } from "../config/waivers.js";
import type { Finding, Report, Result, UnknownMode, Verdict } from "./report.js";
import { WAIVER_EXPIRED_RULE, buildReport } from "./report.js";

/** InputLoadOptions is what the input loaders need besides the paths. */
export interface InputLoadOptions {
  readonly cwd: string;
  readonly vars: Readonly<Record<string, string>>;
  readonly varFiles: readonly string[];
  readonly source?: string;
  readonly inventory: readonly string[];
  /** readStdin supplies the bytes of the `-` input. */
  readonly readStdin: () => Promise<Uint8Array>;
}

/** Loaded is what the input stage returns: documents plus diagnostics (warnings and errors). */
export interface Loaded {
  readonly documents: readonly InputDocument[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Backends are the stages check.ts drives; tests replace them with fixtures. */
export interface Backends {
  loadInputs(paths: readonly string[], opts: InputLoadOptions): Promise<Loaded>;
  /** evaluateRequests returns one Decision per request, in order. */
  evaluateRequests(policies: readonly IamPolicy[], requests: readonly Request[], opts: { timeoutMs?: number }): Promise<readonly Decision[]>;
  /** customFindings evaluates the user's Rego rules for one function (empty when none are given). */
  customFindings(fn: LambdaFunction, location: Location): Promise<readonly Finding[]>;
}

/** CheckOptions is everything the pipeline needs, already merged from flags and config. */
export interface CheckOptions {
  readonly paths: readonly string[];
  readonly input: InputLoadOptions;
  readonly policies: readonly IamPolicy[];
  readonly waivers: readonly Waiver[];
  readonly unknown: UnknownMode;
  readonly now: Date;
  readonly version: string;
  /** timeoutMs bounds one evaluation (issue 8 implements it in the evaluator). */
  readonly timeoutMs?: number;
}

/** CheckOutcome is the report, problems that fail the run (expired waivers) and input warnings. */
export interface CheckOutcome {
  readonly report: Report;
  readonly problems: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
}

/** Rules emitted by the IAM stage. */
export const IAM_RULES = {
  explicitDeny: "iam-explicit-deny",
  implicitDeny: "iam-implicit-deny",
  unknown: "iam-unknown",
} as const;

const SENSITIVE = "(sensitive)";

/** maskContext replaces the values of sensitive keys; they are used, never printed. */
function maskContext(ctx: Readonly<Record<string, ContextValue>>, sensitive: readonly string[] | undefined): Record<string, ContextValue> {
  const out: Record<string, ContextValue> = {};
  for (const k of Object.keys(ctx).sort()) {
    const v = ctx[k];
    if (v !== undefined) out[k] = sensitive?.includes(k) ? SENSITIVE : v;
  }
  return out;
}

/** describeStatement names a statement for messages: `scp policy "org" statement EnforceVPCFunction`. */
export function describeStatement(s: Decision["statements"][number]): string {
  const id = s.sid !== undefined && s.sid !== "" ? s.sid : `#${s.index}`;
  return `${s.kind} policy "${s.policy}" statement ${id}`;
}

/** decisionFinding turns one non-Allow decision into a finding. */
export function decisionFinding(action: string, d: Decision, fn: LambdaFunction, location: Location): Finding | undefined {
  switch (d.decision) {
    case "Allow":
      return undefined;
    case "ExplicitDeny": {
      const by = d.statements.filter((s) => s.effect === "Deny").map(describeStatement);
      return { rule: IAM_RULES.explicitDeny, severity: "error", location, statements: d.statements,
        message: `${action} is explicitly denied by ${by.length > 0 ? by.join(", ") : "a Deny statement"}` };
    }
    case "ImplicitDeny":
      return { rule: IAM_RULES.implicitDeny, severity: "error", location, statements: d.statements,
        message: `${action} is not allowed: ${d.notes.length > 0 ? d.notes.join("; ") : "no statement allows it (implicit deny)"}` };
    case "Unknown": {
      const keys = d.unknownKeys ?? [];
      const notes = fn.unknowns.filter((u) => keys.length === 0 || keys.includes(u.key));
      const why = notes.map((u) => `${u.key} is unknown until apply (${u.reason}); to resolve: ${u.resolve}`);
      why.push(...d.notes.filter((n) => n.startsWith("possible deny")));
      const keyText = keys.length > 0 ? keys.join(", ") : "values known only after apply";
      return { rule: IAM_RULES.unknown, severity: "error", location, statements: d.statements,
        message: `${action} may be denied depending on ${keyText}${why.length > 0 ? ": " + why.join("; ") : ""}` };
    }
  }
}

const RANK: Record<Verdict, number> = { allow: 0, unknown: 1, deny: 2 };

/** verdictOf maps an IAM decision kind to a verdict. */
function verdictOf(d: Decision | undefined): Verdict {
  if (d === undefined) return "unknown";
  return d.decision === "Allow" ? "allow" : d.decision === "Unknown" ? "unknown" : "deny";
}

/** CallDecisions holds the decision of a call's request and of each ambiguity alternative. */
export interface CallDecisions {
  readonly primary: Decision | undefined;
  readonly alternatives: readonly (Decision | undefined)[];
}

/**
 * combineAlternatives folds ambiguity readings (A2–A4) into one decision: the primary reading
 * decides, except that a deny or unknown under another reading turns an Allow into Unknown
 * ("possible deny"); a value that might be denied never becomes allow.
 */
export function combineAlternatives(call: ApiCall, d: CallDecisions): Decision | undefined {
  const p = d.primary;
  if (p === undefined || p.decision !== "Allow") return p;
  const notes: string[] = [];
  const statements: Decision["statements"][number][] = [];
  const keys: string[] = [];
  (call.alternatives ?? []).forEach((alt, i) => {
    const a = d.alternatives[i];
    if (a !== undefined && a.decision === "Allow") return;
    notes.push(`possible deny under ambiguity ${alt.ambiguity}: ${alt.note}${a === undefined ? "" : ` (${a.decision})`}`);
    if (a !== undefined) { statements.push(...a.statements); keys.push(...(a.unknownKeys ?? [])); }
  });
  if (notes.length === 0) return p;
  return { decision: "Unknown", statements, notes: [...p.notes, ...notes], unknownKeys: [...new Set(keys)] };
}

/** judgeFunction builds the (unwaived) result of one function from its calls' decisions and custom findings. */
export function judgeFunction(
  fn: LambdaFunction,
  inputPath: string,
  decisions: readonly (Decision | undefined)[],
  custom: readonly Finding[],
): Result {
  const location: Location = fn.location ?? { file: inputPath, line: 1, column: 1 };
  let verdict: Verdict = "allow";
  let context: Record<string, ContextValue> = {};
  let contextRank = -1;
  const findings: Finding[] = [];
  fn.calls.forEach((call, i) => {
    if (!call.carriesVpcKeys) return;
    const d = decisions[i];
    const v = verdictOf(d);
    if (d === undefined) {
      findings.push({ rule: IAM_RULES.unknown, severity: "error", location, statements: [],
        message: `${call.action} carries VPC condition keys but its request context could not be built` });
    } else {
      const f = decisionFinding(call.action, d, fn, location);
      if (f) findings.push(f);
    }
    if (RANK[v] > RANK[verdict]) verdict = v;
    if (call.request && RANK[v] > contextRank) {
      contextRank = RANK[v];
      context = maskContext(call.request.context, fn.sensitiveKeys);
    }
  });
  for (const f of custom) {
    findings.push(f);
    if (f.severity === "error") verdict = "deny";
  }
  return {
    address: fn.address, type: fn.type, input: inputPath,
    calls: fn.calls.map((c) => c.action), verdict, findings, context,
    unknowns: fn.unknowns, waived: null, location,
  };
}

/** applyWaivers marks covered results as waived and records expired waivers as findings. */
export function applyWaivers(results: readonly Result[], fns: ReadonlyMap<string, LambdaFunction>, waivers: readonly Waiver[], now: Date): Result[] {
  if (waivers.length === 0) return [...results];
  return results.map((r) => {
    if (r.verdict === "allow" && r.findings.length === 0) return r;
    const fn = fns.get(`${r.input}\u0000${r.address}`);
    const rules = r.findings.filter((f) => f.severity === "error").map((f) => f.rule);
    const m = matchWaivers(waivers, {
      address: r.address,
      configAddress: fn?.configAddress ?? r.address,
      rules,
      ...(fn?.location ? { location: fn.location } : {}),
      moduleChain: fn?.moduleChain ?? [],
    }, now);
    const expired: Finding[] = m.expired.map((w) => ({
      rule: WAIVER_EXPIRED_RULE, severity: "error", statements: [], location: w.origin,
      message: `the waiver for ${w.address} expired on ${w.expires ?? "?"} (${w.reason}); renew or remove it`,
    }));
    const waived = m.live === undefined || r.verdict === "allow" ? null
      : { reason: m.live.reason, ...(m.live.expires !== undefined ? { expires: m.live.expires } : {}) };
    return { ...r, findings: [...r.findings, ...expired], waived };
  });
}

/** expiredProblems lists every expired waiver as a run-level problem: an expired waiver fails the run. */
export function expiredProblems(waivers: readonly Waiver[], now: Date): Diagnostic[] {
  return waivers.filter((w) => isExpired(w, now)).map((w) => diagnostic(
    "waiver_expired", `waiver for ${w.address} expired on ${w.expires ?? "?"}: ${w.reason}`,
    { file: w.origin.file, line: w.origin.line, column: w.origin.column }));
}

/** inlineWaivers turns the `# vpcgate:ignore` comments the inputs found into waivers bound to one function. */
function inlineWaivers(fn: LambdaFunction): Waiver[] {
  return (fn.waivers ?? []).map((w) => ({
    address: fn.address, rule: w.rule, reason: w.reason === "" ? "(no reason given)" : w.reason, origin: w.location,
  }));
}

/** check runs the whole pipeline. */
export async function check(opts: CheckOptions, backends: Backends): Promise<CheckOutcome> {
  const loaded = await backends.loadInputs(opts.paths, opts.input);
  if (loaded.diagnostics.some((d) => d.severity === "error")) throw new DiagnosticError(loaded.diagnostics);
  const docs = loaded.documents;
  // One batch of requests for the evaluator: each call's request, then its ambiguity alternatives.
  const requests: Request[] = [];
  const slots: { doc: number; fn: number; call: number; alt: number }[] = [];
  docs.forEach((doc, di) => doc.functions.forEach((fn, fi) => fn.calls.forEach((c, ci) => {
    if (!c.carriesVpcKeys || !c.request) return;
    requests.push(c.request); slots.push({ doc: di, fn: fi, call: ci, alt: -1 });
    (c.alternatives ?? []).forEach((a, ai) => { requests.push(a.request); slots.push({ doc: di, fn: fi, call: ci, alt: ai }); });
  })));
  const decided = requests.length === 0 ? [] : await backends.evaluateRequests(opts.policies, requests,
    opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {});
  const perCall = new Map<string, { primary: Decision | undefined; alternatives: (Decision | undefined)[] }>();
  slots.forEach((s, k) => {
    const key = `${s.doc}/${s.fn}/${s.call}`;
    const e = perCall.get(key) ?? { primary: undefined, alternatives: [] };
    if (s.alt < 0) e.primary = decided[k]; else e.alternatives[s.alt] = decided[k];
    perCall.set(key, e);
  });
  const results: Result[] = [];
  const fns = new Map<string, LambdaFunction>();
  const waivers: Waiver[] = [...opts.waivers];
  for (let di = 0; di < docs.length; di++) {
    const doc = docs[di];
    if (doc === undefined) continue;
    for (let fi = 0; fi < doc.functions.length; fi++) {
      const fn = doc.functions[fi];
      if (fn === undefined) continue;
      const loc: Location = fn.location ?? { file: doc.path, line: 1, column: 1 };
      const decisions = fn.calls.map((c, ci) => {
        const e = perCall.get(`${di}/${fi}/${ci}`);
        return e === undefined ? undefined : combineAlternatives(c, e);
      });
      const custom = await backends.customFindings(fn, loc);
      results.push(judgeFunction(fn, doc.path, decisions, custom));
      fns.set(`${doc.path}\u0000${fn.address}`, fn);
      waivers.push(...inlineWaivers(fn));
    }
  }
  const waived = applyWaivers(results, fns, waivers, opts.now);
  const report = buildReport({ version: opts.version, inputs: docs.map((d) => ({ path: d.path, kind: d.kind })), results: waived });
  return { report, problems: expiredProblems(opts.waivers, opts.now), warnings: loaded.diagnostics.filter((d) => d.severity !== "error") };
}

/** IamEngine is the shape of src/engine/iam.ts (issue 4), loaded lazily so plan parsing never waits for it. */
interface IamEngine {
  evaluateRequests(policies: readonly IamPolicy[], requests: readonly Request[], opts?: { timeoutMs?: number }): Promise<readonly Decision[]> | readonly Decision[];
}

/** loadIamEngine imports the Wasm IAM engine; a missing engine is a clear error, not a crash. */
async function loadIamEngine(): Promise<IamEngine> {
  try {
    return await import("./iam.js");
  } catch (e) {
    throw new DiagnosticError([diagnostic("internal_error", `the IAM evaluation engine could not be loaded (${(e as Error).message.split("\n")[0]})`, { file: "src/engine/iam.ts" })]);
  }
}

/** defaultBackends wires the real stages: inputs (issue 5), the IAM engine (issue 4) and custom rules. */
export function defaultBackends(custom: Backends["customFindings"]): Backends {
  return {
    loadInputs: async (paths, o) => {
      const { loadInputs } = await import("../inputs/index.js");
      return loadInputs(paths, {
        cwd: o.cwd,
        vars: o.vars,
        varFiles: o.varFiles,
        stdin: o.readStdin,
        ...(o.source !== undefined ? { source: o.source } : {}),
        inventory: o.inventory,
      });
    },
    evaluateRequests: async (policies, requests, o) => {
      const engine = await loadIamEngine();
      return engine.evaluateRequests(policies, requests, o);
    },
    customFindings: custom,
  };
}
