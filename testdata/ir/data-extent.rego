# entrypoints: a, a/b/q
package a.b

p := 1

q := data.a.c[k] if {
	k := "x"
}
