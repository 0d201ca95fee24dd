provider "aws" {
  region              = "eu-west-1"
  allowed_account_ids = ["111122223333"]
  default_tags {
    tags = { team = "net" }
  }
}

variable "sg_ids" {
  type    = list(string)
  default = ["sg-0aaa"]
}

locals {
  name = "fn-${var.env}"
}

variable "env" {
  default = "dev"
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}

# vpcgate:ignore lambda-vpc-required legacy function, see JIRA-1
resource "aws_lambda_function" "f" {
  function_name = local.name
  role          = "arn:aws:iam::111122223333:role/r"
  layers        = ["arn:aws:lambda:eu-west-1:111122223333:layer:l:1"]
  code_signing_config_arn = "arn:aws:lambda:eu-west-1:111122223333:code-signing-config:csc-1"
  tags          = { app = "x" }
  vpc_config {
    subnet_ids                  = [aws_subnet.a.id]
    security_group_ids          = concat(var.sg_ids, ["sg-0bbb"])
    ipv6_allowed_for_dual_stack = true
  }
}
