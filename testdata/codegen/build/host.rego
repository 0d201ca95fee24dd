package host

import rego.v1

t := uuid.rfc4122(input.ts)
