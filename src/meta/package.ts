/*
 * Facts about the installed vpcgate package: its version and where its data files live
 * (policies/, wasm/, schemas/). Input: none. Output: VERSION and packagePath(...).
 *
 * packagePath resolves from this module's own URL, two levels below the package root. That holds
 * in src/meta (tests), dist/meta (tsc output) and dist/bin (the bundle, whose chunks all sit two
 * levels down), so no other module computes a path from import.meta.url.
 */

import { fileURLToPath } from "node:url";

/** VERSION is the tool version reported by --version, in reports and in cache keys. */
export const VERSION = "0.1.0";

/** PACKAGE_ROOT is the directory holding policies/, wasm/ and schemas/. */
export const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** packagePath joins segments onto the package root (e.g. packagePath("wasm", "runtime.wasm")). */
export function packagePath(...segments: string[]): string {
  return fileURLToPath(new URL(segments.join("/"), new URL("../../", import.meta.url)));
}
