// net.cidr_expand / net.cidr_merge / net.cidr_contains_matches against OPA's documented
// results (Go net semantics: classful default masks for plain IPv4 addresses in cidr_merge).
import t from "tap";
import { instantiate } from "./harness.js";

const r = instantiate();
const call = (f: string, ...args: string[]): string => {
  const x = r.call(f, ...args.map((a) => r.parseValue(a)));
  return x === 0 ? "undefined" : r.dumpValue(x);
};

t.test("cidr_expand", async (t) => {
  t.equal(call("b_net__cidr_expand", '"192.168.0.0/30"'), '{"192.168.0.0","192.168.0.1","192.168.0.2","192.168.0.3"}');
  t.equal(call("b_net__cidr_expand", '"10.1.2.3/32"'), '{"10.1.2.3"}');
  t.equal(call("b_net__cidr_expand", '"192.168.1.5/31"'), '{"192.168.1.4","192.168.1.5"}');
  t.equal(call("b_net__cidr_expand", '"2001:db8::/126"'), '{"2001:db8::","2001:db8::1","2001:db8::2","2001:db8::3"}');
  t.equal(call("b_net__cidr_expand", '"::ffff:1.2.3.0/127"'), '{"1.2.3.0","1.2.3.1"}');
  t.equal(call("b_net__cidr_expand", '"ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127"'), '{"ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe","ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"}');
  t.equal(call("b_net__cidr_expand", '"255.255.255.254/31"'), '{"255.255.255.254","255.255.255.255"}');
  t.equal(call("b_net__cidr_expand", '"1:0:0:1::/127"'), '{"1:0:0:1::","1:0:0:1::1"}');
  t.equal(call("b_net__cidr_expand", '"not-a-cidr"'), "undefined");
  t.equal(call("b_net__cidr_expand","1"), "undefined");
});

t.test("cidr_merge", async (t) => {
  const rows: [string, string][] = [
    ['["192.0.128.0/24"]', '{"192.0.128.0/24"}'],
    ['["192.0.128.0/24","0.0.0.0/0"]', '{"0.0.0.0/0"}'],
    ['["192.0.128.0/24","192.0.129.0/24"]', '{"192.0.128.0/23"}'],
    ['["192.0.2.112/30","192.0.2.116/31","192.0.2.118/31"]', '{"192.0.2.112/29"}'],
    ['["192.0.129.0/24","192.0.130.0/24"]', '{"192.0.129.0/24","192.0.130.0/24"}'],
    ['["192.0.2.112/31","192.0.2.116/31","192.0.2.118/31"]', '{"192.0.2.112/31","192.0.2.116/30"}'],
    ['["::/0","::192.0.2.0/124","ff00::101/128"]', '{"::/0"}'],
    ['["fe80::/120","192.0.2.0/24","192.0.3.0/24","192.0.4.0/25","192.0.4.128/25"]', '{"192.0.2.0/23","192.0.4.0/24","fe80::/120"}'],
    ["[]","set()"],
    ['["192.0.2.112","192.0.2.116/31","192.0.2.118/31"]', '{"192.0.2.0/24"}'],
    ['["192.0.128.0","192.0.129.0"]', '{"192.0.128.0/23"}'],
    ['{"192.0.2.112/30","192.0.2.116/31","192.0.2.118/31"}', '{"192.0.2.112/29"}'],
    ['["10.1.2.3"]', '{"10.1.2.3/8"}'],
    ['["2601:600:8a80:207e:a57d:7567:e2c9:e7b3/64","2601:600:8a80:207e:a57d:7567:e2c9:e7b3/128"]', '{"2601:600:8a80:207e::/64"}'],
    ['["2601:600:8a80:207e:a57d:7567:e2c9:e7b3/128","2601:600:8a80:207e:a57d:7567:e2c9:e7b3/128"]', '{"2601:600:8a80:207e:a57d:7567:e2c9:e7b3/128"}'],
    ['["10.0.0.0/32","10.0.0.1/32","10.0.0.2/32"]', '{"10.0.0.0/31","10.0.0.2/32"}'],
    ['["0.0.0.0/1","128.0.0.0/1"]', '{"0.0.0.0/0"}'],
    ['["2601:600:8a80:207e:a57d:7567:e2c9:e7b3"]', "undefined"],
    ['["foo"]', "undefined"],
    ["[1]","undefined"],
    ['"10.0.0.0/8"', "undefined"],
  ];
  for (const [a, want] of rows) t.equal(call("b_net__cidr_merge", a), want, a);
});

t.test("cidr_contains_matches", async (t) => {
  t.equal(call("b_net__cidr_contains_matches", '"1.1.1.0/24"', '"1.1.1.128"'), '{["1.1.1.0/24","1.1.1.128"]}');
  t.equal(call("b_net__cidr_contains_matches", '["1.1.1.0/24","1.1.2.0/24"]', '"1.1.1.128"'), '{[0,"1.1.1.128"]}');
  t.equal(call("b_net__cidr_contains_matches", '[["1.1.0.0/16","foo"], "1.1.2.0/24"]', '["1.1.1.128", ["1.1.254.254","bar"]]'), "{[0,0],[0,1]}");
  t.equal(call("b_net__cidr_contains_matches", '{"x": "1.1.1.0/24","y": ["1.1.2.0/24"]}', '{"1.1.2.3"}'), '{["y","1.1.2.3"]}');
  t.equal(call("b_net__cidr_contains_matches", '["1.1.1.0/24"]', "[[]]"), "undefined");
  t.equal(call("b_net__cidr_contains_matches", '["1.1.1.0/24"]', '["x"]'), "undefined");
  t.equal(call("b_net__cidr_contains_matches","[]", '["x"]'), "set()");
  t.equal(call("b_net__cidr_contains_matches","1", '"1.1.1.1"'), "set()");
});
