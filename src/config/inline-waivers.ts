/*
 * Inline waivers in .tf files: a `# vpcgate:ignore <rule> <reason>` (or `//`) comment directly
 * above a `resource "aws_lambda_function" "name"` or `module "name"` block.
 * Input: .tf text (or a directory of .tf files). Output: Waiver[] located at the block header line.
 */

import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Waiver } from "./waivers.js";

const IGNORE = /^\s*(?:#|\/\/)\s*vpcgate:ignore\s+(\S+)\s*(.*)$/;
const RESOURCE = /^\s*resource\s+"aws_lambda_function"\s+"([^"]+)"/;
const MODULE = /^\s*module\s+"([^"]+)"/;
const COMMENT = /^\s*(?:#|\/\/)/;

/** parseInlineWaivers finds every vpcgate:ignore comment block above a function or module header. */
export function parseInlineWaivers(file: string, text: string): Waiver[] {
  const lines = text.split(/\r\n|\r|\n/);
  const out: Waiver[] = [];
  let pending: { rule: string; reason: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const m = IGNORE.exec(line);
    if (m) { pending.push({ rule: m[1] ?? "*", reason: (m[2] ?? "").trim() }); continue; }
    if (COMMENT.test(line)) continue; // other comments between the waiver and the block are fine
    const r = RESOURCE.exec(line);
    const mod = r ? null : MODULE.exec(line);
    if ((r || mod) && pending.length > 0) {
      const kind = r ? "resource" : "module";
      const name = (r ?? mod)?.[1] ?? "";
      for (const p of pending) {
        out.push({
          address: kind === "resource" ? `aws_lambda_function.${name}` : `module.${name}`,
          rule: p.rule,
          reason: p.reason === "" ? "(no reason given)" : p.reason,
          origin: { file, line: i + 1, column: 1 },
          inline: { kind, name },
        });
      }
    }
    pending = [];
  }
  return out;
}

/** scanInlineWaivers reads every .tf file under `dir` (or the file itself) and collects inline waivers. */
export async function scanInlineWaivers(path: string): Promise<Waiver[]> {
  const out: Waiver[] = [];
  const visit = async (p: string, depth: number): Promise<void> => {
    if (depth > 20) return;
    let entries;
    try {
      entries = await readdir(p, { withFileTypes: true });
    } catch {
      if (p.endsWith(".tf")) out.push(...parseInlineWaivers(p, await readFile(p, "utf8")));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith(".")) continue; // .terraform, .git
      const child = join(p, e.name);
      if (e.isDirectory()) await visit(child, depth + 1);
      else if (e.name.endsWith(".tf")) out.push(...parseInlineWaivers(child, await readFile(child, "utf8")));
    }
  };
  await visit(path, 0);
  return out;
}
