import t from "tap";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, readFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { readBundle, writeBundle } from "../../src/bundle/bundle.js";
import { readTar, writeTar } from "../../src/bundle/tar.js";
import { DiagnosticError } from "../../src/diagnostics/diagnostic.js";
import { compileRego } from "../../src/compile.js";
import { loadPolicy } from "@open-policy-agent/opa-wasm";

const wasm = Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

t.test("bundle: layout matches opa build -t wasm", async (t) => {
  const gz = writeBundle(wasm, ["a/b", "a/c"]);
  const tar = readTar(new Uint8Array(require_gunzip(gz)));
  t.same(tar.map((e) => e.name), ["data.json", "policy.wasm", ".manifest"]);
  const raw = rawNames(require_gunzip(gz));
  t.same(raw, ["/data.json", "/policy.wasm", "/.manifest"], "member names keep the leading slash");
  const manifest = new TextDecoder().decode(tar[2]?.bytes);
  t.equal(
    manifest,
    '{"revision":"","roots":[""],"wasm":[{"entrypoint":"a/b","module":"/policy.wasm"},{"entrypoint":"a/c","module":"/policy.wasm"}]}\n',
  );
  t.equal(new TextDecoder().decode(tar[0]?.bytes), "{}\n");
  t.same([...(tar[1]?.bytes ?? [])], [...wasm]);
});

t.test("bundle: write → read round trip", async (t) => {
  const b = readBundle(writeBundle(wasm, ["x/allow"], { k: [1, 2] }));
  t.same([...b.wasm], [...wasm]);
  t.same(b.data, { k: [1, 2] });
  t.same(b.manifest, { revision: "", roots: [""], wasm: [{ entrypoint: "x/allow", module: "/policy.wasm" }] });
});

t.test("bundle: compiled policy → bundle → read → SDK load with the bundle's data", async (t) => {
  const text = "package gate\nimport rego.v1\ndefault allow := false\nallow if input.vpc in data.gate.vpcs\n";
  const { wasm } = compileRego([{ path: "gate.rego", text }], ["gate/allow"]);
  const b = readBundle(writeBundle(wasm, ["gate/allow"], { gate: { vpcs: ["vpc-a"] } }));
  const pol = await loadPolicy(b.wasm);
  pol.setData(b.data as object);
  t.same(pol.evaluate({ vpc: "vpc-a" }, b.manifest.wasm[0]?.entrypoint), [{ result: true }]);
  t.same(pol.evaluate({ vpc: "vpc-b" }, "gate/allow"), [{ result: false }]);
});

t.test("bundle: system tar lists and extracts our archive", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "vpcgate-bundle-"));
  const file = join(dir, "bundle.tar.gz");
  writeFileSync(file, writeBundle(wasm, ["a/b"]));
  const list = execFileSync("tar", ["-tzf", file], { encoding: "utf8" });
  t.same(list.trim().split("\n"), ["/data.json", "/policy.wasm", "/.manifest"]);
  const out = join(dir, "out");
  mkdirSync(out);
  execFileSync("tar", ["-xzf", file, "-C", out]);
  t.same([...readFileSync(join(out, "policy.wasm"))], [...wasm]);
});

t.test("bundle: reads archives written by other tools (GNU tar, long names, leading slash, ./)", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "vpcgate-bundle-"));
  const src = join(dir, "src");
  mkdirSync(join(src, "deep", "x".repeat(90)), { recursive: true });
  writeFileSync(join(src, "policy.wasm"), wasm);
  writeFileSync(join(src, "data.json"), '{"a":1}');
  writeFileSync(join(src, ".manifest"), '{"revision":"r1","roots":["a"],"wasm":[{"entrypoint":"a/b","module":"/policy.wasm"}]}');
  writeFileSync(join(src, "deep", "x".repeat(90), "policy.rego"), "package a\n");
  const file = join(dir, "b.tar.gz");
  for (const format of ["gnu", "posix", "ustar"]) {
    const args = ["-czf", file, `--format=${format}`, "-C", src, "./policy.wasm", "./data.json", "./.manifest"];
    if (format !== "ustar") args.push("./deep");
    execFileSync("tar", args);
    const b = readBundle(new Uint8Array(readFileSync(file)));
    t.same([...b.wasm], [...wasm], format);
    t.same(b.data, { a: 1 }, format);
    t.equal(b.manifest.revision, "r1");
    if (format !== "ustar") t.ok(b.files.has(`deep/${"x".repeat(90)}/policy.rego`), `${format} long name`);
  }
  // OPA-style members with a leading slash
  const tar = writeTar([
    { name: "/data.json", bytes: new TextEncoder().encode("{}") },
    { name: "/example.rego", bytes: new TextEncoder().encode("package example") },
    { name: "/policy.wasm", bytes: wasm },
    { name: "/.manifest", bytes: new TextEncoder().encode('{"revision":"","roots":[""],"wasm":[{"entrypoint":"example/allow","module":"/policy.wasm"}],"rego_version":1}') },
  ]);
  const b = readBundle(new Uint8Array(gzipSync(tar)));
  t.same(b.manifest.wasm, [{ entrypoint: "example/allow", module: "/policy.wasm" }]);
  t.ok(b.files.has("example.rego"));
});

t.test("bundle: malformed bundles are diagnostics", async (t) => {
  const codes = (f: () => unknown): string[] => {
    try {
      f();
      return [];
    } catch (e) {
      if (e instanceof DiagnosticError) return e.diagnostics.map((d) => `${d.code} ${d.span.file}`);
      throw e;
    }
  };
  t.same(codes(() => readBundle(new Uint8Array([1, 2, 3]), "x.tar.gz")), ["policy_load_error x.tar.gz"]);
  t.same(codes(() => readBundle(new Uint8Array(gzipSync(writeTar([]))), "e.tar.gz")), ["policy_load_error e.tar.gz"]);
  const badManifest = writeTar([{ name: "/.manifest", bytes: new TextEncoder().encode("{") }, { name: "/policy.wasm", bytes: wasm }]);
  t.same(codes(() => readBundle(new Uint8Array(gzipSync(badManifest)))), ["policy_load_error bundle.tar.gz"]);
  const corrupt = writeTar([{ name: "/policy.wasm", bytes: wasm }]);
  corrupt[10] = 0x41;
  t.same(codes(() => readBundle(new Uint8Array(gzipSync(corrupt)))), ["policy_load_error bundle.tar.gz"]);
});

function require_gunzip(gz: Uint8Array): Uint8Array {
  return new Uint8Array(execFileSync("gzip", ["-dc"], { input: gz }));
}

function rawNames(tar: Uint8Array): string[] {
  const names: string[] = [];
  for (let at = 0; at + 512 <= tar.length; ) {
    const h = tar.subarray(at, at + 512);
    if (h.every((b) => b === 0)) break;
    const name = new TextDecoder().decode(h.subarray(0, h.indexOf(0)));
    names.push(name);
    const size = parseInt(new TextDecoder().decode(h.subarray(124, 135)), 8);
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return names;
}
