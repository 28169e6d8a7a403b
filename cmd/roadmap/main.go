// Command roadmap turns the partnership roadmap between municipalities and
// community organisations into print-ready PDF forms, a guideline booklet and
// Excel plan workbooks.
package main

import (
	"os"

	"github.com/partnership-roadmap/roadmap/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
