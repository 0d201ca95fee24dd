/*
 * `vpcgate explain <path> <address>`: why a function gets its verdict. Prints the API calls, the
 * full request context of each (unknown values marked), every ambiguity reading, the IAM decision
 * with the statements that decided it and the IAM trace (vpcgate/iam/explain): whether Action and
 * Resource matched and why each condition is true, false or unknown, also for the statements
 * whose Action matched but that did not apply. Input: the same flags as check. Output: text;
 * exit code as check for that function.
 */

import { renderSpan, DiagnosticError, diagnostic } from "../../diagnostics/diagnostic.js";
import { loadConfig } from "../../config/config.js";
import { combineAlternatives, defaultBackends, describeStatement, judgeFunction } from "../../engine/check.js";
import { blocks } from "../../engine/report.js";
import type { ConditionTrace, ContextValue, Decision, IamPolicy, Request, Scalar, StatementRef, Truth } from "../../iam/types.js";
import type { Command } from "../command.js";
import type { ExitCode, Io } from "../io.js";
import type { BackendOverrides } from "./check.js";
import { EXIT_CODES, buildCheckOptions } from "./check.js";
import { inputOptions, unknownMode } from "./check-options.js";

/** showScalar renders a context scalar; markers are shown as <unknown: …>, <fresh …>. */
export function showScalar(v: Scalar): string {
  if (typeof v === "string") return JSON.stringify(v);
  if ("$unknown" in v) return `<unknown: ${v.$unknown}>`;
  if ("$fresh" in v) return `<fresh ${v.$fresh}… id${v.note !== undefined ? ` of ${v.note}` : ""}: created by this apply>`;
  return v.$parts.map((p) => (typeof p === "string" ? p : "$unknown" in p ? `<unknown: ${p.$unknown}>` : `<fresh ${p.$fresh}…>`)).join("");
}

/** showValue renders a context value (a list when it is one). */
export function showValue(v: ContextValue | undefined): string {
  if (v === undefined) return "(absent)";
  if (Array.isArray(v)) return `[${(v as readonly Scalar[]).map(showScalar).join(", ")}]`;
  return showScalar(v as Scalar);
}

const VPC_KEYS = ["lambda:VpcIds", "lambda:SubnetIds", "lambda:SecurityGroupIds"];

function contextLines(req: Request, sensitive: readonly string[], pad: string): string[] {
  const keys = [...new Set([...VPC_KEYS, ...Object.keys(req.context)])].sort();
  const w = Math.max(...keys.map((k) => k.length));
  return keys.map((k) => `${pad}${k.padEnd(w)}  ${sensitive.includes(k) ? "(sensitive)" : showValue(req.context[k])}`);
}

/** conditionLines lists a statement's conditions with the request values each one tests. */
function conditionLines(stmt: Record<string, unknown>, req: Request, pad: string): string[] {
  const cond = stmt.Condition;
  if (cond === undefined || cond === null || typeof cond !== "object") return [`${pad}no Condition: applies whenever Action and Resource match`];
  const out: string[] = [];
  for (const [op, body] of Object.entries(cond as Record<string, unknown>)) {
    for (const [key, want] of Object.entries((body ?? {}) as Record<string, unknown>)) {
      const ctxKey = Object.keys(req.context).find((k) => k.toLowerCase() === key.toLowerCase());
      const have = ctxKey === undefined ? undefined : req.context[ctxKey];
      out.push(`${pad}${op} ${key} ${JSON.stringify(want)}  ← request: ${showValue(have)}`);
    }
  }
  return out;
}

const MATCH_WORDS: Readonly<Record<Truth, string>> = { true: "matches", false: "does not match", unknown: "may match (unknown before apply)" };

/** showPolicyValues renders a condition's policy values: one quoted string, or a list. */
function showPolicyValues(vs: readonly string[]): string {
  return vs.length === 1 ? JSON.stringify(vs[0]) : JSON.stringify(vs);
}

/** traceLines renders a traced statement: Action/Resource, then each condition, its request value and why. */
function traceLines(s: StatementRef, conds: readonly ConditionTrace[], req: Request, pad: string): string[] {
  const out = [`${pad}Action ${MATCH_WORDS[s.action ?? "true"]}; Resource ${MATCH_WORDS[s.resource ?? "true"]}`];
  if (conds.length === 0) out.push(`${pad}no Condition`);
  for (const c of conds) {
    const ctxKey = c.key === "" ? undefined : Object.keys(req.context).find((k) => k.toLowerCase() === c.key.toLowerCase());
    const have = ctxKey === undefined ? undefined : req.context[ctxKey];
    out.push(`${pad}${c.operator}${c.key !== "" ? ` ${c.key}` : ""} ${showPolicyValues(c.values)}  ← request: ${showValue(have)}`);
    out.push(`${pad}  → ${c.result}: ${c.reason}`);
  }
  return out;
}

/** statementLines renders one statement of a decision: traced when the evaluator gave a trace, else its conditions. */
function statementLines(s: StatementRef, label: string, policies: readonly IamPolicy[], req: Request, pad: string): string[] {
  const out = [`${pad}${label}: ${describeStatement(s)} (${s.effect})`];
  if (s.conditions !== undefined) return [...out, ...traceLines(s, s.conditions, req, `${pad}  `)];
  const pol = policies.find((p) => p.name === s.policy && p.kind === s.kind);
  const stmts = (pol?.document as { Statement?: unknown[] } | undefined)?.Statement ?? [];
  const st = stmts[s.index];
  if (st !== null && typeof st === "object") out.push(...conditionLines(st as Record<string, unknown>, req, `${pad}  `));
  return out;
}

function decisionLines(d: Decision | undefined, policies: readonly IamPolicy[], req: Request, pad: string): string[] {
  if (d === undefined) return [`${pad}decision: none (no request context could be built): unknown`];
  const out = [`${pad}decision: ${d.decision}`];
  for (const s of d.statements) out.push(...statementLines(s, s.status === "unknown" ? "may apply" : "applies", policies, req, `${pad}  `));
  if (d.statements.length === 0 && d.decision === "ImplicitDeny") out.push(`${pad}  no statement allows the request`);
  for (const n of d.notes) out.push(`${pad}  note: ${n}`);
  if ((d.notApplied ?? []).length > 0) {
    out.push(`${pad}  statements for this action that do not apply:`);
    for (const s of d.notApplied ?? []) out.push(...statementLines(s, "does not apply", policies, req, `${pad}    `));
  }
  return out;
}

/** ExplainOverrides replaces real stages; explainRequests is the traced evaluator (else evaluateRequests, untraced, when given). */
export type ExplainOverrides = BackendOverrides & {
  explainRequests?: (policies: readonly IamPolicy[], requests: readonly Request[]) => Promise<readonly Decision[]> | readonly Decision[];
};

/** explainEvaluator picks the traced evaluator: an override, a replaced evaluateRequests, or the real one (loaded lazily). */
function explainEvaluator(overrides: ExplainOverrides): (policies: readonly IamPolicy[], requests: readonly Request[]) => Promise<readonly Decision[]> {
  const { explainRequests, evaluateRequests } = overrides;
  if (explainRequests !== undefined) return async (p, r) => explainRequests(p, r);
  if (evaluateRequests !== undefined) return async (p, r) => evaluateRequests(p, r, {});
  return async (p, r) => {
    const engine = await import("../../engine/iam.js"); // loaded only by explain
    return engine.explainRequests(p, r);
  };
}

async function explainHandler(args: Record<string, unknown>, io: Io, overrides: ExplainOverrides): Promise<ExitCode> {
  const cfg = await loadConfig(io.cwd, typeof args.config === "string" ? args.config : undefined);
  const path = String(args.path);
  const address = String(args.address);
  const opts = await buildCheckOptions({ ...args, paths: [path] }, io, cfg);
  const backends = { ...defaultBackends(async () => []), ...overrides };
  const evaluate = explainEvaluator(overrides);
  const loaded = await backends.loadInputs([path], opts.input);
  if (loaded.diagnostics.some((d) => d.severity === "error")) throw new DiagnosticError(loaded.diagnostics);
  const doc = loaded.documents[0];
  const fn = loaded.documents.flatMap((d) => d.functions).find((f) => f.address === address);
  if (fn === undefined || doc === undefined) {
    const known = loaded.documents.flatMap((d) => d.functions.map((f) => f.address)).sort();
    throw new DiagnosticError([diagnostic("usage_error", `no aws_lambda_function ${address} in this input${known.length > 0 ? ` (functions: ${known.join(", ")})` : ""}`, { file: path })]);
  }
  const out: string[] = [];
  const loc = fn.location ?? { file: doc.path, line: 1, column: 1 };
  out.push(`${fn.address}  (${renderSpan(loc)})`, `input: ${doc.path} (${doc.kind}); change: ${fn.changeActions.join(", ")}`);
  out.push(`policies: ${opts.policies.map((p) => `${p.kind} "${p.name}"`).join(", ")}`, "");
  const decisions: (Decision | undefined)[] = [];
  for (const [i, call] of fn.calls.entries()) {
    out.push(`call ${i + 1}: ${call.action}${call.why !== undefined ? ` (${call.why})` : ""}`);
    if (!call.carriesVpcKeys) { out.push("  carries no VPC condition keys: not evaluated", ""); decisions.push(undefined); continue; }
    if (call.request === undefined) { out.push("  request context unknown: unknown", ""); decisions.push(undefined); continue; }
    const reqs = [call.request, ...(call.alternatives ?? []).map((a) => a.request)];
    const ds = await evaluate(opts.policies, reqs);
    out.push(`  resource: ${showScalar(call.request.resource)}`, "  context:", ...contextLines(call.request, fn.sensitiveKeys ?? [], "    "));
    out.push(...decisionLines(ds[0], opts.policies, call.request, "  "));
    (call.alternatives ?? []).forEach((alt, k) => {
      out.push(`  reading ${alt.ambiguity}: ${alt.note}`, ...contextLines(alt.request, fn.sensitiveKeys ?? [], "    "));
      out.push(...decisionLines(ds[k + 1], opts.policies, alt.request, "    "));
    });
    decisions.push(combineAlternatives(call, { primary: ds[0], alternatives: ds.slice(1) }));
    out.push("");
  }
  if (fn.calls.length === 0) out.push("no API calls: nothing to authorise", "");
  const result = judgeFunction(fn, doc.path, decisions, []);
  for (const u of fn.unknowns) out.push(`unknown ${u.key}: ${u.reason}; to resolve: ${u.resolve}`);
  out.push(`verdict: ${result.verdict}`);
  io.stdout(out.join("\n") + "\n");
  return blocks(result, unknownMode(args, cfg)) ? 1 : 0;
}

/** makeExplainCommand builds `vpcgate explain`, optionally with replaced stages. */
export function makeExplainCommand(overrides: ExplainOverrides = {}): Command {
  return {
    command: "explain <path> <address>",
    describe: "explain one function's verdict: calls, request context (unknowns marked), deciding statements and conditions",
    builder: (y) => inputOptions(y)
      .positional("path", { type: "string", describe: "plan JSON, .tf file or directory" })
      .positional("address", { type: "string", describe: "function instance address, e.g. 'module.m.aws_lambda_function.f[\"x\"]'" })
      .example("vpcgate explain plan.json aws_lambda_function.report", "why is this function denied?")
      .example("vpcgate explain plan.json 'module.app.aws_lambda_function.f[\"eu\"]' --scp scp.json", "with a real SCP")
      .epilogue(EXIT_CODES),
    handler: (args, io) => explainHandler(args, io, overrides),
  };
}

/** explainCommand is `vpcgate explain` with the real stages. */
export const explainCommand: Command = makeExplainCommand();
