package lambda.sub

import rego.v1

names contains n if some n in input.names
