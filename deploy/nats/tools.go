//go:build tools

// Package tools pins nats-server, built by the local stack only when no NATS answers and no
// nats-server binary is installed (Debian's nats-server package is the usual source).
package tools

import _ "github.com/nats-io/nats-server/v2"
