package vpcgate.custom

deny contains msg if {
  x > 1
  msg := "m"
}
