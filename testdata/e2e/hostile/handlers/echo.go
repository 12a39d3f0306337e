package handlers

import (
	"context"
	"encoding/json"
	"io"
	"sync/atomic"

	"example.com/hostile/api"
)

// Calls counts handler invocations, so that a test can tell "refused
// before the handler" from "the handler answered".
var Calls atomic.Int64

// echo is every handler's answer: the typed values the handler received,
// marshaled back to JSON. What a test reads here is exactly what got past
// validation.
func echo(op string, parts map[string]any) api.Echo {
	Calls.Add(1)
	out := api.Echo{"op": op}
	for k, v := range parts {
		data, err := json.Marshal(v)
		if err != nil {
			// An unmarshalable value is itself a finding: say so instead
			// of answering 500.
			out[k+"Error"] = err.Error()
			continue
		}
		out[k] = json.RawMessage(data)
	}
	return out
}

func (h *Handlers) CreateOrder(ctx context.Context, req api.CreateOrderRequestObject) (api.CreateOrderResponseObject, error) {
	return api.CreateOrder200JSONResponse(echo("createOrder", map[string]any{"body": req.Body})), nil
}

func (h *Handlers) UpdateProfile(ctx context.Context, req api.UpdateProfileRequestObject) (api.UpdateProfileResponseObject, error) {
	return api.UpdateProfile200JSONResponse(echo("updateProfile", map[string]any{"body": req.Body})), nil
}

func (h *Handlers) Subscribe(ctx context.Context, req api.SubscribeRequestObject) (api.SubscribeResponseObject, error) {
	return api.Subscribe200JSONResponse(echo("subscribe", map[string]any{"body": req.Body})), nil
}

// BuyTicket echoes the variant the discriminator chose, decoded into its
// own type, since that is what a handler would act on.
func (h *Handlers) BuyTicket(ctx context.Context, req api.BuyTicketRequestObject) (api.BuyTicketResponseObject, error) {
	parts := map[string]any{"raw": req.Body}
	if req.Body != nil {
		kind, _ := req.Body.Discriminator()
		parts["kind"] = kind
		if v, err := req.Body.ValueByDiscriminator(); err == nil {
			parts["body"] = v
		} else {
			parts["decodeError"] = "the handler could not decode the variant"
		}
	}
	return api.BuyTicket200JSONResponse(echo("buyTicket", parts)), nil
}

// Upload echoes every part it reads, by name, so repeated parts show.
func (h *Handlers) Upload(ctx context.Context, req api.UploadRequestObject) (api.UploadResponseObject, error) {
	parts := map[string][]string{}
	files := map[string]string{}
	for req.Body != nil {
		p, err := req.Body.NextPart()
		if err != nil {
			break
		}
		data, _ := io.ReadAll(io.LimitReader(p, 1<<16))
		parts[p.FormName()] = append(parts[p.FormName()], string(data))
		if p.FileName() != "" {
			files[p.FormName()] = p.FileName()
		}
	}
	return api.Upload200JSONResponse(echo("upload", map[string]any{"parts": parts, "files": files})), nil
}

func (h *Handlers) GetVenue(ctx context.Context, req api.GetVenueRequestObject) (api.GetVenueResponseObject, error) {
	return api.GetVenue200JSONResponse(echo("getVenue", map[string]any{"name": req.Name, "params": req.Params})), nil
}

// Greet puts the caller's name in a response header and a cookie, the
// way real handlers reflect request data into headers: the server, not
// the handler, has to keep CR and LF out of them.
func (h *Handlers) Greet(ctx context.Context, req api.GreetRequestObject) (api.GreetResponseObject, error) {
	greeting := "Hello " + req.Params.Name
	cookie := "greeted=" + req.Params.Name + "; Path=/"
	return api.Greet200JSONResponse{
		Body:    echo("greet", map[string]any{"params": req.Params}),
		Headers: api.Greet200ResponseHeaders{XGreeting: &greeting, SetCookie: &cookie},
	}, nil
}
