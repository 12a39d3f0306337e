package contract

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// checker validates one JSON document against the schema table. The
// document must already be known to be valid JSON. Every value is known by
// the offset where it starts; only a violation turns that offset into a
// JSON pointer, so a document that passes costs no bookkeeping.
type checker struct {
	e      *Server
	data   []byte
	in     string
	name   string
	dir    direction
	root   int
	errs   []Violation
	depth  int
	trial  int
	failed bool
}

// run checks the whole document against schema si.
func (c *checker) run(si int) []Violation {
	c.root = skipSpace(c.data, 0)
	c.check(si, c.root)
	return c.errs
}

// fail records a violation of the value starting at offset at; child,
// when set, names a property of it that is missing or wrong.
func (c *checker) fail(at int, detail string) { c.failChild(at, "", detail) }

func (c *checker) failChild(at int, child, detail string) {
	c.failed = true
	if c.trial > 0 || len(c.errs) >= maxViolations {
		return
	}
	ptr := pointerTo(c.data, c.root, at)
	if child != "" {
		ptr += "/" + escapeToken(child)
	}
	c.errs = append(c.errs, Violation{In: c.in, Name: c.name, Pointer: ptr, Detail: detail})
}

// passes reports whether the value at i matches s, recording nothing.
func (c *checker) passes(s, i int) bool {
	failed := c.failed
	c.trial++
	c.failed = false
	c.check(s, i)
	ok := !c.failed
	c.trial--
	c.failed = failed
	return ok
}

// check validates the value starting at i against schema si and returns
// the offset just past it. Objects and arrays are walked once: their end
// is where the walk of their members stops.
func (c *checker) check(si, i int) int {
	s := &c.e.spec.Schemas[si]
	d := c.data
	if c.depth >= maxDepth {
		c.fail(i, "nests deeper than "+strconv.Itoa(maxDepth)+" levels")
		return skipValue(d, i)
	}
	k := kindAt(d, i)
	if (k == TypeObject || k == TypeArray) && (s.Types == 0 || k&s.Types != 0) {
		c.depth++
		var end int
		if k == TypeObject {
			end = c.object(s, i)
		} else {
			end = c.array(s, i)
		}
		c.depth--
		c.after(s, i, end, k)
		return end
	}
	end := skipValue(d, i)
	if k == TypeNumber && (s.Types&TypeInteger != 0 || s.Format != FormatNone) && c.integral(d[i:end]) {
		k = TypeInteger
	}
	if k == TypeNull && (s.Nullable || s.Types&TypeNull != 0) {
		return end
	}
	if s.Types != 0 && k&s.Types == 0 && !(k == TypeInteger && s.Types&TypeNumber != 0) {
		c.fail(i, "want "+s.Types.String()+", got "+describe(d[i:end], k))
		return end
	}
	switch k {
	case TypeString:
		c.str(s, i, d[i:end])
	case TypeInteger, TypeNumber:
		c.number(s, i, d[i:end], k)
	}
	c.after(s, i, end, k)
	return end
}

// after applies the keywords that look at a value as a whole.
func (c *checker) after(s *Schema, i, end int, k Type) {
	if s.HasEnum && !inEnum(s, c.data[i:end], k) {
		c.fail(i, describe(c.data[i:end], k)+" is not one of "+enumList(s))
	}
	if s.ReadOnly && c.dir == inRequest && i != c.root {
		c.fail(i, "is read-only: leave it out of requests")
	}
	if s.WriteOnly && c.dir == inResponse && i != c.root {
		c.fail(i, "is write-only: it must not appear in responses")
	}
	if len(s.AllOf)+len(s.AnyOf)+len(s.OneOf) > 0 || s.Not != 0 {
		c.combinators(s, i)
	}
}

// kindAt tells the JSON type of the value at i from its first byte; every
// number starts as typeNumber.
func kindAt(d []byte, i int) Type {
	switch d[i] {
	case '{':
		return TypeObject
	case '[':
		return TypeArray
	case '"':
		return TypeString
	case 't', 'f':
		return TypeBoolean
	case 'n':
		return TypeNull
	}
	return TypeNumber
}

// integral reports whether a number is an integer. In a request it must
// be written as one, without a fraction or exponent: the handler's Go
// integer cannot be decoded from 10.0 or 1e1, and the server does not
// accept what the handler cannot receive. A response may write any whole
// value (1.0, 1e3), as JSON Schema allows.
func (c *checker) integral(num []byte) bool {
	if c.dir == inRequest {
		for _, b := range num {
			if b == '.' || b == 'e' || b == 'E' {
				return false
			}
		}
		return true
	}
	return isIntegral(num)
}

// isIntegral reports whether a number is an integer: no fraction or
// exponent, or one that leaves a whole value (1.0, 1e3).
func isIntegral(num []byte) bool {
	for _, b := range num {
		if b == '.' || b == 'e' || b == 'E' {
			f, err := strconv.ParseFloat(string(num), 64)
			return err == nil && f == math.Trunc(f) && math.Abs(f) < 1<<53
		}
	}
	return true
}

func (c *checker) combinators(s *Schema, i int) {
	for _, sub := range s.AllOf {
		c.check(sub, i)
	}
	if s.Discriminator != "" && len(s.Mapping) > 0 && c.data[i] == '{' {
		c.discriminate(s, i)
	} else {
		if len(s.AnyOf) > 0 {
			ok := false
			for _, sub := range s.AnyOf {
				if c.passes(sub, i) {
					ok = true
					break
				}
			}
			if !ok {
				c.fail(i, "matches none of the anyOf alternatives"+c.e.altNames(s.AnyOf))
			}
		}
		if len(s.OneOf) > 0 {
			n := 0
			for _, sub := range s.OneOf {
				if c.passes(sub, i) {
					n++
				}
			}
			switch {
			case n == 0:
				c.fail(i, "matches none of the oneOf alternatives"+c.e.altNames(s.OneOf))
			case n > 1:
				c.fail(i, "matches "+strconv.Itoa(n)+" of the oneOf alternatives"+c.e.altNames(s.OneOf)+", want exactly one")
			}
		}
	}
	if s.Not != 0 && c.passes(s.Not, i) {
		c.fail(i, "matches a schema it must not match")
	}
}

// discriminate checks an object against the alternative its
// discriminator property names, so violations point inside that one.
func (c *checker) discriminate(s *Schema, i int) {
	var value []byte
	found := false
	eachMember(c.data, i, func(key []byte, v int) int {
		end := skipValue(c.data, v)
		if !found && keyIs(key, s.Discriminator) {
			found = true
			if c.data[v] == '"' {
				value = c.data[v:end]
			}
		}
		return end
	})
	var why string
	switch {
	case !found:
		why = "is required: it selects one of " + mappingList(s)
	case value == nil:
		why = "want string, it selects one of " + mappingList(s)
	default:
		v := unquoted(value)
		for _, m := range s.Mapping {
			if m.Value == v {
				c.check(m.Schema, i)
				return
			}
		}
		why = excerpt(value) + " is not one of " + mappingList(s)
	}
	c.failChild(i, s.Discriminator, why)
}

func (c *checker) object(s *Schema, i int) int {
	var seen uint64
	var seenMore []bool
	if len(s.Properties) > 64 {
		seenMore = make([]bool, len(s.Properties))
	}
	n := 0
	end := eachMember(c.data, i, func(key []byte, v int) int {
		n++
		p := findProperty(s.Properties, key)
		switch {
		case p >= 0:
			if p < 64 {
				seen |= 1 << p
			} else {
				seenMore[p] = true
			}
			if s.Properties[p].Schema != 0 {
				return c.check(s.Properties[p].Schema, v)
			}
		case c.dir == inRequest && len(s.Properties) > 0 && foldedProperty(s.Properties, key) >= 0:
			// encoding/json would bind this key to the property it folds
			// to, past the checks that property's schema makes.
			c.fail(v, "differs from the property "+strconv.Quote(s.Properties[foldedProperty(s.Properties, key)].Name)+" only in case: property names are case-sensitive")
		case s.NoAdditional:
			c.fail(v, "is not a property of "+nameOf(s, "this object")+" (it allows no others)")
		case s.Additional != 0:
			return c.check(s.Additional, v)
		}
		return skipValue(c.data, v)
	})
	for p, prop := range s.Properties {
		if prop.Required && ((p < 64 && seen&(1<<p) == 0) || (p >= 64 && !seenMore[p])) {
			c.failChild(i, prop.Name, "is required")
		}
	}
	if len(s.DependentRequired) > 0 {
		c.dependencies(s, i, func(p int) bool { return (p < 64 && seen&(1<<p) != 0) || (p >= 64 && seenMore[p]) })
	}
	if n < s.MinProperties {
		c.fail(i, "has "+strconv.Itoa(n)+" properties, want at least "+strconv.Itoa(s.MinProperties))
	}
	if s.HasMaxProperties && n > s.MaxProperties {
		c.fail(i, "has "+strconv.Itoa(n)+" properties, want at most "+strconv.Itoa(s.MaxProperties))
	}
	return end
}

func (c *checker) array(s *Schema, i int) int {
	var starts []int
	n := 0
	end := eachElement(c.data, i, func(v int) int {
		if s.UniqueItems {
			starts = append(starts, v)
		}
		n++
		return c.check(s.Items, v)
	})
	if n < s.MinItems {
		c.fail(i, "has "+strconv.Itoa(n)+" items, want at least "+strconv.Itoa(s.MinItems))
	}
	if s.HasMaxItems && n > s.MaxItems {
		c.fail(i, "has "+strconv.Itoa(n)+" items, want at most "+strconv.Itoa(s.MaxItems))
	}
	if s.UniqueItems {
		if a, b, dup := duplicate(c.data, starts); dup {
			c.fail(i, "items "+strconv.Itoa(a)+" and "+strconv.Itoa(b)+" are equal, want unique items")
		}
	}
	return end
}

func (c *checker) str(s *Schema, i int, raw []byte) {
	if s.MinLength == 0 && !s.HasMaxLength && s.Pattern == 0 && s.Format == FormatNone {
		return
	}
	v := unquoted(raw)
	if s.MinLength > 0 || s.HasMaxLength {
		n := utf8.RuneCountInString(v)
		if n < s.MinLength {
			c.fail(i, "is "+strconv.Itoa(n)+" characters long, want at least "+strconv.Itoa(s.MinLength))
		}
		if s.HasMaxLength && n > s.MaxLength {
			c.fail(i, "is "+strconv.Itoa(n)+" characters long, want at most "+strconv.Itoa(s.MaxLength))
		}
	}
	if s.Pattern != 0 && !c.e.matchPattern(s.Pattern, v) {
		c.fail(i, excerpt(raw)+" does not match the pattern "+c.e.spec.Patterns[s.Pattern])
	}
	if s.Format != FormatNone {
		if why := checkFormat(s.Format, v); why != "" {
			c.fail(i, excerpt(raw)+" "+why)
		}
	}
}

func (c *checker) number(s *Schema, i int, raw []byte, k Type) {
	if c.dir == inRequest {
		if why := fitsGo(s, raw, k); why != "" {
			c.fail(i, string(raw)+" "+why)
			return
		}
	}
	if !s.HasMin && !s.HasMax && s.MultipleOf == 0 && s.Format == FormatNone {
		return
	}
	f, err := strconv.ParseFloat(string(raw), 64)
	if err != nil && !math.IsInf(f, 0) {
		c.fail(i, excerpt(raw)+" is not a number")
		return
	}
	num := string(raw)
	if s.HasMin && (f < s.Min || (s.ExclusiveMin && f == s.Min)) {
		c.fail(i, num+" is less than "+bound(s.Min, s.ExclusiveMin, "minimum"))
	}
	if s.HasMax && (f > s.Max || (s.ExclusiveMax && f == s.Max)) {
		c.fail(i, num+" is greater than "+bound(s.Max, s.ExclusiveMax, "maximum"))
	}
	if s.MultipleOf > 0 {
		if q := f / s.MultipleOf; math.Abs(q-math.Round(q)) > 1e-9 {
			c.fail(i, num+" is not a multiple of "+strconv.FormatFloat(s.MultipleOf, 'g', -1, 64))
		}
	}
	if s.Format != FormatNone && k == TypeInteger {
		if why := checkIntFormat(s.Format, raw); why != "" {
			c.fail(i, num+" "+why)
		}
	}
}

// fitsGo says why the handler's Go type cannot hold a number, or "": an
// integer without a format is a Go int (64 bits on Lambda), a number is a
// float64, or a float32 for format float. Short numbers without an
// exponent always fit, and cost no parsing.
func fitsGo(s *Schema, raw []byte, k Type) string {
	if len(raw) < 19 && !bytesContain(raw, 'e') && !bytesContain(raw, 'E') {
		return ""
	}
	if k == TypeInteger && s.Types&TypeInteger != 0 && s.Format == FormatNone {
		if _, err := strconv.ParseInt(string(raw), 10, 64); err != nil {
			return "is out of range for a 64-bit integer"
		}
		return ""
	}
	bits := 64
	if s.Format == FormatFloat {
		bits = 32
	}
	if _, err := strconv.ParseFloat(string(raw), bits); err != nil {
		return "is out of range for a " + strconv.Itoa(bits) + "-bit floating-point number"
	}
	return ""
}
