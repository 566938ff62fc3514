package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"cpkrange/agents"
	"cpkrange/scenarios"
	"cpkrange/teams"
	"cpkrange/ui"
)

func init() {
	register(command{
		name:    "facilitate",
		usage:   "[SCENARIO] [--seed N] [--variant V] [--set k=v]... [--budget N] [--log FILE] [--replay LOG] [--fullscreen] [--screenshot FILE --frames N] [--size WxH] [--at HOURS] [--teams [--listen ADDR] [--observers]]",
		summary: "run a scenario on the facilitation display (a window for a projector), or replay an event log for the debrief",
		run:     facilitateCmd,
	})
}

// facilitateConfig is the command line of facilitate, parsed and checked.
type facilitateConfig struct {
	scenario   string // "" the default, or the log's source with --replay
	seed       uint64
	seedSet    bool
	variant    string
	sets       []string
	budget     int64
	log        string
	replay     string
	fullscreen bool
	screenshot string
	frames     int
	width      int
	height     int
	at         float64
	atText     string // --at as given, for messages
	briefing   bool
	stats      bool
	framesSet  bool
	show       string
	teams      bool
	listen     string
	observers  bool
}

func parseFacilitate(args []string, stderr io.Writer) (facilitateConfig, int) {
	var c facilitateConfig
	fs := newFlags("facilitate", stderr)
	seed := fs.Uint64("seed", 0, "seed of the run (default: the scenario's)")
	fs.StringVar(&c.variant, "variant", "", "apply this variant of the scenario")
	var sets listFlag
	fs.Var(&sets, "set", "override a scenario key: key=value (repeatable)")
	budget := budgetFlag(fs)
	fs.StringVar(&c.log, "log", "", "write the run's event log, facilitator commands included, to this file (a restart writes FILE-2, ...)")
	fs.StringVar(&c.replay, "replay", "", "replay this event log instead of running (scrub with ←/→, [/], Home/End, clicks on the timeline)")
	fs.BoolVar(&c.fullscreen, "fullscreen", false, "start in full screen (F11 toggles)")
	fs.StringVar(&c.screenshot, "screenshot", "", "render --frames frames, save the screen to this PNG file and exit")
	fs.IntVar(&c.frames, "frames", 30, "frames to render before --screenshot")
	size := fs.String("size", "", "window size WxH, e.g. 1920x1080 (default: 1920x1080, or 1280x720 on a smaller screen)")
	at := fs.String("at", "", "run the world to this simulated time before the first frame: hours (300) or a duration (12d12h); earlier decisions take their defaults")
	fs.BoolVar(&c.briefing, "briefing", true, "start on the scenario's briefing (not with --at, --screenshot or --replay)")
	fs.StringVar(&c.show, "show", "", "open an overlay on the first frame: help, injects, briefing, join (with --teams), futures (at a decision), end (the end screen) or note (the note field, a sample typed); for documentation screenshots")
	fs.BoolVar(&c.stats, "frame-stats", false, "print frame times when the window closes, or after --frames frames (docs/performance.md)")
	fs.BoolVar(&c.teams, "teams", false, "serve each team (each state, the force) a page of its own, with what it knows and its vote, on --listen")
	fs.StringVar(&c.listen, "listen", defaultListen, "with --teams: the address the team server listens on (loopback by default; 0.0.0.0:8765 opens it to the room's network)")
	fs.BoolVar(&c.observers, "observers", false, "with --teams: a link for observers, who see only what is public")
	pos, code, ok := parseArgs(fs, args)
	if !ok {
		return c, code
	}
	bad := func(format string, a ...any) (facilitateConfig, int) {
		fmt.Fprintf(stderr, "cpkrange facilitate: "+format+"\n", a...)
		return c, exitUsage
	}
	if len(pos) > 1 {
		return bad("one scenario at a time (got %s)", strings.Join(pos, " "))
	}
	if len(pos) == 1 {
		c.scenario = pos[0]
	}
	c.seed, c.seedSet, c.sets, c.budget = *seed, isSet(fs, "seed"), sets, *budget
	if !checkSets(fs, c.sets, stderr) || !checkBudget(fs, c.budget, stderr) {
		return c, exitUsage
	}
	if *size != "" {
		w, h, ok := parseSize(*size)
		if !ok {
			return bad("--size %q: want WIDTHxHEIGHT, e.g. 1920x1080, at least 320x180", *size)
		}
		c.width, c.height = w, h
	}
	if *at != "" {
		h, ok := parseAt(*at)
		if !ok {
			return bad("--at %q: want hours (300) or a duration (12d12h)", *at)
		}
		c.at, c.atText = h, *at
	}
	switch c.show {
	case "", "help", "injects", "briefing", "join", "futures", "end", "note":
	default:
		return bad("--show %q: want help, injects, briefing, join, futures, end or note", c.show)
	}
	if c.frames < 1 {
		return bad("--frames %d: want at least 1", c.frames)
	}
	if isSet(fs, "frames") && c.screenshot == "" && !c.stats {
		return bad("--frames goes with --screenshot (or --frame-stats)")
	}
	c.framesSet = isSet(fs, "frames")
	if !c.teams && (isSet(fs, "listen") || c.observers) {
		return bad("--listen and --observers go with --teams")
	}
	if c.show == "join" && !c.teams {
		return bad("--show join goes with --teams")
	}
	if c.teams && c.replay != "" {
		return bad("--teams plays a live run; a replay has no votes to take")
	}
	if _, _, err := net.SplitHostPort(c.listen); c.teams && err != nil {
		return bad("--listen %q: want HOST:PORT, e.g. 127.0.0.1:8765 or 0.0.0.0:8765", c.listen)
	}
	if c.replay != "" {
		switch {
		case c.log != "":
			return bad("--log records a live run; a replay does not change its log")
		case c.seedSet || c.variant != "" || len(c.sets) > 0:
			return bad("--seed, --variant and --set come from the log's header in a replay")
		}
	}
	return c, -1
}

func parseSize(s string) (int, int, bool) {
	ws, hs, ok := strings.Cut(strings.ToLower(s), "x")
	if !ok {
		return 0, 0, false
	}
	w, err1 := strconv.Atoi(ws)
	h, err2 := strconv.Atoi(hs)
	if err1 != nil || err2 != nil || w < 320 || h < 180 || w > 16384 || h > 16384 {
		return 0, 0, false
	}
	return w, h, true
}

func parseAt(s string) (float64, bool) {
	if h, err := strconv.ParseFloat(s, 64); err == nil {
		return h, h >= 0 && !math.IsInf(h, 0)
	}
	d, err := scenarios.ParseDuration(s)
	if err != nil {
		return 0, false
	}
	return d.Hours(), d.Hours() >= 0
}

func facilitateCmd(args []string, stdout, stderr io.Writer) int {
	c, code := parseFacilitate(args, stderr)
	if code >= 0 {
		return code
	}
	cfg := ui.Config{
		Width: c.width, Height: c.height, Fullscreen: c.fullscreen,
		Screenshot: c.screenshot, Frames: c.frames,
		Briefing: c.briefing && c.at == 0 && c.screenshot == "",
		Show:     c.show,
	}
	if c.screenshot != "" {
		if cfg.Width == 0 {
			cfg.Width, cfg.Height = 1920, 1080
		}
		cfg.FixedSize = true
	}
	var stats *ui.Stats
	if c.stats {
		stats = &ui.Stats{}
		cfg.Stats = stats
		if c.framesSet && c.screenshot == "" {
			cfg.QuitAfter = c.frames
		}
	}
	if c.log != "" {
		// A log that cannot be written is said before the window opens.
		if _, err := agents.LogTarget(c.log); err != nil {
			fmt.Fprintf(stderr, "cpkrange facilitate: --log %v\n", err)
			return exitProblems
		}
	}
	if c.replay != "" {
		rc, code := loadReplay(c, stdout, stderr)
		if code >= 0 {
			return code
		}
		cfg.Replay = rc
	} else {
		name := scenarios.Default
		if c.scenario != "" {
			name = c.scenario
		}
		sc, source, err := scenarios.Open(name, scenarios.Options{Variant: c.variant, Set: c.sets, Budget: c.budget})
		if err != nil {
			fmt.Fprintln(stdout, err)
			return exitProblems
		}
		if code := checkAt(c, sc.Meta.Horizon.Hours(), stderr); code >= 0 {
			return code
		}
		seed := sc.Meta.Seed
		if c.seedSet {
			seed = c.seed
		}
		cfg.Live = &ui.LiveConfig{Scenario: sc, Source: source, Variant: c.variant, Sets: c.sets, Seed: seed, Log: c.log, At: c.at}
	}
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" && needsDisplay() {
		fmt.Fprintln(stderr, "cpkrange facilitate: no display (DISPLAY is not set); on a headless machine run it under xvfb-run")
		return exitProblems
	}
	if c.teams {
		srv, code := startTeams(c, cfg.Live.Scenario, &cfg, stdout, stderr)
		if code >= 0 {
			return code
		}
		defer srv.Close()
	}
	res, err := ui.Run(cfg)
	for _, l := range res.Logs {
		fmt.Fprintf(stdout, "event log written to %s\n", l)
	}
	if stats != nil {
		printStats(stdout, stats)
	}
	if err != nil {
		fmt.Fprintf(stderr, "cpkrange facilitate: %v\n", err)
		return exitProblems
	}
	if c.screenshot != "" {
		fmt.Fprintf(stdout, "screenshot written to %s\n", c.screenshot)
	}
	return exitOK
}

// defaultListen is where the team server listens unless told otherwise:
// this machine only.
const defaultListen = "127.0.0.1:8765"

// startTeams starts the team server of a live session and gives the
// display its teams and their join codes. The links (with their tokens)
// go to the facilitator's console and the projector, nowhere else.
func startTeams(c facilitateConfig, sc *scenarios.Scenario, cfg *ui.Config, stdout, stderr io.Writer) (*teams.Server, int) {
	hub, err := teams.New(sc, teams.Options{Observers: c.observers, Names: ui.Names(sc)})
	if err != nil {
		fmt.Fprintf(stderr, "cpkrange facilitate: %v\n", err)
		return nil, exitProblems
	}
	srv, err := hub.Serve(c.listen, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "cpkrange facilitate: --listen %s: %v\n", c.listen, err)
		return nil, exitProblems
	}
	if w := openWarning(srv.Addr().String()); w != "" {
		fmt.Fprintln(stderr, "cpkrange facilitate: "+w)
	}
	base := teams.JoinBase(srv.Addr())
	fmt.Fprintf(stdout, "team server on %s; each team's link (J shows their QR codes on the projector):\n", base)
	if err := hub.PrintLinks(stdout, base, true); err != nil {
		srv.Close()
		fmt.Fprintf(stderr, "cpkrange facilitate: %v\n", err)
		return nil, exitProblems
	}
	for _, l := range hub.Links() {
		qr, err := teams.QR(base+l.Path, 512)
		if err != nil {
			srv.Close()
			fmt.Fprintf(stderr, "cpkrange facilitate: %v\n", err)
			return nil, exitProblems
		}
		cfg.Join = append(cfg.Join, ui.JoinLink{Name: l.Name, URL: base + l.Path, QR: qr})
	}
	cfg.Live.Teams = hub
	return srv, -1
}

// openWarning is what the facilitator is told when the team server
// listens beyond this machine, "" when it does not.
func openWarning(addr string) string {
	if teams.Loopback(addr) {
		return ""
	}
	return fmt.Sprintf("warning: the team server listens on %s, open to the network: anyone there with a team's link plays as that team", addr)
}

// needsDisplay reports whether this platform's window needs an X or
// Wayland display (Linux and the BSDs do; macOS and Windows do not).
func needsDisplay() bool {
	switch runtime.GOOS {
	case "linux", "freebsd", "openbsd", "netbsd", "dragonfly":
		return true
	}
	return false
}

// loadReplay reads the log and the scenario it was recorded from, and
// checks the log against the scenario. A log with an impossible record
// replays up to it, saying where it stopped.
func loadReplay(c facilitateConfig, stdout, stderr io.Writer) (*ui.ReplayConfig, int) {
	data, err := readInput(c.replay, agents.MaxLogSize)
	if err != nil {
		fmt.Fprintf(stderr, "cpkrange facilitate: %v\n", err)
		return nil, exitProblems
	}
	h, err := agents.ReadLogHeader(c.replay, bytes.NewReader(data))
	if err != nil {
		fmt.Fprintln(stdout, err)
		return nil, exitProblems
	}
	source := c.scenario // the log's scenario file has moved, or is named on purpose
	if source == "" {
		if source, err = headerSource(h.Source); err != nil {
			fmt.Fprintf(stderr, "cpkrange facilitate: %s: %v; name the scenario: facilitate SCENARIO --replay %s\n", c.replay, err, c.replay)
			return nil, exitProblems
		}
	}
	sc, _, err := scenarios.Open(source, scenarios.Options{Variant: h.Variant, Set: slices.Clone(h.Sets), Budget: c.budget})
	if err != nil {
		fmt.Fprintf(stdout, "%v\n(the scenario of %s, from its header; name another with facilitate SCENARIO --replay %s)\n", err, c.replay, c.replay)
		return nil, exitProblems
	}
	if sc.Meta.Name != h.Scenario {
		fmt.Fprintf(stderr, "cpkrange facilitate: warning: %s records %q but %s is %q now\n", c.replay, h.Scenario, source, sc.Meta.Name)
	}
	if code := checkAt(c, h.Horizon, stderr); code >= 0 {
		return nil, code
	}
	h, recs, err := agents.ReadLogFor(c.replay, bytes.NewReader(data), sc)
	if err != nil {
		fmt.Fprintln(stdout, err)
		var lp agents.LogProblems
		if len(recs) == 0 || !errors.As(err, &lp) {
			return nil, exitProblems
		}
		fmt.Fprintf(stderr, "cpkrange facilitate: warning: the replay stops before %s:%d, after %s\n", c.replay, lp[0].Line, count(len(recs), "record"))
	}
	return &ui.ReplayConfig{Scenario: sc, Header: h, Records: recs, Log: c.replay, At: c.at}, -1
}

// checkAt refuses an --at after the end of the run, which would show a
// day past the last ("day 61 of 60").
func checkAt(c facilitateConfig, horizon float64, stderr io.Writer) int {
	if c.at <= horizon {
		return -1
	}
	fmt.Fprintf(stderr, "cpkrange facilitate: --at %s (hour %g) is after the end of the run: the scenario lasts %g hours (%s); give a time up to %g\n",
		c.atText, c.at, horizon, count(int(math.Ceil(horizon/24)), "day"), horizon)
	return exitUsage
}

func isBundled(name string) bool {
	_, err := scenarios.BundledSource(name)
	return err == nil
}

// headerSource checks the scenario a log's header names: a bundled name or
// a regular .toml file, nothing else, so that a log cannot make the
// command read (and quote in its errors) any file it names.
func headerSource(source string) (string, error) {
	switch {
	case source == "":
		return "", errors.New("the header names no scenario source")
	case isBundled(source):
		return source, nil
	case !strings.HasSuffix(source, ".toml"):
		return "", fmt.Errorf("the header's source %q is neither a bundled scenario nor a .toml file", source)
	}
	fi, err := os.Stat(source)
	if err != nil {
		return "", fmt.Errorf("the header's source %s: %w", source, reason(err))
	}
	if msg := scenarios.NotRegular(fi); msg != "" {
		return "", fmt.Errorf("the header's source %s: %s", source, msg)
	}
	return source, nil
}

// printStats reports frame times: the wall time between frames, and the
// time the simulation and input take in each update.
func printStats(w io.Writer, s *ui.Stats) {
	if len(s.Draws) < 2 {
		fmt.Fprintln(w, "frame stats: too few frames")
		return
	}
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	pct := func(ds []time.Duration, q float64) float64 {
		c := slices.Clone(ds)
		slices.Sort(c)
		return ms(c[min(len(c)-1, int(q*float64(len(c))))])
	}
	fmt.Fprintf(w, "frames %d over %.1f s: frame time median %.1f ms, p95 %.1f ms, max %.1f ms (%.1f frames/s)\n",
		len(s.Draws), s.Wall.Seconds(), pct(s.Draws, 0.5), pct(s.Draws, 0.95), pct(s.Draws, 1), float64(len(s.Draws))/s.Wall.Seconds())
	fmt.Fprintf(w, "updates %d: median %.3f ms, p95 %.3f ms, max %.3f ms; simulated %.1f h in %.1f s of wall time (%.2f h/s)\n",
		len(s.Updates), pct(s.Updates, 0.5), pct(s.Updates, 0.95), pct(s.Updates, 1), s.Sim-s.SimFrom, s.Wall.Seconds(), (s.Sim-s.SimFrom)/s.Wall.Seconds())
}
