/*
 * Plan JSON reader: `terraform show -json` / `tofu show -json` text → a checked Plan.
 * Input: the file's text and its path. Output: {plan, diagnostics}; fatal problems are
 * input_parse_error / input_schema_error / input_unsupported_error with file:line:col.
 * Fast path: JSON.parse; the position-reporting reader runs only on failure and on the Lambda
 * entries (to catch duplicate keys and integers beyond 2^53 that JSON.parse would hide).
 */

import { diagnostic, type Diagnostic, type Severity } from "../diagnostics/diagnostic.js";
import { SourceFile } from "../diagnostics/source.js";
import { findSyntaxError, locatePath, parseStrict, type JsonPath, type StrictResult } from "./json-positions.js";
import type { JsonObject, Plan, ResourceChange } from "./plan-types.js";
import { jsonHazardDiagnostic } from "./input-guard.js";
import { checkPlanShape } from "./plan-schema.js";

/** PlanResult is the outcome of parsePlan: a plan, or diagnostics explaining why not. */
export interface PlanResult {
  readonly plan?: Plan;
  readonly diagnostics: readonly Diagnostic[];
}

/** LAMBDA_TYPE is the only resource type vpcgate extracts. */
export const LAMBDA_TYPE = "aws_lambda_function";

const BINARY_HINT = "this is a binary plan file; vpcgate reads JSON: run `terraform show -json plan.tfplan > plan.json` (or `tofu show -json`) and pass plan.json";

/** isZipMagic reports whether bytes (or text) start like a zip archive, which a saved plan file is. */
export function isZipMagic(head: string | Uint8Array): boolean {
  if (typeof head === "string") return head.startsWith("PK\u0003\u0004");
  return head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** parsePlan parses and checks plan JSON text. It never throws for bad input. */
export function parsePlan(text: string, path: string): PlanResult {
  return readPlanText(text, path);
}

/**
 * checkParsedPlan checks a document that JSON.parse produced from `text`, for a caller that has
 * already proved what the hazard scan and the strict re-read look for absent (plan-native.ts):
 * no duplicate key, no lossy number, no lone surrogate escape, no nesting beyond the limit.
 */
export function checkParsedPlan(text: string, doc: unknown, path: string): PlanResult {
  return readPlanText(text, path, { doc });
}

function readPlanText(text: string, path: string, pre?: { readonly doc: unknown }): PlanResult {
  let source: SourceFile | undefined;
  const src = (): SourceFile => (source ??= new SourceFile(path, text));
  const at = (code: string, message: string, offset: number, severity: Severity = "error"): Diagnostic => {
    const p = src().positionAt(offset);
    return diagnostic(code, message, { file: path, line: p.line, column: p.column }, severity);
  };
  const atPath = (code: string, message: string, jp: JsonPath, severity: Severity = "error"): Diagnostic =>
    at(code, message, locatePath(text, jp), severity);

  if (isZipMagic(text)) return { diagnostics: [diagnostic("input_unsupported_error", BINARY_HINT, { file: path, line: 1, column: 1 })] };
  let doc: unknown;
  if (pre !== undefined) {
    doc = pre.doc;
  } else {
    // Issue 8: what JSON.parse hides (duplicate keys, integers beyond 2^53, lone surrogates) and
    // nesting too deep for the readers below is refused anywhere in the document.
    const hazard = jsonHazardDiagnostic(text, path);
    if (hazard !== undefined) return { diagnostics: [hazard] };
    try {
      doc = JSON.parse(text);
    } catch {
      const p = findSyntaxError(text);
      const msg = p === undefined ? "invalid JSON" : `invalid JSON: ${p.message}`;
      return { diagnostics: [at("input_parse_error", msg, p?.offset ?? 0)] };
    }
  }
  if (!isObject(doc)) return { diagnostics: [at("input_schema_error", "a plan must be a JSON object (the output of `terraform show -json <planfile>`)", locatePath(text, []))] };
  const fv = doc["format_version"];
  if (typeof fv !== "string") {
    const what = "values" in doc && !("resource_changes" in doc) && !("planned_values" in doc)
      ? "this looks like a state file, not a plan: run `terraform plan -out plan.tfplan && terraform show -json plan.tfplan`"
      : "not a Terraform plan: `format_version` (a string) is missing";
    return { diagnostics: [atPath("input_schema_error", what, ["format_version"])] };
  }
  const m = /^(\d+)\.(\d+)$/.exec(fv);
  if (m === null || (m[1] !== "0" && m[1] !== "1")) {
    return { diagnostics: [atPath("input_unsupported_error", `unsupported plan format_version ${JSON.stringify(fv)}: vpcgate reads 0.x and 1.x`, ["format_version"])] };
  }
  if (doc["errored"] === true) {
    return { diagnostics: [atPath("input_unsupported_error", "the plan errored (`errored: true`): its resource list may be incomplete; fix the plan errors and plan again", ["errored"])] };
  }
  if (!("resource_changes" in doc) && !("planned_values" in doc) && !("configuration" in doc)) {
    return { diagnostics: [atPath("input_schema_error", "not a Terraform plan: no `resource_changes`, `planned_values` or `configuration`", [])] };
  }
  const rcs = doc["resource_changes"] ?? [];
  if (!Array.isArray(rcs)) return { diagnostics: [atPath("input_schema_error", "`resource_changes` must be an array", ["resource_changes"])] };
  const shape = checkPlanShape(doc);
  if (shape !== undefined) return { diagnostics: [atPath("input_schema_error", shape.message, shape.path)] };

  const diagnostics: Diagnostic[] = [];
  const lambdaIdx: number[] = [];
  for (let i = 0; i < rcs.length; i++) {
    const rc: unknown = rcs[i];
    if (!isObject(rc)) {
      diagnostics.push(atPath("input_schema_error", "`resource_changes` entries must be objects", ["resource_changes", i]));
      continue;
    }
    if (rc["type"] !== LAMBDA_TYPE) continue;
    const problem = checkLambdaChange(rc);
    if (problem !== undefined) {
      diagnostics.push(atPath("input_schema_error", problem.message, ["resource_changes", i, ...problem.path]));
      continue;
    }
    lambdaIdx.push(i);
  }
  if (diagnostics.length > 0) return { diagnostics };

  const rawNumbers = new Map<string, string>();
  if (pre === undefined) diagnostics.push(...verifyLambdaText(text, rcs as readonly JsonObject[], lambdaIdx, at, rawNumbers));
  if (diagnostics.some((d) => d.severity === "error")) return { diagnostics };

  const cfg = doc["configuration"];
  const plan: Plan = {
    path,
    formatVersion: fv,
    ...(typeof doc["terraform_version"] === "string" ? { terraformVersion: doc["terraform_version"] } : {}),
    resourceChanges: rcs as readonly ResourceChange[],
    ...(isObject(doc["prior_state"]) && isObject(doc["prior_state"]["values"]) && isObject(doc["prior_state"]["values"]["root_module"])
      ? { priorState: doc["prior_state"]["values"]["root_module"] as Plan["priorState"] & object }
      : {}),
    ...(isObject(doc["planned_values"]) && isObject(doc["planned_values"]["root_module"])
      ? { plannedValues: doc["planned_values"]["root_module"] as Plan["plannedValues"] & object }
      : {}),
    ...(isObject(cfg) ? { configuration: cfg as Plan["configuration"] & object } : {}),
    ...(isObject(doc["variables"]) ? { variables: doc["variables"] as Plan["variables"] & object } : {}),
    ...(rawNumbers.size > 0 ? { rawNumbers } : {}),
  };
  return { plan, diagnostics };
}

/** checkLambdaChange checks the shape of one aws_lambda_function change; returns the first problem. */
function checkLambdaChange(rc: JsonObject): { path: JsonPath; message: string } | undefined {
  if (typeof rc["address"] !== "string") return { path: ["address"], message: "a resource change needs a string `address`" };
  if (rc["module_address"] !== undefined && typeof rc["module_address"] !== "string") return { path: ["module_address"], message: "`module_address` must be a string" };
  const ch = rc["change"];
  if (!isObject(ch)) return { path: ["change"], message: `${rc["address"]}: \`change\` must be an object` };
  const acts = ch["actions"];
  if (!Array.isArray(acts) || acts.length === 0 || !acts.every((a) => typeof a === "string")) {
    return { path: ["change", "actions"], message: `${rc["address"]}: \`change.actions\` must be a non-empty array of strings` };
  }
  for (const side of ["before", "after"] as const) {
    const v = ch[side];
    if (v !== undefined && v !== null && !isObject(v)) return { path: ["change", side], message: `${rc["address"]}: \`change.${side}\` must be an object or null` };
  }
  const needsAfter = acts.includes("create") || acts.includes("update");
  if (needsAfter && !isObject(ch["after"])) return { path: ["change", "after"], message: `${rc["address"]}: a ${acts.join("/")} change needs an \`after\` object` };
  return undefined;
}

/**
 * verifyLambdaText re-reads the text of every Lambda change with the strict reader, to catch what
 * JSON.parse hides: a duplicate key (the parsed value keeps the last one while another reader
 * could keep the first) is an error; an integer beyond 2^53 is kept exactly in rawNumbers.
 * Each entry is found by its address; when that fails the whole document is read strictly.
 */
function verifyLambdaText(
  text: string,
  rcs: readonly JsonObject[],
  idx: readonly number[],
  at: (code: string, message: string, offset: number, severity?: Severity) => Diagnostic,
  rawNumbers: Map<string, string>,
): Diagnostic[] {
  if (idx.length === 0) return [];
  const out: Diagnostic[] = [];
  let from = Math.max(0, text.indexOf('"resource_changes"'));
  const report = (r: StrictResult): void => {
    for (const d of r.duplicates) {
      out.push(at("input_parse_error", `duplicate key ${JSON.stringify(d.key)} in ${renderPath(d.path)}: JSON readers disagree on which one counts, so vpcgate refuses the plan`, d.offset));
    }
    for (const b of r.bigNumbers) {
      rawNumbers.set(b.path.join("\u0000"), b.raw);
      out.push(at("input_number_precision", `the integer ${b.raw} at ${renderPath(b.path)} is beyond 2^53; vpcgate compares it by its exact text`, b.offset, "warning"));
    }
  };
  for (const i of idx) {
    const rc = rcs[i] as JsonObject;
    const base: JsonPath = ["resource_changes", i];
    const found = findEntry(text, rc, from, base);
    if (found === undefined) return verifyWholeDocument(text, at, rawNumbers);
    report(found);
    from = found.end;
  }
  return out;
}

function findEntry(text: string, rc: JsonObject, from: number, base: JsonPath): StrictResult | undefined {
  const needle = JSON.stringify(rc["address"]);
  for (let tries = 0; tries < 8; tries++) {
    const hit = text.indexOf(needle, from);
    if (hit < 0) return undefined;
    from = hit + needle.length;
    const start = objectStartBefore(text, hit);
    if (start < 0) continue;
    const r = parseStrict(text, start, base);
    if (!("value" in r)) continue;
    if (deepEqual(r.value, rc)) return r;
  }
  return undefined;
}

/** objectStartBefore finds `{ "address" :` right before a value at `hit`, returning the `{` offset. */
function objectStartBefore(text: string, hit: number): number {
  let j = hit - 1;
  while (j >= 0 && /\s/.test(text.charAt(j))) j--;
  if (text.charAt(j) !== ":") return -1;
  j--;
  while (j >= 0 && /\s/.test(text.charAt(j))) j--;
  if (!text.startsWith('"address"', j - 8)) return -1;
  j -= 9;
  while (j >= 0 && /\s/.test(text.charAt(j))) j--;
  return text.charAt(j) === "{" ? j : -1;
}

function verifyWholeDocument(
  text: string,
  at: (code: string, message: string, offset: number, severity?: Severity) => Diagnostic,
  rawNumbers: Map<string, string>,
): Diagnostic[] {
  const r = parseStrict(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  if (!("value" in r)) return [at("input_parse_error", `invalid JSON: ${r.message}`, r.offset)];
  const out: Diagnostic[] = [];
  const relevant = (p: JsonPath): boolean => p.length <= 1 || p[0] === "resource_changes" || p[0] === "prior_state" || p[0] === "configuration";
  for (const d of r.duplicates) {
    if (!relevant(d.path)) continue;
    out.push(at("input_parse_error", `duplicate key ${JSON.stringify(d.key)} in ${renderPath(d.path)}: JSON readers disagree on which one counts, so vpcgate refuses the plan`, d.offset));
  }
  for (const b of r.bigNumbers) {
    if (b.path[0] !== "resource_changes") continue;
    rawNumbers.set(b.path.join("\u0000"), b.raw);
    out.push(at("input_number_precision", `the integer ${b.raw} at ${renderPath(b.path)} is beyond 2^53; vpcgate compares it by its exact text`, b.offset, "warning"));
  }
  return out;
}

/** renderPath renders a JSON path as `$.a[0].b`. */
export function renderPath(p: JsonPath): string {
  return "$" + p.map((s) => (typeof s === "number" ? `[${s}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`)).join("");
}

/** deepEqual compares two JSON values structurally. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ao = a as JsonObject;
  const bo = b as JsonObject;
  const ak = Object.keys(ao);
  if (ak.length !== Object.keys(bo).length) return false;
  for (const k of ak) {
    if (!Object.prototype.hasOwnProperty.call(bo, k) || !deepEqual(ao[k], bo[k])) return false;
  }
  return true;
}
