/*
 * Runs policies/iam through vpcgate's own front end, planner and the IR reference interpreter
 * (test code only), so the Rego evaluator can be checked against the TypeScript oracle before
 * the Wasm backend exists. Input: policies and requests. Output: the Decision array.
 * Adds the builtins the interpreter lacks (glob.match, net.cidr_contains, time.parse_rfc3339_ns).
 */

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SourceFile } from "../../src/diagnostics/source.js";
import { renderDiagnostics } from "../../src/diagnostics/diagnostic.js";
import type { Decision, IamPolicy, Request } from "../../src/iam/types.js";
import { parseModule } from "../../src/rego/parser.js";
import { checkModules } from "../../src/rego/check.js";
import { plan } from "../../src/planner/plan.js";
import { IrInterpreter } from "../helpers/ir-interp.js";
import { parseRfc3339Ns } from "./rfc3339.js";
import { cidrContainsOpa, globMatchOpa } from "./opa-builtins.js";

/** loadIamInterpreter plans policies/iam (without tests) and returns an evaluator of `entrypoint` (decisions or explain). */
export function loadIamInterpreter(dir = "policies/iam", entrypoint = "vpcgate/iam/decisions"): (policies: readonly IamPolicy[], requests: readonly Request[]) => Decision[] {
  const files = readdirSync(dir).filter((n) => n.endsWith(".rego") && !n.endsWith("_test.rego")).sort();
  const mods = files.map((f) => {
    const r = parseModule(new SourceFile(join(dir, f), readFileSync(join(dir, f), "utf8")));
    if (r.module === undefined || r.diagnostics.length > 0) throw new Error(renderDiagnostics(r.diagnostics));
    return r.module;
  });
  const c = checkModules(mods);
  if (c.diagnostics.length > 0) throw new Error(renderDiagnostics(c.diagnostics));
  const p = plan(c.program, [entrypoint]);
  if (p.diagnostics.length > 0) throw new Error(renderDiagnostics(p.diagnostics));
  const it = new IrInterpreter(p.policy);
  it.builtins["glob.match"] = (pat, _d, s) => (typeof pat === "string" && typeof s === "string" ? globMatchOpa(pat, s) : undefined);
  it.builtins["net.cidr_contains"] = (c1, ip) => (typeof c1 === "string" && typeof ip === "string" ? (cidrContainsOpa(c1, ip) ?? undefined) : undefined);
  it.builtins["time.parse_rfc3339_ns"] = (s) => (typeof s === "string" ? parseRfc3339Ns(s) : undefined);
  return (policies, requests) => {
    const rs = it.evaluate(entrypoint, { requests }, { policies }) as { result: Decision[] }[];
    const first = rs[0];
    if (first === undefined) throw new Error(`${entrypoint} is undefined`);
    return first.result;
  };
}
