package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"cpkrange/analytics"
)

// TestFuturesPageInChromium opens the page of a decision's futures in
// Debian's chromium, headless, and reads it as a reader would: a row per
// option in the table, every figure drawn, the clearest difference said.
func TestFuturesPageInChromium(t *testing.T) {
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("no chromium: install Debian's chromium to open the futures page (scripts/test.sh does)")
	}
	t.Parallel()
	tmp := t.TempDir()
	out := filepath.Join(tmp, "f")
	r := runArgs("futures", "ddos-election", "--decision", "name-dravinia", "-n", "20", "--quiet", "--out", out)
	require.Equal(t, exitOK, r.code, r.errOut)

	opts := append(chromedp.DefaultExecAllocatorOptions[:0:0],
		chromedp.ExecPath(bin), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(filepath.Join(tmp, "profile")), chromedp.WindowSize(1400, 1000))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()

	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate("file://"+filepath.Join(out, analytics.FuturesPageFile)),
		chromedp.WaitReady("body")))
	title, err := chromedp.Run(ctx, chromedp.Title())
	require.NoError(t, err)
	clearest, err := chromedp.Run(ctx, chromedp.Text("p.clearest"))
	require.NoError(t, err)
	count := func(js string) int {
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](js))
		require.NoError(t, err, js)
		return n
	}
	rows := count(`document.querySelectorAll("#outcomes + p + table tbody tr").length`)
	figures := count(`document.images.length`)
	drawn := count(`[...document.images].filter(i => i.complete && i.naturalWidth > 600).length`)
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(80))
	require.NoError(t, err)
	assert.Equal(t, "Election Week in Kaldonia: futures of decision name-dravinia", title)
	assert.Equal(t, 3, rows, "a row per option")
	assert.Equal(t, 2*len(analytics.FutureMetrics), figures, "a distribution and a forest plot per outcome")
	assert.Equal(t, figures, drawn, "every figure decodes and has its width")
	assert.True(t, strings.HasPrefix(clearest, "Clearest difference: Option "), clearest)
	require.NoError(t, os.WriteFile(filepath.Join(tmp, "page.jpg"), shot, 0o644))
	assert.Greater(t, len(shot), 20000, "the page drew something")
}
