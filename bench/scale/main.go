// Command scale measures lambgen on a description the size of GitHub's REST
// API, side by side in one run with the tools it is compared to:
//
//   - generation: lambgen new against oapi-codegen alone (which lambgen
//     calls), wall time and peak memory;
//   - compilation: go build ./... of lambgen's project against ogen's output
//     for the same spec, with an empty build cache and with the
//     dependencies already compiled;
//   - cold start: the project's bootstrap against a bare aws-lambda-go
//     function, under a stand-in Lambda Runtime API.
//
// It builds lambgen from this repository and installs oapi-codegen and ogen
// at fixed versions through the module proxy.
//
//	cd bench/scale && go run . [-runs 5] [-builds 3] [-trials 21] [-profile] [-generation-only] [-baseline REV] [-work DIR]
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

func main() {
	runs := flag.Int("runs", 5, "timed generations per tool")
	builds := flag.Int("builds", 3, "timed builds per project and cache state")
	trials := flag.Int("trials", 21, "starts of each bootstrap")
	resources := flag.Int("resources", 128, "resources in the synthetic spec, six operations and seven schemas each")
	oapiVersion := flag.String("oapi-codegen", "v2.8.2", "oapi-codegen version (the one lambgen's go.mod requires)")
	ogenVersion := flag.String("ogen", "v1.25.0", "ogen version")
	profile := flag.Bool("profile", false, "also profile generation (CPU and allocations) and print the top functions")
	work := flag.String("work", "", "work directory to keep (default: a temporary one, removed afterwards)")
	writeSpec := flag.String("write-spec", "", "only write the synthetic spec to this file")
	genOnly := flag.Bool("generation-only", false, "measure generation only (about a minute), not builds or cold starts")
	coldOnly := flag.Bool("coldstart-only", false, "after generation, measure cold start only, not builds")
	baseline := flag.String("baseline", "", "also build the project that lambgen at this git revision generates, round-robin with the others (before and after a change, in one run)")
	flag.Parse()
	log.SetFlags(0)

	spec := synthSpec(*resources)
	if *writeSpec != "" {
		check(os.WriteFile(*writeSpec, []byte(spec), 0o644))
		return
	}
	repo, err := filepath.Abs("../..")
	check(err)
	dir := *work
	if dir == "" {
		dir, err = os.MkdirTemp("", "lambgen-scale-")
		check(err)
		defer os.RemoveAll(dir)
	}
	dir, err = filepath.Abs(dir)
	check(err)
	load0 := loadavg()

	bin := filepath.Join(dir, "bin")
	lambgen := filepath.Join(bin, "lambgen")
	run(repo, nil, "go", "build", "-o", lambgen, ".")
	gobin := []string{"GOBIN=" + bin}
	run(dir, gobin, "go", "install", "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen@"+*oapiVersion)
	if !*genOnly && !*coldOnly {
		run(dir, gobin, "go", "install", "github.com/ogen-go/ogen/cmd/ogen@"+*ogenVersion)
	}
	specPath := filepath.Join(dir, "scale.yaml")
	check(os.WriteFile(specPath, []byte(spec), 0o644))

	fmt.Printf("Spec: synthetic, %d resources: %.2f MB, %d operations, %d schemas (%s)\n",
		*resources, float64(len(spec))/1e6, 6**resources, 7**resources+sharedSchemas, specPath)
	fmt.Printf("Machine: %s, %d cores, %s %s/%s\n\n", cpuModel(), runtime.NumCPU(), runtime.Version(), runtime.GOOS, runtime.GOARCH)

	g := generation(dir, lambgen, filepath.Join(bin, "oapi-codegen"), specPath, *runs)
	fmt.Println(g.table())
	if *genOnly {
		fmt.Printf("Load average (1, 5, 15 min): %s at the start, %s at the end\n", load0, loadavg())
		if *profile {
			fmt.Println(profileGenerate(dir, repo, specPath))
		}
		return
	}
	lg := filepath.Join(dir, "lambgen-project")
	projects := map[string]string{"lambgen": lg}
	if !*coldOnly {
		projects["ogen"] = ogenProject(dir, filepath.Join(bin, "ogen"), specPath)
	}
	if *baseline != "" {
		name, p := baselineProject(dir, repo, *baseline, specPath)
		projects[name] = p
	}
	if !*coldOnly {
		fmt.Println(compilation(dir, projects, *builds).table())
	}
	delete(projects, "ogen")
	fmt.Println(coldStart(projects, *resources, *trials))
	fmt.Printf("Load average (1, 5, 15 min): %s at the start, %s at the end\n", load0, loadavg())
	if *profile {
		fmt.Println(profileGenerate(dir, repo, specPath))
	}
}

// run runs a command untimed and returns its output; a failure ends the
// program.
func run(dir string, env []string, name string, args ...string) string {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "GOWORK=off", "CGO_ENABLED=0"), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		log.Fatalf("%s %s (in %s): %v\n%s", name, strings.Join(args, " "), dir, err, tail(string(out), 4000))
	}
	return string(out)
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

// baselineProject generates the spec's project with lambgen as it was at
// the git revision rev (exported with git archive and built apart), so
// that its builds run round-robin with this tree's. It returns the
// project's name in the tables, lambgen@rev, and its directory.
func baselineProject(dir, repo, rev, spec string) (string, string) {
	src := filepath.Join(dir, "baseline-src")
	check(os.MkdirAll(src, 0o755))
	archive := filepath.Join(dir, "baseline.tar")
	run(repo, nil, "git", "archive", "-o", archive, rev)
	run(src, nil, "tar", "-xf", archive)
	bin := filepath.Join(dir, "bin", "lambgen-baseline")
	run(src, nil, "go", "build", "-o", bin, ".")
	p := filepath.Join(dir, "lambgen-baseline-project")
	run(dir, nil, bin, "new", "--spec", spec, "--dir", p, "--module", "example.com/scale")
	return "lambgen@" + rev, p
}
