package main

import (
	"bufio"
	"context"
	"fmt"
	"image"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"cpkrange/scenarios"
)

// chromium returns Debian's chromium, or skips the test.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no chromium: the team page tests drive Debian's chromium (scripts/test.sh installs it as root)")
	return ""
}

// browser starts a headless chromium with a fresh profile.
func browser(t *testing.T, path string) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.UserDataDir(t.TempDir()))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(bcancel)
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("chromium: %v", err)
	}
	return bctx
}

func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

var linkLine = regexp.MustCompile(`^(.+?)\s+(http://\S+/t/[0-9a-f]{32})$`)

// TestTeamsOnTheirOwnDevices is a session with teams on their own devices: facilitate --teams
// under Xvfb, Kaldonia's and Dravinia's pages in chromium, a vote with a
// rationale (markup included) from Kaldonia. Dravinia's page never shows
// the vote nor Kaldonia's picture; Kaldonia's shows the markup as text; the
// projector's screenshot differs from the same session's without the vote
// in the decision's dialog and nowhere above it; and the log holds the
// vote, and no token. With -regen it remakes the guide's pictures of a
// team's page (docs/images/team-*.png).
func TestTeamsOnTheirOwnDevices(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		t.Skip("no DISPLAY: run under xvfb-run -a (.ci/run does)")
	}
	chrome := chromium(t)
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "cpkrange")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	sc, _, err := scenarios.Open(scenarios.Default, scenarios.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := sc.Decisions[0] // Kaldonia's
	at := fmt.Sprint(d.At.Hours())
	logPath, shot := filepath.Join(tmp, "session.jsonl"), filepath.Join(tmp, "voted.png")
	// Enough frames for two pages to load and vote on a slow machine: the
	// screenshot comes after them, and the session ends.
	cmd := exec.Command(bin, "facilitate", "--teams", "--listen", freePort(t), "--at", at, "--size", "1280x720",
		"--frames", "2400", "--screenshot", shot, "--log", logPath)
	stdout, _ := cmd.StdoutPipe()
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	links := map[string]string{}
	var console strings.Builder
	sc2 := bufio.NewScanner(stdout)
	for sc2.Scan() && len(links) < len(sc.States)+1 {
		console.WriteString(sc2.Text() + "\n")
		if m := linkLine.FindStringSubmatch(strings.TrimSpace(sc2.Text())); m != nil {
			links[m[1]] = m[2]
		}
	}
	go func() { // keep the pipe drained
		for sc2.Scan() {
		}
	}()
	kal, dra := links["Republic of Kaldonia"], links["Dravinian Federation"]
	if kal == "" || dra == "" {
		t.Fatalf("no links for Kaldonia and Dravinia on the console:\n%s\nstderr: %s", console.String(), stderr.String())
	}

	bctx := browser(t, chrome)
	ctx, cancel := context.WithTimeout(bctx, 90*time.Second)
	defer cancel()
	kctx, kcancel := chromedp.NewContext(ctx)
	defer kcancel()
	dctx, dcancel := chromedp.NewContext(ctx)
	defer dcancel()
	why := `<img src=x onerror="document.title='owned'">We hold: no escalation`
	err = chromedp.Do(kctx,
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(kal),
		chromedp.WaitVisible(chromedp.CSS(`#d-form button[data-option="2"]`)),
		chromedp.Click(chromedp.CSS(`#d-form button[data-option="2"]`)),
		chromedp.SendKeys(chromedp.CSS(`#d-why`), why),
		chromedp.Click(chromedp.CSS(`#d-send`)),
	)
	if err == nil {
		_, err = chromedp.Run(kctx, chromedp.Poll[chromedp.Void](`document.getElementById("d-status").textContent.startsWith("Recorded")`, chromedp.WithPollingTimeout(60*time.Second)))
	}
	if err != nil {
		t.Fatalf("kaldonia's page: %v\nstderr: %s", err, stderr.String())
	}
	status, _ := chromedp.Run(kctx, chromedp.Text(chromedp.CSS(`#d-status`)))
	kalTitle, _ := chromedp.Run(kctx, chromedp.Title())
	kalImgs, _ := chromedp.Run(kctx, chromedp.Evaluate[int](`document.querySelectorAll("main img").length`))
	if !strings.Contains(status, "option 2") || kalImgs != 0 || strings.Contains(kalTitle, "owned") {
		t.Errorf("kaldonia's page: status %q, %d images, title %q: the vote or its markup went wrong", status, kalImgs, kalTitle)
	}
	err = chromedp.Do(dctx,
		chromedp.EmulateViewport(1280, 800),
		chromedp.Navigate(dra),
		chromedp.WaitVisible(chromedp.CSS(`#decision`)),
	)
	if err == nil {
		_, err = chromedp.Run(dctx, chromedp.Poll[chromedp.Void](`document.getElementById("items").children.length > 0`, chromedp.WithPollingTimeout(30*time.Second)))
	}
	if err != nil {
		t.Fatalf("dravinia's page: %v", err)
	}
	draText, _ := chromedp.Run(dctx, chromedp.Text(chromedp.CSS(`body`)))
	draForm, _ := chromedp.Run(dctx, chromedp.Evaluate[bool](`!document.getElementById("d-form").hidden`))
	if regenerating() {
		// The guide's pictures of a team's page: Kaldonia's on a phone,
		// with its vote recorded; Dravinia's on a laptop.
		for _, shot := range []struct {
			ctx  context.Context
			file string
		}{{kctx, "team-phone.png"}, {dctx, "team-laptop.png"}} {
			if _, err := chromedp.Run(shot.ctx, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`)); err != nil {
				t.Fatal(err)
			}
			png, err := chromedp.Run(shot.ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join("../../docs/images", shot.file), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if draForm {
		t.Error("dravinia's page offers a vote on kaldonia's decision")
	}
	for _, secret := range []string{"We hold", "option 2"} {
		if strings.Contains(draText, secret) {
			t.Errorf("dravinia's page shows kaldonia's vote (%q)", secret)
		}
	}
	if !strings.Contains(draText, "Decision for Republic of Kaldonia") {
		t.Errorf("dravinia's page does not say whose decision is open:\n%s", draText)
	}
	for _, a := range sc.Assets {
		if a.Owner == "kaldonia" && a.Name != "" && strings.Contains(draText, a.Name+" · ") {
			t.Errorf("dravinia's page lists kaldonia's asset %s", a.Name)
		}
	}

	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("facilitate: %v\n%s", err, stderr.String())
		}
	case <-time.After(3 * time.Minute):
		t.Fatal("the session did not end")
	}
	log, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`"kind":"decision.vote".*"actor":"kaldonia".*"value":2,"text":"<img src=x onerror=\\"document.title='owned'\\">We hold`).Match(log) {
		t.Errorf("the log holds no vote of kaldonia's:\n%s", grepLines(string(log), "decision."))
	}
	for _, l := range links {
		if tok := l[strings.LastIndex(l, "/")+1:]; strings.Contains(string(log), tok) || strings.Contains(stderr.String(), tok) {
			t.Error("a token is in the log or on stderr")
		}
	}

	// The projector, the same session without the vote: the two pictures
	// differ in the decision's dialog (which says VOTED) and below it.
	base := filepath.Join(tmp, "novote.png")
	if out, err := exec.Command(bin, "facilitate", "--at", at, "--size", "1280x720", "--frames", "2400", "--screenshot", base).CombinedOutput(); err != nil {
		t.Fatalf("facilitate without teams: %v\n%s", err, out)
	}
	a, b := readPNG(t, shot), readPNG(t, base)
	// The dialog's title and footer say VOTED; the feed below it has a line
	// saying the team voted. Above the dialog (header, map, panels), the
	// two pictures are the same.
	box, _ := diffBox(a, b)
	dialog := image.Rect(173, 228, 1107, 575)
	_, inDialog := diffBox(sub(a, dialog), sub(b, dialog))
	if inDialog == 0 {
		t.Error("the decision's dialog shows nothing of the vote")
	}
	if box.Min.Y < dialog.Min.Y {
		t.Errorf("the vote changed the projector above the decision's dialog: %v", box)
	}
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// diffBox is the smallest rectangle holding every pixel that differs
// between a and b by more than 16 in a channel, and how many do.
func diffBox(a, b image.Image) (image.Rectangle, int) {
	var box image.Rectangle
	n := 0
	r := a.Bounds().Intersect(b.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			if absDiff(r1, r2) > 16<<8 || absDiff(g1, g2) > 16<<8 || absDiff(b1, b2) > 16<<8 {
				n++
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return box, n
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

func sub(img image.Image, r image.Rectangle) image.Image {
	return img.(interface {
		SubImage(image.Rectangle) image.Image
	}).SubImage(r)
}
