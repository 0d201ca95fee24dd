import t from "tap";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadPolicy } from "@open-policy-agent/opa-wasm";
import { run } from "../../../src/cli/cli.js";
import { bufferIo } from "../../../src/cli/io.js";
import { readBundle } from "../../../src/bundle/bundle.js";
import { normaliseEntrypoint } from "../../../src/cli/commands/build.js";

const root = resolve(new URL(".", import.meta.url).pathname, "../../..");
const fixtures = "testdata/codegen/build";

t.test("build: directory → bundle that the SDK loads", async (t) => {
  const out = join(mkdtempSync(join(tmpdir(), "vpcgate-build-")), "b.tar.gz");
  const io = bufferIo({ cwd: root });
  const code = await run(["build", `${fixtures}/pkg`, "-e", "lambda/allow", "-e", "data.lambda.sub.names", "-o", out], io);
  t.equal(code, 0, io.err);
  const b = readBundle(new Uint8Array(readFileSync(out)));
  t.same(b.manifest.wasm.map((w) => w.entrypoint), ["lambda/allow", "lambda/sub/names"]);
  t.same(b.data, { lambda: { allowed_vpcs: ["vpc-1"] } });
  const pol = await loadPolicy(b.wasm);
  pol.setData(b.data as object);
  t.same(pol.evaluate({ vpc_id: "vpc-1" }, "lambda/allow"), [{ result: true }]);
  t.same(pol.evaluate({ vpc_id: "vpc-2" }, "lambda/allow"), [{ result: false }]);
  t.same(pol.evaluate({ names: ["z", "a"] }, "lambda/sub/names"), [{ result: ["a", "z"] }]);
});

t.test("build: file → bare .wasm module", async (t) => {
  const out = join(mkdtempSync(join(tmpdir(), "vpcgate-build-")), "m.wasm");
  const io = bufferIo({ cwd: root });
  t.equal(await run(["build", `${fixtures}/pkg/sub/extra.rego`, "-e", "lambda/sub/names", "-o", out], io), 0, io.err);
  const pol = await loadPolicy(new Uint8Array(readFileSync(out)));
  t.same(pol.entrypoints, { "lambda/sub/names": 0 });
});

t.test("build: errors exit 2 and print every diagnostic", async (t) => {
  const out = join(mkdtempSync(join(tmpdir(), "vpcgate-build-")), "x.wasm");
  let io = bufferIo({ cwd: root });
  t.equal(await run(["build", `${fixtures}/bad.rego`, "-e", "bad/p", "-o", out], io), 2);
  t.match(io.err, /testdata\/codegen\/build\/bad\.rego:\d+:\d+: rego_parse_error: /);
  io = bufferIo({ cwd: root });
  t.equal(await run(["build", `${fixtures}/missing.rego`, `${fixtures}/missing2.rego`, "-e", "a/b", "-o", out], io), 2);
  t.match(io.err, /missing\.rego: input_read_error: [^]*missing2\.rego: input_read_error: [^]*2 errors occurred/);
  io = bufferIo({ cwd: root });
  t.equal(await run(["build", `${fixtures}/pkg`, "-e", "lambda/allow", "-o", "out.zip"], io), 2);
  t.match(io.err, /usage_error/);
  io = bufferIo({ cwd: root });
  t.equal(await run(["build", `${fixtures}/pkg`, "-o", out], io), 2, "an entrypoint is required");
  t.notMatch(io.err, /at .*\.ts:\d+/, "no stack trace");
});

t.test("build: builtins the host must supply are warnings", async (t) => {
  const out = join(mkdtempSync(join(tmpdir(), "vpcgate-build-")), "h.wasm");
  const io = bufferIo({ cwd: root });
  t.equal(await run(["build", `${fixtures}/host.rego`, "-e", "host/t", "-o", out], io), 0, io.err);
  t.match(io.err, /host\.rego:\d+:\d+: warning: rego_host_builtin: uuid\.rfc4122 /);
  const pol = await loadPolicy(new Uint8Array(readFileSync(out)), undefined, { "uuid.rfc4122": () => 7 });
  t.same(pol.evaluate({ ts: "x" }, "host/t"), [{ result: 7 }]);
});

t.test("build: entrypoint spellings", async (t) => {
  t.equal(normaliseEntrypoint("a/b"), "a/b");
  t.equal(normaliseEntrypoint("data.a.b"), "a/b");
  t.equal(normaliseEntrypoint("a.b"), "a/b");
  t.equal(normaliseEntrypoint("/a/b/"), "a/b");
});
