// Benchmark: full compile (parse, check, plan, codegen, encode) of a generated 1,000-line policy,
// and evaluation cost of a small policy versus `allow := true` through the same opa-wasm SDK.
// Prints medians (ms / µs) and the ratio. Run: npx tap bench/codegen.ts. No assertions on time.
import { loadPolicy } from "@open-policy-agent/opa-wasm";
import { compileRego } from "../src/compile.js";
import { generatePolicy } from "./rego-frontend.js";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

// Functions and startswith may not be implemented natively yet; keep only what compiles everywhere.
function compilable(lines: number): string {
  return generatePolicy(lines)
    .split("\n")
    .filter((l) => !l.startsWith("f_") && !l.includes("startswith"))
    .join("\n");
}
let n = 1000;
while (compilable(n).split("\n").length < 1000) n += 50;
const big = compilable(n);
const compileTimes: number[] = [];
let size = 0;
for (let i = 0; i < 9; i++) {
  const t0 = performance.now();
  const { wasm } = compileRego([{ path: "bench.rego", text: big }], ["bench/allow_0", "bench/names_1"]);
  compileTimes.push(performance.now() - t0);
  size = wasm.length;
}
console.log(`compile ${big.split("\n").length} lines: median ${median(compileTimes).toFixed(1)} ms, module ${size} bytes`);

async function evalCost(text: string, ep: string, input: unknown): Promise<number> {
  const pol = await loadPolicy(compileRego([{ path: "p.rego", text }], [ep]).wasm);
  const runs: number[] = [];
  for (let r = 0; r < 15; r++) {
    const t0 = performance.now();
    for (let i = 0; i < 2000; i++) pol.evaluate(input, ep);
    runs.push(((performance.now() - t0) * 1000) / 2000);
  }
  return median(runs);
}

const input = { function: { vpc_config: { subnet_ids: ["subnet-1", "subnet-2"], security_group_ids: ["sg-1"] } }, allowed: ["subnet-1", "subnet-2", "subnet-3"] };
const base = await evalCost("package p\nimport rego.v1\nallow := true\n", "p/allow", input);
const small = await evalCost(
  [
    "package p",
    "import rego.v1",
    "default allow := false",
    "allow if {",
    "  count(input.function.vpc_config.subnet_ids) > 0",
    "  every s in input.function.vpc_config.subnet_ids { s in input.allowed }",
    "  not deny",
    "}",
    'deny if input.function.vpc_config.security_group_ids[_] == "sg-bad"',
    "",
  ].join("\n"),
  "p/allow",
  input,
);
console.log(`evaluate allow := true: median ${base.toFixed(1)} µs; small policy: ${small.toFixed(1)} µs; ratio ${(small / base).toFixed(2)}`);
