/*
 * --source in plan mode: map configuration addresses (`module.a.aws_lambda_function.f`) to the
 * .tf file:line:col of their resource and module blocks, and their `vpcgate:ignore` waivers.
 * Input: the root module directory (local module sources are followed). Output: SourceIndex.
 */

import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Location, Waiver } from "../lambda/model.js";
import { scanBlocks, type TopBlock } from "./hcl/block-scanner.js";

/** SourceIndex answers where a configuration address is written. */
export interface SourceIndex {
  resource(configAddress: string): Location | undefined;
  moduleCall(configModuleAddress: string): Location | undefined;
  waivers(configAddress: string): readonly Waiver[] | undefined;
}

/** SourceEntry is one indexed block. */
interface SourceEntry {
  readonly location: Location;
  readonly waivers: readonly Waiver[];
}

/** listTfFiles lists the .tf files of a directory (sorted, not recursive). */
export async function listTfFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith(".tf")).sort().map((n) => join(dir, n));
}

/** scanModuleDir scans every .tf file of one module directory. */
export async function scanModuleDir(dir: string, display: (abs: string) => string): Promise<TopBlock[]> {
  const out: TopBlock[] = [];
  for (const f of await listTfFiles(dir)) {
    const text = await readFile(f, "utf8");
    out.push(...scanBlocks(display(f), text));
  }
  return out;
}

/** buildSourceIndex scans a root module and its local modules (`./`, `../` sources). */
export async function buildSourceIndex(rootDir: string, display: (abs: string) => string = (p) => p): Promise<SourceIndex> {
  const resources = new Map<string, SourceEntry>();
  const calls = new Map<string, SourceEntry>();
  const seen = new Set<string>();
  const visit = async (dir: string, prefix: string, depth: number): Promise<void> => {
    if (depth > 32 || seen.has(dir + "\u0000" + prefix)) return;
    seen.add(dir + "\u0000" + prefix);
    const blocks = await scanModuleDir(dir, display);
    const files = await listTfFiles(dir);
    for (const b of blocks) {
      if ((b.type === "resource" || b.type === "data") && b.labels.length === 2) {
        const addr = `${prefix}${b.type === "data" ? "data." : ""}${b.labels[0]}.${b.labels[1]}`;
        resources.set(addr, { location: b.location, waivers: b.waivers });
      } else if (b.type === "module" && b.labels.length === 1) {
        const addr = `${prefix}module.${b.labels[0]}`;
        calls.set(addr, { location: b.location, waivers: b.waivers });
        const src = await moduleSource(files, b.labels[0] as string);
        if (src !== undefined && (src.startsWith("./") || src.startsWith("../"))) await visit(resolve(dir, src), `${addr}.`, depth + 1);
      }
    }
  };
  await visit(resolve(rootDir), "", 0);
  return {
    resource: (a) => resources.get(a)?.location,
    moduleCall: (a) => calls.get(a)?.location,
    waivers: (a) => resources.get(a)?.waivers,
  };
}

/** moduleSource finds `source = "..."` of `module "<name>"` by a light text search. */
async function moduleSource(files: readonly string[], name: string): Promise<string | undefined> {
  const re = new RegExp(`module\\s+"${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"\\s*\\{[^]*?\\bsource\\s*=\\s*"([^"]+)"`);
  for (const f of files) {
    const m = re.exec(await readFile(f, "utf8"));
    if (m !== null) return m[1];
  }
  return undefined;
}
