# The function's subnets come from a data source that Terraform can read only during apply (it
# filters on a VPC tag set by the same apply), so lambda:SubnetIds, and whether lambda:VpcIds is
# present at all, are known only after apply: vpcgate reports unknown, never allow.
data "aws_subnets" "private" {
  filter {
    name   = "tag:tier"
    values = [aws_ec2_tag.tier.value]
  }
}

resource "aws_ec2_tag" "tier" {
  resource_id = "vpc-0a1b2c3d4e5f6aaaa"
  key         = "tier"
  value       = "private"
}

resource "aws_lambda_function" "worker" {
  function_name = "queue-worker"
  role          = "arn:aws:iam::111122223333:role/worker"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "worker.zip"

  vpc_config {
    subnet_ids         = data.aws_subnets.private.ids
    security_group_ids = ["sg-0a1b2c3d4e5f60009"]
  }
}
