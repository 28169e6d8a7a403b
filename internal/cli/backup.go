package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/partnership-roadmap/roadmap/internal/answers"
	"github.com/partnership-roadmap/roadmap/internal/backup"
	"github.com/partnership-roadmap/roadmap/internal/esc"
	"github.com/partnership-roadmap/roadmap/internal/msg"
)

type backupOptions struct {
	Dir    string
	Output string
}

func newBackupCmd(app *App) *cobra.Command {
	opts := &backupOptions{}
	cmd := &cobra.Command{
		Use:   "backup DIR -o FILE.zip",
		Short: "Save a snapshot of a served folder (answers, history, access list, audit log) as a zip",
		Long: `Write the answers files of DIR and its .roadmap folder (access list,
settings, history, archive, audit log) into a zip file. It may run while
"roadmap serve" serves DIR: the snapshot is taken between two saves, and
saves wait for it (a moment). "roadmap restore" unpacks it.`,
		Example: "  roadmap backup /srv/roadmaps/answers -o /var/backups/roadmaps-$(date +%F).zip",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usage(cmd, "usage.backup-args")
			}
			if opts.Output == "" {
				return usage(cmd, "usage.backup-output")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = args[0]
			return backupRun(app, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write the backup to `FILE.zip`")
	return cmd
}

func backupRun(app *App, opts *backupOptions) (err error) {
	if fi, err := os.Stat(opts.Dir); err != nil || !fi.IsDir() {
		return msg.New("cli.not-answers-folder", "dir", opts.Dir)
	}
	// Written beside the target and renamed: a failed backup leaves an
	// earlier one of the same name whole.
	f, err := os.CreateTemp(filepath.Dir(opts.Output), ".backup-*.zip")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	sum, err := backup.Create(opts.Dir, f, time.Now())
	if err != nil {
		return msg.New("cli.backup-failed", "dir", opts.Dir, "reason", err)
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(f.Name(), opts.Output); err != nil {
		return err
	}
	fmt.Fprintln(app.Out, msg.New("cli.backup-wrote", "file", esc.Name(opts.Output), "answers", msg.New("cli.n-answers-files", "n", sum.Answers),
		"files", msg.New("cli.n-roadmap-files", "n", sum.Files-sum.Answers, "folder", ".roadmap")).In(app.ReaderLang()))
	return nil
}

type restoreOptions struct {
	Zip string
	Dir string
}

func newRestoreCmd(app *App) *cobra.Command {
	opts := &restoreOptions{}
	cmd := &cobra.Command{
		Use:   "restore FILE.zip --dir DIR",
		Short: "Unpack a backup made by roadmap backup into a new folder",
		Long: `Unpack a zip made by "roadmap backup" into DIR, which must be missing or
empty. Every answers file in it is checked as "roadmap validate" checks it
first: a backup with a file that does not validate restores nothing.`,
		Example: "  roadmap restore roadmaps-2027-03-01.zip --dir /srv/roadmaps/answers-restored",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usage(cmd, "usage.restore-args")
			}
			if opts.Dir == "" {
				return usage(cmd, "usage.restore-dir")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Zip = args[0]
			return restoreRun(app, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Dir, "dir", "", "the new `folder` to restore into")
	return cmd
}

func restoreRun(app *App, opts *restoreOptions) error {
	b, err := app.Content()
	if err != nil {
		return err
	}
	sum, err := backup.Restore(opts.Zip, opts.Dir, func(name string, data []byte) error {
		_, err := answers.Parse(name, data, b)
		return err
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(app.Out, msg.New("cli.restored", "file", esc.Name(opts.Zip), "dir", esc.Name(opts.Dir), "answers", msg.New("cli.n-answers-files", "n", sum.Answers),
		"files", msg.New("cli.n-roadmap-files", "n", sum.Files-sum.Answers, "folder", ".roadmap")).In(app.ReaderLang()))
	return nil
}
