package contract

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MediaKind is how the server reads a body of some media type.
type MediaKind uint8

const (
	MediaBinary MediaKind = iota
	MediaJSON
	MediaForm
	MediaMultipart
	MediaText
)

// Body is an operation's request body and the media types it accepts.
type Body struct {
	Required bool
	Media    []Media
}

// Media is one accepted media type; exact types come before wildcards.
type Media struct {
	Type   string
	Kind   MediaKind
	Schema int
	Fields []Field
}

// Field is one property of a form or multipart body.
type Field struct {
	Name    string
	Schema  int
	Binary  bool
	JSON    bool
	Explode bool
}

// readBody reads the whole body, within the limit, and leaves a fresh
// reader in its place for the handler's own decoding. A body that ends
// before its Content-Length is refused: the handler would otherwise get a
// prefix of what the client meant to send.
func (c *Server) readBody(w http.ResponseWriter, r *http.Request) ([]byte, *Problem) {
	if r.Body == nil || r.Body == http.NoBody {
		return nil, nil
	}
	if r.ContentLength > c.cfg.MaxBodyBytes {
		return nil, tooLarge(c.cfg.MaxBodyBytes)
	}
	var data []byte
	var err error
	if r.ContentLength > 0 {
		data, err = readAnnounced(r.Body, r.ContentLength)
		if err == io.ErrUnexpectedEOF {
			return nil, &Problem{Status: http.StatusBadRequest, Detail: "the request body is shorter than its Content-Length",
				Errors: []Violation{{In: "body", Detail: "ended after " + strconv.Itoa(len(data)) + " of the " +
					strconv.FormatInt(r.ContentLength, 10) + " bytes that Content-Length announced"}}}
		}
	} else {
		data, err = io.ReadAll(http.MaxBytesReader(w, r.Body, c.cfg.MaxBodyBytes))
	}
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, tooLarge(c.cfg.MaxBodyBytes)
		}
		return nil, &Problem{Status: http.StatusBadRequest, Detail: "the request body could not be read",
			Errors: []Violation{{In: "body", Detail: "could not be read to its end"}}}
	}
	rd := &bodyReader{}
	rd.Reset(data)
	r.Body = rd
	return data, nil
}

// readAnnounced reads exactly n bytes. It grows its buffer as bytes
// arrive instead of trusting n up front, so a client that announces a
// large body and sends little holds little memory.
func readAnnounced(body io.Reader, n int64) ([]byte, error) {
	const first = 64 << 10
	buf := make([]byte, 0, min(n, first))
	for int64(len(buf)) < n {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		m, err := body.Read(buf[len(buf):min(int64(cap(buf)), n)])
		buf = buf[:len(buf)+m]
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			return buf, err
		}
	}
	if int64(len(buf)) < n {
		return buf, io.ErrUnexpectedEOF
	}
	return buf, nil
}

// bodyReader hands the handler the body that was read, in one allocation.
type bodyReader struct{ bytes.Reader }

func (*bodyReader) Close() error { return nil }

func tooLarge(limit int64) *Problem {
	return &Problem{Status: http.StatusRequestEntityTooLarge,
		Detail: "the request body is larger than " + strconv.FormatInt(limit, 10) + " bytes",
		Errors: []Violation{{In: "body", Detail: "is larger than the limit of " + strconv.FormatInt(limit, 10) + " bytes"}}}
}

// checkBody validates a body against the media type it claims. A body of
// a type the operation does not accept is a 415, not a 400, and so is a
// content coding the server does not undo (RFC 7694).
func (e *Server) checkBody(b *Body, r *http.Request, data []byte, out []Violation) ([]Violation, *Problem) {
	if len(data) == 0 {
		if b.Required {
			out = append(out, Violation{In: "body", Detail: "is required"})
		}
		return out, nil
	}
	// The header map is read with canonical keys directly: Header.Get
	// would canonicalize the constant on every request.
	if ce := headerValue(r.Header, "Content-Encoding"); ce != "" && !strings.EqualFold(ce, "identity") {
		return out, &Problem{Status: http.StatusUnsupportedMediaType, Detail: "the request body's content coding is not one the server accepts",
			Errors:  []Violation{{In: "header", Name: "Content-Encoding", Detail: strconv.Quote(ce) + " is not accepted; send the body without a content coding"}},
			headers: [][2]string{{"Accept-Encoding", "identity"}}}
	}
	ct := headerValue(r.Header, "Content-Type")
	m := matchMedia(b.Media, ct)
	if m == nil {
		return out, unsupported(b, ct)
	}
	switch m.Kind {
	case MediaJSON:
		if !validJSON(data) {
			return append(out, jsonProblem(data, "body", "")), nil
		}
		c := checker{e: e, data: data, in: "body"}
		return append(out, c.run(m.Schema)...), nil
	case MediaForm:
		form, err := url.ParseQuery(string(data))
		if err != nil {
			return append(out, Violation{In: "body", Detail: "is not valid form data: " + queryProblem(err)}), nil
		}
		// The binder reads r.Form, which net/http would merge with the
		// query string: it must see the body's fields and nothing else.
		r.PostForm, r.Form = form, form
		return e.checkFields(m, form, out), nil
	case MediaMultipart:
		form, why := readMultipart(m, ct, data)
		if why != "" {
			return append(out, Violation{In: "body", Detail: why}), nil
		}
		return e.checkFields(m, form, out), nil
	case MediaText:
		c := checker{e: e, data: appendString(nil, string(data)), in: "body"}
		return append(out, c.run(m.Schema)...), nil
	}
	return out, nil
}

// headerValue is h.Get(key) for a key already in canonical form.
func headerValue(h http.Header, key string) string {
	if vs := h[key]; len(vs) > 0 {
		return vs[0]
	}
	return ""
}

// matchMedia finds the media type a Content-Type selects: the exact type,
// then type/*, then */*.
func matchMedia(ms []Media, ct string) *Media {
	t, _, _ := strings.Cut(ct, ";")
	t = strings.ToLower(strings.TrimSpace(t))
	if t == "" {
		return nil
	}
	major, _, _ := strings.Cut(t, "/")
	for i := range ms {
		m := &ms[i]
		if m.Type == t || m.Type == "*/*" || (strings.HasSuffix(m.Type, "/*") && m.Type[:len(m.Type)-2] == major) {
			return m
		}
	}
	return nil
}

func unsupported(b *Body, ct string) *Problem {
	accepted := make([]string, len(b.Media))
	for i, m := range b.Media {
		accepted[i] = m.Type
	}
	detail := strconv.Quote(ct) + " is not accepted; send one of " + strings.Join(accepted, ", ")
	if ct == "" {
		detail = "is missing; send one of " + strings.Join(accepted, ", ")
	}
	return &Problem{Status: http.StatusUnsupportedMediaType, Detail: "the request body's media type is not one the operation accepts",
		Errors: []Violation{{In: "header", Name: "Content-Type", Detail: detail}}}
}

// readMultipart collects each part's text, or for a part its schema
// declares binary, a note that it came. Whether a part is a file is the
// schema's decision, not the client's: a filename on a text part does not
// exempt it from its schema.
func readMultipart(m *Media, ct string, data []byte) (url.Values, string) {
	_, params, err := mime.ParseMediaType(ct)
	if err != nil || params["boundary"] == "" {
		return nil, "is not valid multipart/form-data: the Content-Type has no boundary"
	}
	mr := multipart.NewReader(bytes.NewReader(data), params["boundary"])
	form := url.Values{}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return form, ""
		}
		if err != nil {
			return nil, "is not valid multipart/form-data: a part is malformed or the closing boundary is missing"
		}
		name := part.FormName()
		if f := fieldNamed(m, name); f != nil && f.Binary {
			form[name] = append(form[name], "")
			continue
		}
		text, err := io.ReadAll(part)
		if err != nil {
			return nil, "is not valid multipart/form-data: the part " + strconv.Quote(name) + " is malformed"
		}
		form[name] = append(form[name], string(text))
	}
}

func fieldNamed(m *Media, name string) *Field {
	for i := range m.Fields {
		if m.Fields[i].Name == name {
			return &m.Fields[i]
		}
	}
	return nil
}

// checkFields writes a form's fields as the JSON object the body schema
// describes, then checks that object. A field whose schema is not an
// array must come once: binders keep one of the values, and which one is
// theirs to choose, so the server does not guess.
func (e *Server) checkFields(m *Media, form url.Values, out []Violation) []Violation {
	buf := []byte{'{'}
	known := map[string]bool{}
	first := true
	add := func(name string) {
		if !first {
			buf = append(buf, ',')
		}
		first = false
		buf = appendString(buf, name)
		buf = append(buf, ':')
	}
	for _, f := range m.Fields {
		known[f.Name] = true
		vs, ok := form[f.Name]
		if !ok {
			continue
		}
		array := e.shapeOf(f.Schema) == TypeArray
		if len(vs) > 1 && !array {
			out = append(out, Violation{In: "body", Pointer: "/" + escapeToken(f.Name),
				Detail: "is sent " + strconv.Itoa(len(vs)) + " times; its schema takes one value"})
		}
		add(f.Name)
		switch {
		case f.Binary:
			buf = e.appendBinary(buf, f, len(vs))
		case f.JSON:
			if !validJSON([]byte(vs[0])) {
				v := jsonProblem([]byte(vs[0]), "body", "")
				v.Pointer = "/" + escapeToken(f.Name) + v.Pointer
				out = append(out, v)
				buf = append(buf, "null"...)
				continue
			}
			buf = append(buf, vs[0]...)
		default:
			raw := rawValue{scalar: vs[0], shape: e.shapeOf(f.Schema)}
			if array {
				raw.list = vs
				if !f.Explode && len(vs) == 1 {
					raw.list = strings.Split(vs[0], ",")
				}
			}
			if raw.shape == TypeObject {
				raw.shape = TypeString
			}
			buf = e.appendRaw(buf, raw, f.Schema)
		}
	}
	var extra []string
	for name := range form {
		if !known[name] {
			extra = append(extra, name)
		}
	}
	sort.Strings(extra)
	for _, name := range extra {
		add(name)
		buf = appendString(buf, form.Get(name))
	}
	buf = append(buf, '}')
	if !utf8.Valid(buf) {
		return append(out, Violation{In: "body", Detail: "has a field that is not UTF-8 text"})
	}
	c := checker{e: e, data: buf, in: "body"}
	return append(out, c.run(m.Schema)...)
}

// appendBinary stands in for file contents, which no schema constrains
// beyond their presence: a string, or an array of them.
func (e *Server) appendBinary(buf []byte, f Field, n int) []byte {
	if e.shapeOf(f.Schema) != TypeArray {
		return append(buf, `""`...)
	}
	buf = append(buf, '[')
	for i := 0; i < n; i++ {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, `""`...)
	}
	return append(buf, ']')
}
