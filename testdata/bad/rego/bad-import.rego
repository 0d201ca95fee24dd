package vpcgate.custom

import foo.bar

deny contains "x" if true
