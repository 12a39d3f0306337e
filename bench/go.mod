module github.com/lambgen/lambgen/bench

go 1.26.8

require (
	github.com/aws/aws-lambda-go v1.55.1
	github.com/awslabs/aws-lambda-go-api-proxy v0.16.2
	github.com/lambgen/lambgen v0.0.0
)

require github.com/andybalholm/brotli v1.3.0 // indirect

replace github.com/lambgen/lambgen => ../
