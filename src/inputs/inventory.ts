/*
 * --inventory: the unmodified JSON output of `aws ec2 describe-subnets` and
 * `aws ec2 describe-security-groups` → a NetworkLookup (subnet/SG id → VPC id).
 * Input: file texts. Output: {lookup, diagnostics}; malformed files are input_schema_error.
 */

import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { NetworkLookup } from "../lambda/request-context.js";
import { findSyntaxError, locatePath } from "./json-positions.js";
import { SourceFile } from "../diagnostics/source.js";

/** Inventory is what the inventory files say. */
export interface Inventory extends NetworkLookup {
  readonly subnets: ReadonlyMap<string, string>;
  readonly securityGroups: ReadonlyMap<string, string>;
}

/** parseInventory reads inventory files (path + text) into one Inventory. */
export function parseInventory(files: readonly { path: string; text: string }[]): { inventory: Inventory; diagnostics: Diagnostic[] } {
  const subnets = new Map<string, string>();
  const sgs = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  for (const f of files) {
    const at = (msg: string, offset: number, code = "input_schema_error"): void => {
      const p = new SourceFile(f.path, f.text).positionAt(offset);
      diagnostics.push(diagnostic(code, msg, { file: f.path, line: p.line, column: p.column }));
    };
    let doc: unknown;
    try {
      doc = JSON.parse(f.text);
    } catch {
      const p = findSyntaxError(f.text);
      at(`invalid JSON: ${p?.message ?? "syntax error"}`, p?.offset ?? 0, "input_parse_error");
      continue;
    }
    const o = doc as Record<string, unknown>;
    const list = typeof doc === "object" && doc !== null ? (o["Subnets"] ?? o["SecurityGroups"]) : undefined;
    const kind = typeof doc === "object" && doc !== null && "Subnets" in o ? "Subnets" : "SecurityGroups";
    if (!Array.isArray(list)) {
      at("an inventory file must be the JSON output of `aws ec2 describe-subnets` (with \"Subnets\") or `aws ec2 describe-security-groups` (with \"SecurityGroups\")", 0);
      continue;
    }
    list.forEach((e: unknown, i) => {
      const r = e as Record<string, unknown>;
      const id = kind === "Subnets" ? r?.["SubnetId"] : r?.["GroupId"];
      const vpc = r?.["VpcId"];
      if (typeof id !== "string" || typeof vpc !== "string") {
        at(`${kind}[${i}] needs string ${kind === "Subnets" ? "SubnetId" : "GroupId"} and VpcId`, locatePath(f.text, [kind, i]));
        return;
      }
      (kind === "Subnets" ? subnets : sgs).set(id, vpc);
    });
  }
  return {
    inventory: {
      subnets,
      securityGroups: sgs,
      subnetVpc: (id) => subnets.get(id),
      securityGroupVpc: (id) => sgs.get(id),
      hasInventory: files.length > 0,
    },
    diagnostics,
  };
}
