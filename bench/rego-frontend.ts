// Benchmark: lex + parse + check of a generated 1,000-line policy; prints medians (ms) of 15 runs.
// Run: npx tap bench/rego-frontend.ts (or any TS runner). No assertions on time.
import { SourceFile } from "../src/diagnostics/source.js";
import { parseModule } from "../src/rego/parser.js";
import { checkModules } from "../src/rego/check.js";

/** generatePolicy builds a policy of about `lines` lines mixing the common constructs. */
export function generatePolicy(lines: number): string {
  const out = ["package bench", "import rego.v1", ""];
  for (let i = 0; out.length < lines; i++) {
    out.push(
      `allow_${i} if {`,
      `\tsome x in input.items_${i}`,
      `\tx.kind == "k${i}"`,
      `\tcount([y | some y in x.tags; startswith(y, "a")]) > ${i % 7}`,
      `\tnot deny_${i}`,
      `}`,
      `deny_${i} if input.flags[_] == ${i}`,
      `names_${i} contains n if { n := input.users[_].name; n != "root" }`,
      `f_${i}(a) := a + ${i}`,
      "",
    );
  }
  return out.join("\n");
}

const src = new SourceFile("bench.rego", generatePolicy(1000));
const times: number[] = [];
for (let i = 0; i < 15; i++) {
  const t0 = performance.now();
  const p = parseModule(src);
  if (!p.module || p.diagnostics.length > 0) throw new Error("bench policy does not parse");
  const c = checkModules([p.module]);
  if (c.diagnostics.length > 0) throw new Error(c.diagnostics[0]?.message);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
console.log(`rego front end, 1000-line policy: median ${times[7]?.toFixed(1)} ms (min ${times[0]?.toFixed(1)} ms)`);
