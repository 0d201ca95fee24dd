// net.cidr_*: Go's ParseCIDR/ParseIP rules (no leading zeros, IPv6 forms, zones rejected) and
// IPNet.Contains (IPv4-mapped IPv6 addresses match IPv4 networks; families never mix otherwise).
import t from "tap";
import { instantiate } from "./harness.js";

const r = instantiate();
const call = (f: string, ...args: unknown[]): string => {
  const x = r.call(f, ...args.map((a) => r.parse(JSON.stringify(a))));
  return x === 0 ? "undefined" : r.dump(x);
};

t.test("cidr_contains: addresses and networks", async (t) => {
  const rows: [string, string, string][] = [
    ["10.0.0.0/8", "10.255.255.255", "true"],
    ["10.0.0.0/8", "10.0.0.0/8", "true"],
    ["10.0.0.0/8", "10.0.0.0/7", "false"],
    ["10.0.0.0/8", "::ffff:10.1.2.3", "true"],
    ["::ffff:10.0.0.0/104", "10.2.3.4", "true"],
    ["::/0", "10.0.0.1", "false"],
    ["::/0", "::1", "true"],
    ["2001:db8::/32", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "true"],
    ["2001:db8::/32", "2001:db8::/31", "false"],
    ["192.168.0.0/16", "192.168.1.0/24", "true"],
    ["10.0.0.0/08", "10.0.0.1", "true"],
    ["01.0.0.0/8", "1.0.0.1", "undefined"],
    ["10.0.0.0/8", "1.2.3", "undefined"],
    ["fe80::/10", "fe80::1%eth0", "undefined"],
    ["1:2:3:4:5:6:7:8:9/64", "::1", "undefined"],
  ];
  for (const [a, b, want] of rows) t.equal(call("b_net__cidr_contains", a, b), want, `${a} ⊇ ${b}`);
  t.equal(call("b_net__cidr_contains", "10.0.0.0/8", 5), "undefined", "non-string operand");
  t.equal(call("b_net__cidr_overlap", "172.17.0.0/16", "172.17.0.1"), "true");
});

t.test("cidr_intersects and cidr_is_valid", async (t) => {
  t.equal(call("b_net__cidr_intersects", "192.168.1.0/25", "192.168.1.64/25"), "true");
  t.equal(call("b_net__cidr_intersects", "192.168.1.0/25", "192.168.1.128/25"), "false");
  t.equal(call("b_net__cidr_intersects", "10.0.0.0/8", "::/0"), "false");
  t.equal(call("b_net__cidr_intersects", "10.0.0.0/8", "10.0.0.1"), "undefined");
  for (const s of ["0.0.0.0/0", "::/0", "::ffff:1.2.3.4/128", "1:2:3:4:5:6:1.2.3.4/96", "a::/16"]) t.equal(call("b_net__cidr_is_valid", s), "true", s);
  for (const s of ["10.0.0.0", "10.0.0.0/33", "::/129", "1::2::3/64", "12345::/8", "1.2.3.4/-1", "1.2.3.4/", ""]) t.equal(call("b_net__cidr_is_valid", s), "false", s);
  t.equal(call("b_net__cidr_is_valid", 1), "false");
});
