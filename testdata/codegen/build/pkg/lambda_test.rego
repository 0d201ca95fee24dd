package lambda_test

this is not rego and must be skipped
