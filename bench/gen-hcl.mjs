#!/usr/bin/env node
/*
 * Seeded generator of a Terraform HCL tree: a root module calling `modules` local modules (each
 * with for_each over teams), each declaring `functionsPerModule` Lambda functions (for_each maps,
 * count, dynamic vpc_config, some without VPC) plus subnets, security groups, roles and buckets.
 * Input: --out DIR --modules N --functions-per-module K [--seed S]. Output: the tree; same args →
 * same bytes.
 */

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { mulberry32 } from "./gen-plan.mjs";

/** generateHcl writes the tree under `dir` and returns the number of .tf bytes written. */
export function generateHcl(dir, { modules, functionsPerModule, seed = 1 }) {
  const rnd = mulberry32(seed);
  const hex = (n) => Array.from({ length: n }, () => "0123456789abcdef"[Math.floor(rnd() * 16)]).join("");
  let bytes = 0;
  const write = (p, text) => { mkdirSync(join(p, ".."), { recursive: true }); writeFileSync(p, text); bytes += Buffer.byteLength(text); };
  const root = [
    `terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws" }\n  }\n}\n`,
    `provider "aws" {\n  region = "eu-west-1"\n}\n`,
    `variable "env" {\n  type    = string\n  default = "prod"\n}\n`,
    `locals {\n  teams = toset(["alpha", "beta", "gamma"])\n  vpc_id = "vpc-${hex(17)}"\n}\n`,
  ];
  for (let m = 0; m < modules; m++) {
    const subnets = [`subnet-${hex(17)}`, `subnet-${hex(17)}`];
    root.push(`module "svc_${m}" {\n  source   = "./modules/svc_${m}"\n  for_each = local.teams\n  team     = each.key\n  env      = var.env\n  subnets  = ${JSON.stringify(subnets)}\n  sg       = "sg-${hex(17)}"\n}\n`);
    const body = [
      `variable "team" {\n  type = string\n}\nvariable "env" {\n  type = string\n}\nvariable "subnets" {\n  type = list(string)\n}\nvariable "sg" {\n  type = string\n}\n`,
      `locals {\n  fns = {\n${Array.from({ length: functionsPerModule }, (_, k) => `    f${k} = { memory = ${128 * (1 + (k % 4))}, vpc = ${k % 5 !== 0} }`).join("\n")}\n  }\n}\n`,
      `resource "aws_iam_role" "r" {\n  name               = "svc-${m}-\${var.team}"\n  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })\n}\n`,
      `resource "aws_s3_bucket" "b" {\n  bucket = "svc-${m}-\${var.team}-${hex(6)}"\n  tags   = { team = var.team, env = var.env }\n}\n`,
      `resource "aws_lambda_function" "fn" {\n  for_each      = local.fns\n  function_name = "svc-${m}-\${var.team}-\${each.key}"\n  role          = aws_iam_role.r.arn\n  handler       = "index.handler"\n  runtime       = "nodejs20.x"\n  filename      = "build/\${each.key}.zip"\n  memory_size   = each.value.memory\n  tags          = { team = var.team, env = var.env }\n  dynamic "vpc_config" {\n    for_each = each.value.vpc ? [1] : []\n    content {\n      subnet_ids         = var.subnets\n      security_group_ids = [var.sg]\n    }\n  }\n  environment {\n    variables = { TEAM = var.team, FN = each.key }\n  }\n}\n`,
      `resource "aws_lambda_function" "worker" {\n  count         = 2\n  function_name = "worker-${m}-\${var.team}-\${count.index}"\n  role          = aws_iam_role.r.arn\n  handler       = "worker.handler"\n  runtime       = "python3.12"\n  filename      = "build/worker.zip"\n}\n`,
      `output "arns" {\n  value = [for f in aws_lambda_function.fn : f.arn]\n}\n`,
    ];
    write(join(dir, "modules", `svc_${m}`, "main.tf"), body.join("\n"));
  }
  write(join(dir, "main.tf"), root.join("\n"));
  return bytes;
}

function arg(name, def) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = arg("out");
  if (out === undefined) {
    process.stderr.write("usage: node bench/gen-hcl.mjs --out DIR [--modules N] [--functions-per-module K] [--seed S]\n");
    process.exit(2);
  }
  const n = generateHcl(out, { modules: Number(arg("modules", "10")), functionsPerModule: Number(arg("functions-per-module", "20")), seed: Number(arg("seed", "1")) });
  process.stdout.write(`${out}: ${(n / 1e6).toFixed(2)} MB of .tf\n`);
}
