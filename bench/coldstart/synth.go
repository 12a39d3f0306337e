package main

import (
	"fmt"
	"strings"
)

// synthSpec writes an OpenAPI 3.0 document with n resources of six
// operations each (list, create, get, replace, update, delete), shaped like
// a large real API: shared component schemas, enums, formats, patterns,
// nested objects, arrays and query filters. The same n always gives the
// same bytes.
func synthSpec(n int) string {
	var b strings.Builder
	b.WriteString("openapi: 3.0.3\ninfo:\n  title: Synthetic\n  version: 1.0.0\npaths:\n")
	for i := 0; i < n; i++ {
		r := fmt.Sprintf("res%03d", i)
		s := fmt.Sprintf("Res%03d", i)
		fmt.Fprintf(&b, `  /%[1]s:
    get:
      operationId: list%[2]s
      parameters:
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 100}}
        - {name: cursor, in: query, schema: {type: string, pattern: "^[A-Za-z0-9_-]{1,64}$"}}
        - {name: sort, in: query, schema: {type: string, enum: [created, updated, name]}}
        - {name: tags, in: query, style: form, explode: false, schema: {type: array, items: {type: string}}}
      responses:
        "200":
          description: A page.
          content:
            application/json:
              schema:
                type: object
                required: [items]
                properties:
                  items: {type: array, items: {$ref: "#/components/schemas/%[2]s"}}
                  next: {type: string}
    post:
      operationId: create%[2]s
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/%[2]sInput"}
      responses:
        "201":
          description: Created.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/%[2]s"}
        "400": {$ref: "#/components/responses/ErrorResponse"}
  /%[1]s/{id}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: integer, format: int64, minimum: 1}}
    get:
      operationId: get%[2]s
      parameters:
        - {name: If-None-Match, in: header, schema: {type: string}}
      responses:
        "200":
          description: Found.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/%[2]s"}
        "404": {$ref: "#/components/responses/ErrorResponse"}
    put:
      operationId: replace%[2]s
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/%[2]sInput"}
      responses:
        "200":
          description: Replaced.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/%[2]s"}
    patch:
      operationId: update%[2]s
      requestBody:
        required: true
        content:
          application/merge-patch+json:
            schema: {$ref: "#/components/schemas/%[2]sPatch"}
      responses:
        "200":
          description: Updated.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/%[2]s"}
    delete:
      operationId: delete%[2]s
      responses:
        "204":
          description: Deleted.
`, r, s)
	}
	b.WriteString(`components:
  responses:
    ErrorResponse:
      description: A problem.
      content:
        application/problem+json:
          schema: {$ref: "#/components/schemas/Error"}
  schemas:
    Error:
      type: object
      properties:
        type: {type: string}
        title: {type: string}
        status: {type: integer}
        detail: {type: string}
    Owner:
      type: object
      required: [login]
      properties:
        login: {type: string, pattern: "^[a-z0-9-]{1,39}$"}
        email: {type: string, format: email}
        site: {type: string, format: uri}
    Label:
      type: object
      required: [name, color]
      properties:
        name: {type: string, minLength: 1, maxLength: 50}
        color: {type: string, pattern: "^[0-9a-f]{6}$"}
`)
	for i := 0; i < n; i++ {
		s := fmt.Sprintf("Res%03d", i)
		fmt.Fprintf(&b, `    %[1]sInput:
      type: object
      required: [name, kind]
      properties:
        name: {type: string, minLength: 1, maxLength: 100}
        kind: {type: string, enum: [alpha, beta, gamma, delta]}
        size: {type: integer, minimum: 0, maximum: 1000000}
        ratio: {type: number, minimum: 0, maximum: 1}
        public: {type: boolean}
        owner: {$ref: "#/components/schemas/Owner"}
        labels: {type: array, maxItems: 20, items: {$ref: "#/components/schemas/Label"}}
        due: {type: string, format: date}
    %[1]sPatch:
      type: object
      minProperties: 1
      properties:
        name: {type: string, minLength: 1, maxLength: 100}
        kind: {type: string, enum: [alpha, beta, gamma, delta]}
        public: {type: boolean}
    %[1]s:
      allOf:
        - $ref: "#/components/schemas/%[1]sInput"
        - type: object
          required: [id, created]
          properties:
            id: {type: integer, format: int64}
            created: {type: string, format: date-time}
            uuid: {type: string, format: uuid}
`, s)
	}
	return b.String()
}
