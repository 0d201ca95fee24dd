package errs.syntax

p := [1, 2
q := "unterminated
r if { true true }
s := 1 @ 2
