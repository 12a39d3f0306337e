package config

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// S3Access grants the function access to one bucket, never to all.
type S3Access struct {
	Bucket string `yaml:"bucket"`
	// Access is read, write or crud (default read).
	Access string `yaml:"access,omitempty"`
}

// DynamoDBAccess grants the function access to one table and its indexes.
type DynamoDBAccess struct {
	Table  string `yaml:"table"`
	Access string `yaml:"access,omitempty"`
}

// CORS is the API's cross-origin policy, answered by API Gateway.
type CORS struct {
	AllowOrigins []string `yaml:"allow_origins"`
	// AllowMethods defaults to the spec's methods.
	AllowMethods     []string `yaml:"allow_methods,omitempty"`
	AllowHeaders     []string `yaml:"allow_headers,omitempty"`
	ExposeHeaders    []string `yaml:"expose_headers,omitempty"`
	AllowCredentials bool     `yaml:"allow_credentials,omitempty"`
	MaxAge           int      `yaml:"max_age,omitempty"`
}

// Auth says how API Gateway enforces the spec's securitySchemes.
type Auth struct {
	// JWT configures the authorizer for oauth2, openIdConnect and http
	// bearer schemes on an HTTP API. Without an issuer, the template asks
	// for one as a parameter at deploy time.
	JWT JWT `yaml:"jwt,omitempty"`
	// UserPoolARN is the Cognito user pool that checks those tokens on a
	// REST API, which has no JWT authorizer of its own.
	UserPoolARN string `yaml:"user_pool_arn,omitempty"`
	// IAM names securitySchemes that API Gateway enforces with IAM (SigV4).
	IAM []string `yaml:"iam,omitempty"`
}

// JWT is an issuer and the audiences its tokens must name.
type JWT struct {
	Issuer   string   `yaml:"issuer,omitempty"`
	Audience []string `yaml:"audience,omitempty"`
}

// Access levels map to SAM policy templates: S3ReadPolicy, S3WritePolicy,
// S3CrudPolicy and the DynamoDB equivalents.
var accessLevels = map[string]bool{"read": true, "write": true, "crud": true}

var (
	bucketRE = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)
	tableRE  = regexp.MustCompile(`^[A-Za-z0-9_.-]{3,255}$`)
	envRE    = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)
	arnRE    = regexp.MustCompile(`^arn:aws[a-z-]*:cognito-idp:[a-z0-9-]+:\d{12}:userpool/[\w-]+$`)
)

// reservedEnv are the variables Lambda sets itself and refuses to take.
var reservedEnv = map[string]bool{
	"_HANDLER": true, "_X_AMZN_TRACE_ID": true, "AWS_DEFAULT_REGION": true, "AWS_REGION": true,
	"AWS_EXECUTION_ENV": true, "AWS_LAMBDA_FUNCTION_NAME": true, "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": true,
	"AWS_LAMBDA_FUNCTION_VERSION": true, "AWS_LAMBDA_INITIALIZATION_TYPE": true, "AWS_LAMBDA_LOG_GROUP_NAME": true,
	"AWS_LAMBDA_LOG_STREAM_NAME": true, "AWS_ACCESS_KEY": true, "AWS_ACCESS_KEY_ID": true,
	"AWS_SECRET_ACCESS_KEY": true, "AWS_SESSION_TOKEN": true, "AWS_LAMBDA_RUNTIME_API": true,
	"LAMBDA_TASK_ROOT": true, "LAMBDA_RUNTIME_DIR": true,
}

func (c Config) deployIssues() []issue {
	var is []issue
	bad := func(key, format string, args ...any) { is = append(is, issue{key, fmt.Sprintf(format, args...)}) }
	names := make([]string, 0, len(c.Environment))
	for k := range c.Environment {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		switch {
		case !envRE.MatchString(k):
			bad("environment."+k+"!", "environment variable %q must be letters, digits and underscores, starting with a letter", k)
		case reservedEnv[k]:
			bad("environment."+k+"!", "environment variable %s is reserved by Lambda; choose another name", k)
		}
	}
	for i, a := range c.S3Access {
		key := fmt.Sprintf("s3_access.%d", i)
		if !bucketRE.MatchString(a.Bucket) {
			bad(key+".bucket", "s3_access[%d]: bucket %q is not an S3 bucket name (3-63 lower case letters, digits, dots and dashes; no wildcards)", i, a.Bucket)
		}
		if !accessLevels[a.Access] {
			bad(key+".access", "s3_access[%d]: access %q is not read, write or crud", i, a.Access)
		}
	}
	for i, a := range c.DynamoDBAccess {
		key := fmt.Sprintf("dynamodb_access.%d", i)
		if !tableRE.MatchString(a.Table) {
			bad(key+".table", "dynamodb_access[%d]: table %q is not a DynamoDB table name (3-255 letters, digits, _ . -; no wildcards)", i, a.Table)
		}
		if !accessLevels[a.Access] {
			bad(key+".access", "dynamodb_access[%d]: access %q is not read, write or crud", i, a.Access)
		}
	}
	if c.CORS != nil {
		is = append(is, c.CORS.issues(c.API)...)
	}
	if iss := c.Auth.JWT.Issuer; iss != "" && !strings.HasPrefix(iss, "https://") {
		bad("auth.jwt.issuer", "auth.jwt.issuer %q must be an https:// URL", iss)
	}
	if arn := c.Auth.UserPoolARN; arn != "" && !arnRE.MatchString(arn) {
		bad("auth.user_pool_arn", "auth.user_pool_arn %q is not a Cognito user pool ARN (arn:aws:cognito-idp:REGION:ACCOUNT:userpool/ID)", arn)
	}
	return is
}

func (cors CORS) issues(api string) []issue {
	var is []issue
	bad := func(key, format string, args ...any) { is = append(is, issue{key, fmt.Sprintf(format, args...)}) }
	if len(cors.AllowOrigins) == 0 {
		bad("cors", "cors.allow_origins is empty (list the origins browsers may call from, or remove cors)")
	}
	for i, o := range cors.AllowOrigins {
		if o == "*" && cors.AllowCredentials {
			bad(fmt.Sprintf("cors.allow_origins.%d", i), "cors: allow_credentials cannot be true when an origin is \"*\"; list the origins instead")
		}
		if o != "*" && !strings.HasPrefix(o, "https://") && !strings.HasPrefix(o, "http://") {
			bad(fmt.Sprintf("cors.allow_origins.%d", i), "cors.allow_origins[%d] %q must be \"*\" or an http(s) origin such as https://example.com", i, o)
		}
	}
	if api == "rest" && len(cors.AllowOrigins) > 1 {
		bad("cors.allow_origins", "cors: a REST API answers preflight with a single origin, got %d (use api: http, or one origin)", len(cors.AllowOrigins))
	}
	for i, m := range cors.AllowMethods {
		if m != strings.ToUpper(m) || strings.ContainsAny(m, " ,") {
			bad(fmt.Sprintf("cors.allow_methods.%d", i), "cors.allow_methods[%d] %q must be one upper-case HTTP method", i, m)
		}
	}
	if cors.MaxAge < 0 || cors.MaxAge > 86400 {
		bad("cors.max_age", "cors.max_age %d is outside 0-86400 seconds", cors.MaxAge)
	}
	return is
}
