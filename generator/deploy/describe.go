package deploy

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/lambgen/lambgen/generator/load"
	"github.com/lambgen/lambgen/generator/write"
)

// RouteInfo is one row of lambgen describe.
type RouteInfo struct {
	Method      string
	Path        string
	OperationID string
	// Auth is the spec's security; Gateway what API Gateway checks.
	Auth    string
	Gateway string
	// Handler is file:line of the user's method, or a note saying it is
	// missing.
	Handler string
	// URL is the route's full address, when stack outputs were given.
	URL string
}

// Describe lists the project's routes. outputs, when not nil, is the JSON
// aws cloudformation describe-stacks prints; its ApiUrl completes each URL.
func Describe(p *Project, outputs []byte, outputsName string) ([]RouteInfo, error) {
	handlers, err := findHandlers(p.Path("handlers"))
	if err != nil {
		return nil, err
	}
	// The manifest lists the operations generate gave code to; one the
	// spec has and the manifest lacks has none yet, or none that compiles.
	generated := map[string]bool{}
	m, err := write.ReadManifest(p.Dir)
	if err != nil {
		return nil, err
	}
	if m != nil {
		for _, op := range m.Operations {
			generated[op.ID] = true
		}
	}
	var base string
	if outputs != nil {
		if base, err = apiURL(outputs, outputsName); err != nil {
			return nil, err
		}
	}
	rows := make([]RouteInfo, 0, len(p.Deploy.Routes))
	for _, r := range p.Deploy.Routes {
		gw := r.Auth.Gateway()
		switch {
		case r.Auth.Denied:
			gw += " (denied: the server answers 401 to every request)"
		case r.Auth.FunctionChecks:
			gw += " (handler checks the rest)"
		}
		h, ok := handlers[r.Op.GoName]
		if r.Docs {
			h, ok = "served by api/docs.gen.go (docs.lambda in lambgen.yaml)", true
		}
		if !ok && m != nil && !generated[r.Op.ID] {
			h = "no code: run lambgen generate (if the operation still has none, it says why; it answers 501)"
		} else if !ok {
			h = fmt.Sprintf("missing: no func (h *Handlers) %s in handlers/", r.Op.GoName)
		}
		row := RouteInfo{Method: r.Method, Path: r.Op.Path, OperationID: r.Op.ID, Auth: r.Auth.Spec, Gateway: gw, Handler: h}
		if base != "" {
			row.URL = strings.TrimRight(base, "/") + r.Op.Path
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// PrintRoutes writes rows as an aligned table.
func PrintRoutes(w io.Writer, rows []RouteInfo) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	withURL := len(rows) > 0 && rows[0].URL != ""
	header := "METHOD\tPATH\tOPERATION\tAUTH\tGATEWAY\tHANDLER"
	if withURL {
		header += "\tURL"
	}
	fmt.Fprintln(tw, header)
	for _, r := range rows {
		line := strings.Join([]string{r.Method, r.Path, r.OperationID, r.Auth, r.Gateway, r.Handler}, "\t")
		if withURL {
			line += "\t" + r.URL
		}
		fmt.Fprintln(tw, line)
	}
	return tw.Flush()
}

var handlerFunc = regexp.MustCompile(`^func \(\s*\w*\s*\*?Handlers\s*\)\s+(\w+)\s*\(`)

// findHandlers maps each method on Handlers to the file:line declaring it.
func findHandlers(dir string) (map[string]string, error) {
	matches, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	sort.Strings(matches)
	out := map[string]string{}
	for _, m := range matches {
		if strings.HasSuffix(m, "_test.go") {
			continue
		}
		f, err := os.Open(m)
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 64*1024), 1<<20)
		for line := 1; sc.Scan(); line++ {
			if g := handlerFunc.FindStringSubmatch(sc.Text()); g != nil {
				if _, dup := out[g[1]]; !dup {
					out[g[1]] = fmt.Sprintf("%s:%d", m, line)
				}
			}
		}
		err = sc.Err()
		f.Close()
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

type stackOutput struct {
	OutputKey   string
	OutputValue string
}

// apiURL reads the ApiUrl output from describe-stacks JSON, whole
// ({"Stacks":[{"Outputs":[...]}]}) or as --query Stacks[0].Outputs prints it.
func apiURL(data []byte, name string) (string, error) {
	var whole struct {
		Stacks []struct {
			StackName string
			Outputs   []stackOutput
		}
	}
	var outs []stackOutput
	if err := json.Unmarshal(data, &whole); err == nil && len(whole.Stacks) > 0 {
		if len(whole.Stacks) > 1 {
			return "", load.Problems{{File: name, Message: fmt.Sprintf("holds %d stacks; pass the output of describe-stacks --stack-name NAME for one", len(whole.Stacks))}}
		}
		outs = whole.Stacks[0].Outputs
	} else if err := json.Unmarshal(data, &outs); err != nil {
		return "", load.Problems{{File: name, Message: "not the JSON aws cloudformation describe-stacks prints (want {\"Stacks\":[{\"Outputs\":[...]}]})"}}
	}
	for _, o := range outs {
		if o.OutputKey == "ApiUrl" {
			if !strings.HasPrefix(o.OutputValue, "https://") {
				return "", load.Problems{{File: name, Message: fmt.Sprintf("output ApiUrl %q is not an https URL", o.OutputValue)}}
			}
			return o.OutputValue, nil
		}
	}
	return "", load.Problems{{File: name, Message: "has no ApiUrl output (is it the stack deployed from this project's template.yaml?)"}}
}
