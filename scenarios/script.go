package scenarios

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"

	"cpkrange/scenarios/internal/tomlx"
)

func (c *checker) injects() {
	h := c.s.Meta.Horizon
	for i, in := range c.s.Injects {
		p := fmt.Sprintf("inject[%d]", i)
		if h >= 1 && in.At > h {
			c.add(CodeOutOfRange, p+".at", "inject at %s is after the horizon %s", in.At, h)
		}
		for j, e := range in.Effects {
			c.effect(fmt.Sprintf("%s.effects[%d]", p, j), e)
		}
	}
}

func (c *checker) decisions() {
	h := c.s.Meta.Horizon
	for i, d := range c.s.Decisions {
		p := fmt.Sprintf("decision[%d]", i)
		if h >= 1 && d.At > h {
			c.add(CodeOutOfRange, p+".at", "decision at %s is after the horizon %s", d.At, h)
		}
		if d.Decider != "" && !slices.Contains(otherDeciders, d.Decider) {
			if _, ok := c.ids["state"][d.Decider]; !ok {
				choices := append(append([]string(nil), c.order["state"]...), otherDeciders...)
				hint := tomlx.Hint(d.Decider, choices)
				c.addHint(CodeUnknownRef, hint, p+".decider", fmt.Sprintf("unknown decider %q%s: want a state id, \"force\" or \"facilitator\"", d.Decider, tomlx.DidYouMean(hint)))
			}
		}
		if len(d.Options) < 2 {
			c.add(CodeInvalid, p+".option", "a decision needs at least 2 options ([[decision.option]]), got %d", len(d.Options))
		}
		if len(d.Options) > 0 && d.Default > len(d.Options) {
			c.add(CodeInvalid, p+".default", "default is option %d, but the decision has only %s", d.Default, tomlx.Plural(len(d.Options), "option"))
		}
		for j, o := range d.Options {
			op := fmt.Sprintf("%s.option[%d]", p, j)
			if len(o.Effects) == 0 {
				c.add(CodeInvalid, op, "option %d has no effects (write effects = [{ do = \"note\" }] for an option that changes nothing)", j+1)
			}
			for k, e := range o.Effects {
				c.effect(fmt.Sprintf("%s.effects[%d]", op, k), e)
			}
		}
	}
}

// effect checks that an effect has the arguments its do needs and no others.
func (c *checker) effect(p string, e Effect) {
	uses, ok := effectArgs[e.Do]
	if !ok {
		return // the enum check reports it
	}
	v := reflect.ValueOf(e)
	for _, f := range schemaFields(v.Type()) {
		if f.Name == "do" || f.Name == "requires" || slices.Contains(uses, f.Name) { // any effect may require a function
			continue
		}
		fp := p + "." + f.Name
		if reflect.DeepEqual(v.Field(f.Index).Interface(), f.DefVal.Interface()) && (c.src == nil || !c.src.Has(fp)) {
			continue // not given
		}
		c.add(CodeInvalid, fp, "effect %q does not use %q (it takes %s)", e.Do, f.Name, tomlx.JoinAnd(tomlx.QuoteAll(uses)))
	}
	switch e.Do {
	case "attack":
		if e.Attacker == "" {
			c.add(CodeInvalid, p, "effect \"attack\" needs \"attacker\" (an attacker id)")
		}
		if e.Target == "" {
			c.add(CodeInvalid, p, "effect \"attack\" needs \"target\" (an asset id)")
		}
	case "rumour":
		if e.State == "" {
			c.add(CodeInvalid, p, "effect \"rumour\" needs \"state\" (a state with an [[information.network]])")
		} else if _, known := c.ids["state"][e.State]; known {
			if _, ok := c.networks[e.State]; !ok {
				c.add(CodeInvalid, p+".state", "state %q has no [[information.network]] for a rumour to spread in", e.State)
			}
		}
	case "cbm":
		c.between(p, e)
		c.effectWord(p, e.Do, e.To, "to", modelledCBMs)
	case "escalate":
		c.between(p, e)
		switch {
		case e.By == 0 && e.To == "":
			c.add(CodeInvalid, p, "effect \"escalate\" needs a non-zero \"by\" (rungs up or down) or \"to\" (a rung)")
		case e.By != 0 && e.To != "":
			c.add(CodeInvalid, p, "effect \"escalate\" takes \"by\" or \"to\", not both")
		case e.To != "":
			c.effectWord(p, e.Do, e.To, "to", ladder)
		case e.By != math.Trunc(e.By):
			c.add(CodeInvalid, p+".by", "effect \"escalate\" moves whole rungs: want a whole number, got %g", e.By)
		}
	case "safe-layer":
		if e.Target == "" {
			c.add(CodeInvalid, p, "effect \"safe-layer\" needs \"target\" (an asset id)")
		}
		c.effectWord(p, e.Do, e.To, "to", []string{"on", "off"})
	case "patch":
		if c.src != nil && !c.src.Has(p+".share") {
			c.add(CodeInvalid, p, "effect \"patch\" needs \"share\": the share of the vulnerable hosts that apply the fix, such as 0.5")
		}
	case "leak":
		if e.Attacker == "" {
			c.add(CodeInvalid, p, "effect \"leak\" needs \"attacker\" (the attacker whose tools leak)")
		}
	case "tempo":
		if e.Attacker == "" {
			c.add(CodeInvalid, p, "effect \"tempo\" needs \"attacker\" (an attacker id)")
		}
		if e.To == "" {
			c.add(CodeInvalid, p, "effect \"tempo\" needs \"to\": the attacker's new tempo, such as \"2/week\" or \"0/day\"")
		} else if r, err := ParseRate(e.To); err != nil {
			c.addErr(p+".to", err)
		} else if r.PerHour() > maxTempo {
			c.add(CodeOutOfRange, p+".to", "want a tempo of at most 100/h, got %s", e.To)
		}
	case "tension", "trust":
		c.between(p, e)
		switch {
		case e.By == 0:
			c.add(CodeInvalid, p, "effect %q needs a non-zero \"by\"", e.Do)
		case math.Abs(e.By) > 1:
			c.add(CodeOutOfRange, p+".by", "effect %q changes a share: want a value between -1 and 1, got %g", e.Do, e.By)
		}
	case "stage":
		c.effectWord(p, e.Do, e.To, "to", enumOf(reflect.TypeFor[Stages](), "start"))
	case "posture":
		if e.State == "" {
			c.add(CodeInvalid, p, "effect \"posture\" needs \"state\" (a state id)")
		}
		c.effectWord(p, e.Do, e.To, "to", enumOf(reflect.TypeFor[State](), "posture"))
	case "agreement":
		if e.State == "" {
			c.add(CodeInvalid, p, "effect \"agreement\" needs \"state\" (a state id)")
		}
		c.effectWord(p, e.Do, e.To, "to", enumOf(reflect.TypeFor[State](), "agreement"))
	case "naming":
		if e.State == "" {
			c.add(CodeInvalid, p, "effect \"naming\" needs \"state\" (a state id)")
		}
		c.effectWord(p, e.Do, e.To, "to", enumOf(reflect.TypeFor[State](), "naming"))
	case "force":
		c.effectWord(p, e.Do, e.Function, "function", enumOf(reflect.TypeFor[Force](), "disabled"))
		c.effectWord(p, e.Do, e.To, "to", []string{"on", "off"})
	}
}

// between checks the two states of a dyad effect.
func (c *checker) between(p string, e Effect) {
	switch {
	case len(e.Between) != 2:
		c.add(CodeInvalid, p, "effect %q needs \"between\" with 2 different states", e.Do)
	case e.Between[0] == e.Between[1]:
		c.add(CodeInvalid, p+".between", "effect %q needs 2 different states, got %q twice", e.Do, e.Between[0])
	}
}

func (c *checker) effectWord(p, do, val, arg string, allowed []string) {
	switch {
	case val == "":
		c.add(CodeInvalid, p, "effect %q needs %q: one of %s", do, arg, strings.Join(allowed, ", "))
	case !slices.Contains(allowed, val):
		hint := tomlx.Hint(val, allowed)
		c.addHint(CodeUnknownWord, hint, p+"."+arg, fmt.Sprintf("want one of %s; got %q%s", strings.Join(allowed, ", "), val, tomlx.DidYouMean(hint)))
	}
}
