package bad

p if {
  x :=
}

q := y
