package fsutil

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// The one reading rule for every input a command is given by name: a
// regular file only (a named pipe or a device is refused at once, never
// waited on or read without end), no bigger than a limit that is checked
// before reading and again while reading (a file can grow meanwhile).

// TooBigError is returned for an input over its size limit.
type TooBigError struct {
	// Size is the file's size, or -1 when it grew past Limit while read.
	Size  int64
	Limit int64
}

func (e *TooBigError) Error() string {
	if e.Size < 0 {
		return fmt.Sprintf("it is too big: more than %d bytes; allowed: at most %d bytes", e.Limit, e.Limit)
	}
	return fmt.Sprintf("it is too big: %d bytes; allowed: at most %d bytes", e.Size, e.Limit)
}

// OpenInput opens path for reading. A named pipe is opened without
// waiting for a writer, and anything that is not a regular file is closed
// again and refused with what it is ("is a named pipe, not a file"), the
// words of CheckInput; other errors are in Reason's plain words.
func OpenInput(path string) (*os.File, fs.FileInfo, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, inputError{Reason(err)}
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, inputError{Reason(err)}
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, nil, inputError{fmt.Sprintf("is %s, not a file", Kind(st.Mode()))}
	}
	return f, st, nil
}

// inputError is a plain-words reason an input cannot be read.
type inputError struct{ msg string }

func (e inputError) Error() string { return e.msg }

// ReadInput reads the regular file at path (see OpenInput), refusing it
// with a *TooBigError when it holds more than limit bytes.
func ReadInput(path string, limit int64) ([]byte, error) {
	f, st, err := OpenInput(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st.Size() > limit {
		return nil, &TooBigError{Size: st.Size(), Limit: limit}
	}
	return ReadLimited(f, st.Size(), limit)
}

// ReadLimited reads r to its end, refusing it with a *TooBigError as soon
// as it gives more than limit bytes; size is how much is expected.
func ReadLimited(r io.Reader, size, limit int64) ([]byte, error) {
	buf := bytes.NewBuffer(make([]byte, 0, min(max(size, 0), limit)+512))
	_, err := buf.ReadFrom(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, inputError{Reason(err)}
	}
	if int64(buf.Len()) > limit {
		return nil, &TooBigError{Size: -1, Limit: limit}
	}
	return buf.Bytes(), nil
}
