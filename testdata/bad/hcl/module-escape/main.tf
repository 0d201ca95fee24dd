module "outside" {
  source = "../../../../../../etc"
}
