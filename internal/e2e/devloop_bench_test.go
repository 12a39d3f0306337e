package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lambgen/lambgen/internal/testtool"
)

// BenchmarkLocalLoop measures what `lambgen dev` costs a user: the time
// from saving a file to the running server giving the new answer, for a
// handler change and for a spec change (a new operation), on the Item
// example and on Adyen's Management API (134 operations, 1.4 MB). Each
// iteration is one save; the median is reported as ms/median.
//
//	go test -run '^$' -bench LocalLoop -benchtime 7x ./internal/e2e
func BenchmarkLocalLoop(b *testing.B) {
	items, err := os.ReadFile(filepath.Join(itemsDir, "openapi.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	specs := []struct {
		name string
		load func(b *testing.B) (string, []byte)
	}{
		{"items", func(*testing.B) (string, []byte) { return "openapi.yaml", items }},
		{"adyen-management-134ops", func(b *testing.B) (string, []byte) {
			data, err := os.ReadFile(testtool.SharedCorpus(b, "specs/real/adyen/ManagementService-v3.json"))
			if err != nil {
				b.Fatal(err)
			}
			return "openapi.json", data
		}},
	}
	for _, s := range specs {
		name, data := s.load(b)
		for _, change := range []string{"handler", "spec"} {
			b.Run(s.name+"/"+change, func(b *testing.B) {
				dir := filepath.Join(b.TempDir(), "api")
				specFile := filepath.Join(b.TempDir(), name)
				if err := os.WriteFile(specFile, addOperation(b, name, data, "bench"), 0o644); err != nil {
					b.Fatal(err)
				}
				runLambgen(b, "new", "--spec", specFile, "--dir", dir, "--module", "example.com/bench")
				d := startDev(b, dir)
				waitFor(b, "the first build serves", 5*time.Minute, func() bool { s, _ := get(d.base + "/bench"); return s == 501 })
				var took, regen, build []time.Duration
				handler := filepath.Join(dir, "handlers", "bench.go")
				projSpec := filepath.Join(dir, name)
				b.ResetTimer()
				for i := 0; b.Loop(); i++ {
					start := time.Now()
					switch change {
					case "handler":
						marker := fmt.Sprintf("bench-%d", i)
						editFile(b, handler, func(src string) string {
							return replaceCall(src, `api.NotImplemented("`, marker)
						})
						waitFor(b, "the handler's new answer", 3*time.Minute, func() bool {
							_, body := get(d.base + "/bench")
							return strings.Contains(body, "operation "+marker+" is not implemented")
						})
					case "spec":
						op := fmt.Sprintf("bench%d", i)
						cur, err := os.ReadFile(projSpec)
						if err != nil {
							b.Fatal(err)
						}
						if err := os.WriteFile(projSpec, addOperation(b, name, cur, op), 0o644); err != nil {
							b.Fatal(err)
						}
						waitFor(b, "the new operation's 501", 3*time.Minute, func() bool {
							s, _ := get(d.base + "/" + op)
							return s == http.StatusNotImplemented
						})
					}
					took = append(took, time.Since(start))
					// The rest of a round is the poll, the restart and the
					// first request; the serving line has the two big parts.
					if m := servingRE.FindAllStringSubmatch(d.out.String(), -1); len(m) > 0 {
						last := m[len(m)-1]
						if r, err := time.ParseDuration(last[1]); err == nil && last[1] != "" {
							regen = append(regen, r)
						}
						if bd, err := time.ParseDuration(last[2]); err == nil {
							build = append(build, bd)
						}
					}
				}
				b.StopTimer()
				report := func(ds []time.Duration, unit string) {
					if len(ds) == 0 {
						return
					}
					slices.Sort(ds)
					b.ReportMetric(float64(ds[len(ds)/2].Microseconds())/1000, unit)
				}
				report(took, "ms/median")
				report(regen, "ms/regen-median")
				report(build, "ms/build-median")
				slices.Sort(took)
				b.ReportMetric(float64(took[0].Microseconds())/1000, "ms/min")
				b.ReportMetric(float64(took[len(took)-1].Microseconds())/1000, "ms/max")
			})
		}
	}
}

// servingRE reads the serving line lambgen dev prints after each restart.
var servingRE = regexp.MustCompile(`lambgen dev: serving \S+ \((?:regenerated in (\S+), )?built in ([^)]+)\)`)

// replaceCall replaces the string argument of the first call to prefix.
func replaceCall(src, prefix, arg string) string {
	i := strings.Index(src, prefix)
	if i < 0 {
		return src
	}
	j := strings.Index(src[i+len(prefix):], `"`)
	return src[:i+len(prefix)] + arg + src[i+len(prefix)+j:]
}

// addOperation adds GET /<id> answering 204 to a spec. A JSON spec is
// decoded and encoded again; its security is dropped, so that requests
// reach the handler without credentials.
func addOperation(b *testing.B, name string, src []byte, id string) []byte {
	if strings.HasSuffix(name, ".yaml") {
		op := fmt.Sprintf("paths:\n  /%s:\n    get:\n      operationId: %s\n      responses:\n        \"204\":\n          description: Done.\n", id, id)
		return []byte(strings.Replace(string(src), "paths:\n", op, 1))
	}
	var doc map[string]any
	if err := json.Unmarshal(src, &doc); err != nil {
		b.Fatal(err)
	}
	delete(doc, "security")
	paths := doc["paths"].(map[string]any)
	for _, item := range paths {
		for _, op := range item.(map[string]any) {
			if m, ok := op.(map[string]any); ok {
				delete(m, "security")
			}
		}
	}
	paths["/"+id] = map[string]any{"get": map[string]any{"operationId": id,
		"responses": map[string]any{"204": map[string]any{"description": "Done."}}}}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		b.Fatal(err)
	}
	return out
}
