package errs

p if { x > 1 }
q := nope(1)
r := count(1, 2, 3)
s if { s }
t := 1
t contains 2
default t := 3
default t := 4
