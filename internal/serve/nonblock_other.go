//go:build !unix

package serve

const syscallNonblock = 0
