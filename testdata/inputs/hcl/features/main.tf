# HCL-mode evaluator coverage (test/inputs/hcl/hcl-eval.test.ts): provider alias + assume_role,
# default_tags, variable defaults, for/splat/conditional/try/can, module outputs through for_each
# and count modules, dynamic blocks with an iterator, an unknown count, an object key from an
# unknown variable, and an attribute Terraform would reject.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

provider "aws" {
  region              = var.region
  allowed_account_ids = ["111122223333"]
  default_tags {
    tags = { owner = "platform", env = var.env }
  }
}

provider "aws" {
  alias  = "us"
  region = "us-east-1"
  assume_role {
    role_arn = "arn:aws:iam::444455556666:role/deployer"
  }
}

variable "region" {
  type    = string
  default = "eu-west-1"
}
variable "env" {
  type    = string
  default = "dev"
}
variable "teams" {
  type = map(object({ subnets = list(string), sg = string }))
  default = {
    red  = { subnets = ["subnet-r1", "subnet-r2"], sg = "sg-r" }
    blue = { subnets = ["subnet-b1"], sg = "sg-b" }
  }
}
variable "maybe" {
  type = string
}

locals {
  names      = [for k, v in var.teams : "${k}-${var.env}"]
  by_team    = { for k, v in var.teams : k => v.subnets }
  upper_env  = upper(var.env)
  flat       = flatten([for v in values(var.teams) : v.subnets])
  first      = try(local.flat[0], "none")
  has_x      = can(var.teams["x"])
  cond       = var.env == "dev" ? "d" : "p"
  joined     = join(",", sort(local.flat))
  merged     = merge({ a = 1 }, { b = 2 })
  unknown_id = aws_vpc.v.id
  splat_ids  = aws_subnet.s[*].id
  sg_ids     = [for s in aws_security_group.g : s.id]
  lookup_v   = lookup(var.teams["red"], "sg", "none")
  n          = length(var.teams) * 2 + 1
}

resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "s" {
  count      = 2
  vpc_id     = aws_vpc.v.id
  cidr_block = cidrsubnet("10.0.0.0/16", 8, count.index)
}

resource "aws_security_group" "g" {
  for_each = toset(["a", "b"])
  name     = "g-${each.key}"
  vpc_id   = aws_vpc.v.id
}

data "aws_subnet" "existing" {
  id = "subnet-known"
}

module "net" {
  source   = "./modules/net"
  for_each = var.teams
  name     = each.key
  subnets  = each.value.subnets
  sg       = each.value.sg
}

module "fn" {
  source  = "./modules/fn"
  count   = 2
  idx     = count.index
  subnets = module.net["red"].subnet_ids
  sgs     = [module.net["blue"].sg_id]
}

resource "aws_lambda_function" "splat" {
  function_name = "splat-${local.upper_env}"
  role          = "r"
  vpc_config {
    subnet_ids         = aws_subnet.s[*].id
    security_group_ids = local.sg_ids
  }
  tags = { n = local.n, cond = local.cond, first = local.first, has_x = local.has_x }
}

resource "aws_lambda_function" "known" {
  for_each      = local.by_team
  function_name = "known-${each.key}"
  role          = "r"
  layers        = ["arn:aws:lambda:eu-west-1:111122223333:layer:x:${length(each.value)}"]
  vpc_config {
    subnet_ids         = each.value
    security_group_ids = [var.teams[each.key].sg]
  }
}

resource "aws_lambda_function" "us" {
  provider      = aws.us
  function_name = "us-fn"
  role          = "r"
  vpc_config {
    subnet_ids         = [data.aws_subnet.existing.id]
    security_group_ids = ["sg-1"]
  }
}

resource "aws_lambda_function" "dyn" {
  for_each      = { x = ["subnet-x"], y = [] }
  function_name = "dyn-${each.key}"
  role          = "r"
  dynamic "vpc_config" {
    for_each = length(each.value) > 0 ? [each.value] : []
    iterator = cfg
    content {
      subnet_ids         = cfg.value
      security_group_ids = ["sg-${cfg.key}"]
    }
  }
}

resource "aws_lambda_function" "unk" {
  count         = var.maybe == "" ? 0 : 1
  function_name = "unk-${var.maybe}"
  role          = "r"
}

resource "aws_lambda_function" "tags_unknown" {
  function_name = "tags-unknown"
  role          = "r"
  tags          = { (var.maybe) = "v" }
}

resource "aws_lambda_function" "bad" {
  function_name = "bad"
  role          = "r"
  tags          = { x = var.teams["nope"].sg }
}

resource "aws_lambda_function" "csc" {
  function_name           = "csc-${var.region}"
  role                    = "r"
  code_signing_config_arn = "arn:aws:lambda:eu-west-1:111122223333:code-signing-config:csc-1"
  layers                  = []
  vpc_config {
    subnet_ids                  = concat(["subnet-1"], local.flat)
    security_group_ids          = distinct(["sg-1", "sg-1", "sg-2"])
    ipv6_allowed_for_dual_stack = true
  }
}

output "names" {
  value = local.names
}
