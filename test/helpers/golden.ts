// Golden-file helper: expectGolden(t, file, actual) compares with the file, or rewrites it when
// UPDATE_GOLDEN=1. Paths are relative to the repo root.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { dirname, resolve } from "node:path";

/** repoRoot is the repository root (this file lives in test/helpers/). */
export const repoRoot = resolve(dirname(new URL(import.meta.url).pathname), "..", "..");

import type { Test } from "tap";

/** expectGolden asserts `actual` equals the golden file, or writes it under UPDATE_GOLDEN=1. */
export function expectGolden(t: Test, file: string, actual: string): void {
  const path = resolve(repoRoot, file);
  if (process.env.UPDATE_GOLDEN === "1") {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) {
    t.fail(`golden file ${file} is missing; run with UPDATE_GOLDEN=1 to create it`);
    return;
  }
  t.equal(actual, readFileSync(path, "utf8"), `golden ${file}`);
}
