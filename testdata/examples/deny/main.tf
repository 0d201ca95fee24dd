# A function created without vpc_config: the Lambda guide's EnforceVPCFunction SCP denies it.
resource "aws_lambda_function" "report" {
  function_name = "nightly-report"
  role          = "arn:aws:iam::111122223333:role/report"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "report.zip"
}
