/*
 * Path display: show a path relative to the working directory when it lies inside it.
 * Input: cwd and an absolute path. Output: the path diagnostics and locations print.
 */

import { resolve } from "node:path";

/** relativeDisplay shows a path relative to cwd when it is inside it. */
export function relativeDisplay(cwd: string, full: string): string {
  const base = resolve(cwd) + "/";
  return full.startsWith(base) ? full.slice(base.length) : full;
}
