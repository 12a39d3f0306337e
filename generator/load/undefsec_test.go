package load

import (
	"context"
	"testing"
)

// TestUndefinedSchemeIsAWarning: a requirement naming a scheme the spec
// does not define loads, with a warning at the name, in whichever file it
// is written, that says what is left of its security list.
func TestUndefinedSchemeIsAWarning(t *testing.T) {
	head := "openapi: 3.0.3\ninfo: {title: s, version: \"1\"}\n"
	ok := "      responses: {\"200\": {description: ok}}\n"
	key := "components:\n  securitySchemes:\n    key: {type: apiKey, in: header, name: X-Key}\n"
	cases := []struct{ name, src, want string }{
		{"global, nothing left", head + "security:\n  - nokey: []\npaths:\n  /a:\n    get:\n" + ok,
			`s.yaml:4:5: warning: invalid security: security requirement /security/0/nokey refers to undefined security scheme "nokey" (want the scheme defined among the spec's security schemes; no credential can meet an alternative that names it, and no other is left, so every operation that inherits the global security answers 401 to every request)`},
		{"operation, another alternative left", head + "paths:\n  /a:\n    get:\n      security:\n        - nokey: []\n        - key: []\n" + ok + key,
			`s.yaml:7:11: warning: invalid paths: invalid path /a: invalid operation GET: security requirement /paths/~1a/get/security/0/nokey refers to undefined security scheme "nokey" (want the scheme defined among the spec's security schemes; no credential can meet an alternative that names it, so it is dropped and the others still admit requests)`},
		{"operation, an AND with a defined scheme", head + "paths:\n  /a:\n    get:\n      security: [{key: [], nokey: []}]\n" + ok + key,
			`s.yaml:6:28: warning: invalid paths: invalid path /a: invalid operation GET: security requirement /paths/~1a/get/security/0/nokey refers to undefined security scheme "nokey" (want the scheme defined among the spec's security schemes; no credential can meet an alternative that names it, and no other is left, so GET /a answers 401 to every request)`},
		{"anonymous left", head + "paths:\n  /a:\n    get:\n      security: [{nokey: []}, {}]\n" + ok,
			`s.yaml:6:19: warning: invalid paths: invalid path /a: invalid operation GET: security requirement /paths/~1a/get/security/0/nokey refers to undefined security scheme "nokey" (want the scheme defined among the spec's security schemes; no credential can meet an alternative that names it, so it is dropped and the others still admit requests)`},
		{"webhook", "openapi: 3.1.0\ninfo: {title: s, version: \"1\"}\npaths: {}\nwebhooks:\n  ping:\n    post:\n      security: [{nokey: []}]\n" + ok,
			`s.yaml:5:3: warning: webhook "ping" is not served: lambgen generates handlers for paths only (want it under paths to serve it)` + "\n" +
				`s.yaml:7:19: warning: invalid webhooks: webhook "ping": invalid operation POST: security requirement /webhooks/ping/post/security/0/nokey refers to undefined security scheme "nokey" (inside a webhook or callback, which lambgen does not serve)`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			spec, err := Bytes(context.Background(), "s.yaml", []byte(c.src))
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			if got := spec.Warnings.Error(); got != c.want {
				t.Fatalf("got  %s\nwant %s", got, c.want)
			}
			for _, w := range spec.Warnings {
				if w.Class != UndefinedScheme && w.Class != NotServed {
					t.Errorf("class %s: %s", w.Class, w)
				}
			}
		})
	}
}

// TestUndefinedSchemeInASplitFile: the warning names the file the
// requirement is written in, YAML or JSON, with its own line and column.
func TestUndefinedSchemeInASplitFile(t *testing.T) {
	spec, err := File(context.Background(), "testdata/splitsec/openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want := `testdata/splitsec/paths/both.json:6:19: warning: invalid paths: invalid path /both: invalid operation GET: security requirement /paths/~1both/get/security/1/nokey refers to undefined security scheme "nokey" (want the scheme defined among the spec's security schemes; no credential can meet an alternative that names it, so it is dropped and the others still admit requests)` + "\n" +
		`testdata/splitsec/paths/hello.yaml:4:7: warning: invalid paths: invalid path /hello: invalid operation GET: security requirement /paths/~1hello/get/security/0/nokey refers to undefined security scheme "nokey" (want the scheme defined among the spec's security schemes; no credential can meet an alternative that names it, and no other is left, so GET /hello answers 401 to every request)`
	if got := spec.Warnings.Error(); got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}
