package contract

import "strconv"

// Dependency is one entry of JSON Schema's dependentRequired: an object
// that has Property must have every name in Required too.
type Dependency struct {
	Property string
	Required []string
}

// dependencies checks s.DependentRequired on the object at i; seen says
// which of s.Properties the walk found, so only names the schema does not
// declare cost a second look at the object.
func (c *checker) dependencies(s *Schema, i int, seen func(p int) bool) {
	has := func(name string) bool {
		if p := propertyIndex(s.Properties, name); p >= 0 {
			return seen(p)
		}
		found := false
		eachMember(c.data, i, func(key []byte, v int) int {
			found = found || keyIs(key, name)
			return skipValue(c.data, v)
		})
		return found
	}
	for _, d := range s.DependentRequired {
		if !has(d.Property) {
			continue
		}
		for _, r := range d.Required {
			if !has(r) {
				c.failChild(i, r, "is required when "+strconv.Quote(d.Property)+" is present")
			}
		}
	}
}

// propertyIndex finds a property by name in the sorted properties, or -1.
func propertyIndex(props []Property, name string) int {
	lo, hi := 0, len(props)
	for lo < hi {
		m := (lo + hi) / 2
		if props[m].Name < name {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(props) && props[lo].Name == name {
		return lo
	}
	return -1
}
