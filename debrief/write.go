package debrief

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"cpkrange/agents"
)

// The files a debrief writes into its directory.
const (
	HTMLFile      = "debrief.html"
	PDFFile       = "debrief.pdf"
	DecisionsFile = "decisions.csv"
	StoryFile     = "story.csv"
)

// Files lists the files Write makes, in order.
var Files = []string{HTMLFile, PDFFile, DecisionsFile, StoryFile}

// ErrExists is returned by Write when a file it would make is in the
// directory already and force is false.
var ErrExists = errors.New("debrief: already there")

// Write writes the report's files into dir, making it if needed. Without
// force it refuses, before writing anything, when any of them exists.
func Write(dir string, r *Report, force bool) error {
	if !force {
		var there []string
		for _, f := range Files {
			if _, err := os.Lstat(filepath.Join(dir, f)); err == nil {
				there = append(there, f)
			} else if !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
		if len(there) > 0 {
			return fmt.Errorf("%w: %s holds %s (use --force to overwrite, or --out another directory)", ErrExists, dir, strings.Join(there, ", "))
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	writers := map[string]func(io.Writer) error{
		HTMLFile: r.WriteHTML, PDFFile: r.WritePDF, DecisionsFile: r.WriteDecisionsCSV, StoryFile: r.WriteStoryCSV,
	}
	for _, f := range Files {
		var b bytes.Buffer
		if err := writers[f](&b); err != nil {
			return fmt.Errorf("debrief: %s: %w", f, err)
		}
		if err := writeAtomic(filepath.Join(dir, f), b.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

// writeAtomic writes data to path through a temporary file renamed into
// place, so that an interrupted debrief leaves no half file.
func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// WriteDecisionsCSV writes one row per decision: when, who, the options,
// the choice, the rationale, the futures the room looked at and the
// counterfactual in words.
func (r *Report) WriteDecisionsCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"hours", "time", "decision", "decider", "options", "default", "choice", "choice_label", "answered_by", "rationale", "futures_shown", "counterfactual_n", "counterfactual", "verdict"})
	for _, d := range r.Decisions {
		var opts, rationale, shown, cf []string
		for k, o := range d.Options {
			opts = append(opts, fmt.Sprintf("%d. %s", k+1, o))
		}
		for _, e := range d.Rationale {
			rationale = append(rationale, e.Line)
		}
		for _, s := range d.Shown {
			shown = append(shown, fmt.Sprintf("%s (%d per option): %s", agents.Clock(s.Time), s.N, s.Text))
		}
		n := 0
		if d.Counter != nil {
			n = d.Counter.Summary.N
			for k := range d.Options {
				cf = append(cf, fmt.Sprintf("%d. %s", k+1, d.Counter.Summary.Headline(k)))
			}
		}
		label := ""
		if d.Chosen > 0 && d.Chosen <= len(d.Options) {
			label = d.Options[d.Chosen-1]
		}
		cw.Write([]string{num(d.At), agents.Clock(d.At), d.ID, d.Decider, strings.Join(opts, " | "), strconv.Itoa(d.Default), strconv.Itoa(d.Chosen), label, d.By,
			strings.Join(rationale, " | "), strings.Join(shown, " | "), strconv.Itoa(n), strings.Join(cf, " | "), d.ChoiceVerdict()})
	}
	cw.Flush()
	return cw.Error()
}

// WriteStoryCSV writes the story: one row per entry, with its stage and
// why it mattered.
func (r *Report) WriteStoryCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"hours", "time", "stage", "kind", "mattered", "weight", "line"})
	for _, s := range r.Story {
		for _, e := range s.Entries {
			cw.Write([]string{num(e.Time), e.Clock(), e.Stage.String(), e.Kind, e.Mark, strconv.Itoa(e.Weight), e.Line})
		}
	}
	cw.Flush()
	return cw.Error()
}

func num(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
