package lambda

import rego.v1

default allow := false

allow if input.vpc_id in data.lambda.allowed_vpcs
