module github.com/lambgen/lambgen/bench/unseen

go 1.26.0
