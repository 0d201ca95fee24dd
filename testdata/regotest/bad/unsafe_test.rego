package bad2

test_unsafe if x == 1
