/*
 * Preloaded by bench/run.mjs (`node --import bench/rss-hook.mjs ...`): on exit, writes the
 * process's peak resident set size (bytes) and CPU time (user + system, ms, all threads) to the
 * file named by VPCGATE_BENCH_RSS as "rss cpu". Input: that environment variable. Not product code.
 */
import { writeFileSync } from "node:fs";

const file = process.env.VPCGATE_BENCH_RSS;
if (file) {
  process.on("exit", () => {
    const u = process.resourceUsage();
    writeFileSync(file, `${u.maxRSS * 1024} ${(u.userCPUTime + u.systemCPUTime) / 1000}`);
  });
}
