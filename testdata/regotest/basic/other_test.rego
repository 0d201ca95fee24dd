package other

import data.example

test_in_other_package if example.allow with input.user as "admin"
