resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::111122223333:role/f"
  count         = "two"
}
