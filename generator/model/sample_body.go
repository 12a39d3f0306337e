package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"mime/multipart"
	"net/textproto"
	"net/url"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/lambgen/lambgen/contract"
)

// sampleBody is a request body for the contract test, with the value and
// schema it was made from so that a bad sample can break one property.
type sampleBody struct {
	contentType string
	text        string
	value       any
	schema      *openapi3.SchemaRef
}

// sampleBoundary is fixed so that generated tests are deterministic.
const sampleBoundary = "lambgen-sample-boundary"

// sampleRequestBody encodes a sample in the first media type the server
// reads best: JSON, then forms, then text, then anything.
func sampleRequestBody(content openapi3.Content) (sampleBody, string) {
	ct, mt := pickMediaType(content)
	if mt == nil || ct == "" {
		return sampleBody{}, ""
	}
	if strings.Contains(ct, "*") {
		ct = strings.Replace(strings.Replace(ct, "*/*", "application/octet-stream", 1), "/*", "/octet-stream", 1)
	}
	v, skip := sampleSchema(mt.Schema, 0)
	b := sampleBody{contentType: ct, value: v, schema: mt.Schema}
	switch kind := mediaKind(mediaType(ct)); kind {
	case contract.MediaJSON:
		raw, _ := json.Marshal(v)
		b.text = string(raw)
	case contract.MediaForm:
		obj, _ := v.(map[string]any)
		form := url.Values{}
		for _, k := range slices.Sorted(maps.Keys(obj)) {
			switch x := obj[k].(type) {
			case []any:
				for _, e := range x {
					form.Add(k, fmt.Sprint(e))
				}
			case map[string]any:
				return b, fmt.Sprintf("form field %q is an object; no sample", k)
			default:
				form.Add(k, fmt.Sprint(x))
			}
		}
		b.text = form.Encode()
	case contract.MediaMultipart:
		text, why := multipartSample(mt, v)
		if why != "" {
			return b, why
		}
		b.contentType = ct + "; boundary=" + sampleBoundary
		b.text = text
	case contract.MediaText:
		if s, ok := v.(string); ok {
			b.text = s
		} else {
			b.text = "sample"
		}
	default:
		b.text = "sample bytes"
	}
	return b, skip
}

func multipartSample(mt *openapi3.MediaType, v any) (string, string) {
	obj, _ := v.(map[string]any)
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	if err := w.SetBoundary(sampleBoundary); err != nil {
		return "", err.Error()
	}
	props := map[string]*openapi3.SchemaRef{}
	if mt.Schema != nil && mt.Schema.Value != nil {
		props = mt.Schema.Value.Properties
	}
	for _, k := range slices.Sorted(maps.Keys(obj)) {
		p := props[k]
		binary := p != nil && p.Value != nil && (p.Value.Format == "binary" || (p.Value.Items != nil && p.Value.Items.Value != nil && p.Value.Items.Value.Format == "binary"))
		values := []any{obj[k]}
		if arr, ok := obj[k].([]any); ok && !isObjectArray(p) {
			values = arr
		}
		for _, x := range values {
			h := textproto.MIMEHeader{}
			var data []byte
			switch {
			case binary:
				h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q; filename="sample.bin"`, k))
				h.Set("Content-Type", "application/octet-stream")
				data = []byte("sample bytes")
			case isJSONValue(x):
				h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q`, k))
				h.Set("Content-Type", "application/json")
				data, _ = json.Marshal(x)
			default:
				h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q`, k))
				data = []byte(fmt.Sprint(x))
			}
			part, err := w.CreatePart(h)
			if err != nil {
				return "", err.Error()
			}
			_, _ = part.Write(data)
		}
	}
	if err := w.Close(); err != nil {
		return "", err.Error()
	}
	return buf.String(), ""
}

func isObjectArray(p *openapi3.SchemaRef) bool {
	return p != nil && p.Value != nil && p.Value.Items != nil && p.Value.Items.Value != nil && p.Value.Items.Value.Type.Is("object")
}

func isJSONValue(x any) bool {
	switch x.(type) {
	case map[string]any, []any:
		return true
	}
	return false
}

// mediaType is a media type in lower case without its parameters.
func mediaType(ct string) string {
	return strings.ToLower(strings.TrimSpace(strings.SplitN(ct, ";", 2)[0]))
}

// pickMediaType prefers application/json, then any JSON type, then forms,
// then whatever sorts first, so samples exercise the richest checks.
func pickMediaType(c openapi3.Content) (string, *openapi3.MediaType) {
	if mt, ok := c["application/json"]; ok {
		return "application/json", mt
	}
	keys := slices.Sorted(maps.Keys(c))
	for _, want := range []contract.MediaKind{contract.MediaJSON, contract.MediaForm, contract.MediaMultipart, contract.MediaText} {
		for _, k := range keys {
			if mediaKind(mediaType(k)) == want {
				return k, c[k]
			}
		}
	}
	if len(keys) > 0 {
		return keys[0], c[keys[0]]
	}
	return "", nil
}
