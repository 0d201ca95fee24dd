/*
 * Every command's --help text is printable ASCII plus newlines. The bundle (scripts/bundle/
 * string-width.mjs) measures ASCII help cells on a fast path; one non-ASCII character would load
 * the real string-width (Unicode tables, ~100 ms) on every start, because yargs renders the help
 * after each command. Input: run(["<cmd>", "--help"]). Output: assertions.
 */
import t from "tap";
import { run } from "../../src/cli/cli.js";
import { bufferIo } from "../../src/cli/io.js";
import { commands } from "../../src/cli/commands/index.js";

for (const argv of [["--help"], ...commands.map((c) => [c.command.split(" ")[0]!, "--help"])]) {
  t.test(`vpcgate ${argv.join(" ")} is ASCII`, async (t) => {
    const io = bufferIo({ cwd: process.cwd() });
    t.equal(await run(argv, io), 0);
    t.ok(io.out.length > 0, "help printed");
    const bad = [...io.out].filter((ch) => !/[\x20-\x7e\n]/.test(ch));
    t.same(bad, [], "no character outside printable ASCII");
  });
}
