module "outside" {
  source = "/etc"
}
