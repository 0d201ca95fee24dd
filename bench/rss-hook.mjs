/*
 * Preloaded by bench/run.mjs (`node --import bench/rss-hook.mjs ...`): on exit, writes the
 * process's peak resident set size in bytes to the file named by VPCGATE_BENCH_RSS.
 * Input: that environment variable. Output: the file. Not part of the product.
 */
import { writeFileSync } from "node:fs";

const file = process.env.VPCGATE_BENCH_RSS;
if (file) process.on("exit", () => writeFileSync(file, String(process.resourceUsage().maxRSS * 1024)));
