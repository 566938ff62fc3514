package debrief

import (
	"context"
	"flag"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// need skips the test when a tool is not installed (scripts/test.sh
// installs them: Debian's chromium and poppler-utils).
func need(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (apt-get install chromium poppler-utils): %v", tool, err)
		}
	}
}

// printHTML prints an HTML file to PDF in headless Chromium, as a browser's
// print dialog does with the page's own page size, and returns the PDF.
func printHTML(t *testing.T, path string) []byte {
	t.Helper()
	abs, err := filepath.Abs(path)
	require.NoError(t, err)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath("chromium"), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate("file://"+abs), chromedp.WaitReady("#lessons")))
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize(), chromedp.PDFPrintBackground()))
	require.NoError(t, err)
	return pdf
}

// pdfPages returns the text of each page of a PDF (pdftotext) and each
// page's size in points (pdfinfo).
func pdfPages(t *testing.T, path string) (texts []string, sizes [][2]float64) {
	t.Helper()
	info, err := exec.Command("pdfinfo", path).Output()
	require.NoError(t, err, "pdfinfo opens %s", path)
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(info)
	require.NotNil(t, m, "pdfinfo names the pages:\n%s", info)
	n, _ := strconv.Atoi(string(m[1]))
	require.Positive(t, n)
	info, err = exec.Command("pdfinfo", "-f", "1", "-l", strconv.Itoa(n), path).Output()
	require.NoError(t, err)
	for _, s := range regexp.MustCompile(`(?m)^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts`).FindAllSubmatch(info, -1) {
		w, _ := strconv.ParseFloat(string(s[1]), 64)
		h, _ := strconv.ParseFloat(string(s[2]), 64)
		sizes = append(sizes, [2]float64{w, h})
	}
	for p := 1; p <= n; p++ {
		out, err := exec.Command("pdftotext", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), path, "-").Output()
		require.NoError(t, err)
		texts = append(texts, string(out))
	}
	return texts, sizes
}

// A4 is 210 × 297 mm: 595.3 × 841.9 points.
func isA4(s [2]float64) bool { return abs(s[0]-595.3) < 2 && abs(s[1]-841.9) < 2 }

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

var (
	tableRe   = regexp.MustCompile(`(?s)<table>\s*<caption>(Table \d+\.)(.*?)</table>`)
	rowRe     = regexp.MustCompile(`(?s)<tr[^>]*>(.*?)</tr>`)
	cellRe    = regexp.MustCompile(`(?s)<t[dh][^>]*>(.*?)</t[dh]>`)
	tagRe     = regexp.MustCompile(`<[^>]+>`)
	footerRe  = regexp.MustCompile(`(?m)^\s*(page \d+ of \d+|cpkrange debrief|Debrief: .*)\s*$`)
	spaceLess = strings.NewReplacer(" ", "", "\n", "", "\t", "", "\f", "")
)

// tableEnds maps each table's caption number ("Table 7.") to the text of
// its last row's longest cell, as pdftotext would read it (no spaces).
func tableEnds(t *testing.T, page string) map[string]string {
	out := map[string]string{}
	for _, m := range tableRe.FindAllStringSubmatch(page, -1) {
		rows := rowRe.FindAllStringSubmatch(m[2], -1)
		require.NotEmpty(t, rows, m[1])
		longest := ""
		for _, c := range cellRe.FindAllStringSubmatch(rows[len(rows)-1][1], -1) {
			text := html.UnescapeString(tagRe.ReplaceAllString(c[1], " "))
			if len(text) > len(longest) {
				longest = text
			}
		}
		key := spaceLess.Replace(longest)
		out[m[1]] = key[:min(len(key), 24)]
	}
	return out
}

// TestTheReportPrintsToA4: the HTML page printed in headless Chromium
// gives A4 pages, none blank, each numbered, no table cut across pages;
// the binary's own PDF opens, is A4 and has the same sections.
func TestTheReportPrintsToA4(t *testing.T) {
	need(t, "chromium", "pdfinfo", "pdftotext")
	sc, log := scriptedSession(t)
	rep, _ := makeReport(t, sc, log, 6)
	dir := t.TempDir()
	require.NoError(t, Write(dir, rep, false))
	pageHTML, err := os.ReadFile(filepath.Join(dir, HTMLFile))
	require.NoError(t, err)

	printed := filepath.Join(dir, "printed.pdf")
	require.NoError(t, os.WriteFile(printed, printHTML(t, filepath.Join(dir, HTMLFile)), 0o644))
	texts, sizes := pdfPages(t, printed)
	require.Len(t, sizes, len(texts))
	require.Greater(t, len(texts), len(rep.Sections()), "a page at least per section")
	all := strings.Join(texts, "\n")
	for i, text := range texts {
		assert.True(t, isA4(sizes[i]), "page %d is %v points, not A4", i+1, sizes[i])
		assert.Contains(t, text, fmt.Sprintf("page %d of %d", i+1, len(texts)), "page %d's number", i+1)
		assert.NotEmpty(t, strings.TrimSpace(footerRe.ReplaceAllString(text, "")), "page %d is blank", i+1)
	}
	ends := tableEnds(t, string(pageHTML))
	require.Greater(t, len(ends), 20)
	for caption, end := range ends {
		p := -1
		for i, text := range texts {
			if strings.Contains(text, caption+" ") {
				p = i
				break
			}
		}
		if !assert.GreaterOrEqual(t, p, 0, "%s is not in the printed pages", caption) {
			continue
		}
		assert.True(t, strings.Contains(spaceLess.Replace(texts[p]), end), "%s is cut: its last row (%q) is not on its page (%d)", caption, end, p+1)
	}
	for _, s := range rep.Sections() {
		assert.Contains(t, all, s.Title)
	}

	// The binary's own PDF.
	texts, sizes = pdfPages(t, filepath.Join(dir, PDFFile))
	all = strings.Join(texts, "\n")
	for i, text := range texts {
		assert.True(t, isA4(sizes[i]), "debrief.pdf page %d is %v points", i+1, sizes[i])
		assert.Contains(t, text, fmt.Sprintf("page %d of %d", i+1, len(texts)))
		assert.NotEmpty(t, strings.TrimSpace(footerRe.ReplaceAllString(text, "")), "debrief.pdf page %d is blank", i+1)
	}
	for _, s := range rep.Sections() {
		assert.Contains(t, all, s.Title, "debrief.pdf has the section")
	}
	for _, d := range rep.Decisions {
		assert.Contains(t, all, "Counterfactual of "+d.ID)
	}
	assert.Contains(t, all, noteText)
}

var pictures = flag.Bool("pictures", false, "rewrite the pictures of the report's pages in docs/images (docs/facilitation.md)")

// TestReportPagePictures makes the pictures of the report's pages that
// docs/facilitation.md shows, from the scripted session with 100 futures
// per option: go test ./debrief -run TestReportPagePictures -pictures.
func TestReportPagePictures(t *testing.T) {
	if !*pictures {
		t.Skip("the pictures are remade with -pictures")
	}
	need(t, "chromium", "pdfinfo", "pdftotext", "pdftoppm")
	sc, log := scriptedSession(t)
	rep, _ := makeReport(t, sc, log, 100)
	dir := t.TempDir()
	require.NoError(t, Write(dir, rep, false))
	printed := filepath.Join(dir, "printed.pdf")
	require.NoError(t, os.WriteFile(printed, printHTML(t, filepath.Join(dir, HTMLFile)), 0o644))
	for _, doc := range []struct {
		pdf, prefix string
		pages       map[string]string // picture name → text its page begins a section with
	}{
		{printed, "debrief-html-", map[string]string{"first": rep.Title(), "story": "The story by stage", "decision": "Counterfactual of " + rep.Decisions[0].ID,
			"scorecard": "Scorecard against the CPK goals", "lessons": "Lessons learned"}},
		{filepath.Join(dir, PDFFile), "debrief-pdf-", map[string]string{"decision": "Counterfactual of " + rep.Decisions[0].ID}},
	} {
		texts, _ := pdfPages(t, doc.pdf)
		for name, marker := range doc.pages {
			p := -1
			for i, text := range texts {
				if strings.Contains(text, marker) {
					p = i + 1
					break
				}
			}
			require.Positive(t, p, marker)
			out := filepath.Join("..", "docs", "images", doc.prefix+name)
			cmd := exec.Command("pdftoppm", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), "-r", "70", "-png", "-singlefile", doc.pdf, out)
			b, err := cmd.CombinedOutput()
			require.NoError(t, err, "%s", b)
			t.Logf("wrote %s.png (page %d)", out, p)
		}
	}
}
