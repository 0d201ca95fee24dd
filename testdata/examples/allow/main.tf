# A function attached to two existing subnets and a security group: AWS derives lambda:VpcIds
# from the subnets (prior_state holds their VPC), so EnforceVPCFunction does not apply.
data "aws_subnet" "private_a" {
  id = "subnet-0a1b2c3d4e5f60001"
}

resource "aws_lambda_function" "api" {
  function_name = "orders-api"
  role          = "arn:aws:iam::111122223333:role/api"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "api.zip"

  vpc_config {
    subnet_ids         = [data.aws_subnet.private_a.id, "subnet-0a1b2c3d4e5f60002"]
    security_group_ids = ["sg-0a1b2c3d4e5f60009"]
  }
}
