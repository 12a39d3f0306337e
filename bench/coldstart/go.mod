module github.com/lambgen/lambgen/bench/coldstart

go 1.26.0
