package render

import (
	"bytes"
	"reflect"
	"strconv"

	"github.com/lambgen/lambgen/contract"
	"github.com/lambgen/lambgen/generator/files"
	"github.com/lambgen/lambgen/generator/model"
)

// SpecFile is the one generated file that holds the compiled contract.
const SpecFile = "api/spec.gen.go"

// specFile declares the project's contract.Spec: every table is static
// data that the linker lays out, so a cold start parses nothing and runs
// no init code.
func specFile(api *model.API, module string) (files.File, error) {
	consts, err := contractConsts(contract.Source)
	if err != nil {
		return files.File{}, err
	}
	var b bytes.Buffer
	b.WriteString(files.Header + "\n\npackage api\n\nimport \"" + module + "/" + ContractDir + "\"\n\n")
	b.WriteString("// compiledSpec is the contract, compiled from the spec.\n")
	if len(api.Validation.Unenforced) > 0 {
		b.WriteString("//\n// These keywords of the spec are not enforced:\n")
		for _, u := range api.Validation.Unenforced {
			b.WriteString("//   - " + u + "\n")
		}
	}
	l := &literal{pkg: "contract", consts: consts, comment: func(field string, i int) string {
		if field == "Schemas" || field == "Routes" {
			return strconv.Itoa(i)
		}
		return ""
	}}
	l.value(reflect.ValueOf(api.Spec()), "", 0, false)
	b.WriteString("var compiledSpec = ")
	b.Write(l.buf.Bytes())
	b.WriteString("\n")
	data, err := formatGo(SpecFile, b.Bytes())
	if err != nil {
		return files.File{}, err
	}
	return files.File{Path: SpecFile, Data: data}, nil
}
