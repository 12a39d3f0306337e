package lambdahttp_test

import (
	"net/http"
	"testing"

	lambdahttp "github.com/lambgen/lambgen/runtime"
)

// TestRedirectKeepsMount checks that a Location the handler writes as an
// absolute path gets back what lies in front of the path the handler saw
// (the stage on API Gateway's execute-api host, the base path), escaped
// once, so that the redirect stays within the API.
func TestRedirectKeepsMount(t *testing.T) {
	const execute = "abc123.execute-api.eu-west-1.amazonaws.com"
	redirect := func(to string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, to, http.StatusFound) }
	}
	setLocation := func(to string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Location", to)
			w.WriteHeader(http.StatusSeeOther)
		}
	}
	base := []lambdahttp.Option{lambdahttp.WithBasePath("/v2")}
	cases := []struct {
		name, event string
		opts        []lambdahttp.Option
		h           http.HandlerFunc
		want        string
	}{
		// API Gateway takes the stage off REST paths; the client's URL
		// still has it.
		{"REST on the execute-api host", v1("", "/venues", execute, "prod"), nil,
			redirect("/venues/a%20b"), "/prod/venues/a%20b"},
		{"HTTP API 2.0 with a named stage", v2("/dev/venues", execute, "dev", ""), nil,
			redirect("/venues/a%20b"), "/dev/venues/a%20b"},
		{"HTTP API 1.0 with a named stage", v1("1.0", "/dev/venues", execute, "dev"), nil,
			redirect("/venues/a%20b"), "/dev/venues/a%20b"},
		{"REST with a base path", v1("", "/v2/venues", "api.example.com", "prod"), base,
			redirect("/venues/a%20b"), "/v2/venues/a%20b"},
		{"HTTP API with a base path", v2("/v2/venues", "api.example.com", "$default", ""), base,
			redirect("/venues/a%20b"), "/v2/venues/a%20b"},
		{"ALB with a base path", `{"httpMethod":"GET","path":"/v2/venues","headers":{},"requestContext":{"elb":{}}}`, base,
			redirect("/venues/a%20b"), "/v2/venues/a%20b"},
		{"stage then base path", v2("/dev/v2/venues", execute, "dev", ""), base,
			redirect("/venues"), "/dev/v2/venues"},
		{"relative redirect made absolute by net/http", v2("/dev/venues/x", execute, "dev", ""), nil,
			redirect("y"), "/dev/venues/y"},
		{"Location set directly", v1("", "/venues", execute, "prod"), nil,
			setLocation("/venues/%C3%A9?q=a%20b"), "/prod/venues/%C3%A9?q=a%20b"},
		{"root", v2("/v2", "api.example.com", "$default", ""), base, setLocation("/"), "/v2/"},
		{"base path needing escapes", v2("/a b/x", "api.example.com", "$default", ""),
			[]lambdahttp.Option{lambdahttp.WithBasePath("/a b")}, setLocation("/y"), "/a%20b/y"},
		{"absolute URL left alone", v1("", "/venues", execute, "prod"), nil,
			setLocation("https://example.com/x"), "https://example.com/x"},
		{"network-path reference left alone", v1("", "/venues", execute, "prod"), nil,
			setLocation("//example.com/x"), "//example.com/x"},
		{"relative reference left alone", v1("", "/venues", execute, "prod"), nil,
			setLocation("x?y"), "x?y"},
		{"nothing stripped on a custom domain", v2("/dev/venues", "api.example.com", "dev", ""), nil,
			redirect("/venues"), "/venues"},
		{"$default stage", v2("/venues", execute, "$default", ""), nil, redirect("/venues/1"), "/venues/1"},
		{"base path absent from the request", v2("/venues", "api.example.com", "$default", ""), base,
			redirect("/venues/1"), "/venues/1"},
		{"stage stripping turned off", v2("/dev/venues", execute, "dev", ""),
			[]lambdahttp.Option{lambdahttp.WithStageStripping(false)}, redirect("/dev/venues/1"), "/dev/venues/1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := invoke(t, c.h, c.event, c.opts...)
			if got := r.fields()["location"]; len(got) != 1 || got[0] != c.want {
				t.Errorf("Location %q, want %q", got, c.want)
			}
		})
	}
}
