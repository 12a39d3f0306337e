package contract

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"html"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"
)

// zeroTime leaves Last-Modified out: the documents carry no date.
var zeroTime time.Time

// Docs is where a server shows its own contract, and what it shows.
type Docs struct {
	// Title heads the page.
	Title string
	// Page, JSON and YAML are paths below the base path: Swagger UI (its
	// assets below Page/), and the spec in each encoding.
	Page, JSON, YAML string
	// Spec is the contract as JSON, served as it is.
	Spec string
	// Assets are Swagger UI's files, each plain or gzipped as name.gz.
	Assets fs.FS
	// Unpacked sends the gzipped assets unpacked whatever the client takes:
	// on Lambda a gzipped body travels base64-encoded, which a REST API
	// passes through undecoded unless the type is among its binary media
	// types.
	Unpacked bool
}

// ServeDocs answers the docs' paths and hands every other request to next.
// The docs are routed before next so that they answer the same way
// whatever the spec declares; the generator moves them off the spec's own
// paths for that reason.
func ServeDocs(next http.Handler, d Docs) http.Handler {
	var yamlOnce sync.Once
	var yamlDoc []byte
	page := docsPage(d)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		var serve func()
		switch {
		case p == d.Page || p == d.Page+"/":
			serve = func() { sendDoc(w, r, "text/html; charset=utf-8", page) }
		case p == d.JSON:
			serve = func() { sendDoc(w, r, "application/json", []byte(d.Spec)) }
		case p == d.YAML:
			serve = func() {
				yamlOnce.Do(func() { yamlDoc = JSONToYAML([]byte(d.Spec)) })
				sendDoc(w, r, "application/yaml", yamlDoc)
			}
		case strings.HasPrefix(p, d.Page+"/") && !strings.Contains(p[len(d.Page)+1:], "/"):
			serve = func() { sendAsset(w, r, d.Assets, p[len(d.Page)+1:], !d.Unpacked && acceptsGzip(r)) }
		default:
			next.ServeHTTP(w, r)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			unrouted(w, r, []string{http.MethodGet, http.MethodHead})
			return
		}
		serve()
	})
}

func sendDoc(w http.ResponseWriter, r *http.Request, contentType string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	// The page and the spec change with every regeneration, and a stale
	// one in a browser's cache shows operations that are gone.
	h.Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, "", zeroTime, bytes.NewReader(body))
}

// sendAsset serves a Swagger UI file, gzipped when asked to, else
// unpacked.
func sendAsset(w http.ResponseWriter, r *http.Request, assets fs.FS, name string, gzipped bool) {
	if assets == nil || name == "" || strings.HasPrefix(name, ".") {
		unrouted(w, r, nil)
		return
	}
	h := w.Header()
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	if data, err := fs.ReadFile(assets, name); err == nil {
		h.Set("Content-Type", ctype)
		http.ServeContent(w, r, "", zeroTime, bytes.NewReader(data))
		return
	}
	gz, err := fs.ReadFile(assets, name+".gz")
	if err != nil {
		unrouted(w, r, nil)
		return
	}
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "public, max-age=86400")
	h.Add("Vary", "Accept-Encoding")
	if gzipped {
		h.Set("Content-Encoding", "gzip")
		http.ServeContent(w, r, "", zeroTime, bytes.NewReader(gz))
		return
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err == nil {
		var data []byte
		if data, err = io.ReadAll(zr); err == nil {
			http.ServeContent(w, r, "", zeroTime, bytes.NewReader(data))
			return
		}
	}
	writeProblem(w, &Problem{Status: http.StatusInternalServerError})
}

func acceptsGzip(r *http.Request) bool {
	for _, v := range r.Header.Values("Accept-Encoding") {
		for _, part := range strings.Split(v, ",") {
			coding, q, _ := strings.Cut(strings.TrimSpace(part), ";")
			if strings.EqualFold(strings.TrimSpace(coding), "gzip") && strings.ReplaceAll(strings.TrimSpace(q), " ", "") != "q=0" {
				return true
			}
		}
	}
	return false
}

// docsPage is Swagger UI's page. It finds everything relative to its own
// URL: the prefix in front of Page is where the API is mounted (nothing
// locally, the base path, or a REST API's stage and the base path), so the
// assets, the spec and "Try it out" all reach this server, whatever the
// servers of the spec say.
func docsPage(d Docs) []byte {
	js := func(s string) string {
		b, _ := json.Marshal(s) // escapes <, > and &, so it cannot end the script
		return string(b)
	}
	return []byte(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>` + html.EscapeString(d.Title) + ` - API docs</title>
<style>body { margin: 0; background: #fafafa; }</style>
</head>
<body>
<div id="swagger-ui"></div>
<script>
(function () {
  var page = ` + js(d.Page) + `, spec = ` + js(d.JSON) + `;
  var here = location.pathname.replace(/\/+$/, "");
  var mount = here.slice(0, here.length - page.length);
  var assets = mount + page + "/";
  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = assets + "swagger-ui.css";
  document.head.appendChild(css);
  var bundle = document.createElement("script");
  bundle.src = assets + "swagger-ui-bundle.js";
  bundle.onload = function () {
    fetch(mount + spec).then(function (r) { return r.json(); }).then(function (doc) {
      // The embedded contract is OpenAPI 3 (lambgen converts Swagger 2.0),
      // so servers is where Try it out sends requests.
      doc.servers = [{url: location.origin + mount, description: "this server"}].concat(doc.servers || []);
      window.ui = SwaggerUIBundle({spec: doc, dom_id: "#swagger-ui", deepLinking: true, validatorUrl: null,
        defaultModelsExpandDepth: -1, displayOperationId: true});
    });
  };
  document.body.appendChild(bundle);
})();
</script>
</body>
</html>
`)
}
