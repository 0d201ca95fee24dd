/*
 * `vpcgate check <paths..>`: runs the pipeline (engine/check.ts) and writes the report in every
 * requested format. Input: argv, Io. Output: exit code 0 (all allowed, or unknown under
 * --unknown=warn), 1 (deny, unknown, expired waiver), 2 (usage/input/policy/internal error).
 */

import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { renderDiagnostics } from "../../diagnostics/diagnostic.js";
import { loadConfig } from "../../config/config.js";
import { scanInlineWaivers } from "../../config/inline-waivers.js";
import type { Config } from "../../config/config.js";
import type { Waiver } from "../../config/waivers.js";
import { check, defaultBackends } from "../../engine/check.js";
import type { Backends, CheckOptions, CheckOutcome } from "../../engine/check.js";
import { customFindingsFor } from "../../engine/custom.js";
import { exitCode } from "../../engine/report.js";
import { formatters } from "../../formatters/index.js";
import type { Command } from "../command.js";
import { VERSION } from "../command.js";
import type { ExitCode, Io } from "../io.js";
import { inputOptions, keyValues, outputOptions, outputPlan, resolvePolicies, timeoutMs, unknownMode, useColor } from "./check-options.js";
import { DEFAULT_TIMEOUT_MS } from "../../engine/sandbox.js";

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);

/**
 * moduleWaivers finds `# vpcgate:ignore` above `module` blocks in --source and in .tf inputs; they
 * cover every function whose module chain passes through that block (resource-block waivers come
 * with each function from the inputs).
 */
async function moduleWaivers(source: string | undefined, inputs: readonly string[]): Promise<Waiver[]> {
  const roots = [...(source !== undefined ? [source] : []), ...inputs.filter((p) => !p.endsWith(".json"))];
  const out: Waiver[] = [];
  for (const r of roots) out.push(...(await scanInlineWaivers(r).catch(() => [])).filter((w) => w.inline?.kind === "module"));
  return out;
}

/** buildCheckOptions merges flags and config into the pipeline options. */
export async function buildCheckOptions(args: Record<string, unknown>, io: Io, cfg: Config): Promise<CheckOptions> {
  const abs = (p: string): string => resolve(io.cwd, p);
  const source = typeof args.source === "string" ? abs(args.source) : cfg.source;
  return {
    paths: list(args.paths),
    input: {
      cwd: io.cwd,
      vars: { ...cfg.vars, ...keyValues("var", list(args.var)) },
      varFiles: [...cfg.varFiles, ...list(args["var-file"]).map(abs)],
      inventory: [...list(args.inventory).map(abs), ...(cfg.inventory !== undefined ? [cfg.inventory] : [])],
      readStdin: () => io.readStdin(),
      ...(source !== undefined ? { source } : {}),
    },
    policies: await resolvePolicies(args, cfg, io.cwd),
    waivers: [...cfg.waivers, ...(await moduleWaivers(source, list(args.paths).filter((p) => p !== "-").map(abs)))],
    unknown: unknownMode(args, cfg),
    now: io.now(),
    version: VERSION,
    timeoutMs: timeoutMs(args, DEFAULT_TIMEOUT_MS),
  };
}

/** BackendOverrides replaces real stages (tests, embedding); absent fields use the real ones. */
export type BackendOverrides = Partial<Pick<Backends, "loadInputs" | "evaluateRequests">>;

/** runCheck loads config, runs the pipeline with the real backends and returns the outcome. */
export async function runCheck(args: Record<string, unknown>, io: Io, overrides: BackendOverrides = {}): Promise<{ outcome: CheckOutcome; cfg: Config }> {
  // The real evaluator's worker starts now and loads the IAM module while config and inputs are read.
  const engine = overrides.evaluateRequests === undefined ? import("../../engine/iam.js") : undefined;
  void engine?.then((m) => m.prewarmIam(timeoutMs(args, DEFAULT_TIMEOUT_MS)), () => undefined);
  try {
    const cfg = await loadConfig(io.cwd, typeof args.config === "string" ? args.config : undefined);
    const opts = await buildCheckOptions(args, io, cfg);
    const custom = await customFindingsFor([...list(args.policy).map((p) => resolve(io.cwd, p)), ...cfg.policies], io, { timeoutMs: timeoutMs(args, DEFAULT_TIMEOUT_MS) });
    return { outcome: await check(opts, { ...defaultBackends(custom), ...overrides }), cfg };
  } finally {
    await engine?.then((m) => m.discardPrewarmedIam(), () => undefined);
  }
}

/** checkHandler writes every format and computes the exit code. */
async function checkHandler(args: Record<string, unknown>, io: Io, overrides: BackendOverrides): Promise<ExitCode> {
  const { outcome, cfg } = await runCheck(args, io, overrides);
  const unknown = unknownMode(args, cfg);
  const quiet = args.quiet === true;
  const plan = outputPlan(args, cfg, io.cwd);
  if (!quiet && outcome.warnings.length > 0) io.stderr(renderDiagnostics(outcome.warnings) + "\n");
  for (const f of plan.files) {
    const text = formatters[f.format](outcome.report, { color: false, unknown });
    await mkdir(dirname(f.path), { recursive: true });
    await writeFile(f.path, text);
  }
  const color = useColor(args.color, io);
  for (const name of plan.stdout) {
    io.stdout(formatters[name](outcome.report, { color: name === "text" && color, unknown, quiet }));
  }
  if (outcome.problems.length > 0) {
    io.stderr(renderDiagnostics(outcome.problems) + "\n");
    return 1;
  }
  return exitCode(outcome.report, unknown);
}

/** makeCheckCommand builds `vpcgate check`, optionally with replaced stages. */
export function makeCheckCommand(overrides: BackendOverrides = {}): Command {
  return {
    command: "check <paths..>",
    describe: "check plan JSON, .tf files or directories ('-' reads stdin) and report deny/allow/unknown per function",
    builder: (y) => outputOptions(inputOptions(y))
      .positional("paths", { type: "string", array: true, describe: "plan JSON (terraform show -json), .tf file, directory, or - for stdin" })
      .example("terraform show -json plan.tfplan > plan.json && vpcgate check plan.json", "check a plan")
      .example("vpcgate check infra/ --var-file prod.tfvars", "check HCL directly (no plan)")
      .example("vpcgate check plan.json --source infra/ --format sarif --output sarif=vpcgate.sarif", "SARIF pointing at .tf lines")
      .example("vpcgate check plan.json --scp org-scp.json --iam-policy deployer.json", "evaluate real IAM policies")
      .example("vpcgate check plan.json --preset approved-vpcs --preset-param vpcs=vpc-0abc", "a preset with parameters")
      .example("terraform show -json plan.tfplan | vpcgate check - --unknown=warn", "read stdin; unknowns only warn")
      .epilogue(EXIT_CODES),
    handler: (args, io) => checkHandler(args, io, overrides),
  };
}

/** EXIT_CODES documents the exit status (shown in --help). */
export const EXIT_CODES = "Exit codes: 0 every function allowed (unknowns too with --unknown=warn); 1 any deny, any unknown (default --unknown=fail) or an expired waiver; 2 usage, input, policy or internal error.";

/** checkCommand is `vpcgate check` with the real stages. */
export const checkCommand: Command = makeCheckCommand();
