package agents_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"cpkrange/agents"
	"cpkrange/scenarios"
)

const smallPath = "../testdata/scenarios/small.toml"

const header = `{"format":"cpkrange-event-log","version":2,"scenario":"Small","source":"small","seed":7,"horizon":240}`

// A log with one impossible record: the problem is named at its line, and
// the records before it are returned, those after it not.
func TestReadLogStopsAtTheFirstImpossibleRecord(t *testing.T) {
	sc := open(t, smallPath, scenarios.Options{})
	good := `{"t":1,"kind":"run.start","stage":"pre-conflict"}`
	after := `{"t":200,"kind":"inject","stage":"pre-conflict","actor":"facilitator","target":"leak"}`
	for name, tc := range map[string]struct {
		rec, want    string
		withScenario bool
	}{
		"a time of 1e308":         {`{"t":1e308,"kind":"inject","stage":"conflict"}`, "time 1e+308 is outside the run [0, 240]", false},
		"a negative time":         {`{"t":-1,"kind":"inject","stage":"conflict"}`, "time -1 is outside the run [0, 240]", false},
		"a time after the end":    {`{"t":241,"kind":"inject","stage":"conflict"}`, "time 241 is outside the run [0, 240]", false},
		"option 99":               {`{"t":5,"kind":"decision.taken","stage":"conflict","target":"attribute","value":99}`, "option 99: want 1 to 9", false},
		"option 1.5":              {`{"t":5,"kind":"decision.taken","stage":"conflict","target":"attribute","value":1.5}`, "option 1.5: want 1 to 9", false},
		"an option not offered":   {`{"t":5,"kind":"decision.taken","stage":"conflict","target":"attribute","value":3}`, `option 3: decision "attribute" has 2 options`, true},
		"an unknown state":        {`{"t":5,"kind":"rumour.wave","stage":"conflict","state":"atlantis"}`, `state "atlantis" is not in the scenario`, true},
		"an unknown asset":        {`{"t":5,"kind":"attack.launched","stage":"conflict","op":1,"actor":"force","target":"moon-base"}`, `target "moon-base" is not in the scenario`, true},
		"an unknown method":       {`{"t":5,"kind":"attack.launched","stage":"conflict","method":"telepathy"}`, `unknown method "telepathy"`, false},
		"an unknown role":         {`{"t":5,"kind":"force.action","stage":"conflict","role":"oracle"}`, `unknown role "oracle"`, false},
		"a negative operation":    {`{"t":5,"kind":"attack.launched","stage":"conflict","op":-3}`, `operation -3: want 0 or more`, false},
		"an unknown decision id":  {`{"t":5,"kind":"decision.taken","stage":"conflict","target":"nope","value":1}`, `target "nope" is not in the scenario`, true},
		"an unknown attacker":     {`{"t":5,"kind":"attack.launched","stage":"conflict","actor":"ghost"}`, `actor "ghost" is not in the scenario`, true},
		"an unknown other":        {`{"t":5,"kind":"relation","stage":"conflict","other":"ghost"}`, `other "ghost" is not in the scenario`, true},
		"an unknown inject":       {`{"t":5,"kind":"inject","stage":"conflict","target":"ghost"}`, `target "ghost" is not in the scenario`, true},
		"an unknown origin state": {`{"t":5,"kind":"attack.attributed","stage":"conflict","origin":"ghost"}`, `origin "ghost" is not in the scenario`, true},
	} {
		t.Run(name, func(t *testing.T) {
			log := strings.Join([]string{header, good, tc.rec, after}, "\n")
			var s *scenarios.Scenario
			if tc.withScenario {
				s = sc
			}
			_, recs, err := agents.ReadLogFor("run.jsonl", strings.NewReader(log), s)
			require.Error(t, err)
			assert.Equal(t, "run.jsonl:3:1: "+tc.want, err.Error())
			var lp agents.LogProblems
			require.True(t, errors.As(err, &lp))
			assert.Equal(t, 3, lp[0].Line)
			assert.Len(t, recs, 1, "the records before the impossible one")
			if !tc.withScenario {
				// Without a scenario ids cannot be known; the record after
				// is not returned either way.
				_, _, err := agents.ReadLogFor("run.jsonl", strings.NewReader(log), sc)
				assert.ErrorContains(t, err, "run.jsonl:3:1: ")
			}
		})
	}
}

func TestReadLogRefusesAnImpossibleHeader(t *testing.T) {
	sc := open(t, smallPath, scenarios.Options{})
	for h, want := range map[string]string{
		`{"format":"cpkrange-event-log","version":2,"horizon":-1}`:    "horizon -1 h: want more than 0 and at most 3650 days",
		`{"format":"cpkrange-event-log","version":2,"horizon":0}`:     "horizon 0 h: want more than 0 and at most 3650 days",
		`{"format":"cpkrange-event-log","version":2,"horizon":1e308}`: "horizon 1e+308 h: want more than 0 and at most 3650 days",
		`{"format":"cpkrange-event-log","version":2,"horizon":2160}`:  "horizon 2160 h, but the scenario's is 10d: the log is not a run of this scenario",
	} {
		log := h + "\n" + `{"t":1,"kind":"run.start","stage":"pre-conflict"}`
		_, recs, err := agents.ReadLogFor("run.jsonl", strings.NewReader(log), sc)
		assert.EqualError(t, err, "run.jsonl:1:1: "+want)
		assert.Empty(t, recs)
	}
}

// A byte order mark before the header is skipped, as in a scenario file.
func TestReadLogSkipsAByteOrderMark(t *testing.T) {
	sc := open(t, smallPath, scenarios.Options{})
	data := logOf(t, sc, 7)
	h, recs, err := agents.ReadLogFor("bom.jsonl", bytes.NewReader(append([]byte("\uFEFF"), data...)), sc)
	require.NoError(t, err)
	assert.Equal(t, "Small", h.Scenario)
	_, want, err := agents.ReadLog("plain.jsonl", bytes.NewReader(data))
	require.NoError(t, err)
	assert.Equal(t, want, recs)
}

// Every bundled scenario's log reads back clean against its scenario:
// the checks refuse impossible logs, not real ones.
func TestBundledLogsPassTheChecks(t *testing.T) {
	for _, b := range scenarios.Bundled() {
		sc := open(t, b.Name, scenarios.Options{})
		_, recs, err := agents.ReadLogFor(b.Name+".jsonl", bytes.NewReader(logOf(t, sc, sc.Meta.Seed)), sc)
		require.NoError(t, err, b.Name)
		assert.NotEmpty(t, recs)
	}
}

// A log larger than MaxLogSize is refused, the limit stated, without
// reading it all into memory.
func TestReadLogRefusesAnOversizedLog(t *testing.T) {
	blank := bytes.Repeat([]byte(" "), 60<<10)
	blank = append(blank, '\n')
	r := io.MultiReader(strings.NewReader(header+"\n"), &repeater{line: blank, left: agents.MaxLogSize/len(blank) + 2})
	_, recs, err := agents.ReadLog("huge.jsonl", r)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "the log is larger than the limit of 256 MiB")
	assert.Empty(t, recs)
}

type repeater struct {
	line []byte
	left int
	off  int
}

func (r *repeater) Read(p []byte) (int, error) {
	if r.left == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.line[r.off:])
	r.off += n
	if r.off == len(r.line) {
		r.off = 0
		r.left--
	}
	return n, nil
}

// A line over MaxLogLine is refused with the limit in the message.
func TestReadLogStatesTheLineLimit(t *testing.T) {
	long := `{"t":1,"kind":"note","stage":"conflict","text":"` + strings.Repeat("x", agents.MaxLogLine) + `"}`
	_, recs, err := agents.ReadLog("long.jsonl", strings.NewReader(header+"\n"+`{"t":0,"kind":"run.start","stage":"pre-conflict"}`+"\n"+long))
	require.Error(t, err)
	assert.Equal(t, "long.jsonl:3:1: line longer than the limit of 24 MiB", err.Error())
	assert.Len(t, recs, 1)
}

// The longest prompt a valid scenario can hold, in the characters that
// escape longest, makes a log that reads back.
func TestTheLargestPromptRoundTrips(t *testing.T) {
	data, err := os.ReadFile(smallPath)
	require.NoError(t, err)
	const question = `prompt = "Attribute the attacks to West publicly?"`
	require.Contains(t, string(data), question)
	room := scenarios.MaxFileSize - len(data) + len(question) - len(`prompt = """"""`)
	prompt := strings.Repeat("\t", room)
	src := strings.Replace(string(data), question, `prompt = """`+prompt+`"""`, 1)
	require.Len(t, src, scenarios.MaxFileSize, "the file is as large as a scenario may be")
	sc, err := scenarios.Load("huge-prompt.toml", []byte(src), scenarios.Options{})
	require.NoError(t, err)
	require.Len(t, sc.Decisions[0].Prompt, room)

	_, recs, err := agents.ReadLogFor("huge-prompt.jsonl", bytes.NewReader(logOf(t, sc, 7)), sc)
	require.NoError(t, err)
	found := false
	for _, r := range recs {
		if r.Kind == agents.KindDecision {
			found = true
			assert.Equal(t, prompt, r.Text)
		}
	}
	assert.True(t, found, "the decision's record is in the log")
}

// docs/limits.md states the limits the code enforces.
func TestLimitsDocStatesTheLimits(t *testing.T) {
	doc, err := os.ReadFile("../docs/limits.md")
	require.NoError(t, err)
	for _, want := range []string{
		fmt.Sprintf("| scenario file | %d MiB, a regular file |", scenarios.MaxFileSize>>20),
		fmt.Sprintf("| event log read by a replay | %d MiB (`agents.MaxLogSize`)", agents.MaxLogSize>>20),
		fmt.Sprintf("| a line of an event log | %d MiB and %d KiB (`agents.MaxLogLine`)", agents.MaxLogLine>>20, agents.MaxLogLine&(1<<20-1)>>10),
		fmt.Sprintf("**%s,000,000 estimated events** (`scenarios.DefaultBudget`)", strconv.Itoa(scenarios.DefaultBudget/1_000_000)),
		fmt.Sprintf("up to 10<sup>%d</sup>", int(math.Log10(scenarios.MaxBudget))),
	} {
		assert.Contains(t, string(doc), want)
	}
}

// ReadLogHeader reads the first line only, and checks it as ReadLog does.
func TestReadLogHeader(t *testing.T) {
	h, err := agents.ReadLogHeader("x.jsonl", strings.NewReader("\uFEFF"+header+"\r\n"+"not json at all\n"))
	require.NoError(t, err)
	assert.Equal(t, "small", h.Source)
	assert.Equal(t, 240.0, h.Horizon)
	_, err = agents.ReadLogHeader("x.jsonl", strings.NewReader(`{"format":"cpkrange-event-log","version":2,"horizon":-1}`))
	assert.EqualError(t, err, "x.jsonl:1:1: horizon -1 h: want more than 0 and at most 3650 days")
	_, err = agents.ReadLogHeader("x.jsonl", strings.NewReader(""))
	assert.EqualError(t, err, "x.jsonl:1:1: empty file: no event log header")
	_, err = agents.ReadLogHeader("x.jsonl", strings.NewReader(strings.Repeat(" ", 1<<20)+header))
	assert.NoError(t, err, "a long header line is read whole")
}
