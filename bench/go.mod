module github.com/lambgen/lambgen/bench

go 1.26.8

require (
	github.com/aws/aws-lambda-go v1.55.1
	github.com/awslabs/aws-lambda-go-api-proxy v0.16.2
	github.com/lambgen/lambgen v0.0.0
)

require (
	github.com/apapsch/go-jsonmerge/v2 v2.0.0 // indirect
	github.com/google/uuid v1.6.0 // indirect
	github.com/oapi-codegen/runtime v1.9.0 // indirect
)

require (
	example.com/items v0.0.0
	github.com/andybalholm/brotli v1.3.0 // indirect
)

replace github.com/lambgen/lambgen => ../

replace example.com/items => ../examples/items
