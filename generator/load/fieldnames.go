package load

import "strings"

// fieldNames are the fields of every OpenAPI 3.0 to 3.2 object and every
// JSON Schema keyword a 3.1 schema may use. An unknown field at the top of
// the document spelled near one is likely a typo that silently loses what
// the field means (securty); one spelled near none is a vendor's field
// written without x-, which no tool reads (Google's top-level source).
var fieldNames = strings.Fields(`openapi info servers paths components security tags externalDocs webhooks
jsonSchemaDialect self title description termsOfService contact license version summary name url email
identifier variables enum default schemas responses parameters examples requestBodies headers
securitySchemes links callbacks pathItems mediaTypes $ref get put post delete options head patch trace
query additionalOperations operationId requestBody deprecated in required allowEmptyValue style explode
allowReserved schema example content encoding contentType value externalValue dataValue serializedValue
operationRef type bearerFormat flows openIdConnectUrl scheme implicit password clientCredentials
authorizationCode deviceAuthorization authorizationUrl tokenUrl refreshUrl deviceAuthorizationUrl scopes
oauth2MetadataUrl propertyName mapping defaultMapping discriminator xml namespace prefix attribute wrapped
nodeType nullable readOnly writeOnly multipleOf maximum exclusiveMaximum minimum exclusiveMinimum
maxLength minLength pattern maxItems minItems uniqueItems maxProperties minProperties allOf oneOf anyOf
not items properties additionalProperties format const prefixItems contains if then else
dependentSchemas dependentRequired $defs $schema $id $anchor $dynamicRef $dynamicAnchor $comment
unevaluatedProperties unevaluatedItems contentMediaType contentEncoding contentSchema patternProperties
propertyNames minContains maxContains kind parent itemSchema prefixEncoding itemEncoding server`)

// nearFieldName is the first OpenAPI field name one of fields is spelled
// near (two edits or fewer, one for names of four letters or fewer, or
// the same but for case), or "".
func nearFieldName(fields []string) string {
	for _, f := range fields {
		for _, n := range fieldNames {
			limit := 2
			if len(f) <= 4 || len(n) <= 4 {
				limit = 1
			}
			if strings.EqualFold(f, n) || editDistance(strings.ToLower(f), strings.ToLower(n), limit) <= limit {
				return n
			}
		}
	}
	return ""
}

// editDistance is the Levenshtein distance of a and b, or limit+1 once it
// is sure to be more than limit.
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
