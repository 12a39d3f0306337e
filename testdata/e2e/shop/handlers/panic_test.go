package handlers

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"example.com/shop/api"
)

// failing panics in one handler and returns a plain error from another.
type failing struct{ Handlers }

func (f *failing) GetPet(context.Context, api.GetPetRequestObject) (api.GetPetResponseObject, error) {
	panic("secret: the database password is hunter2")
}

func (f *failing) DeletePet(context.Context, api.DeletePetRequestObject) (api.DeletePetResponseObject, error) {
	return nil, errors.New("secret: connection refused to 10.0.0.7")
}

// TestFailuresRevealNothing checks the safety net: a panic and a plain
// error both become a bare 500 problem; the cause goes to the log only.
func TestFailuresRevealNothing(t *testing.T) {
	var log bytes.Buffer
	h := api.NewHandler(&failing{}, api.WithAuthenticator(&Handlers{}), api.WithLogger(slog.New(slog.NewTextHandler(&log, nil))))
	for _, c := range []contractCase{
		{method: "GET", target: "/pets/2", headers: [][2]string{{"X-API-Key", "secret-key"}, {"Cookie", "session=abcd1234"}}},
		{method: "DELETE", target: "/pets/2", headers: [][2]string{{"Authorization", "Bearer admin-token"}}},
	} {
		rec := serve(t, h, c)
		if rec.Code != 500 || rec.Body.String() != `{"type":"about:blank","title":"Internal Server Error","status":500}`+"\n" {
			t.Errorf("%s %s: %d %s, want a bare 500 problem", c.method, c.target, rec.Code, rec.Body)
		}
	}
	for _, want := range []string{"hunter2", "10.0.0.7"} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("the log does not record the cause %q:\n%s", want, log.String())
		}
	}
}
