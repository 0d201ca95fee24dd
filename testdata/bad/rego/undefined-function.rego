package vpcgate.custom

deny contains msg if {
  msg := no_such_fn(input.address)
}
