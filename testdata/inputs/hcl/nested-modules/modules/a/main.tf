variable "name" {}
module "b" {
  source   = "../b"
  for_each = { one = "subnet-1" }
  name     = "${var.name}-${each.key}"
  subnet   = each.value
}
