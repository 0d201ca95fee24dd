package vpcgate.custom

deny := 1
deny contains "x" if true
