# dynamic vpc_config: over a map with an iterator, two dynamic blocks (the first empty), a static block next to a dynamic one with an unknown for_each, and a for_each that is not a collection.
variable "u" {
  type = list(string)
}
locals {
  m = { b = ["subnet-b"], a = ["subnet-a"] }
}
resource "aws_lambda_function" "map_iter" {
  function_name = "m"
  role          = "r"
  dynamic "vpc_config" {
    for_each = local.m
    iterator = it
    content {
      subnet_ids         = it.value
      security_group_ids = ["sg-${it.key}"]
    }
  }
}
resource "aws_lambda_function" "two_dyn" {
  function_name = "t"
  role          = "r"
  dynamic "vpc_config" {
    for_each = []
    content {
      subnet_ids         = ["never"]
      security_group_ids = []
    }
  }
  dynamic "vpc_config" {
    for_each = ["x", "y"]
    content {
      subnet_ids         = ["subnet-${vpc_config.value}"]
      security_group_ids = [tostring(vpc_config.key)]
    }
  }
}
resource "aws_lambda_function" "static_and_unknown_dyn" {
  function_name = "s"
  role          = "r"
  vpc_config {
    subnet_ids         = ["subnet-s"]
    security_group_ids = []
  }
  dynamic "vpc_config" {
    for_each = var.u
    content {
      subnet_ids         = vpc_config.value
      security_group_ids = []
    }
  }
}
