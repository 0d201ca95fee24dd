package host

import rego.v1

t := time.parse_rfc3339_ns(input.ts)
