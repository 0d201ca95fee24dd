package vpcgate.custom

deny contains msg if {
  msg := concat(",")
}
