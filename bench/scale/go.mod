module github.com/lambgen/lambgen/bench/scale

go 1.26.0
