/*
 * Supply chain (issue 8): vpcgate has no install scripts of its own, pins every dependency to an
 * exact version, and docs/dependencies.md justifies each runtime and dev dependency.
 */
import t from "tap";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../helpers/golden.js";

const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as {
  scripts?: Record<string, string>; dependencies?: Record<string, string>; devDependencies?: Record<string, string>;
};

t.test("no install-time scripts of our own", async (t) => {
  for (const s of ["preinstall", "install", "postinstall", "prepare", "prepublish", "preprepare", "postprepare"]) {
    t.equal(pkg.scripts?.[s], undefined, `no ${s} script`);
  }
});

t.test("every dependency is pinned to an exact version and justified in docs/dependencies.md", async (t) => {
  const doc = readFileSync(join(repoRoot, "docs/dependencies.md"), "utf8");
  const all = { ...pkg.dependencies, ...pkg.devDependencies };
  t.ok(Object.keys(pkg.dependencies ?? {}).length <= 6, "few runtime dependencies");
  for (const [name, version] of Object.entries(all)) {
    t.match(version, /^\d+\.\d+\.\d+(-[\w.]+)?$/, `${name}@${version} is exact`);
    t.ok(doc.includes(`\`${name}\``), `${name} is justified in docs/dependencies.md`);
  }
});
