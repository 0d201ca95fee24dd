package bad

test_ok if true

test_broken if {
	x := 
}
