package handlers

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"example.com/shop/api"
)

// FuzzServer sends arbitrary targets, bodies and media types to every
// operation: whatever arrives, the server must not answer with a 5xx.
func FuzzServer(f *testing.F) {
	f.Add(uint8(0), "/pets?status=available&limit=3&sort=name|age", "application/json", `{"petType":"cat","name":"x"}`)
	f.Add(uint8(1), "/pets", "application/json", `{"petType":"dog","name":"x","breed":"Ab","tags":["a","a"]}`)
	f.Add(uint8(1), "/orders", "application/x-www-form-urlencoded", "petId=1&quantity=2&express=true")
	f.Add(uint8(1), "/pets/2/photos", "multipart/form-data; boundary=XyZ", "--XyZ\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\nhi\r\n--XyZ--\r\n")
	f.Add(uint8(0), "/search/north?filter[color]=red&filter[minAge]=2&ids=1%202", "", "")
	f.Add(uint8(0), "/grid/;point=1;point=2", "", "")
	f.Add(uint8(0), "/tiles/.1,2", "", "")
	f.Add(uint8(2), "/pets/9", "", "")
	methods := []string{"GET", "POST", "DELETE", "PUT", "PATCH", "HEAD"}
	h := api.NewHandler(&Handlers{}, api.WithAuthenticator(&Handlers{}))
	f.Fuzz(func(t *testing.T, m uint8, target, ctype, body string) {
		if !strings.HasPrefix(target, "/") || strings.ContainsAny(target, " \t\r\n#") {
			return
		}
		if _, err := url.ParseRequestURI(target); err != nil {
			return
		}
		req := httptest.NewRequest(methods[int(m)%len(methods)], "http://x"+target, strings.NewReader(body))
		req.Header.Set("Content-Type", ctype)
		req.Header.Set("Authorization", "Bearer admin-token")
		req.Header.Set("X-API-Key", "secret-key")
		req.Header.Set("X-Request-ID", "3fa85f64-5717-4562-b3fc-2c963f66afa6")
		req.Header.Set("X-Idempotency-Key", "order-0001")
		req.Header.Set("Cookie", "session=abcd1234")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s %s (%s) %q: status %d: %s", req.Method, target, ctype, body, rec.Code, rec.Body)
		}
	})
}
