# Two module calls whose inputs read each other's outputs: a cycle Terraform refuses.
module "a" {
  source = "./m"
  x      = module.b.o
}
module "b" {
  source = "./m"
  x      = module.a.o
}
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "r"
  vpc_config {
    subnet_ids         = [module.a.o]
    security_group_ids = []
  }
}
