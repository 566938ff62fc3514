//go:build unix

package scenarios

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A named pipe or a device given as a scenario is refused at once: opening
// a pipe blocks until someone writes to it, and a device may never end.
func TestLoadFileRefusesSpecialFiles(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "f.toml")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	cases := map[string]string{fifo: "it is a named pipe, not a regular file"}
	if _, err := os.Stat("/dev/zero"); err == nil {
		cases["/dev/zero"] = "it is a device, not a regular file"
	}
	for path, want := range cases {
		done := make(chan error, 1)
		go func() {
			_, err := LoadFile(path, Options{})
			done <- err
		}()
		select {
		case err := <-done:
			require.Error(t, err)
			assert.Equal(t, path+": cannot read the file: "+want, err.Error())
			assert.Equal(t, CodeFile, err.(Diagnostics)[0].Code)
		case <-time.After(5 * time.Second):
			// Unblock the open so that the test binary can end.
			if w, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
				w.Close()
			}
			t.Fatalf("LoadFile(%s) still blocks after 5 s", path)
		}
	}
}
