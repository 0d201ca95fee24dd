module "a" {
  source   = "./modules/a"
  for_each = toset(["x", "y"])
  name     = each.key
}
