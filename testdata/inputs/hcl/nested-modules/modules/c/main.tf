variable "name" {}
variable "subnet" {}
resource "aws_lambda_function" "f" {
  function_name = "fn-${var.name}"
  vpc_config {
    subnet_ids         = [var.subnet]
    security_group_ids = ["sg-1"]
  }
}
output "arn" {
  value = aws_lambda_function.f.arn
}
