variable "enabled" {
  default = false
}
resource "aws_lambda_function" "f" {
  count         = var.enabled ? 1 : 0
  function_name = "never"
}
resource "aws_lambda_function" "g" {
  count         = 2
  function_name = "g-${count.index}"
}
