# entrypoints: test/all_ok, test/names
package test

all_ok if {
	every v in input.items {
		v.ok
	}
	not input.deny[_]
}

names := {n | some item in input.items; n := item.name}
