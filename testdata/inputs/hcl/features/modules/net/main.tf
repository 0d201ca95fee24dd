variable "name" {
  type = string
}
variable "subnets" {
  type = list(string)
}
variable "sg" {
  type = string
}
resource "aws_security_group" "extra" {
  name = "extra-${var.name}"
}
output "subnet_ids" {
  value = var.subnets
}
output "sg_id" {
  value = var.sg
}
output "extra_id" {
  value = aws_security_group.extra.id
}
