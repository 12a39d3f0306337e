package evolve_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/lambgen/lambgen/generator"
	"github.com/lambgen/lambgen/generator/config"
	"github.com/lambgen/lambgen/generator/evolve"
	"github.com/lambgen/lambgen/generator/write"
)

const spec = `openapi: 3.0.3
info:
  title: Shop
  version: "1"
paths:
  /items:
    post:
      operationId: createItem
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: "#/components/schemas/Item"
      responses:
        "201":
          description: created
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Item"
  /items/{id}:
    get:
      operationId: getItem
      parameters:
        - name: id
          in: path
          required: true
          schema:
            type: integer
      responses:
        "200":
          description: the item
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Stock"
components:
  schemas:
    Item:
      type: object
      required: [name]
      properties:
        name:
          type: string
    Stock:
      type: object
      properties:
        count:
          type: integer
`

// withoutGetItem drops the operation and the schema only it used.
var withoutGetItem = spec[:strings.Index(spec, "  /items/{id}:")] + "components:\n  schemas:\n" +
	spec[strings.Index(spec, "    Item:"):strings.Index(spec, "    Stock:")]

type generation struct {
	ops []write.ManifestOperation
	api map[string][]byte
}

func generate(t *testing.T, src string) generation {
	t.Helper()
	res, err := generator.Generate(context.Background(), generator.Options{
		SpecPath: "openapi.yaml", SpecSource: []byte(src),
		Config:  config.Config{Name: "shop", Module: "example.com/shop"},
		Runtime: fstest.MapFS{"a.go": {Data: []byte("package lambdahttp\n")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	g := generation{ops: write.Operations(res.API), api: map[string][]byte{}}
	for _, f := range res.Files {
		if strings.HasPrefix(f.Path, "api/") && strings.HasSuffix(f.Path, ".go") {
			g.api[f.Path] = f.Data
		}
	}
	return g
}

const userGetItem = `package handlers

import (
	"context"

	"example.com/shop/api"
)

func (h *Handlers) GetItem(ctx context.Context, req api.GetItemRequestObject) (api.GetItemResponseObject, error) {
	n := req.Id
	return api.GetItem200JSONResponse{Count: &n}, nil
}
`

// TestTombstonesAreStable removes an operation, then regenerates from the
// result: the tombstone file must come out byte for byte the same, or
// --check would never pass after a removal.
func TestTombstonesAreStable(t *testing.T) {
	v1, v2 := generate(t, spec), generate(t, withoutGetItem)
	prev := &write.Manifest{Version: 1, Operations: v1.ops}
	code := map[string][]byte{"handlers/get_item.go": []byte(userGetItem)}
	first, err := evolve.Compare(evolve.Input{Prev: prev, Next: v2.ops, OldAPI: map[string][]byte{"api/api.gen.go": v1.api["api/api.gen.go"]}, NewAPI: v2.api, Handlers: code})
	if err != nil {
		t.Fatal(err)
	}
	src := string(first.Tombstones)
	for _, want := range []string{
		"// Deprecated: operation getItem (GET /items/{id}) was removed from the spec. lambgen drops this type once Handlers has no method GetItem.\ntype GetItemRequestObject struct {",
		"\ntype GetItem200JSONResponse Stock\n",
		"\nfunc (response GetItem200JSONResponse) VisitGetItemResponse(w http.ResponseWriter) error {",
		"// Deprecated: Stock is no longer generated from the spec; lambgen keeps it because the types of retired operations use it.\ntype Stock struct {",
	} {
		if !strings.Contains(src, want) {
			t.Errorf("tombstones lack %q:\n%s", want, src)
		}
	}
	if strings.Contains(src, "type Item struct") || strings.Contains(src, "CreateItem") {
		t.Errorf("tombstones carry types the next generation still declares:\n%s", src)
	}
	wantRetired := []write.Retired{{ManifestOperation: v1.ops[1]}}
	if d := cmp.Diff(wantRetired, first.Retired); d != "" {
		t.Errorf("retired (-want +got):\n%s", d)
	}

	again, err := evolve.Compare(evolve.Input{
		Prev: &write.Manifest{Version: 1, Operations: v2.ops, Retired: first.Retired}, Next: v2.ops,
		OldAPI: map[string][]byte{"api/api.gen.go": v2.api["api/api.gen.go"], evolve.TombstonePath: first.Tombstones},
		NewAPI: v2.api, Handlers: code,
	})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(src, string(again.Tombstones)); d != "" {
		t.Errorf("second generation changed the tombstones (-first +second):\n%s", d)
	}

	// Once the method is gone, so are the tombstones.
	gone, err := evolve.Compare(evolve.Input{
		Prev: &write.Manifest{Version: 1, Operations: v2.ops, Retired: first.Retired}, Next: v2.ops,
		OldAPI: map[string][]byte{"api/api.gen.go": v2.api["api/api.gen.go"], evolve.TombstonePath: first.Tombstones},
		NewAPI: v2.api, Handlers: map[string][]byte{},
	})
	if err != nil {
		t.Fatal(err)
	}
	if gone.Tombstones != nil || gone.Retired != nil {
		t.Errorf("tombstones kept after the method was deleted: %v\n%s", gone.Retired, gone.Tombstones)
	}
	want := []string{"retired: operation getItem: method GetItem is gone from handlers/, so its deprecated types leave api/tombstones.gen.go"}
	if d := cmp.Diff(want, gone.Notes); d != "" {
		t.Errorf("notes (-want +got):\n%s", d)
	}
}

// TestTombstonesWithoutPreviousSource covers a removal after the user
// deleted api/api.gen.go: the handler's signature still compiles.
func TestTombstonesWithoutPreviousSource(t *testing.T) {
	v1, v2 := generate(t, spec), generate(t, withoutGetItem)
	res, err := evolve.Compare(evolve.Input{Prev: &write.Manifest{Version: 1, Operations: v1.ops}, Next: v2.ops,
		NewAPI: v2.api, Handlers: map[string][]byte{"handlers/get_item.go": []byte(userGetItem)}})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"import (\n\t\"net/http\"\n)", "type GetItemRequestObject struct{}", "type GetItemResponseObject interface {\n\tVisitGetItemResponse(w http.ResponseWriter) error\n}"} {
		if !strings.Contains(string(res.Tombstones), want) {
			t.Errorf("tombstones lack %q:\n%s", want, res.Tombstones)
		}
	}
}

func TestNotes(t *testing.T) {
	v1 := generate(t, spec)
	tests := []struct {
		name    string
		next    string
		handler map[string][]byte
		want    []string
	}{
		{name: "unchanged", next: spec, want: nil},
		{name: "removed, method kept", next: withoutGetItem, handler: map[string][]byte{"handlers/get_item.go": []byte(userGetItem)}, want: []string{
			"removed: operation getItem (GET /items/{id}) is gone from the spec; your method GetItem at handlers/get_item.go:9 is no longer served. " +
				"Its types stay, deprecated, in api/tombstones.gen.go so the project compiles; delete the method when you no longer need it",
		}},
		{name: "removed, no method", next: withoutGetItem, want: []string{
			"removed: operation getItem (GET /items/{id}); handlers/ has no method GetItem, so there is nothing to do",
		}},
		{name: "added", next: strings.Replace(spec, "    post:\n      operationId: createItem", "    get:\n      operationId: listItems\n      responses:\n        \"200\":\n          description: ok\n    post:\n      operationId: createItem", 1), want: []string{
			"added: operation listItems (GET /items): fill in method ListItems in handlers/list_items.go",
		}},
		{name: "added, the method already there", next: strings.Replace(spec, "components:", "  /stock:\n    get:\n      operationId: readStock\n      responses:\n        \"200\":\n          description: ok\ncomponents:", 1),
			handler: map[string][]byte{"handlers/items.go": []byte(strings.ReplaceAll(userGetItem, "GetItem", "ReadStock"))}, want: []string{
				"added: operation readStock (GET /stock): your existing method ReadStock at handlers/items.go:9 serves it",
			}},
		{name: "moved", next: strings.Replace(spec, "/items/{id}:", "/things/{id}:", 1), want: []string{
			"moved: operation getItem: GET /items/{id} → GET /things/{id}; method GetItem keeps its name",
		}},
		{name: "parameter retyped", next: strings.Replace(spec, "            type: integer", "            type: string", 1), handler: map[string][]byte{"handlers/get_item.go": []byte(userGetItem)}, want: []string{
			"changed: api.GetItemRequestObject: field Id int → string (used at handlers/get_item.go:9)",
		}},
		{name: "schema field retyped and added", next: strings.Replace(spec, "        count:\n          type: integer", "        count:\n          type: string\n        sku:\n          type: string", 1), want: []string{
			"changed: api.Stock: field Count *int → *string; field Sku *string added",
		}},
		{name: "schema renamed under a kept operation", next: strings.ReplaceAll(spec, "Stock", "Level"), handler: map[string][]byte{"handlers/get_item.go": []byte(strings.Replace(userGetItem, "return", "var _ api.Stock\n\treturn", 1))}, want: []string{
			"changed: api.GetItem200JSONResponse: now Level (was Stock) (used at handlers/get_item.go:12)",
			"gone: api.Stock is no longer generated, but handlers/get_item.go:11 uses it; change that code to the spec's new types",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			next := generate(t, tt.next)
			res, err := evolve.Compare(evolve.Input{Prev: &write.Manifest{Version: 1, Operations: v1.ops}, Next: next.ops,
				OldAPI: map[string][]byte{"api/api.gen.go": v1.api["api/api.gen.go"]}, NewAPI: next.api, Handlers: tt.handler})
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tt.want, res.Notes); d != "" {
				t.Errorf("notes (-want +got):\n%s", d)
			}
		})
	}
}
