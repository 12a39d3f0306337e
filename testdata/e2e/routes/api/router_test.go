package api

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"example.com/routes/internal/contract"
)

// TestRouterMatchesServeMux routes the same requests through the generated
// tree (every parameter of this spec is a string, so validation admits
// them all) and through http.ServeMux with oapi-codegen's patterns registered,
// and demands the same pattern, path values, status and Allow header.
func TestRouterMatchesServeMux(t *testing.T) {
	mux := http.NewServeMux()
	ours := contract.New(&compiledSpec, contract.Config{})
	for _, op := range compiledSpec.Operations {
		h := func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-Pattern", op.Pattern)
			for _, name := range op.Wildcards {
				w.Header().Add("X-Value", r.PathValue(name))
			}
		}
		mux.HandleFunc(op.Pattern, h)
		ours.HandleFunc(op.Pattern, h)
	}
	cases := [][2]string{
		{"GET", "/"}, {"HEAD", "/"}, {"POST", "/"}, {"GET", "/items/"}, {"POST", "/items/"}, {"POST", "/items"},
		{"GET", "/items"}, {"GET", "/items/5"}, {"HEAD", "/items/5"}, {"DELETE", "/items/5"}, {"POST", "/items/5"},
		{"GET", "/items/special"}, {"DELETE", "/items/special"}, {"PUT", "/items/special"}, {"GET", "/items/5/tags/red"},
		{"GET", "/items/special/tags/red"}, {"GET", "/items/5/tags/"}, {"GET", "/items/5/tags"}, {"GET", "/items//tags/red"},
		{"GET", "/users/me/profile"}, {"PUT", "/users/me/profile"}, {"PUT", "/users/you/profile"}, {"DELETE", "/users/me/profile"},
		{"GET", "/users/a%2Fb/profile"}, {"GET", "/files/a%20b"}, {"GET", "/files/a/../b"}, {"GET", "/files/a%2F..%2Fb"},
		{"GET", "/files/./x"}, {"GET", "/nowhere"}, {"GET", "/items/5/"}, {"OPTIONS", "/items/5"},
	}
	for _, c := range cases {
		want := httptest.NewRecorder()
		got := httptest.NewRecorder()
		mux.ServeHTTP(want, httptest.NewRequest(c[0], c[1], nil))
		ours.ServeHTTP(got, httptest.NewRequest(c[0], c[1], nil))
		for _, h := range []string{"X-Pattern", "Allow", "Location"} {
			if w, g := want.Header().Get(h), got.Header().Get(h); w != g {
				t.Errorf("%s %s: %s = %q, ServeMux says %q", c[0], c[1], h, g, w)
			}
		}
		if w, g := want.Header().Values("X-Value"), got.Header().Values("X-Value"); len(w) != len(g) || (len(w) > 0 && w[0] != g[0]) || (len(w) > 1 && w[1] != g[1]) {
			t.Errorf("%s %s: path values %q, ServeMux says %q", c[0], c[1], g, w)
		}
		if want.Code != got.Code {
			t.Errorf("%s %s: status %d, ServeMux says %d", c[0], c[1], got.Code, want.Code)
		}
	}
}
