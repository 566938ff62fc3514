package main

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"cpkrange/scenarios"
)

// The reference screenshots in testdata/screenshots are rewritten with
//
//	xvfb-run -a go test ./cmd/cpkrange -run TestFacilitateScreenshots -regen
//
// after a change to the display, the model or a bundled scenario.
func init() {
	if flag.Lookup("regen") == nil {
		flag.Bool("regen", false, "rewrite the reference screenshots in testdata/screenshots")
	}
}

func regenerating() bool {
	f := flag.Lookup("regen")
	return f != nil && f.Value.String() == "true"
}

const shotDir = "../../testdata/screenshots"

func TestFacilitateUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--size", "big"}, "--size"},
		{[]string{"--size", "100x100"}, "at least 320x180"},
		{[]string{"--at", "soon"}, "--at"},
		{[]string{"--frames", "5"}, "--frames goes with --screenshot"},
		{[]string{"--screenshot", "a.png", "--frames", "0"}, "at least 1"},
		{[]string{"a", "b"}, "one scenario at a time"},
		{[]string{"--replay", "x.jsonl", "--log", "y.jsonl"}, "--log"},
		{[]string{"--replay", "x.jsonl", "--seed", "3"}, "header"},
		{[]string{"--listen", "0.0.0.0:8765"}, "--listen and --observers go with --teams"},
		{[]string{"--observers"}, "go with --teams"},
		{[]string{"--teams", "--replay", "x.jsonl"}, "a replay has no votes"},
		{[]string{"--teams", "--listen", "8765"}, "want HOST:PORT"},
		{[]string{"--show", "join"}, "--show join goes with --teams"},
	} {
		var out, errOut bytes.Buffer
		code := dispatch(append([]string{"facilitate"}, c.args...), &out, &errOut)
		if code != exitUsage || !strings.Contains(errOut.String(), c.want) {
			t.Errorf("facilitate %s: exit %d, stderr %q; want exit %d mentioning %q", strings.Join(c.args, " "), code, errOut.String(), exitUsage, c.want)
		}
	}
}

// The team server open beyond loopback is said, with its address.
func TestOpenWarning(t *testing.T) {
	if w := openWarning("0.0.0.0:8765"); !strings.Contains(w, "warning") || !strings.Contains(w, "0.0.0.0:8765") {
		t.Errorf("no warning for the room's network: %q", w)
	}
	if w := openWarning("127.0.0.1:8765"); w != "" {
		t.Errorf("a warning for loopback: %q", w)
	}
}

func TestParseAt(t *testing.T) {
	for in, want := range map[string]float64{"300": 300, "12d12h": 300, "0": 0, "90m": 1.5} {
		if got, ok := parseAt(in); !ok || got != want {
			t.Errorf("parseAt(%q) = %g, %v; want %g", in, got, ok, want)
		}
	}
	for _, bad := range []string{"-3", "soon", "", "Inf"} {
		if _, ok := parseAt(bad); ok {
			t.Errorf("parseAt(%q) accepted", bad)
		}
	}
	if w, h, ok := parseSize("3840X2160"); !ok || w != 3840 || h != 2160 {
		t.Errorf("parseSize: %d %d %v", w, h, ok)
	}
}

// A broken scenario or log is a problem with the input: exit 1 and the
// positioned diagnostics, before any window opens.
func TestFacilitateBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.jsonl")
	if err := os.WriteFile(bad, []byte("{\"format\":\"something else\"}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := dispatch([]string{"facilitate", "--replay", bad}, &out, &errOut); code != exitProblems || !strings.Contains(out.String(), "bad.jsonl:1:1") {
		t.Errorf("bad log: exit %d, stdout %q", code, out.String())
	}
	out.Reset()
	if code := dispatch([]string{"facilitate", "no-such-scenario"}, &out, &errOut); code != exitProblems || !strings.Contains(out.String(), "no-such-scenario") {
		t.Errorf("unknown scenario: exit %d, stdout %q", code, out.String())
	}
}

// shot is one screenshot the test takes and compares.
type shot struct {
	name string   // the reference file, without .png
	args []string // after "facilitate"
	ref  bool     // compared with a reference image (else: only checked)
}

// The display under a real X server (Xvfb in CI), seed 7 throughout so
// that a scenario's own seed can change: each bundled scenario rendered
// mid-crisis at 1280x720, the default one at 1920x1080 with a
// decision on screen and at 3840x2160, and a replay; each compared with
// its reference image, allowing 1% of pixels to differ by more than 16 in
// a channel.
func TestFacilitateScreenshots(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		t.Skip("no DISPLAY: the screenshot tests need an X display; run them under xvfb-run -a (.ci/run does)")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "cpkrange")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	at := map[string]string{"ddos-election": "400", "disinfo-spiral": "500", "grid-wiper": "100", "leaked-tool": "1000"}
	var shots []shot
	for _, b := range scenarios.Bundled() {
		when, ok := at[b.Name]
		if !ok {
			when = "200"
		}
		shots = append(shots, shot{b.Name + "-1280x720", []string{b.Name, "--seed", "7", "--at", when, "--size", "1280x720", "--frames", "20"}, true})
	}
	sc, _, err := scenarios.Open(scenarios.Default, scenarios.Options{})
	if err != nil {
		t.Fatal(err)
	}
	decision := fmt.Sprint(sc.Decisions[0].At.Hours())
	shots = append(shots,
		shot{scenarios.Default + "-decision-1920x1080", []string{"--seed", "7", "--at", decision, "--size", "1920x1080", "--frames", "20"}, true},
		shot{scenarios.Default + "-3840x2160", []string{"--seed", "7", "--at", at[scenarios.Default], "--size", "3840x2160", "--frames", "20"}, false},
		shot{scenarios.Default + "-futures-1280x720", []string{"--seed", "7", "--at", decision, "--size", "1280x720", "--show", "futures", "--frames", "5"}, true},
	)
	logPath := filepath.Join(tmp, "run.jsonl")
	if out, err := exec.Command(bin, "run", scenarios.Default, "--seed", "7", "--quiet", "--log", logPath).CombinedOutput(); err != nil {
		t.Fatalf("cpkrange run: %v\n%s", err, out)
	}
	shots = append(shots, shot{"replay-1280x720", []string{"--replay", logPath, "--at", "600", "--size", "1280x720", "--frames", "20"}, true})

	for _, s := range shots {
		t.Run(s.name, func(t *testing.T) {
			t.Parallel()
			got := filepath.Join(tmp, s.name+".png")
			cmd := exec.Command(bin, append(append([]string{"facilitate"}, s.args...), "--screenshot", got)...)
			cmd.Dir = tmp
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("cpkrange facilitate %s: %v\n%s", strings.Join(s.args, " "), err, out)
			}
			img := readPNG(t, got)
			var w, h int
			for i, a := range s.args {
				if a == "--size" {
					fmt.Sscanf(s.args[i+1], "%dx%d", &w, &h)
				}
			}
			if b := img.Bounds(); b.Dx() != w || b.Dy() != h {
				t.Fatalf("screenshot is %dx%d, want %dx%d", b.Dx(), b.Dy(), w, h)
			}
			if colours(img) < 12 {
				t.Fatalf("the screenshot has only %d colours: blank?", colours(img))
			}
			if !s.ref {
				return
			}
			ref := filepath.Join(shotDir, s.name+".png")
			if regenerating() {
				data, err := os.ReadFile(got)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(ref, data, 0o644); err != nil {
					t.Fatal(err)
				}
				t.Logf("wrote %s", ref)
				return
			}
			if _, err := os.Stat(ref); err != nil {
				t.Fatalf("no reference image %s (make it with -regen): %v", ref, err)
			}
			if n, total := differing(readPNG(t, ref), img, 16); float64(n) > 0.01*float64(total) {
				keep := filepath.Join(os.TempDir(), "cpkrange-"+s.name+".png")
				data, _ := os.ReadFile(got)
				_ = os.WriteFile(keep, data, 0o644)
				t.Errorf("%d of %d pixels (%.2f%%) differ from %s by more than 16; the new screenshot is %s (rewrite the references with -regen if the change is meant)",
					n, total, 100*float64(n)/float64(total), ref, keep)
			}
		})
	}
}

func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

// differing counts the pixels where a channel of a and b differs by more
// than tol (of 255); images of different sizes differ everywhere.
func differing(a, b image.Image, tol int) (n, total int) {
	ab, bb := a.Bounds(), b.Bounds()
	total = ab.Dx() * ab.Dy()
	if ab.Size() != bb.Size() {
		return total, total
	}
	for y := 0; y < ab.Dy(); y++ {
		for x := 0; x < ab.Dx(); x++ {
			r1, g1, b1, _ := a.At(ab.Min.X+x, ab.Min.Y+y).RGBA()
			r2, g2, b2, _ := b.At(bb.Min.X+x, bb.Min.Y+y).RGBA()
			if absd(r1, r2) > tol || absd(g1, g2) > tol || absd(b1, b2) > tol {
				n++
			}
		}
	}
	return n, total
}

func absd(a, b uint32) int {
	d := int(a>>8) - int(b>>8)
	if d < 0 {
		return -d
	}
	return d
}

// colours counts the distinct colours of an image, up to 1000.
func colours(img image.Image) int {
	seen := map[[3]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[[3]uint32{r, g, bl}] = true
			if len(seen) >= 1000 {
				return len(seen)
			}
		}
	}
	return len(seen)
}
