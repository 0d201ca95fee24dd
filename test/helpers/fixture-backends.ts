// Fixture backends for engine/CLI tests: inputs from testdata JSON, a fake IAM evaluator that
// behaves like the Lambda guide's E1 SCP (EnforceVPCFunction: deny when lambda:VpcIds is absent,
// unknown when it is a marker), and custom findings from JSON.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Backends } from "../../src/engine/check.js";
import { check } from "../../src/engine/check.js";
import { parseConfig } from "../../src/config/config.js";
import type { Finding, Report } from "../../src/engine/report.js";
import type { Decision, Request } from "../../src/iam/types.js";
import type { InputDocument } from "../../src/lambda/model.js";
import { repoRoot } from "./golden.js";

/** fakeDecide mimics E1 (Deny when lambda:VpcIds is null) plus an allow-all identity policy. */
export function fakeDecide(req: Request): Decision {
  const v = req.context["lambda:VpcIds"];
  const deny = { policy: "enforce-vpc", kind: "scp" as const, index: 0, sid: "EnforceVPCFunction", effect: "Deny" as const };
  if (v === undefined) return { decision: "ExplicitDeny", statements: [deny], notes: ["Null: lambda:VpcIds is absent, so Null=true matches"] };
  if (typeof v !== "string") {
    return { decision: "Unknown", statements: [{ ...deny, status: "unknown" }], notes: ["lambda:VpcIds is unknown"], unknownKeys: ["lambda:VpcIds"] };
  }
  return { decision: "Allow", statements: [{ policy: "allow-lambda", kind: "identity", index: 0, sid: "AllowLambda", effect: "Allow" }], notes: [] };
}

/** fixtureBackends serves InputDocuments from a JSON file (filtered by requested paths when they match). */
export function fixtureBackends(dir = "testdata/golden/fixtures"): Backends {
  const docs = JSON.parse(readFileSync(resolve(repoRoot, dir, "inputs.json"), "utf8")) as InputDocument[];
  const custom = JSON.parse(readFileSync(resolve(repoRoot, dir, "custom-findings.json"), "utf8")) as Record<string, Omit<Finding, "location" | "statements">[]>;
  return {
    loadInputs: async (paths) => {
      // In the requested order, so tests can check that output does not depend on it.
      const want = paths.flatMap((p) => docs.filter((d) => d.path === p));
      return { documents: want.length > 0 ? want : docs, diagnostics: [] };
    },
    evaluateRequests: async (_policies, requests) => requests.map(fakeDecide),
    customFindings: async (fn, location) => (custom[fn.address] ?? []).map((f) => ({ ...f, statements: [], location })),
  };
}

/** fixtureReport runs the pipeline on the shared fixtures. */
export async function fixtureReport(paths: string[] = ["infra", "app.plan.json"]): Promise<Report> {
  const cfgFile = "testdata/golden/fixtures/config.yml";
  const cfg = parseConfig(cfgFile, readFileSync(resolve(repoRoot, cfgFile), "utf8"));
  const out = await check({
    paths,
    input: { cwd: repoRoot, vars: {}, varFiles: [], inventory: [], readStdin: async () => new Uint8Array() },
    policies: [],
    waivers: cfg.waivers,
    unknown: "fail",
    now: new Date("2026-01-01T00:00:00Z"),
    version: "0.0.0-test",
  }, fixtureBackends());
  return out.report;
}

