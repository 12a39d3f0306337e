package lambdahttp

import "encoding/json"

// RequestContext is the decoded requestContext of an event: where the
// request came in and who the authorizer says the caller is. Fields that the
// event's source does not provide are empty.
type RequestContext struct {
	Source       Source
	RequestID    string
	Stage        string
	DomainName   string
	DomainPrefix string
	APIID        string
	AccountID    string
	// SourceIP is the client address as API Gateway or Lambda saw it (for
	// ALB, the last X-Forwarded-For entry).
	SourceIP  string
	UserAgent string
	// RouteKey is the HTTP API route ("GET /items/{id}") or, for REST APIs,
	// the resource path ("/items/{id}").
	RouteKey string
	// TargetGroupARN is set for ALB events.
	TargetGroupARN string
	// APIKeyID and APIKey identify the API key a REST API checked before
	// invoking the function (a method with ApiKeyRequired); they are empty
	// where the gateway checked no key.
	APIKeyID   string
	APIKey     string
	Authorizer Authorizer
}

// Authorizer is what an API Gateway or function URL authorizer established.
// At most one of JWT, Lambda, IAM and Cognito is usually set.
type Authorizer struct {
	// PrincipalID is the principal a Lambda authorizer returned (REST APIs).
	PrincipalID string
	// JWT holds the claims and scopes of an HTTP API JWT authorizer.
	JWT *JWTAuthorizer
	// Lambda is the context a Lambda authorizer returned.
	Lambda map[string]any
	// IAM is the caller identity of IAM (SigV4) authorization.
	IAM *IAMIdentity
	// Cognito holds the claims of a REST API Cognito user pool authorizer.
	Cognito *CognitoAuthorizer
}

// JWTAuthorizer holds the claims and scopes of a validated JWT.
type JWTAuthorizer struct {
	Claims map[string]string
	Scopes []string
}

// CognitoAuthorizer holds the token claims of a Cognito user pool authorizer.
type CognitoAuthorizer struct {
	Claims map[string]string
}

// IAMIdentity is the identity of a caller authenticated by AWS IAM.
type IAMIdentity struct {
	AccessKey      string
	AccountID      string
	CallerID       string
	PrincipalOrgID string
	UserARN        string
	UserID         string
	// CognitoIdentity is set when the credentials came from a Cognito
	// identity pool.
	CognitoIdentity *CognitoIdentity
}

// CognitoIdentity describes credentials issued by a Cognito identity pool.
type CognitoIdentity struct {
	AMR            []string
	IdentityID     string
	IdentityPoolID string
}

// claims decodes a claims object whose values API Gateway normally sends as
// strings; other values keep their JSON text.
type claims map[string]string

func (c *claims) UnmarshalJSON(b []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*c = make(claims, len(raw))
	for k, v := range raw {
		var s string
		if json.Unmarshal(v, &s) != nil {
			s = string(v)
		}
		(*c)[k] = s
	}
	return nil
}

type rawIAM struct {
	AccessKey       string `json:"accessKey"`
	AccountID       string `json:"accountId"`
	CallerID        string `json:"callerId"`
	PrincipalOrgID  string `json:"principalOrgId"`
	UserARN         string `json:"userArn"`
	UserID          string `json:"userId"`
	CognitoIdentity *struct {
		AMR            []string `json:"amr"`
		IdentityID     string   `json:"identityId"`
		IdentityPoolID string   `json:"identityPoolId"`
	} `json:"cognitoIdentity"`
}

type rawRequestContext struct {
	RequestID    string `json:"requestId"`
	Stage        string `json:"stage"`
	DomainName   string `json:"domainName"`
	DomainPrefix string `json:"domainPrefix"`
	APIID        string `json:"apiId"`
	AccountID    string `json:"accountId"`
	RouteKey     string `json:"routeKey"`
	ResourcePath string `json:"resourcePath"`
	HTTP         struct {
		SourceIP  string `json:"sourceIp"`
		UserAgent string `json:"userAgent"`
	} `json:"http"`
	Identity struct {
		SourceIP              string `json:"sourceIp"`
		UserAgent             string `json:"userAgent"`
		AccessKey             string `json:"accessKey"`
		AccountID             string `json:"accountId"`
		Caller                string `json:"caller"`
		User                  string `json:"user"`
		UserARN               string `json:"userArn"`
		CognitoIdentityID     string `json:"cognitoIdentityId"`
		CognitoIdentityPoolID string `json:"cognitoIdentityPoolId"`
		APIKey                string `json:"apiKey"`
		APIKeyID              string `json:"apiKeyId"`
	} `json:"identity"`
	ELB struct {
		TargetGroupARN string `json:"targetGroupArn"`
	} `json:"elb"`
	Authorizer map[string]json.RawMessage `json:"authorizer"`
}

// decodeRequestContext runs on the slow path (only when a handler asks), so
// it uses encoding/json. A requestContext that does not decode leaves the
// fields the adapter already extracted.
func decodeRequestContext(ev Event, text string) RequestContext {
	rc := RequestContext{
		Source:     ev.Source,
		RequestID:  ev.RequestID,
		Stage:      ev.Stage,
		DomainName: ev.DomainName,
		SourceIP:   ev.SourceIP,
	}
	var raw rawRequestContext
	if text == "" || json.Unmarshal([]byte(text), &raw) != nil {
		return rc
	}
	rc.DomainPrefix = raw.DomainPrefix
	rc.APIID = raw.APIID
	rc.AccountID = raw.AccountID
	rc.TargetGroupARN = raw.ELB.TargetGroupARN
	rc.RouteKey = raw.RouteKey
	if rc.RouteKey == "" {
		rc.RouteKey = raw.ResourcePath
	}
	rc.UserAgent = raw.HTTP.UserAgent
	if rc.UserAgent == "" {
		rc.UserAgent = raw.Identity.UserAgent
	}
	id := raw.Identity
	rc.APIKeyID, rc.APIKey = id.APIKeyID, id.APIKey
	if id.AccessKey != "" || id.UserARN != "" || id.Caller != "" {
		rc.Authorizer.IAM = &IAMIdentity{
			AccessKey: id.AccessKey,
			AccountID: id.AccountID,
			CallerID:  id.Caller,
			UserARN:   id.UserARN,
			UserID:    id.User,
		}
		if id.CognitoIdentityID != "" || id.CognitoIdentityPoolID != "" {
			rc.Authorizer.IAM.CognitoIdentity = &CognitoIdentity{
				IdentityID:     id.CognitoIdentityID,
				IdentityPoolID: id.CognitoIdentityPoolID,
			}
		}
	}
	decodeAuthorizer(&rc.Authorizer, raw.Authorizer)
	return rc
}

func decodeAuthorizer(a *Authorizer, m map[string]json.RawMessage) {
	if len(m) == 0 {
		return
	}
	if v, ok := m["jwt"]; ok {
		var j struct {
			Claims claims   `json:"claims"`
			Scopes []string `json:"scopes"`
		}
		if json.Unmarshal(v, &j) == nil {
			a.JWT = &JWTAuthorizer{Claims: j.Claims, Scopes: j.Scopes}
		}
	}
	if v, ok := m["iam"]; ok {
		var r rawIAM
		if json.Unmarshal(v, &r) == nil {
			a.IAM = &IAMIdentity{
				AccessKey:      r.AccessKey,
				AccountID:      r.AccountID,
				CallerID:       r.CallerID,
				PrincipalOrgID: r.PrincipalOrgID,
				UserARN:        r.UserARN,
				UserID:         r.UserID,
			}
			if ci := r.CognitoIdentity; ci != nil {
				a.IAM.CognitoIdentity = &CognitoIdentity{AMR: ci.AMR, IdentityID: ci.IdentityID, IdentityPoolID: ci.IdentityPoolID}
			}
		}
	}
	if v, ok := m["lambda"]; ok {
		_ = json.Unmarshal(v, &a.Lambda)
	}
	if v, ok := m["principalId"]; ok {
		if json.Unmarshal(v, &a.PrincipalID) != nil {
			a.PrincipalID = string(v)
		}
	}
	// REST APIs (and HTTP APIs with payload 1.0) put JWT or Cognito claims
	// under "claims" and a Lambda authorizer's context directly in the
	// authorizer object.
	if v, ok := m["claims"]; ok && a.JWT == nil {
		var c claims
		if json.Unmarshal(v, &c) == nil {
			if sv, ok := m["scopes"]; ok {
				var scopes []string
				_ = json.Unmarshal(sv, &scopes)
				a.JWT = &JWTAuthorizer{Claims: c, Scopes: scopes}
			} else {
				a.Cognito = &CognitoAuthorizer{Claims: c}
			}
		}
	}
	if _, iam := m["iam"]; !iam && a.Lambda == nil && a.JWT == nil && a.Cognito == nil {
		ctx := make(map[string]any, len(m))
		for k, v := range m {
			if k == "principalId" || k == "integrationLatency" {
				continue
			}
			var x any
			if json.Unmarshal(v, &x) == nil {
				ctx[k] = x
			}
		}
		if len(ctx) > 0 {
			a.Lambda = ctx
		}
	}
}
