// Terraform address helpers: configAddressOf (one pass, no intermediate arrays) gives what
// parseAddress + moduleAddressOf give, on real addresses and on random strings of address tokens.
import t from "tap";
import { configAddressOf, moduleAddressOf, parseAddress } from "../../src/lambda/address.js";

/** reference is the definition of configAddressOf in terms of parseAddress. */
function reference(addr: string): string {
  const p = parseAddress(addr);
  const mod = moduleAddressOf(p.modules, false);
  return mod === "" ? p.resource : `${mod}.${p.resource}`;
}

t.test("real addresses", async (t) => {
  const cases: Record<string, string> = {
    "aws_lambda_function.f": "aws_lambda_function.f",
    'aws_lambda_function.fn_0["svc0"]': "aws_lambda_function.fn_0",
    "module.team_9.aws_lambda_function.worker[3]": "module.team_9.aws_lambda_function.worker",
    'module.a["x.y"].module.b[0].data.aws_subnet.s["k]\\"."]': "module.a.module.b.data.aws_subnet.s",
  };
  for (const [addr, want] of Object.entries(cases)) {
    t.equal(configAddressOf(addr), want, addr);
    t.equal(configAddressOf(addr), reference(addr), `${addr}: as parseAddress`);
  }
});

t.test("random token strings", async (t) => {
  const tokens = ["module", ".", "[", "]", '"', "\\", "a", "x", "0", "module.", "[0]", '["k"]'];
  let seed = 7;
  const rnd = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
  let bad = 0;
  for (let i = 0; i < 20000; i++) {
    let s = "";
    const len = rnd(12);
    for (let k = 0; k < len; k++) s += tokens[rnd(tokens.length)];
    if (configAddressOf(s) !== reference(s)) {
      bad++;
      if (bad < 5) t.equal(configAddressOf(s), reference(s), JSON.stringify(s));
    }
  }
  t.equal(bad, 0, "configAddressOf agrees with parseAddress on 20,000 random strings");
});
