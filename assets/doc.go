// Package assets holds what the facilitation display draws with, as
// embedded bytes: the Go fonts (Bigelow & Holmes, BSD licence, copied from
// golang.org/x/image/font/gofont/ttfs; fonts/LICENSE). It imports only the
// standard library, so any package may use it without pulling in a
// graphics library.
package assets
