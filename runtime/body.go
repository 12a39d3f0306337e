package lambdahttp

import "io"

// body is the request body: a substring of the payload copy when the event
// carried it verbatim, or decoded bytes.
type body struct {
	s string
	b []byte
	i int
}

func (r *body) len() int {
	if r.b != nil {
		return len(r.b)
	}
	return len(r.s)
}

func (r *body) Read(p []byte) (int, error) {
	var n int
	if r.b != nil {
		n = copy(p, r.b[r.i:])
	} else {
		n = copy(p, r.s[r.i:])
	}
	r.i += n
	if n == 0 && len(p) > 0 {
		return 0, io.EOF
	}
	return n, nil
}

func (r *body) WriteTo(w io.Writer) (int64, error) {
	var n int
	var err error
	if r.b != nil {
		n, err = w.Write(r.b[r.i:])
	} else {
		n, err = io.WriteString(w, r.s[r.i:])
	}
	r.i += n
	return int64(n), err
}

func (r *body) Close() error { return nil }
