package testtool_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/lambgen/lambgen/internal/testtool"
)

// TestCheckEMF: the checker accepts a document the specification shows
// and names what is wrong with each broken one.
func TestCheckEMF(t *testing.T) {
	now := time.Now().UnixMilli()
	good := fmt.Sprintf(`{"_aws":{"Timestamp":%d,"CloudWatchMetrics":[{"Namespace":"lambda-function-metrics","Dimensions":[["functionVersion"]],"Metrics":[{"Name":"time","Unit":"Milliseconds"}]}]},"functionVersion":"$LATEST","time":100,"requestId":"989ffbf8-9ace-4817-a57c-e4dd734019ee"}`, now)
	if err := testtool.CheckEMF([]byte(good)); err != nil {
		t.Fatalf("good document refused: %v", err)
	}
	dims := make([]string, 31)
	for i := range dims {
		dims[i] = fmt.Sprintf(`"d%d"`, i)
	}
	bad := map[string]string{
		`"Timestamp":` + fmt.Sprint(now):        `"Timestamp":` + fmt.Sprint(now/1000),
		`"Unit":"Milliseconds"`:                 `"Unit":"ms"`,
		`"functionVersion":"$LATEST"`:           `"functionVersion":7`,
		`"time":100`:                            `"time":"100"`,
		`[["functionVersion"]]`:                 `[[` + strings.Join(dims, ",") + `]]`,
		`"Namespace":"lambda-function-metrics"`: `"Namespace":" "`,
		`{"Name":"time","Unit":"Milliseconds"}`: `{"Name":"time","Unit":"Milliseconds"},{"Name":"time"}`,
	}
	for from, to := range bad {
		doc := strings.Replace(good, from, to, 1)
		if err := testtool.CheckEMF([]byte(doc)); err == nil {
			t.Errorf("accepted with %s: %s", to, doc)
		}
	}
	many := make([]string, 101)
	for i := range many {
		many[i] = fmt.Sprintf(`{"Name":"m%d"}`, i)
	}
	doc := strings.Replace(good, `{"Name":"time","Unit":"Milliseconds"}`, strings.Join(many, ","), 1)
	if err := testtool.CheckEMF([]byte(doc)); err == nil {
		t.Error("accepted 101 metrics in a directive")
	}
}
