resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::111122223333:role/f"
  dynamic "vpc_config" {
    for_each = "subnet-1"
    content {
      subnet_ids         = ["subnet-1"]
      security_group_ids = ["sg-1"]
    }
  }
}
