resource aws_lambda_function "f" "g" "h" {
}
