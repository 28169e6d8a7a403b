package cli

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/partnership-roadmap/roadmap/internal/msg"
)

// namedFlags are the flags whose value names a file or a folder: an empty
// one is a mistake, not the default (--answers "" once made a blank form).
var namedFlags = map[string]string{
	"answers":   "an answers file",
	"out":       "a folder",
	"dir":       "a folder",
	"content":   "a folder",
	"templates": "a folder",
}

// checkFlagValues refuses, as usage errors, a flag value that is another
// flag ("--pdf --as-of 2027-03-01" once wrote a PDF named --as-of) and an
// empty value of a flag that names a file or a folder.
func checkFlagValues(cmd *cobra.Command) error {
	var err error
	cmd.Flags().Visit(func(f *pflag.Flag) {
		if err != nil || f.Value.Type() != "string" {
			return
		}
		v := f.Value.String()
		switch what, named := namedFlags[f.Name]; {
		case strings.HasPrefix(v, "--"):
			err = usage(cmd, "usage.flag-as-value", "flag", f.Name, "value", msg.Value(v))
		case v == "" && named:
			err = usagef(cmd, "--%s is empty; give %s", f.Name, what)
		}
	})
	return err
}

// bareFlags are the flags that may stand alone, meaning their default: a
// "--pdf" at the end or before another flag is "--pdf=" (the report beside
// the workbook), not a flag taking the next one as its file name.
var bareFlags = []string{"--pdf"}

// bareDefaults rewrites the bare flags of args (see bareFlags).
func bareDefaults(args []string) []string {
	out := make([]string, 0, len(args))
	for i, a := range args {
		if a == "--" {
			return append(out, args[i:]...)
		}
		for _, b := range bareFlags {
			if a == b && (i+1 == len(args) || strings.HasPrefix(args[i+1], "-") && args[i+1] != "-") {
				a = b + "="
			}
		}
		out = append(out, a)
	}
	return out
}
