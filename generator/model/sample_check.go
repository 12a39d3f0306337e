package model

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/lambgen/lambgen/contract"
)

// checkSamples sends each operation's valid sample through the engine the
// project will run, with every credential granted. A sample the engine
// refuses would fail the generated contract test although the server is
// right (a spec whose constraints the sample generator cannot meet, such
// as conflicting allOf members); its test then skips and says why instead
// of failing, and the reason names the violations.
func (api *API) checkSamples() {
	sp := api.Spec()
	srv := contract.New(&sp, contract.Config{
		Logger:        slog.New(slog.NewTextHandler(io.Discard, nil)),
		MaxBodyBytes:  6 << 20,
		Authenticator: contract.AuthenticatorFunc(grantAll),
	})
	for _, op := range sp.Operations {
		srv.HandleFunc(op.Pattern, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	}
	for _, o := range api.Operations {
		s := &o.Sample
		if s.Skip != "" {
			continue
		}
		r, err := http.NewRequest(s.Method, s.Target, strings.NewReader(s.Body))
		if err != nil {
			s.Skip = "the sample request lambgen derives is not a valid URL: " + s.Target
			continue
		}
		if s.ContentType != "" {
			r.Header.Set("Content-Type", s.ContentType)
		}
		for _, h := range s.Headers {
			r.Header.Add(h[0], h[1])
		}
		rec := &sampleAnswer{h: http.Header{}}
		srv.ServeHTTP(rec, r)
		if rec.code >= 400 {
			s.Skip = "lambgen could not derive a request this operation accepts (" + refusal(rec) + "); give its parameters or body an example"
		}
	}
}

func grantAll(_ context.Context, _ string, c contract.Credential) (*contract.Identity, error) {
	return &contract.Identity{Subject: "sample", Scopes: c.Required}, nil
}

// refusal sums up a problem answer in one line.
func refusal(rec *sampleAnswer) string {
	var p contract.Problem
	if json.Unmarshal(rec.body, &p) != nil {
		return "status " + strconv.Itoa(rec.code)
	}
	var parts []string
	for _, v := range p.Errors {
		where := v.In
		if v.Name != "" {
			where += " " + v.Name
		}
		if v.Pointer != "" {
			where += " " + v.Pointer
		}
		parts = append(parts, where+": "+v.Detail)
	}
	if len(parts) == 0 {
		return strconv.Itoa(rec.code) + " " + p.Detail
	}
	return strconv.Itoa(rec.code) + " " + strings.Join(parts, "; ")
}

// sampleAnswer records the engine's answer to a sample.
type sampleAnswer struct {
	h    http.Header
	code int
	body []byte
}

func (a *sampleAnswer) Header() http.Header { return a.h }
func (a *sampleAnswer) WriteHeader(code int) {
	if a.code == 0 {
		a.code = code
	}
}
func (a *sampleAnswer) Write(b []byte) (int, error) {
	if a.code == 0 {
		a.code = http.StatusOK
	}
	a.body = append(a.body, b...)
	return len(b), nil
}
