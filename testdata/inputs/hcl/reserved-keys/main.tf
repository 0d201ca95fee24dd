# Keys that are special to JavaScript objects are ordinary keys in HCL: none may vanish or be
# found by accident (test/inputs/hcl/hcl-eval.test.ts).
variable "fns" {
  default = { "__proto__" = "a", "constructor" = "b" }
}

resource "aws_lambda_function" "f" {
  for_each      = var.fns
  function_name = "f-${each.key}"
  role          = "arn:aws:iam::111122223333:role/f"
  tags = {
    "__proto__" = each.value
    owner       = lookup({ a = "x" }, "constructor", "none")
  }
}
