package model

import (
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Request is a concrete HTTP request for the generated contract test.
type Request struct {
	Method      string
	Target      string // path and query, already escaped
	Headers     [][2]string
	ContentType string
	Body        string
	// Why says what makes a bad sample bad, for the test's failure message.
	Why string
	// Skip is set when no valid sample could be derived (a pattern with no
	// example, say); the test reports it instead of guessing.
	Skip string
}

// samples derives a request that satisfies the operation and, where the
// operation takes input, one that breaks it in a single place.
func samples(path string, item *openapi3.PathItem, op *openapi3.Operation) (Request, *Request) {
	params := mergedParams(item, op)
	var req Request
	var bad *Request
	pathValues := map[string]string{}
	query := url.Values{}
	var queryOrder []string
	for _, p := range params {
		if !p.Required && p.In != openapi3.ParameterInPath {
			continue
		}
		v, skip := sampleParam(p)
		if skip != "" {
			req.Skip = skip
		}
		switch p.In {
		case openapi3.ParameterInPath:
			pathValues[p.Name] = v
		case openapi3.ParameterInQuery:
			query.Set(p.Name, v)
			queryOrder = append(queryOrder, p.Name)
		case openapi3.ParameterInHeader:
			req.Headers = append(req.Headers, [2]string{p.Name, v})
		case openapi3.ParameterInCookie:
			req.Headers = append(req.Headers, [2]string{"Cookie", p.Name + "=" + v})
		}
	}
	if rb := op.RequestBody; rb != nil && rb.Value != nil && rb.Value.Required {
		ct, mt := pickMediaType(rb.Value.Content)
		req.ContentType = ct
		if mt != nil && strings.Contains(ct, "json") {
			v, skip := sampleSchema(mt.Schema, 0)
			if skip != "" {
				req.Skip = skip
			}
			b, _ := json.Marshal(v)
			req.Body = string(b)
		} else if ct != "" && !strings.Contains(ct, "json") {
			req.Skip = fmt.Sprintf("request body %s has no JSON sample", ct)
		}
	}
	req.Target = fillPath(path, pathValues, query, queryOrder)

	// Prefer breaking a typed path parameter, then a required query
	// parameter, then the body: each gives a different violation location.
	for _, p := range params {
		if p.In == openapi3.ParameterInPath && isNumeric(p) {
			pv := copyMap(pathValues)
			pv[p.Name] = "not-a-number"
			bad = &Request{Target: fillPath(path, pv, query, queryOrder), Headers: req.Headers,
				ContentType: req.ContentType, Body: req.Body, Why: fmt.Sprintf("path parameter %q is not a number", p.Name)}
			break
		}
	}
	if bad == nil {
		for _, p := range params {
			if p.In == openapi3.ParameterInQuery && p.Required {
				q := url.Values{}
				var order []string
				for _, k := range queryOrder {
					if k != p.Name {
						q.Set(k, query.Get(k))
						order = append(order, k)
					}
				}
				bad = &Request{Target: fillPath(path, pathValues, q, order), Headers: req.Headers,
					ContentType: req.ContentType, Body: req.Body, Why: fmt.Sprintf("required query parameter %q is missing", p.Name)}
				break
			}
		}
	}
	if bad == nil && req.ContentType != "" && strings.Contains(req.ContentType, "json") {
		bad = &Request{Target: req.Target, Headers: req.Headers, ContentType: req.ContentType,
			Body: "[", Why: "request body is not valid JSON"}
	}
	return req, bad
}

func mergedParams(item *openapi3.PathItem, op *openapi3.Operation) []*openapi3.Parameter {
	byKey := map[string]*openapi3.Parameter{}
	var keys []string
	add := func(ps openapi3.Parameters) {
		for _, ref := range ps {
			if ref == nil || ref.Value == nil {
				continue
			}
			k := ref.Value.In + ":" + ref.Value.Name
			if _, ok := byKey[k]; !ok {
				keys = append(keys, k)
			}
			byKey[k] = ref.Value
		}
	}
	add(item.Parameters)
	add(op.Parameters)
	out := make([]*openapi3.Parameter, 0, len(keys))
	for _, k := range keys {
		out = append(out, byKey[k])
	}
	return out
}

func fillPath(path string, values map[string]string, q url.Values, order []string) string {
	target := pathParamRE.ReplaceAllStringFunc(path, func(m string) string {
		name := strings.TrimSuffix(strings.TrimPrefix(m[1:len(m)-1], "."), "*")
		return url.PathEscape(values[name])
	})
	if len(order) == 0 {
		return target
	}
	parts := make([]string, 0, len(order))
	for _, k := range order {
		parts = append(parts, url.QueryEscape(k)+"="+url.QueryEscape(q.Get(k)))
	}
	return target + "?" + strings.Join(parts, "&")
}

func pickMediaType(c openapi3.Content) (string, *openapi3.MediaType) {
	if mt, ok := c["application/json"]; ok {
		return "application/json", mt
	}
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if strings.Contains(k, "json") {
			return k, c[k]
		}
	}
	if len(keys) > 0 {
		return keys[0], c[keys[0]]
	}
	return "", nil
}

func isNumeric(p *openapi3.Parameter) bool {
	return p.Schema != nil && p.Schema.Value != nil &&
		(p.Schema.Value.Type.Is("integer") || p.Schema.Value.Type.Is("number"))
}

func copyMap(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
