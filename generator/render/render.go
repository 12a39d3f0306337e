package render

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"text/template"

	"github.com/lambgen/lambgen/contract"
	"github.com/lambgen/lambgen/generator/config"
	"github.com/lambgen/lambgen/generator/files"
	"github.com/lambgen/lambgen/generator/load"
	"github.com/lambgen/lambgen/generator/model"
	"github.com/lambgen/lambgen/templates"
)

// Input is everything one render needs.
type Input struct {
	Spec   *load.Spec
	API    *model.API
	Config config.Config
	// Runtime holds the lambdahttp package's source files at its root.
	Runtime fs.FS
}

// Project is the data every template sees.
type Project struct {
	// warnings are the model's findings while building the project data,
	// added to the spec's once oapi-codegen, running beside, is done.
	warnings    load.Problems
	Name        string
	Module      string
	Config      configView
	API         *model.API
	FunctionID  string
	Description string
	SpecJSON    string
	GoVersion   string
	// Deploy is what template.yaml and serverless.yml print.
	Deploy *model.Deploy
	// Telemetry is what the generated logs, metrics and tracing do.
	Telemetry *model.Telemetry
	// Shadowed are the contract names oapi-codegen declares for the
	// spec's own types, which the api package therefore does not re-export.
	Shadowed map[string]bool
}

type configView struct {
	config.Config
	GoArch string
}

// perOperation is the data of a template rendered once per operation.
type perOperation struct {
	Module   string
	Op       *model.Operation
	Shadowed map[string]bool
}

// GoVersion is the go directive of generated go.mod files: the newest
// that the pinned dependencies require (oapi-codegen/runtime needs 1.26.0).
const GoVersion = "1.26.0"

// Render produces the whole project.
//
// oapi-codegen's part (a parse of the spec, its generation, a type-check)
// is most of the time on a large spec, and nothing else waits for it but
// the templates that must know which names it declared; so it runs beside
// everything else. It only reads the spec and the model, and its warnings
// join the spec's before Render returns.
func Render(in Input) (files.Set, error) {
	oapi := make(chan generated, 1)
	go func() {
		g, err := oapiCodegen(in.Spec, in.API)
		g.err = err
		oapi <- g
	}()
	p, out, err := projectAndRest(in)
	g := <-oapi
	if err != nil {
		return nil, err
	}
	// Only now: oapiCodegen adds its own warnings to the spec's as it ends.
	in.Spec.Warnings = append(in.Spec.Warnings, p.warnings...).Sorted()
	if g.err != nil {
		return nil, g.err
	}
	p.Shadowed = g.shadowed
	for _, op := range in.API.Operations {
		op.NotGenerated = g.skipped[op.ID]
	}
	err = fs.WalkDir(templates.FS, "project", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(name, ".tmpl") {
			return err
		}
		rendered, err := renderTemplate(name, p)
		if err != nil {
			return err
		}
		out = append(out, rendered...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	out = append(out, files.File{Path: files.APIGenPath, Data: g.src})
	for i := range out {
		out[i].Kind = files.KindOf(out[i].Path)
	}
	out.Sort()
	return out, nil
}

// project is the data the templates see, but for the names oapi-codegen
// declared. It settles the model's gateway decisions, which the contract
// tables record, so it comes before renderRest.
func project(in Input) (Project, error) {
	specJSON, err := embeddableSpec(in.Spec)
	if err != nil {
		return Project{}, err
	}
	if in.API.Docs == nil {
		// Callers that skip generator.Generate (benchmarks) get the docs'
		// placement without its warnings.
		in.API.Docs, _ = model.BuildDocs(in.Spec, in.API, in.Config.Docs)
	}
	deploy, err := model.BuildDeploy(in.Spec, in.API, in.Config)
	if err != nil {
		return Project{}, err
	}
	tel, warnings := model.BuildTelemetry(in.Spec, in.API, in.Config)
	return Project{
		warnings:    warnings,
		Telemetry:   tel,
		Name:        in.Config.Name,
		Module:      in.Config.Module,
		Config:      configView{Config: in.Config, GoArch: in.Config.GoArch()},
		API:         in.API,
		FunctionID:  deploy.FunctionID,
		Description: description(in),
		SpecJSON:    specJSON,
		GoVersion:   GoVersion,
		Deploy:      deploy,
	}, nil
}

func projectAndRest(in Input) (Project, files.Set, error) {
	p, err := project(in)
	if err != nil {
		return Project{}, nil, err
	}
	out, err := renderRest(in)
	return p, out, err
}

// renderRest is every file that depends neither on oapi-codegen's output
// nor on the templates: the contract tables and the copied packages.
func renderRest(in Input) (files.Set, error) {
	var out files.Set
	sf, err := specFile(in.API, in.Config.Module)
	if err != nil {
		return nil, err
	}
	out = append(out, sf)
	rt, err := copyRuntime(in.Runtime)
	if err != nil {
		return nil, err
	}
	out = append(out, rt...)
	ct, err := copyContract(contract.Source)
	if err != nil {
		return nil, err
	}
	out = append(out, ct...)
	if spec, ok := specCopy(in); ok {
		out = append(out, spec)
	}
	return out, nil
}

func renderTemplate(name string, p Project) (files.Set, error) {
	src, err := fs.ReadFile(templates.FS, name)
	if err != nil {
		return nil, err
	}
	t, err := template.New(name).Funcs(funcs).Parse(string(src))
	if err != nil {
		return nil, fmt.Errorf("template %s: %w", name, err)
	}
	rel := outputPath(name)
	if rel == files.TracingPath && !p.Telemetry.Tracing {
		// Not rendered at all, so that a build without tracing cannot
		// link it.
		return nil, nil
	}
	if rel == "handlers/operation.go" {
		var out files.Set
		for _, op := range p.API.Operations {
			if op.NotGenerated != "" {
				continue
			}
			data, err := execute(t, name, op.HandlerFile, perOperation{Module: p.Module, Op: op, Shadowed: p.Shadowed})
			if err != nil {
				return nil, err
			}
			out = append(out, files.File{Path: op.HandlerFile, Data: data})
		}
		return out, nil
	}
	data, err := execute(t, name, rel, p)
	if err != nil {
		return nil, err
	}
	return files.Set{{Path: rel, Data: data}}, nil
}

func execute(t *template.Template, name, rel string, data any) ([]byte, error) {
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return nil, fmt.Errorf("template %s: %w", name, err)
	}
	if strings.HasSuffix(rel, ".go") {
		return formatGo(name, buf.Bytes())
	}
	return buf.Bytes(), nil
}

// outputPath maps a template name to the file it renders.
func outputPath(name string) string {
	rel := strings.TrimSuffix(strings.TrimPrefix(name, "project/"), ".tmpl")
	if path.Base(rel) == "gitignore" {
		rel = path.Join(path.Dir(rel), ".gitignore")
	}
	return strings.TrimPrefix(rel, "./")
}

var funcs = template.FuncMap{
	"header":     func() string { return files.Header },
	"yamlHeader": func() string { return files.YAMLHeader },
	// ref names one of the contract's re-exports in the api package, or
	// the contract's own when the spec's types shadow it there.
	"ref": func(shadowed map[string]bool, name string) string {
		if shadowed[name] {
			return "contract." + name
		}
		return "api." + name
	},
	// shadows reports whether a file that names these must import the
	// contract package itself.
	"shadows": func(shadowed map[string]bool, names ...string) bool {
		for _, n := range names {
			if shadowed[n] {
				return true
			}
		}
		return false
	},
	// reexports reports whether the api package re-exports any contract
	// name at all.
	"reexports": func(shadowed map[string]bool) bool { return len(shadowed) < len(model.ContractNames) },
	"oneLine":   func(s string) string { return strings.Join(strings.Fields(s), " ") },
	// notGenerated reports whether any operation has no Go code.
	"notGenerated": func(api *model.API) bool {
		for _, op := range api.Operations {
			if op.NotGenerated != "" {
				return true
			}
		}
		return false
	},
	"caseOf": func(op *model.Operation, req any) map[string]any {
		return map[string]any{"Op": op, "Req": req}
	},
}

func description(in Input) string {
	title := in.API.Title
	if title == "" {
		title = in.Config.Name
	}
	return fmt.Sprintf("%s, served by a Go function generated by lambgen from %s", title, in.Config.Spec)
}

// specCopy puts the spec into the project as a user-owned file when
// lambgen.yaml names a path inside the project.
func specCopy(in Input) (files.File, bool) {
	p := path.Clean(in.Config.Spec)
	if path.IsAbs(p) || strings.HasPrefix(p, "..") {
		return files.File{}, false
	}
	return files.File{Path: p, Data: in.Spec.Source}, true
}
