variable "name" {}
variable "subnet" {}
module "c" {
  source = "../c"
  name   = var.name
  subnet = var.subnet
}
