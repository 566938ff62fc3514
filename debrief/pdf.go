package debrief

import (
	"fmt"
	"io"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"cpkrange/agents"
	"cpkrange/analytics"
	"cpkrange/assets"
)

// The PDF's page: A4 in millimetres, with the margins of the HTML's print
// stylesheet.
const (
	pdfMargin    = 14.0
	pdfTop       = 15.0
	pdfBottom    = 18.0
	pdfLine      = 4.4 // the height of a line of body text
	pdfSmallLine = 3.8 // of a table's text
)

// pdfWriter draws the report on A4 pages.
type pdfWriter struct {
	f     *fpdf.Fpdf
	width float64 // the text's width
	table int     // tables drawn, for their numbers
}

// WritePDF writes the report as a PDF, the same sections as the HTML page,
// so that it can be mailed to people without a browser.
func (r *Report) WritePDF(w io.Writer) error {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetMargins(pdfMargin, pdfTop, pdfMargin)
	f.SetAutoPageBreak(true, pdfBottom)
	// A fixed date: the same log makes the same file.
	f.SetCreationDate(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC))
	f.SetModificationDate(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC))
	f.SetCatalogSort(true)
	f.SetTitle(r.Title(), true)
	f.SetCreator("cpkrange debrief", true)
	f.AddUTF8FontFromBytes("go", "", assets.Regular)
	f.AddUTF8FontFromBytes("go", "B", assets.Bold)
	f.AddUTF8FontFromBytes("mono", "", assets.Mono)
	f.AliasNbPages("{nb}")
	title := r.Title()
	f.SetFooterFunc(func() {
		f.SetY(-12)
		f.SetFont("go", "", 8)
		f.SetTextColor(74, 83, 99)
		f.CellFormat(0, 4, fmt.Sprintf("page %d of {nb}", f.PageNo()), "", 0, "C", false, 0, "")
		f.SetX(pdfMargin)
		f.SetTextColor(154, 163, 178)
		f.CellFormat(0, 4, title, "", 0, "L", false, 0, "")
		f.SetTextColor(28, 35, 48)
	})
	pw, _ := f.GetPageSize()
	p := &pdfWriter{f: f, width: pw - 2*pdfMargin}
	r.pdfBody(p)
	if err := f.Error(); err != nil {
		return err
	}
	return f.Output(w)
}

func (r *Report) pdfBody(p *pdfWriter) {
	f := p.f
	secs := r.Sections()
	// The scenario and the session.
	f.AddPage()
	f.SetFont("go", "B", 18)
	f.MultiCell(0, 8, r.Title(), "", "L", false)
	p.para(r.Scenario.Meta.Summary)
	if r.Tear != "" {
		p.para(fmt.Sprintf("The event log is torn: it stops being readable at %s. This report covers the session up to %s; figures are those of the session so far.", r.Tear, agents.Clock(r.End)))
	}
	p.section(secs[0].Title)
	var rows [][]string
	for _, s := range r.Settings() {
		rows = append(rows, []string{s[0], s[1]})
	}
	p.tableOf("The session's settings", []string{"setting", "value"}, []float64{0.25, 0.75}, rows, nil)
	p.heading("The facilitator's commands")
	if len(r.Commands) > 0 {
		p.entries("Commands, in order", r.Commands, false)
	} else {
		p.para("None: the session ran without a facilitator (a batch run's log), every decision taking its default.")
	}
	p.heading("The briefing")
	p.para(r.Scenario.Meta.Briefing)
	if len(r.Moments) > 0 {
		p.heading("The moments that mattered most")
		p.entries("The three moments that mattered most", r.Moments, true)
	}

	// The story.
	p.newSection(secs[1].Title)
	p.para("In the words of the run's timeline. Marked rows are the moments that mattered: stage changes, rungs climbed, Safe Layer hits, wrong blames, decisions, the force's key actions.")
	for _, s := range r.Story {
		p.heading(s.Label())
		p.para(fmt.Sprintf("%d entries, %d marked; %d operations launched (the story names those that turned it).", len(s.Entries), s.Marked, s.Operations))
		for i, rows := range s.StoryTables() {
			name := s.Stage.String()
			if i > 0 {
				name += ", continued"
			}
			p.entries(name, rows, true)
		}
	}

	// The decisions.
	p.newSection(secs[2].Title)
	if len(r.Decisions) == 0 {
		p.para("No decision was put in this session.")
	}
	for i := range r.Decisions {
		d := &r.Decisions[i]
		if i > 0 {
			f.AddPage()
		}
		p.heading(fmt.Sprintf("%s: %s decides, %s", d.ID, d.Decider, agents.Clock(d.At)))
		p.para(d.Prompt)
		var rows [][]string
		var marks []bool
		for _, o := range d.Rows() {
			taken := ""
			if o.Chosen {
				taken = "chosen by the " + d.By + ", " + agents.Clock(d.AnsweredAt)
				if d.By == "default" {
					taken = "chosen (by default)"
				}
			}
			label := o.Label
			if o.Default {
				label += " [default]"
			}
			rows = append(rows, []string{fmt.Sprint(o.Number), label, taken})
			marks = append(marks, o.Chosen)
		}
		p.tableOf("The options of "+d.ID, []string{"#", "option", "taken"}, []float64{0.06, 0.66, 0.28}, rows, marks)
		if d.Chosen == 0 {
			p.para("The log ends before the decision was answered; the counterfactual compares the options with the default.")
		}
		rat := "none typed."
		if len(d.Rationale) > 0 {
			var parts []string
			for _, e := range d.Rationale {
				parts = append(parts, e.Line+" ("+e.Clock()+")")
			}
			rat = strings.Join(parts, " ")
		}
		p.para("Rationale: " + rat)
		shown := "none."
		if len(d.Shown) > 0 {
			var parts []string
			for _, s := range d.Shown {
				parts = append(parts, fmt.Sprintf("at %s, %d per option: %s.", agents.Clock(s.Time), s.N, s.Text))
			}
			shown = strings.Join(parts, " ")
		}
		p.para("The futures the room looked at: " + shown)
		if cf := d.Counter; cf != nil {
			head := append([]string{"option"}, MetricHeads()...)
			widths := []float64{0.08}
			for range analytics.FutureMetrics {
				widths = append(widths, 0.92/float64(len(analytics.FutureMetrics)))
			}
			var rows [][]string
			var marks []bool
			var vs []string
			for _, o := range d.Rows() {
				rows = append(rows, append([]string{fmt.Sprint(o.Number)}, o.Cells...))
				marks = append(marks, o.Chosen)
				if !o.Chosen {
					vs = append(vs, fmt.Sprintf("Option %d against the chosen: %s.", o.Number, strings.Join(o.Versus, "; ")))
				}
			}
			p.tableOf(fmt.Sprintf("Counterfactual of %s: %d futures of each option, forked at %s, mean [95%% interval]", d.ID, cf.Summary.N, agents.Clock(cf.Summary.At)), head, widths, rows, marks)
			for _, v := range vs {
				p.small(v)
			}
			p.bold(d.ChoiceVerdict())
			if len(cf.Placements) > 0 {
				var rows [][]string
				for _, pl := range cf.Placements {
					rows = append(rows, append(pl.Cells(), pl.Verdict()))
				}
				p.tableOf("Where the session's outcome falls among the chosen option's futures", []string{"outcome", "in the session", "better than", "worse than", "luck"}, []float64{0.22, 0.22, 0.14, 0.14, 0.28}, rows, nil)
			} else {
				p.para("The log does not reach the horizon, so there is no outcome of the session to place among the futures.")
			}
		} else if d.NoCounter != "" {
			p.para("No counterfactual: " + d.NoCounter)
		} else {
			p.para("No counterfactual was asked for (-n 0).")
		}
		for _, q := range d.Questions {
			p.question("For the room: "+q.Text, q.Lines)
		}
	}

	// Misattribution chains.
	p.newSection(secs[3].Title)
	if len(r.Blames) == 0 {
		p.para("No state blamed the wrong state in this session.")
	}
	for _, b := range r.Blames {
		p.heading(fmt.Sprintf("%s: %s blames %s for op %d (%s)", agents.Clock(b.Time), b.Victim, b.Blamed, b.Op, b.Method))
		behind := b.Culprit + ", a group with no state behind it"
		if b.Sponsor != "" {
			behind = b.Culprit + ", for " + b.Sponsor
		}
		p.para(fmt.Sprintf("Behind it: %s. Evidence: %s.", behind, strings.Join(b.Evidence, "; ")))
		if len(b.Followed) > 0 {
			p.entries(fmt.Sprintf("What followed between %s and %s in the next two weeks", b.Victim, b.Blamed), b.Followed, false)
		} else {
			p.para("Nothing followed between the two in the next two weeks.")
		}
	}

	// Norms and CBMs.
	p.newSection(secs[4].Title)
	start := "no CBM between any pair of states."
	if len(r.CBMs) > 0 {
		start = strings.Join(r.CBMs, "; ")
	}
	p.para("In force at the start: " + start)
	if len(r.Norms) > 0 {
		p.entries("Norms invoked or broken, CBMs used or added", r.Norms, false)
	} else {
		p.para("No norm was invoked or broken and no CBM used or added in this session.")
	}

	// The force's work.
	p.newSection(secs[5].Title)
	p.para("The framework's functions of each role, with the force's actions of each in each stage; · where the framework gives the function no work in that stage.")
	for _, rw := range r.Force {
		var rows [][]string
		for _, fw := range rw.Functions {
			rows = append(rows, []string{fw.Name, fw.What, stageCell(fw, 0), stageCell(fw, 1), stageCell(fw, 2)})
		}
		p.tableOf("The "+rw.Role, []string{"function", "what it does", "pre-conflict", "conflict", "post-conflict"}, []float64{0.22, 0.45, 0.11, 0.11, 0.11}, rows, nil)
	}

	// The scorecard.
	p.newSection(secs[6].Title)
	note := ""
	if !r.Complete {
		note = fmt.Sprintf(" (up to %s: the log does not reach the horizon)", agents.Clock(r.End))
	}
	p.para("Each goal with the metrics that indicate it, folded from the session's log" + note + ".")
	var score [][]string
	for _, g := range r.Scorecard {
		for i, x := range g.Indicators {
			goal := ""
			if i == 0 {
				goal = g.Goal
			}
			score = append(score, []string{goal, x.Metric.Label + " (" + x.Metric.Name + ")", x.Text(), x.Metric.Meaning})
		}
	}
	p.tableOf("The scorecard", []string{"goal", "indicator", "in the session", "what it counts"}, []float64{0.18, 0.24, 0.18, 0.40}, score, nil)

	// The notes.
	p.newSection(secs[7].Title)
	if len(r.Notes) > 0 {
		var rows [][]string
		for _, e := range r.Notes {
			rows = append(rows, []string{e.Clock(), e.Stage.String(), e.Line})
		}
		p.tableOf("Notes, each at its moment", []string{"time", "stage", "note"}, []float64{0.14, 0.16, 0.70}, rows, nil)
	} else {
		p.para("No note was typed in this session (key N on the display).")
	}

	// Lessons learned.
	p.newSection(secs[8].Title)
	if len(r.Questions) == 0 {
		p.question("The scenario lists no questions ([[debrief.question]]); the space below is for the room's own.", 12)
	}
	for i, q := range r.Questions {
		text := fmt.Sprintf("%d. %s", i+1, q.Text)
		if q.About != "" {
			text += " [about " + q.About + "]"
		}
		p.question(text, q.Lines)
	}
}

func (p *pdfWriter) newSection(title string) {
	p.f.AddPage()
	p.section(title)
}

func (p *pdfWriter) section(title string) {
	f := p.f
	f.Bookmark(title, 0, -1)
	f.Ln(2)
	f.SetFont("go", "B", 14)
	f.SetTextColor(31, 59, 115)
	f.MultiCell(0, 7, title, "B", "L", false)
	f.SetTextColor(28, 35, 48)
	f.Ln(2)
}

func (p *pdfWriter) heading(text string) {
	f := p.f
	p.room(7 + 3*pdfLine) // a heading keeps its first lines with it
	f.Ln(1)
	f.SetFont("go", "B", 11)
	f.MultiCell(0, 5.5, text, "", "L", false)
	f.Ln(0.5)
}

func (p *pdfWriter) para(text string) {
	p.f.SetFont("go", "", 9.5)
	p.f.MultiCell(0, pdfLine, text, "", "L", false)
	p.f.Ln(1.5)
}

func (p *pdfWriter) bold(text string) {
	p.f.SetFont("go", "B", 9.5)
	p.f.MultiCell(0, pdfLine, text, "", "L", false)
	p.f.Ln(1.5)
}

func (p *pdfWriter) small(text string) {
	p.f.SetFont("go", "", 8)
	p.f.MultiCell(0, pdfSmallLine, text, "", "L", false)
	p.f.Ln(0.5)
}

// question prints a question with ruled lines for the answer, together on
// one page.
func (p *pdfWriter) question(text string, lines int) {
	f := p.f
	f.SetFont("go", "B", 9.5)
	h := float64(len(f.SplitText(text, p.width)))*pdfLine + float64(lines)*7 + 3
	p.room(h)
	f.MultiCell(0, pdfLine, text, "", "L", false)
	f.SetDrawColor(154, 163, 178)
	for range lines {
		y := f.GetY() + 7
		f.Line(pdfMargin, y, pdfMargin+p.width, y)
		f.SetY(y)
	}
	f.SetDrawColor(0, 0, 0)
	f.Ln(4)
}

// room starts a new page unless h millimetres fit on this one.
func (p *pdfWriter) room(h float64) {
	_, ph := p.f.GetPageSize()
	if p.f.GetY()+h > ph-pdfBottom {
		p.f.AddPage()
	}
}

// entries prints entries as a table of time, line and (with marks) why
// they mattered.
func (p *pdfWriter) entries(caption string, es []Entry, marks bool) {
	var rows [][]string
	var marked []bool
	for _, e := range es {
		row := []string{e.Clock(), e.Line}
		if marks {
			row = append(row, e.Mark)
		}
		rows = append(rows, row)
		marked = append(marked, e.Mark != "")
	}
	if marks {
		p.tableOf(caption, []string{"time", "what happened", "mattered"}, []float64{0.13, 0.67, 0.20}, rows, marked)
		return
	}
	p.tableOf(caption, []string{"time", "what happened"}, []float64{0.13, 0.87}, rows, marked)
}

// tableOf draws a table with a numbered caption. A table that fits on a
// page is never cut: it starts a new page when it does not fit on this
// one; a longer one breaks between rows, its head repeated.
func (p *pdfWriter) tableOf(caption string, head []string, widths []float64, rows [][]string, marked []bool) {
	f := p.f
	p.table++
	caption = fmt.Sprintf("Table %d. %s", p.table, caption)
	ws := make([]float64, len(widths))
	for i, w := range widths {
		ws[i] = w * p.width
	}
	const pad = 1.0
	rowHeight := func(cells []string, bold bool) float64 {
		style := ""
		if bold {
			style = "B"
		}
		f.SetFont("go", style, 8)
		n := 1
		for i, c := range cells {
			n = max(n, len(f.SplitText(c, ws[i]-2*pad)))
		}
		return float64(n)*pdfSmallLine + 2*pad
	}
	f.SetFont("go", "", 8)
	capH := float64(len(f.SplitText(caption, p.width)))*pdfSmallLine + 1
	headH := rowHeight(head, true)
	total := capH + headH
	heights := make([]float64, len(rows))
	for i, r := range rows {
		heights[i] = rowHeight(r, i < len(marked) && marked[i])
		total += heights[i]
	}
	_, ph := f.GetPageSize()
	if total <= ph-pdfTop-pdfBottom {
		p.room(total)
	} else {
		p.room(capH + headH + heights[0])
	}
	f.SetFont("go", "", 8)
	f.SetTextColor(74, 83, 99)
	f.MultiCell(0, pdfSmallLine, caption, "", "L", false)
	f.SetTextColor(28, 35, 48)
	f.Ln(1)
	drawRow := func(cells []string, h float64, fill bool, bold bool) {
		x, y := pdfMargin, f.GetY()
		style := ""
		if bold {
			style = "B"
		}
		for i, c := range cells {
			f.SetDrawColor(213, 218, 227)
			if fill {
				f.Rect(x, y, ws[i], h, "FD")
			} else {
				f.Rect(x, y, ws[i], h, "D")
			}
			f.SetFont("go", style, 8)
			lines := f.SplitText(c, ws[i]-2*pad)
			for j, l := range lines {
				f.SetXY(x+pad, y+pad+float64(j)*pdfSmallLine)
				f.CellFormat(ws[i]-2*pad, pdfSmallLine, l, "", 0, "L", false, 0, "")
			}
			x += ws[i]
		}
		f.SetXY(pdfMargin, y+h)
	}
	f.SetAutoPageBreak(false, pdfBottom)
	defer f.SetAutoPageBreak(true, pdfBottom)
	f.SetFillColor(238, 241, 246)
	drawRow(head, headH, true, true)
	for i, r := range rows {
		if f.GetY()+heights[i] > ph-pdfBottom {
			f.AddPage()
			f.SetFillColor(238, 241, 246)
			drawRow(head, headH, true, true)
		}
		mark := i < len(marked) && marked[i]
		f.SetFillColor(255, 244, 220)
		drawRow(r, heights[i], mark, mark)
	}
	f.SetDrawColor(0, 0, 0)
	f.Ln(3)
}
