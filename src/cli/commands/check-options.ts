/*
 * Options of `vpcgate check` and `vpcgate explain`: yargs declarations, and the merge of flags
 * with the config file into CheckOptions (flags override scalars and add to lists).
 * Input: parsed argv, Io, Config. Output: CheckOptions, output plan and colour decision.
 */

import { resolve } from "node:path";
import type { Argv } from "yargs";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { DiagnosticError, diagnostic } from "../../diagnostics/diagnostic.js";
import type { IamPolicy } from "../../iam/types.js";
import type { Config } from "../../config/config.js";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import type { PolicyKind } from "../../iam/types.js";
import { parsePolicyFile } from "../../iam/policy-file.js";
import { DEFAULT_PRESET, PRESETS, buildPreset, withAssumedIdentity } from "../../iam/presets.js";
import type { UnknownMode } from "../../engine/report.js";
import { FORMAT_NAMES, isFormatName } from "../../formatters/index.js";
import type { FormatName } from "../../formatters/index.js";
import type { Io } from "../io.js";

/** inputOptions declares the flags shared by check and explain. */
export function inputOptions(y: Argv): Argv {
  return y
    .option("config", { type: "string", describe: "config file (default: .vpcgate.yml/.vpcgate.json searched upward)" })
    .option("iam-policy", { type: "string", array: true, describe: "identity policy JSON file or directory (repeatable)" })
    .option("scp", { type: "string", array: true, describe: "service control policy JSON file or directory (repeatable)" })
    .option("boundary", { type: "string", array: true, describe: "permissions boundary JSON file or directory (repeatable)" })
    .option("preset", { choices: Object.keys(PRESETS), describe: `built-in policy set (default ${DEFAULT_PRESET} when no IAM policy is given)` })
    .option("preset-param", { type: "string", array: true, describe: "preset parameter KEY=ID1,ID2: vpcs, subnets or securityGroups (e.g. vpcs=vpc-0abc)" })
    .option("policy", { type: "string", array: true, describe: "custom Rego rules: DIR, FILE.rego, bundle.tar.gz or policy.wasm (repeatable)" })
    .option("inventory", { type: "string", array: true, describe: "describe-subnets / describe-security-groups JSON (subnet -> VPC)" })
    .option("var", { type: "string", array: true, describe: "Terraform variable NAME=VALUE (HCL mode, repeatable)" })
    .option("var-file", { type: "string", array: true, describe: "tfvars file (HCL mode, repeatable)" })
    .option("source", { type: "string", describe: "Terraform root module directory: .tf locations and inline waivers in plan mode" })
    .option("unknown", { choices: ["fail", "warn"] as const, describe: "an unknown verdict fails the gate (fail, default) or only warns" })
    .option("timeout", { type: "number", describe: "seconds one policy evaluation may run before it is stopped with exit 2 (default 60)" })
    .option("color", { type: "boolean", describe: "colour text output (--no-color disables; default: on a TTY, honouring NO_COLOR/FORCE_COLOR)" });
}

/** outputOptions declares the report flags of check. */
export function outputOptions(y: Argv): Argv {
  return y
    .option("format", { alias: "f", choices: FORMAT_NAMES, array: true, describe: "report format, repeatable (default text)" })
    .option("output", { alias: "o", type: "string", array: true, describe: "write FORMAT to FILE: FORMAT=FILE (repeatable)" })
    .option("quiet", { alias: "q", type: "boolean", describe: "text: show only failing or waived functions and the summary; no warnings" });
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);

/** keyValues parses NAME=VALUE flags. */
export function keyValues(flag: string, values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const i = v.indexOf("=");
    if (i <= 0) throw new DiagnosticError([diagnostic("usage_error", `--${flag} expects NAME=VALUE, got "${v}"`, { file: `--${flag}` })]);
    out[v.slice(0, i)] = v.slice(i + 1);
  }
  return out;
}

/** useColor decides colour: --color/--no-color, then FORCE_COLOR, then NO_COLOR, then the TTY. */
export function useColor(flag: unknown, io: Io): boolean {
  if (typeof flag === "boolean") return flag;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force !== "false";
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") return false;
  return io.isTTY;
}

/** unknownMode merges --unknown with the config (default fail). */
export function unknownMode(args: Record<string, unknown>, cfg: Config): UnknownMode {
  const v = args.unknown ?? cfg.unknown;
  return v === "warn" ? "warn" : "fail";
}

/** loadPolicyPaths reads IAM policy JSON files (a directory means every .json in it) of one kind. */
export async function loadPolicyPaths(paths: readonly string[], kind: PolicyKind): Promise<IamPolicy[]> {
  const out: IamPolicy[] = [];
  const errs: Diagnostic[] = [];
  for (const p of paths) {
    const st = await stat(p).catch(() => undefined);
    if (st === undefined) { errs.push(diagnostic("input_read_error", "no such file or directory", { file: p })); continue; }
    const files = st.isDirectory() ? (await readdir(p)).filter((n) => n.toLowerCase().endsWith(".json")).sort().map((n) => join(p, n)) : [p];
    for (const f of files) {
      const r = parsePolicyFile(f, await readFile(f, "utf8"), kind);
      out.push(...r.policies);
      errs.push(...r.diagnostics);
    }
  }
  if (errs.some((d) => d.severity === "error")) throw new DiagnosticError(errs);
  return out;
}

/** presetParams turns --preset-param KEY=A,B flags into the preset's lists. */
function presetParams(values: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(keyValues("preset-param", values))) out[k] = v.split(",").map((x) => x.trim()).filter((x) => x !== "");
  return out;
}

/** resolvePolicies loads IAM documents from flags and config, adds the preset and the assumed identity. */
export async function resolvePolicies(args: Record<string, unknown>, cfg: Config, cwd: string): Promise<IamPolicy[]> {
  const abs = (ps: string[]) => ps.map((p) => resolve(cwd, p));
  const identity = await loadPolicyPaths([...abs(list(args["iam-policy"])), ...cfg.iamPolicies], "identity");
  const scps = await loadPolicyPaths([...abs(list(args.scp)), ...cfg.scps], "scp");
  const boundaries = await loadPolicyPaths([...abs(list(args.boundary)), ...cfg.boundaries], "boundary");
  const flagPreset = typeof args.preset === "string" ? args.preset : undefined;
  const explicit = identity.length + scps.length + boundaries.length > 0;
  let presetName = flagPreset ?? cfg.preset?.name;
  if (presetName === undefined && !explicit) presetName = DEFAULT_PRESET;
  const out: IamPolicy[] = [...identity, ...scps, ...boundaries];
  if (presetName !== undefined) {
    const flagParams = list(args["preset-param"]);
    const params = flagPreset !== undefined || flagParams.length > 0 ? presetParams(flagParams) : cfg.preset?.params ?? {};
    const r = buildPreset(presetName, params, flagPreset !== undefined || flagParams.length > 0 ? "--preset" : cfg.file ?? "--preset");
    if (r.length > 0 && "code" in (r[0] as object)) throw new DiagnosticError(r as Diagnostic[]);
    out.push(...(r as IamPolicy[]));
  }
  return withAssumedIdentity(out);
}

/** OutputPlan says which formats go to stdout and which to files. */
export interface OutputPlan {
  readonly stdout: readonly FormatName[];
  readonly files: readonly { readonly format: FormatName; readonly path: string }[];
}

/** outputPlan merges --format/--output with the config's formats/outputs. */
export function outputPlan(args: Record<string, unknown>, cfg: Config, cwd: string): OutputPlan {
  const files: { format: FormatName; path: string }[] = [];
  const outputs = list(args.output);
  for (const [k, v] of Object.entries(keyValues("output", outputs))) {
    if (!isFormatName(k)) throw new DiagnosticError([diagnostic("usage_error", `--output: unknown format "${k}" (formats: ${FORMAT_NAMES.join(", ")})`, { file: "--output" })]);
    files.push({ format: k, path: resolve(cwd, v) });
  }
  if (outputs.length === 0) {
    for (const [k, v] of Object.entries(cfg.outputs)) if (isFormatName(k)) files.push({ format: k, path: v });
  }
  const asked = list(args.format).filter(isFormatName);
  const fromCfg = cfg.formats.filter(isFormatName);
  const chosen = asked.length > 0 ? asked : fromCfg.length > 0 ? fromCfg : ["text" as const];
  const toFile = new Set(files.map((f) => f.format));
  // A format written to a file goes only to that file.
  const stdout = [...new Set(chosen)].filter((f) => !toFile.has(f));
  return { stdout, files };
}

/** timeoutMs reads --timeout SECONDS (default DEFAULT_TIMEOUT_MS): evaluation runs in a worker it can stop. */
export function timeoutMs(args: Record<string, unknown>, fallback: number): number {
  const v = args.timeout;
  if (v === undefined) return fallback;
  if (typeof v !== "number" || !Number.isFinite(v) || v <= 0 || v > 86_400) {
    throw new DiagnosticError([diagnostic("usage_error", `--timeout expects a number of seconds between 0 and 86400, got ${JSON.stringify(v)}`, { file: "--timeout" })]);
  }
  return Math.ceil(v * 1000);
}
