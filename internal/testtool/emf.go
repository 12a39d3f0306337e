package testtool

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
)

// emfUnits are the units CloudWatch accepts (MetricDatum's Unit).
var emfUnits = map[string]bool{
	"Seconds": true, "Microseconds": true, "Milliseconds": true, "Bytes": true, "Kilobytes": true,
	"Megabytes": true, "Gigabytes": true, "Terabytes": true, "Bits": true, "Kilobits": true, "Megabits": true,
	"Gigabits": true, "Terabits": true, "Percent": true, "Count": true, "Bytes/Second": true,
	"Kilobytes/Second": true, "Megabytes/Second": true, "Gigabytes/Second": true, "Terabytes/Second": true,
	"Bits/Second": true, "Kilobits/Second": true, "Megabits/Second": true, "Gigabits/Second": true,
	"Terabits/Second": true, "Count/Second": true, "None": true,
}

// CheckEMF checks one log line against the CloudWatch embedded metric
// format specification: a JSON object alone on its line, with an _aws
// metadata object holding a millisecond Timestamp and a CloudWatchMetrics
// array of directives (Namespace, Dimensions as arrays of at most 30
// names, Metrics as at most 100 definitions of Name and a valid Unit),
// and each name a member of the root: a string of at most 1024 characters
// for a dimension, a number or an array of at most 100 numbers for a
// metric. It returns what the line gets wrong, or nil.
func CheckEMF(line []byte) error {
	var root map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(line))
	if err := dec.Decode(&root); err != nil {
		return fmt.Errorf("not a JSON object: %v", err)
	}
	if dec.More() {
		return errors.New("data after the JSON object")
	}
	var meta map[string]json.RawMessage
	if err := json.Unmarshal(root["_aws"], &meta); err != nil || meta == nil {
		return errors.New("_aws is missing or not an object")
	}
	for k := range meta {
		if k != "Timestamp" && k != "CloudWatchMetrics" && k != "LogGroupName" && k != "LogStreamName" {
			return fmt.Errorf("_aws has an unknown member %q", k)
		}
	}
	var ts float64
	if err := json.Unmarshal(meta["Timestamp"], &ts); err != nil || ts != math.Trunc(ts) || ts <= 0 {
		return fmt.Errorf("_aws.Timestamp %s is not a whole number of milliseconds", meta["Timestamp"])
	}
	// CloudWatch drops metrics more than two weeks old or two hours ahead;
	// a timestamp in seconds would be fifty years old.
	if at := time.UnixMilli(int64(ts)); time.Since(at) > 14*24*time.Hour || time.Until(at) > 2*time.Hour {
		return fmt.Errorf("_aws.Timestamp %d is not within CloudWatch's window (%s)", int64(ts), at.UTC())
	}
	var directives []map[string]json.RawMessage
	if err := json.Unmarshal(meta["CloudWatchMetrics"], &directives); err != nil || directives == nil {
		return errors.New("_aws.CloudWatchMetrics is missing or not an array of objects")
	}
	for i, d := range directives {
		if err := checkDirective(root, d); err != nil {
			return fmt.Errorf("CloudWatchMetrics[%d]: %w", i, err)
		}
	}
	return nil
}

func checkDirective(root, d map[string]json.RawMessage) error {
	for k := range d {
		if k != "Namespace" && k != "Dimensions" && k != "Metrics" {
			return fmt.Errorf("unknown member %q", k)
		}
	}
	var ns string
	if err := json.Unmarshal(d["Namespace"], &ns); err != nil || strings.TrimSpace(ns) == "" || len(ns) > 1024 {
		return fmt.Errorf("Namespace %s is not a non-blank string", d["Namespace"])
	}
	var sets [][]string
	if err := json.Unmarshal(d["Dimensions"], &sets); err != nil || sets == nil {
		return fmt.Errorf("Dimensions %s is not an array of arrays of strings", d["Dimensions"])
	}
	for _, set := range sets {
		if len(set) > 30 {
			return fmt.Errorf("a dimension set has %d dimensions (at most 30)", len(set))
		}
		for _, name := range set {
			var v string
			if err := json.Unmarshal(root[name], &v); err != nil {
				return fmt.Errorf("dimension %q has no string member at the root", name)
			}
			if strings.TrimSpace(v) == "" || len(v) > 1024 {
				return fmt.Errorf("dimension %q = %q: values are 1-1024 characters, not all blank", name, v)
			}
		}
	}
	var metrics []map[string]json.RawMessage
	if err := json.Unmarshal(d["Metrics"], &metrics); err != nil || metrics == nil {
		return fmt.Errorf("Metrics %s is not an array of objects", d["Metrics"])
	}
	if len(metrics) > 100 {
		return fmt.Errorf("%d metrics in one directive (at most 100)", len(metrics))
	}
	seen := map[string]bool{}
	for _, m := range metrics {
		var name, unit string
		if err := json.Unmarshal(m["Name"], &name); err != nil || name == "" || len(name) > 255 {
			return fmt.Errorf("metric Name %s is not a string of 1-255 characters", m["Name"])
		}
		if seen[name] {
			return fmt.Errorf("metric %q is defined twice", name)
		}
		seen[name] = true
		for k := range m {
			if k != "Name" && k != "Unit" && k != "StorageResolution" {
				return fmt.Errorf("metric %q has an unknown member %q", name, k)
			}
		}
		if raw, ok := m["Unit"]; ok {
			if err := json.Unmarshal(raw, &unit); err != nil || !emfUnits[unit] {
				return fmt.Errorf("metric %q: Unit %s is not a CloudWatch unit", name, raw)
			}
		}
		var one float64
		var many []float64
		if json.Unmarshal(root[name], &one) != nil {
			if err := json.Unmarshal(root[name], &many); err != nil || len(many) == 0 || len(many) > 100 {
				return fmt.Errorf("metric %q has no member at the root that is a number or 1-100 numbers", name)
			}
		}
	}
	return nil
}
