package deploy

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/lambgen/lambgen/generator/files"
	"github.com/lambgen/lambgen/generator/load"
	"github.com/lambgen/lambgen/generator/write"
)

// PackageOptions says where the zip will live. Without a bucket the
// packaged template points at the local zip, which sam deploy uploads.
type PackageOptions struct {
	S3Bucket string
	S3Prefix string
}

// Packaged is what Package wrote.
type Packaged struct {
	Template string
	CodeURI  string
	// Upload is the command that puts the zip where CodeURI points; lambgen
	// works offline and does not run it.
	Upload string
}

// PackagedTemplate is where Package writes, next to the zip, so that a
// local CodeUri is just the zip's name.
const PackagedTemplate = "dist/packaged.yaml"

// Package writes dist/packaged.yaml: template.yaml with every function's
// CodeUri pointing at the zip lambgen build wrote.
func Package(p *Project, opts PackageOptions, log io.Writer) (*Packaged, error) {
	zipPath := p.Path(p.Deploy.Artifact)
	zipped, err := os.ReadFile(zipPath)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, load.Problems{{File: zipPath, Message: "the deployment zip does not exist (run lambgen build first)"}}
		}
		return nil, err
	}
	digest := files.Hash(zipped)

	out := &Packaged{Template: p.Path(PackagedTemplate), CodeURI: path.Base(p.Deploy.Artifact)}
	if opts.S3Bucket != "" {
		key := digest + ".zip"
		if prefix := strings.Trim(opts.S3Prefix, "/"); prefix != "" {
			key = prefix + "/" + key
		}
		out.CodeURI = "s3://" + opts.S3Bucket + "/" + key
		out.Upload = fmt.Sprintf("aws s3 cp %s %s", zipPath, out.CodeURI)
	} else if opts.S3Prefix != "" {
		return nil, fmt.Errorf("--s3-prefix needs --s3-bucket")
	}

	tmplPath := p.Path("template.yaml")
	doc, err := readYAML(tmplPath)
	if err != nil {
		return nil, err
	}
	n, err := setCodeURIs(tmplPath, doc, out.CodeURI)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	data := buf.Bytes()
	if !bytes.HasPrefix(data, []byte(files.YAMLHeader)) {
		data = append([]byte(files.YAMLHeader+"\n"), data...)
	}
	if err := write.AtomicFile(out.Template, data, 0o644); err != nil {
		return nil, err
	}
	fmt.Fprintf(log, "wrote %s: %d function(s) with CodeUri %s (sha256 %s)\n", out.Template, n, out.CodeURI, digest)
	if out.Upload != "" {
		fmt.Fprintf(log, "upload the zip first (lambgen works offline and does not):\n  %s\n", out.Upload)
	}
	fmt.Fprintf(log, "deploy:\n  sam deploy --template-file %s --stack-name %s --capabilities CAPABILITY_IAM%s%s\n",
		out.Template, p.Config.Name, resolveS3(opts), overrides(p))
	return out, nil
}

func resolveS3(opts PackageOptions) string {
	if opts.S3Bucket != "" {
		return ""
	}
	return " --resolve-s3"
}

// overrides names the template parameters that have no default, which
// sam deploy needs on its command line (or asks for with --guided).
func overrides(p *Project) string {
	var kv []string
	for _, prm := range p.Deploy.Parameters {
		if !prm.HasDefault {
			kv = append(kv, prm.Name+"=...")
		}
	}
	if len(kv) == 0 {
		return ""
	}
	return " --parameter-overrides " + strings.Join(kv, " ")
}

func setCodeURIs(file string, doc *yaml.Node, uri string) (int, error) {
	resources := val(doc.Content[0], "Resources")
	if resources == nil || resources.Kind != yaml.MappingNode {
		return 0, load.Problems{at(file, doc.Content[0], "template has no Resources mapping (run lambgen generate)")}
	}
	n := 0
	for _, kv := range pairs(resources) {
		if scalar(val(kv[1], "Type")) != "AWS::Serverless::Function" {
			continue
		}
		props := val(kv[1], "Properties")
		if props == nil || props.Kind != yaml.MappingNode {
			return 0, load.Problems{at(file, kv[0], "function %s has no Properties mapping", kv[0].Value)}
		}
		value := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: uri}
		if k, v := get(props, "CodeUri"); k != nil {
			*v = *value
		} else {
			props.Content = append([]*yaml.Node{{Kind: yaml.ScalarNode, Tag: "!!str", Value: "CodeUri"}, value}, props.Content...)
		}
		n++
	}
	if n == 0 {
		return 0, load.Problems{at(file, resources, "template has no AWS::Serverless::Function to package")}
	}
	return n, nil
}
