#!/usr/bin/env node
/*
 * Seeded generator of large Terraform plan JSON (`terraform show -json` shape, format 1.2).
 * Input: --functions N --others M [--seed S] [--out FILE] (default stdout-free: FILE required).
 * Output: a plan with N aws_lambda_function changes (VPC-attached, not attached, unknown subnets,
 * updates, replaces, deletes; root for_each groups and counted module instances) and M other
 * resources (subnets, security groups, roles, buckets, log groups) in resource_changes,
 * planned_values, prior_state and configuration. Same arguments → byte-identical file.
 */

import { closeSync, openSync, writeSync } from "node:fs";

/** mulberry32 is a small, fast, seeded PRNG (deterministic across machines). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (rnd, n) => {
  let s = "";
  for (let i = 0; i < n; i++) s += "0123456789abcdef"[Math.floor(rnd() * 16)];
  return s;
};

const PROVIDER = "registry.terraform.io/hashicorp/aws";
const ACCOUNT = "111122223333";
const REGION = "eu-west-1";

/** Buffered writer: the plan is written in chunks, never held whole in memory. */
class Out {
  constructor(path) { this.fd = openSync(path, "w"); this.buf = []; this.len = 0; this.total = 0; }
  w(s) { this.buf.push(s); this.len += s.length; if (this.len > 1 << 20) this.flush(); }
  flush() { const s = this.buf.join(""); writeSync(this.fd, s); this.total += Buffer.byteLength(s); this.buf = []; this.len = 0; }
  close() { this.flush(); closeSync(this.fd); return this.total; }
}

/**
 * generatePlan writes the plan to `path` and returns {bytes, functions, others, kinds}.
 * kinds counts the function scenarios (vpc, novpc, unknown, update, replace, delete, noop).
 */
export function generatePlan(path, { functions, others, seed = 1 }) {
  const rnd = mulberry32(seed);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const vpcs = Array.from({ length: 12 }, () => `vpc-${hex(rnd, 17)}`);
  const subnets = Array.from({ length: 96 }, (_, i) => ({ id: `subnet-${hex(rnd, 17)}`, vpc: vpcs[i % vpcs.length], cidr: `10.${i}.0.0/20` }));
  const sgs = Array.from({ length: 48 }, (_, i) => ({ id: `sg-${hex(rnd, 17)}`, vpc: vpcs[i % vpcs.length] }));

  // Resources: functions are grouped (root for_each groups of 20, module count groups of 25).
  const res = []; // {address, type, name, module, cfgAddr, kind, values, before}
  const kinds = { vpc: 0, novpc: 0, unknown: 0, update: 0, replace: 0, delete: 0, noop: 0 };
  for (let i = 0; i < functions; i++) {
    const inModule = i % 2 === 1;
    const g = Math.floor(i / 50);
    const module = inModule ? `module.team_${g}` : "";
    const name = inModule ? "worker" : `fn_${g}`;
    const key = inModule ? `[${Math.floor(i / 2) % 25}]` : `["svc${i}"]`;
    const address = `${module === "" ? "" : module + "."}aws_lambda_function.${name}${key}`;
    const r = rnd();
    const kind = r < 0.35 ? "vpc" : r < 0.55 ? "novpc" : r < 0.65 ? "unknown" : r < 0.82 ? "update" : r < 0.88 ? "replace" : r < 0.92 ? "delete" : "noop";
    kinds[kind]++;
    res.push({ fn: true, address, module, type: "aws_lambda_function", name, kind, i });
  }
  const otherTypes = ["aws_iam_role", "aws_s3_bucket", "aws_cloudwatch_log_group", "aws_security_group", "aws_subnet", "aws_sqs_queue", "aws_iam_role_policy_attachment", "aws_dynamodb_table"];
  for (let i = 0; i < others; i++) {
    const type = otherTypes[i % otherTypes.length];
    const g = Math.floor(i / 40);
    const module = i % 3 === 0 ? `module.infra_${g}` : "";
    const name = `${type.slice(4)}_${g}`;
    const address = `${module === "" ? "" : module + "."}${type}.${name}["k${i}"]`;
    const r = rnd();
    res.push({ fn: false, address, module, type, name, kind: r < 0.94 ? "create" : r < 0.97 ? "update" : "noop", i });
  }

  const fnValues = (f, side) => {
    const vpcAttached = f.kind === "vpc" || f.kind === "unknown" || (f.kind !== "novpc" && f.i % 3 !== 0);
    const sn = [pick(subnets), pick(subnets)];
    const sg = [pick(sgs)];
    const env = {};
    for (let k = 0; k < 1; k++) env[`VAR_${k}`] = `v${hex(rnd, 4)}`;
    const v = {
      code_signing_config_arn: null,
      environment: [{ variables: env }], filename: `build/fn${f.i}.zip`,
      function_name: `svc-${f.i}-${hex(rnd, 6)}`, handler: "index.handler", layers: [],
      memory_size: side === "after" && f.kind === "update" ? 256 : 128, publish: false,
      reserved_concurrent_executions: -1, role: `arn:aws:iam::${ACCOUNT}:role/fn`,
      runtime: "nodejs20.x", skip_destroy: false, source_code_hash: hex(rnd, 24), tags: { team: `t${f.i % 17}` }, timeout: 30,
      vpc_config: vpcAttached ? [{ ipv6_allowed_for_dual_stack: false, security_group_ids: sg.map((s) => s.id), subnet_ids: sn.map((s) => s.id) }] : [],
    };
    if (side === "before") Object.assign(v, { arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${v.function_name}`, id: v.function_name, version: "$LATEST" });
    return v;
  };

  const out = new Out(path);
  const J = JSON.stringify;
  const changes = [];
  const planned = [];
  const prior = [];
  for (const x of res) {
    let before = null, after = null, actions, afterUnknown = {};
    if (x.fn) {
      switch (x.kind) {
        case "vpc": case "novpc": actions = ["create"]; after = fnValues(x, "after"); break;
        case "unknown": actions = ["create"]; after = fnValues(x, "after"); after.vpc_config[0].subnet_ids = []; afterUnknown = { vpc_config: [{ subnet_ids: true, security_group_ids: [false] }] }; break;
        case "update": before = fnValues(x, "before"); after = { ...before, memory_size: 256, vpc_config: x.i % 5 === 0 ? [{ ipv6_allowed_for_dual_stack: false, security_group_ids: [pick(sgs).id], subnet_ids: [pick(subnets).id] }] : before.vpc_config }; actions = ["update"]; break;
        case "replace": before = fnValues(x, "before"); after = { ...fnValues(x, "after"), function_name: before.function_name + "-v2" }; actions = ["create", "delete"]; afterUnknown = { arn: true, id: true }; break;
        case "delete": before = fnValues(x, "before"); actions = ["delete"]; break;
        default: before = fnValues(x, "before"); after = before; actions = ["no-op"]; break;
      }
      if (after !== null) afterUnknown = { arn: true, invoke_arn: true, last_modified: true, qualified_arn: true, version: true, ...afterUnknown };
    } else {
      const base = { id: `${x.type.slice(4)}-${hex(rnd, 12)}`, tags: { owner: `o${x.i % 9}` } };
      if (x.type === "aws_subnet") { const s = subnets[x.i % subnets.length]; Object.assign(base, { vpc_id: s.vpc, cidr_block: s.cidr }); }
      if (x.type === "aws_security_group") Object.assign(base, { vpc_id: pick(vpcs), name: `sg-${x.i}`, description: "managed" });
      if (x.type === "aws_iam_role") Object.assign(base, { name: `role-${x.i}`, path: "/" });
      if (x.type === "aws_s3_bucket") Object.assign(base, { bucket: `bucket-${x.i}-${hex(rnd, 8)}`, force_destroy: false, object_lock_enabled: false });
      if (x.type === "aws_cloudwatch_log_group") Object.assign(base, { name: `/aws/lambda/svc-${x.i}`, retention_in_days: 14, kms_key_id: "" });
      if (x.type === "aws_sqs_queue") Object.assign(base, { name: `queue-${x.i}` });
      if (x.type === "aws_iam_role_policy_attachment") Object.assign(base, { role: `role-${x.i}`, policy_arn: "arn:aws:iam::aws:policy/ReadOnly" });
      if (x.type === "aws_dynamodb_table") Object.assign(base, { name: `table-${x.i}`, billing_mode: "PAY_PER_REQUEST", hash_key: "pk" });
      if (x.kind === "create") { actions = ["create"]; after = { ...base }; delete after.id; afterUnknown = { id: true }; }
      else if (x.kind === "update") { before = base; after = { ...base, tags: { ...base.tags, rev: "2" } }; actions = ["update"]; }
      else { before = base; after = base; actions = ["no-op"]; }
    }
    const modAddr = x.module === "" ? "" : `,"module_address":${J(x.module)}`;
    const idx = x.address.slice(x.address.lastIndexOf("["));
    const head = `{"address":${J(x.address)}${modAddr},"mode":"managed","type":${J(x.type)},"name":${J(x.name)},"index":${J(JSON.parse(idx.slice(1, -1)))},"provider_name":${J(PROVIDER)}`;
    changes.push(`${head},"change":{"actions":${J(actions)},"before":${J(before)},"after":${J(after)},"after_unknown":${J(afterUnknown)},"before_sensitive":${before === null ? "false" : "{}"},"after_sensitive":${after === null ? "false" : "{}"}}}`);
    if (after !== null) planned.push({ module: x.module, text: `${head},"values":${J(after)}}` });
    if (before !== null) prior.push({ module: x.module, text: `${head},"values":${J(before)}}` });
  }
  // Data sources in prior state give subnet → VPC.
  for (const s of subnets.slice(0, 80)) {
    prior.push({ module: "", text: `{"address":"data.aws_subnet.s_${s.id.slice(7, 13)}","mode":"data","type":"aws_subnet","name":"s_${s.id.slice(7, 13)}","provider_name":${J(PROVIDER)},"schema_version":0,"values":{"id":${J(s.id)},"vpc_id":${J(s.vpc)},"cidr_block":${J(s.cidr)}},"sensitive_values":{}}` });
  }
  for (const s of sgs) {
    prior.push({ module: "", text: `{"address":"data.aws_security_group.g_${s.id.slice(3, 9)}","mode":"data","type":"aws_security_group","name":"g_${s.id.slice(3, 9)}","provider_name":${J(PROVIDER)},"schema_version":0,"values":{"id":${J(s.id)},"vpc_id":${J(s.vpc)}},"sensitive_values":{}}` });
  }
  prior.push({ module: "", text: `{"address":"data.aws_caller_identity.current","mode":"data","type":"aws_caller_identity","name":"current","provider_name":${J(PROVIDER)},"schema_version":0,"values":{"account_id":"${ACCOUNT}","arn":"arn:aws:iam::${ACCOUNT}:user/ci","id":"${ACCOUNT}","user_id":"AIDAEXAMPLE"},"sensitive_values":{}}` });

  const writeModuleTree = (items, extra) => {
    const byModule = new Map();
    for (const it of items) { const l = byModule.get(it.module) ?? []; l.push(it.text); byModule.set(it.module, l); }
    const root = byModule.get("") ?? [];
    out.w(`{"resources":[`);
    root.forEach((t, k) => out.w((k > 0 ? ",\n" : "\n") + t));
    out.w(`]${extra},"child_modules":[`);
    let first = true;
    for (const [m, list] of byModule) {
      if (m === "") continue;
      out.w(`${first ? "\n" : ",\n"}{"address":${J(m)},"resources":[`);
      list.forEach((t, k) => out.w((k > 0 ? ",\n" : "\n") + t));
      out.w(`]}`);
      first = false;
    }
    out.w(`]}`);
  };

  out.w(`{"format_version":"1.2","terraform_version":"1.9.5",\n"planned_values":{"root_module":`);
  writeModuleTree(planned, "");
  out.w(`},\n"resource_changes":[`);
  changes.forEach((t, k) => out.w((k > 0 ? ",\n" : "\n") + t));
  out.w(`],\n"prior_state":{"format_version":"1.0","terraform_version":"1.9.5","values":{"root_module":`);
  writeModuleTree(prior, "");
  out.w(`}},\n"configuration":{"provider_config":{"aws":{"name":"aws","full_name":${J(PROVIDER)},"expressions":{"region":{"constant_value":${J(REGION)}}}}},\n"root_module":`);
  // Configuration: one resource per config address (for_each / count groups), modules as module_calls.
  const cfg = new Map(); // module → Map(cfgAddr → text)
  for (const x of res) {
    const cfgAddr = `${x.type}.${x.name}`;
    const m = cfg.get(x.module) ?? new Map();
    if (m.has(cfgAddr)) continue;
    const exprs = x.fn
      ? { function_name: { references: ["each.key"] }, handler: { constant_value: "index.handler" }, runtime: { constant_value: "nodejs20.x" }, role: { references: [`aws_iam_role.r.arn`, "aws_iam_role.r"] },
          vpc_config: [{ subnet_ids: { references: ["var.subnet_ids"] }, security_group_ids: { references: ["var.sg_ids"] } }] }
      : { tags: { constant_value: { env: "prod" } } };
    const iter = x.module !== "" && x.fn ? `"count_expression":{"constant_value":25}` : `"for_each_expression":{"references":["local.items"]}`;
    m.set(cfgAddr, `{"address":${J(cfgAddr)},"mode":"managed","type":${J(x.type)},"name":${J(x.name)},"provider_config_key":"aws","expressions":${J(exprs)},"schema_version":0, ${iter}}`);
    cfg.set(x.module, m);
  }
  const cfgModule = (m) => `{"resources":[${[...(cfg.get(m)?.values() ?? [])].join(",\n")}]`;
  out.w(cfgModule(""));
  out.w(`,"module_calls":{`);
  let firstCall = true;
  for (const m of cfg.keys()) {
    if (m === "") continue;
    out.w(`${firstCall ? "\n" : ",\n"}${J(m.slice("module.".length))}: {"source":"./modules/${m.startsWith("module.team") ? "team" : "infra"}","module":${cfgModule(m)}}}`);
    firstCall = false;
  }
  out.w(`}}}\n}\n`);
  const bytes = out.close();
  return { bytes, functions, others, kinds };
}

function arg(name, def) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const outPath = arg("out");
  if (outPath === undefined) {
    process.stderr.write("usage: node bench/gen-plan.mjs --functions N --others M [--seed S] --out FILE\n");
    process.exit(2);
  }
  const r = generatePlan(outPath, { functions: Number(arg("functions", "100")), others: Number(arg("others", "400")), seed: Number(arg("seed", "1")) });
  process.stdout.write(`${outPath}: ${(r.bytes / 1e6).toFixed(1)} MB, ${r.functions} functions (${JSON.stringify(r.kinds)}), ${r.others} others\n`);
}
