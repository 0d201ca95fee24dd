/*
 * The policy doctor: warns about known IAM condition pitfalls, each with an explanation and the
 * fix. Input: IamPolicy[]. Output: warning Diagnostics (code iam_policy_warning) naming the policy
 * and statement. Checks: ForAllValues in an Allow without a Null guard, set operator on a
 * single-valued key (lambda:VpcIds especially), plain operator on a multivalued key, condition
 * keys the statement's Lambda actions never carry.
 */

import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnostic } from "../diagnostics/diagnostic.js";
import { MULTIVALUED_KEYS, isSingleValuedKey, parseOperator } from "./operators.js";
import type { IamPolicy } from "./types.js";

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

/** ACTION_KEYS lists, per Lambda action (lower case), the service keys it carries (§1.2, §2). */
const ACTION_KEYS: Readonly<Record<string, readonly string[]>> = {
  "lambda:createfunction": ["lambda:vpcids", "lambda:subnetids", "lambda:securitygroupids", "lambda:layer", "lambda:codesigningconfigarn", "aws:requesttag/", "aws:resourcetag/", "aws:tagkeys"],
  "lambda:updatefunctionconfiguration": ["lambda:vpcids", "lambda:subnetids", "lambda:securitygroupids", "lambda:layer", "aws:resourcetag/"],
};

const SERVICE_KEY = (k: string): boolean => k.startsWith("lambda:") || k.startsWith("aws:requesttag/") || k === "aws:tagkeys" || k.startsWith("aws:resourcetag/");

/** doctor returns one warning per pitfall found. */
export function doctor(policies: readonly IamPolicy[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const pol of policies) {
    const doc = pol.document;
    const statements = isObj(doc) && Array.isArray(doc.Statement) ? doc.Statement : [];
    statements.forEach((s, index) => {
      if (!isObj(s) || !isObj(s.Condition)) return;
      const where = `${pol.kind} policy "${pol.name}" statement ${typeof s.Sid === "string" && s.Sid !== "" ? s.Sid : `#${index}`}`;
      const warn = (check: string, msg: string, fix: string): void => {
        out.push(diagnostic("iam_policy_warning", `${check}: ${where}: ${msg} Fix: ${fix}`, { file: pol.file ?? pol.name }, "warning"));
      };
      const nullFalse = new Set<string>();
      for (const [op, block] of Object.entries(s.Condition)) {
        if (op.toLowerCase() === "null" && isObj(block)) for (const [k, v] of Object.entries(block)) if (String(v) === "false") nullFalse.add(k.toLowerCase());
      }
      const actions = (Array.isArray(s.Action) ? s.Action : [s.Action]).filter((a): a is string => typeof a === "string").map((a) => a.toLowerCase());
      const exact = actions.length > 0 && actions.every((a) => ACTION_KEYS[a] !== undefined);
      for (const [opName, block] of Object.entries(s.Condition)) {
        const op = parseOperator(opName);
        if (op === undefined || !isObj(block)) continue;
        for (const key of Object.keys(block)) {
          const k = key.toLowerCase();
          if (op.set === "ForAllValues" && s.Effect === "Allow" && !nullFalse.has(k)) {
            warn("forallvalues-without-null-guard", `${opName} on ${key} is true when the key is absent or empty, so this Allow also matches requests without ${key} (e.g. a function outside any VPC).`, `add "Null": {"${key}": "false"} to the same statement.`);
          }
          if (op.set !== undefined && k === "lambda:vpcids") {
            warn("set-operator-on-vpcids", `lambda:VpcIds is single-valued (derived by Lambda from the subnets); ${opName} treats it as a set${op.set === "ForAllValues" ? " and is true when it is absent" : ""}.`, `use ${opName.split(":")[1] ?? "StringEquals"} without ${op.set}:.`);
          } else if (op.set !== undefined && isSingleValuedKey(k)) {
            warn("set-operator-on-single-valued-key", `${key} is single-valued; ${op.set}: on it is needlessly permissive.`, `drop the ${op.set}: prefix.`);
          }
          if (op.set === undefined && op.family !== "Null" && MULTIVALUED_KEYS.has(k)) {
            warn("plain-operator-on-multivalued-key", `${key} is multivalued; ${opName} without ForAllValues:/ForAnyValue: has undocumented semantics.`, `use ForAllValues:${opName} (every value approved, plus a Null guard) or ForAnyValue:${opName}.`);
          }
          if (exact && SERVICE_KEY(k)) {
            const missing = actions.filter((a) => !(ACTION_KEYS[a] ?? []).some((sk) => (sk.endsWith("/") ? k.startsWith(sk) : k === sk)));
            if (missing.length > 0) {
              warn("unknown-condition-key-for-action", `${missing.join(", ")} never carries ${key}, so the key is always absent there (${op.negated || op.ifExists || op.set === "ForAllValues" ? "the condition is then always true" : "the condition is then always false"}).`, `move ${key} to a statement for the actions that carry it, or remove it.`);
            }
          }
        }
      }
    });
  }
  return out;
}
