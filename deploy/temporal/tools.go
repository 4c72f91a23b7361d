//go:build tools

// Package tools pins the Temporal CLI (dev server) that the local stack runs.
// v1.5.1 is the last release without a replace directive, so it builds as a dependency.
package tools

import _ "github.com/temporalio/cli/cmd/temporal"
