// The committed wasm/runtime.wasm must match its sources: scripts/build-runtime.mjs records a
// hash of wasm/runtime/**/*.ts and the build flags in wasm/runtime.hash; `--check` compares it.
import t from "tap";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

t.test("build: committed runtime.wasm is up to date with wasm/runtime sources", async (t) => {
  const r = spawnSync(process.execPath, ["scripts/build-runtime.mjs", "--check"], { cwd: root, encoding: "utf8" });
  t.equal(r.status, 0, r.stderr || "up to date (run `make runtime` otherwise)");
});
