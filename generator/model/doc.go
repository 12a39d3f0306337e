// Package model builds lambgen's own description of an API from a loaded
// spec. It is the only stage that makes decisions: Go names, which
// operations exist and in which order, ServeMux patterns, binary media
// types, the base path, sample requests for the generated tests, and the
// files that hold each handler. Templates only read what it computed.
package model
