/*
 * `vpcgate simulate`: an offline counterpart of `aws iam simulate-custom-policy`. Input: policy
 * files (--policy identity, --scp, --boundary; standard IAM JSON or AWS CLI output) and a requests
 * file (JSON array or JSON lines). Output: a JSON array of {decision, statements, notes}, in order.
 * Exit 0 whatever the decisions; 2 on bad input, with file:line:col.
 */

import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "../command.js";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { DiagnosticError, diagnostic } from "../../diagnostics/diagnostic.js";
import { evaluateRequests } from "../../engine/iam.js";
import { parsePolicyFile } from "../../iam/policy-file.js";
import { DEFAULT_PRESET, buildPreset, withAssumedIdentity } from "../../iam/presets.js";
import { parseRequestsFile } from "../../iam/requests-file.js";
import type { IamPolicy, PolicyKind } from "../../iam/types.js";

const asList = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

async function readText(cwd: string, file: string): Promise<string> {
  try {
    return await readFile(resolve(cwd, file), "utf8");
  } catch {
    throw new DiagnosticError([diagnostic("input_read_error", "cannot read file", { file })]);
  }
}

/** simulateCommand evaluates requests against IAM policies and prints the decisions. */
export const simulateCommand: Command = {
  command: "simulate",
  describe: "evaluate IAM requests against policies offline (like aws iam simulate-custom-policy)",
  builder: (y) =>
    y
      .option("policy", { type: "string", array: true, describe: "identity policy JSON file (repeatable)" })
      .option("scp", { type: "string", array: true, describe: "service control policy JSON file (repeatable)" })
      .option("boundary", { type: "string", array: true, describe: "permissions boundary JSON file (repeatable)" })
      .option("requests", { type: "string", demandOption: true, describe: "requests: JSON array or JSON lines of {action, resource, context}" })
      .example("vpcgate simulate --scp org.json --policy dev.json --requests reqs.json", "decide each request"),
  handler: async (args, io) => {
    const diags: Diagnostic[] = [];
    const policies: IamPolicy[] = [];
    const groups: [PolicyKind, string[]][] = [["identity", asList(args.policy)], ["scp", asList(args.scp)], ["boundary", asList(args.boundary)]];
    for (const [kind, files] of groups) {
      for (const f of files) {
        const r = parsePolicyFile(f, await readText(io.cwd, f), kind);
        diags.push(...r.diagnostics);
        policies.push(...r.policies);
      }
    }
    const reqFile = String(args.requests);
    const rq = parseRequestsFile(reqFile, await readText(io.cwd, reqFile));
    diags.push(...rq.diagnostics);
    if (diags.length > 0) throw new DiagnosticError(diags);
    let all = policies;
    if (all.length === 0) {
      const preset = buildPreset(DEFAULT_PRESET);
      all = withAssumedIdentity(preset as IamPolicy[]);
    }
    const decisions = await evaluateRequests(all, rq.requests);
    const out = decisions.map((d) => ({ decision: d.decision, statements: d.statements, notes: d.notes, ...(d.unknownKeys !== undefined ? { unknownKeys: d.unknownKeys } : {}) }));
    io.stdout(JSON.stringify(out, null, 2) + "\n");
    return 0;
  },
};
