package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"cpkrange/scenarios"
)

// readInput reads a file named on the command line or in a log's header:
// a regular file of at most limit bytes. It looks before opening, since
// opening a named pipe blocks until someone writes to it and a device may
// never end, and again at what it opened, since the path may have changed
// in between.
func readInput(path string, limit int64) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, reason(err))
	}
	if msg := scenarios.NotRegular(fi); msg != "" {
		return nil, fmt.Errorf("%s: %s", path, msg)
	}
	if fi.Size() > limit {
		return nil, tooBig(path, fi.Size(), limit)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, reason(err))
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && scenarios.NotRegular(fi) != "" {
		return nil, fmt.Errorf("%s: %s", path, scenarios.NotRegular(fi))
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, reason(err))
	}
	if int64(len(data)) > limit {
		return nil, tooBig(path, int64(len(data)), limit)
	}
	return data, nil
}

func tooBig(path string, size, limit int64) error {
	return fmt.Errorf("%s: the file is %.1f MiB, the limit is %d MiB", path, float64(size)/(1<<20), limit>>20)
}

// reason drops the operation and path from a file system error, which the
// message already names.
func reason(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
