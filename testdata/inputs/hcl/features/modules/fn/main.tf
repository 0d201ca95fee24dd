variable "idx" {
  type = number
}
variable "subnets" {
  type = list(string)
}
variable "sgs" {
  type = list(string)
}
locals {
  name = format("fn-%02d", var.idx)
}
resource "aws_lambda_function" "f" {
  function_name = local.name
  role          = "r"
  vpc_config {
    subnet_ids         = var.subnets
    security_group_ids = concat(var.sgs, [path.module])
  }
  tags = merge({ idx = tostring(var.idx) }, var.idx == 0 ? { zero = "yes" } : {})
}
output "arn" {
  value = aws_lambda_function.f.arn
}
