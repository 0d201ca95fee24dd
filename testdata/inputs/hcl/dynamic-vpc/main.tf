provider "aws" {
  region = "us-east-1"
}

variable "vpc" {
  type = object({ subnets = list(string), sgs = list(string) })
  default = null
}

variable "vpc_on" {
  type = object({ subnets = list(string), sgs = list(string) })
  default = { subnets = ["subnet-1", "subnet-2"], sgs = ["sg-1"] }
}

resource "aws_lambda_function" "off" {
  function_name = "off"
  dynamic "vpc_config" {
    for_each = var.vpc == null ? [] : [var.vpc]
    content {
      subnet_ids         = vpc_config.value.subnets
      security_group_ids = vpc_config.value.sgs
    }
  }
}

resource "aws_lambda_function" "on" {
  function_name = "on"
  dynamic "vpc_config" {
    for_each = var.vpc_on == null ? [] : [var.vpc_on]
    iterator = v
    content {
      subnet_ids         = v.value.subnets
      security_group_ids = [for s in v.value.sgs : s]
    }
  }
}
