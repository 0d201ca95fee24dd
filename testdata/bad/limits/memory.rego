package vpcgate.limits

# Memory exhaustion: a 100,000,000-element array of 100-byte strings.
deny contains "never" if {
  xs := [concat("", [format_int(i, 10), "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"]) | some i in numbers.range(1, 100000000)]
  count(xs) < 0
}
