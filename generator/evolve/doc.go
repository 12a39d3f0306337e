// Package evolve compares a project's previous generation with the next
// one: which operations appeared, vanished, were renamed or moved, and
// which generated types changed shape. It keeps a removed operation's
// request and response types alive as deprecated tombstones while the
// user's method for it still exists, so regenerating never breaks the
// build of code the user wrote against the old spec.
package evolve
