package main

import (
	"fmt"
	"strings"
)

// synthSpec writes an OpenAPI 3.0 document the size and shape of GitHub's
// REST description: n resources of six operations each (n = 128 gives 768
// operations and 906 schemas), nested under a shared path parameter, with
// shared parameters and responses, paging headers, enums as schemas of
// their own, formats, patterns, nested objects, maps, allOf and named
// examples. Every operation, schema and property carries a description of
// a few sentences, because GitHub's size is mostly prose and examples, and
// the loader reads every byte. The same n always gives the same bytes.
// sharedSchemas is how many schemas the spec has besides the seven of
// each resource.
const sharedSchemas = 6

func synthSpec(n int) string {
	var b strings.Builder
	b.WriteString(`openapi: 3.0.3
info:
  title: Synthetic Scale
  version: 1.0.0
  description: ` + prose("the whole API", 6) + `
tags:
`)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "  - {name: res%03d, description: %q}\n", i, prose(fmt.Sprintf("resource %d", i), 3))
	}
	b.WriteString("paths:\n")
	for i := 0; i < n; i++ {
		r := fmt.Sprintf("res%03d", i)
		s := fmt.Sprintf("Res%03d", i)
		d := func(what string) string { return prose(what+" "+r, 16) }
		fmt.Fprintf(&b, `  /orgs/{org}/%[1]s:
    parameters:
      - $ref: "#/components/parameters/Org"
    get:
      operationId: list%[2]s
      tags: [%[1]s]
      summary: List %[1]s
      description: %[3]s
      parameters:
        - $ref: "#/components/parameters/PerPage"
        - $ref: "#/components/parameters/Page"
        - $ref: "#/components/parameters/Direction"
        - $ref: "#/components/parameters/Since"
        - {name: status, in: query, description: Only these states., schema: {$ref: "#/components/schemas/%[2]sStatus"}}
        - {name: labels, in: query, style: form, explode: false, description: Comma-separated label names., schema: {type: array, items: {type: string}}}
      responses:
        "200":
          description: A page.
          headers:
            Link: {$ref: "#/components/headers/Link"}
          content:
            application/json:
              schema: {$ref: "#/components/schemas/%[2]sPage"}
        "304": {$ref: "#/components/responses/NotModified"}
        "403": {$ref: "#/components/responses/Forbidden"}
    post:
      operationId: create%[2]s
      tags: [%[1]s]
      summary: Create a %[1]s
      description: %[4]s
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/%[2]sInput"}
      responses:
        "201":
          description: Created.
          headers:
            Location: {description: Where it is., schema: {type: string, format: uri}}
          content:
            application/json:
              schema: {$ref: "#/components/schemas/%[2]s"}
              examples:
                default: {$ref: "#/components/examples/%[2]s"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "422": {$ref: "#/components/responses/ValidationFailed"}
  /orgs/{org}/%[1]s/{id}:
    parameters:
      - $ref: "#/components/parameters/Org"
      - $ref: "#/components/parameters/Id"
    get:
      operationId: get%[2]s
      tags: [%[1]s]
      summary: Get a %[1]s
      description: %[5]s
      parameters:
        - $ref: "#/components/parameters/IfNoneMatch"
      responses:
        "200":
          description: Found.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/%[2]s"}
              examples:
                default: {$ref: "#/components/examples/%[2]s"}
        "304": {$ref: "#/components/responses/NotModified"}
        "404": {$ref: "#/components/responses/NotFound"}
    put:
      operationId: replace%[2]s
      tags: [%[1]s]
      summary: Replace a %[1]s
      description: %[6]s
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
        "404": {$ref: "#/components/responses/NotFound"}
        "422": {$ref: "#/components/responses/ValidationFailed"}
    patch:
      operationId: update%[2]s
      tags: [%[1]s]
      summary: Update a %[1]s
      description: %[7]s
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/%[2]sPatch"}
      responses:
        "200":
          description: Updated.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/%[2]s"}
        "404": {$ref: "#/components/responses/NotFound"}
        "422": {$ref: "#/components/responses/ValidationFailed"}
    delete:
      operationId: delete%[2]s
      tags: [%[1]s]
      summary: Delete a %[1]s
      description: %[8]s
      responses:
        "204":
          description: Deleted.
        "404": {$ref: "#/components/responses/NotFound"}
`, r, s, d("lists"), d("creates"), d("gets"), d("replaces"), d("updates"), d("deletes"))
	}
	fmt.Fprintf(&b, `components:
  parameters:
    Org: {name: org, in: path, required: true, description: The organization name., schema: {type: string, pattern: "^[A-Za-z0-9-]{1,39}$"}}
    Id: {name: id, in: path, required: true, description: The unique identifier., schema: {type: integer, format: int64, minimum: 1}}
    PerPage: {name: per_page, in: query, description: Results per page (max 100)., schema: {type: integer, minimum: 1, maximum: 100, default: 30}}
    Page: {name: page, in: query, description: Page number of the results to fetch., schema: {type: integer, minimum: 1, default: 1}}
    Direction: {name: direction, in: query, description: The order to sort by., schema: {type: string, enum: [asc, desc]}}
    Since: {name: since, in: query, description: Only results updated after this time., schema: {type: string, format: date-time}}
    IfNoneMatch: {name: If-None-Match, in: header, description: An entity tag from an earlier response., schema: {type: string}}
  headers:
    Link: {description: Links to the next and last pages., schema: {type: string}}
  responses:
    NotModified:
      description: Not modified.
    NotFound:
      description: Resource not found.
      content:
        application/json:
          schema: {$ref: "#/components/schemas/BasicError"}
    Forbidden:
      description: Forbidden.
      content:
        application/json:
          schema: {$ref: "#/components/schemas/BasicError"}
    ValidationFailed:
      description: Validation failed.
      content:
        application/json:
          schema: {$ref: "#/components/schemas/ValidationError"}
  examples:
`)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `    Res%03[1]d:
      value:
        id: %[2]d
        name: example %[1]d
        kind: beta
        size: %[1]d
        ratio: 0.5
        public: true
        owner: {login: octo, email: octo@example.com, site: "https://example.com/octo"}
        labels: [{name: bug, color: d73a4a}, {name: docs, color: 0075ca}]
        due: "2024-01-02"
        created: "2024-01-02T03:04:05Z"
        uuid: 123e4567-e89b-12d3-a456-426614174000
        status: active
        settings: {visibility: private, retention: {days: 30, archive: true}, extra: {team: core}}
`, i, 1000+i)
	}
	b.WriteString(`  schemas:
    BasicError:
      type: object
      description: ` + prose("an error", 2) + `
      properties:
        message: {type: string}
        documentation_url: {type: string, format: uri}
        status: {type: string}
    ValidationError:
      type: object
      required: [message]
      properties:
        message: {type: string}
        documentation_url: {type: string}
        errors:
          type: array
          items:
            type: object
            required: [code]
            properties:
              resource: {type: string}
              field: {type: string}
              code: {type: string}
    Owner:
      type: object
      required: [login]
      description: ` + prose("an owner", 2) + `
      properties:
        login: {type: string, pattern: "^[a-z0-9-]{1,39}$", description: The handle.}
        email: {type: string, format: email, nullable: true, description: The public address.}
        site: {type: string, format: uri, description: The home page.}
    Label:
      type: object
      required: [name, color]
      properties:
        name: {type: string, minLength: 1, maxLength: 50, description: The name.}
        color: {type: string, pattern: "^[0-9a-fA-F]{6}$", description: Six hex digits.}
    Visibility:
      type: string
      enum: [public, private, internal]
    Timestamps:
      type: object
      required: [created]
      properties:
        created: {type: string, format: date-time}
        updated: {type: string, format: date-time}
`)
	for i := 0; i < n; i++ {
		s := fmt.Sprintf("Res%03d", i)
		p := func(what string) string { return prose(what+" of "+s, 2) }
		fmt.Fprintf(&b, `    %[1]sStatus:
      type: string
      description: %[2]s
      enum: [active, archived, pending, suspended]
    %[1]sSettings:
      type: object
      description: %[3]s
      properties:
        visibility: {$ref: "#/components/schemas/Visibility"}
        retention:
          type: object
          description: %[4]s
          properties:
            days: {type: integer, minimum: 1, maximum: 3650}
            archive: {type: boolean}
        extra:
          type: object
          additionalProperties: {type: string}
    %[1]sInput:
      type: object
      required: [name, kind]
      description: %[5]s
      properties:
        name: {type: string, minLength: 1, maxLength: 100, description: %[6]s}
        kind: {type: string, enum: [alpha, beta, gamma, delta], description: %[7]s}
        size: {type: integer, minimum: 0, maximum: 1000000, description: %[8]s}
        ratio: {type: number, minimum: 0, maximum: 1}
        public: {type: boolean}
        owner: {$ref: "#/components/schemas/Owner"}
        labels: {type: array, maxItems: 20, items: {$ref: "#/components/schemas/Label"}}
        due: {type: string, format: date}
        settings: {$ref: "#/components/schemas/%[1]sSettings"}
    %[1]sPatch:
      type: object
      minProperties: 1
      description: %[9]s
      properties:
        name: {type: string, minLength: 1, maxLength: 100}
        kind: {type: string, enum: [alpha, beta, gamma, delta]}
        public: {type: boolean}
        status: {$ref: "#/components/schemas/%[1]sStatus"}
    %[1]s:
      description: %[10]s
      allOf:
        - $ref: "#/components/schemas/%[1]sInput"
        - $ref: "#/components/schemas/Timestamps"
        - type: object
          required: [id, status]
          properties:
            id: {type: integer, format: int64}
            uuid: {type: string, format: uuid}
            status: {$ref: "#/components/schemas/%[1]sStatus"}
            url: {type: string, format: uri}
    %[1]sSummary:
      type: object
      required: [id, name]
      description: %[11]s
      properties:
        id: {type: integer, format: int64}
        name: {type: string}
        owner: {$ref: "#/components/schemas/Owner"}
    %[1]sPage:
      type: object
      required: [total_count, items]
      properties:
        total_count: {type: integer}
        incomplete_results: {type: boolean}
        items: {type: array, items: {$ref: "#/components/schemas/%[1]sSummary"}}
`, s, p("the state"), p("the settings"), p("retention"), p("the input"), p("the name"), p("the kind"),
			p("the size"), p("a patch"), p("the resource"), p("the summary"))
	}
	return b.String()
}

// prose is a deterministic paragraph of about 25 words a sentence, quoted
// for YAML, standing in for the documentation real descriptions carry.
func prose(subject string, sentences int) string {
	words := []string{"returns", "the", "repository", "organization", "settings", "when", "authenticated", "users",
		"with", "read", "access", "request", "this", "endpoint", "token", "scope", "pages", "results", "for", "each"}
	var b strings.Builder
	b.WriteString("This describes " + subject + ".")
	k := len(subject)
	for s := 0; s < sentences; s++ {
		b.WriteString(" See")
		for w := 0; w < 24; w++ {
			k = (k*31 + w + s) % 997
			b.WriteString(" " + words[k%len(words)])
		}
		b.WriteString(".")
	}
	return fmt.Sprintf("%q", b.String())
}
