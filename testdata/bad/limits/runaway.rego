package vpcgate.limits

# Runaway evaluation: 10^10 iterations; only a timeout stops it.
deny contains "never" if {
  some i in numbers.range(1, 100000)
  some j in numbers.range(1, 100000)
  i == j + 100000
}
