/*
 * Plan JSON reader: refusals and positioned errors, and loadInputs over files, stdin and inventory.
 */
import t from "tap";
import { readFileSync } from "node:fs";
import { parsePlan } from "../../src/inputs/plan-json.js";
import { loadInputs } from "../../src/inputs/index.js";

const read = (p: string): string => readFileSync(p, "utf8");
const codeAt = (p: string) => parsePlan(read(p), p).diagnostics.map((d) => [d.code, d.span.line, d.span.column]);

t.test("plan-json: errored plan is refused", async (t) => {
  t.same(codeAt("testdata/inputs/plan/errored.json").map((x) => x[0]), ["input_unsupported_error"]);
});
t.test("plan-json: unknown major format is refused at the format_version value", async (t) => {
  const d = parsePlan(read("testdata/inputs/plan/format-2.json"), "f.json").diagnostics;
  t.equal(d[0]?.code, "input_unsupported_error");
  t.equal(d[0]?.span.line, 2);
});
t.test("plan-json: syntax error has line and column", async (t) => {
  t.same(codeAt("testdata/inputs/plan/syntax-error.json"), [["input_parse_error", 4, 17]]);
});
t.test("plan-json: duplicate key inside a Lambda change is an error at the second key", async (t) => {
  const d = codeAt("testdata/inputs/plan/duplicate-key.json");
  t.equal(d[0]?.[0], "input_parse_error");
  t.equal(d[0]?.[2], 282);
});
t.test("plan-json: integers beyond 2^53 are refused at the number (issue 8: JSON readers disagree on them)", async (t) => {
  const text = '{"format_version":"1.2","resource_changes":[{"address":"aws_lambda_function.b","mode":"managed","type":"aws_lambda_function","name":"b","change":{"actions":["update"],"before":{"function_name":"b","memory_size":9007199254740993},"after":{"function_name":"b","memory_size":9007199254740992},"after_unknown":{}}}]}';
  const r = parsePlan(text, "big.json");
  t.same(r.diagnostics.map((d) => [d.code, d.severity, d.span.column]), [["input_parse_error", "error", 212]]);
  t.equal(r.plan, undefined);
});
t.test("loadInputs: binary plan file gets the show -json hint", async (t) => {
  const r = await loadInputs(["testdata/inputs/plan/binary.tfplan"], { cwd: process.cwd() });
  t.equal(r.diagnostics[0]?.code, "input_unsupported_error");
  t.match(r.diagnostics[0]?.message, /show -json/);
});
t.test("loadInputs: stdin plan", async (t) => {
  const bytes = new TextEncoder().encode(read("testdata/inputs/plan/features-1.2.json"));
  const r = await loadInputs(["-"], { cwd: process.cwd(), stdin: async () => bytes });
  t.same(r.diagnostics, []);
  t.equal(r.documents[0]?.functions.length, 11);
});
t.test("loadInputs: --inventory from describe-subnets resolves lambda:VpcIds", async (t) => {
  const r = await loadInputs(["testdata/inputs/plan/features-1.2.json"], { cwd: process.cwd(), inventory: ["testdata/inputs/plan/describe-subnets.json"] });
  const f = r.documents[0]!.functions.find((x) => x.address === "aws_lambda_function.layers_csc")!;
  t.equal(f.calls[0]!.request!.context["lambda:VpcIds"], "vpc-inv");
});
t.test("loadInputs: missing file is input_read_error", async (t) => {
  const r = await loadInputs(["nope.json"], { cwd: process.cwd() });
  t.equal(r.diagnostics[0]?.code, "input_read_error");
});
