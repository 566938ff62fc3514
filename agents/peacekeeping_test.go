package agents_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"cpkrange/agents"
	"cpkrange/scenarios"
)

// peaceLab is the force lab before any conflict: no injects, so the run
// stays in the stage where the peacekeeping path works, and the dispute
// between Alpha and Beta is live (at protest) from the start.
func peaceLab(t *testing.T) *scenarios.Scenario {
	t.Helper()
	lab := open(t, "../testdata/scenarios/force-lab.toml", scenarios.Options{})
	lab.Injects = nil
	for i := range lab.Relations {
		if r := lab.Relations[i].Between; r[0] == "alpha" && r[1] == "beta" {
			lab.Relations[i].Rung = "protest"
		}
	}
	return lab
}

func setState(sc *scenarios.Scenario, id string, change func(*scenarios.State)) {
	for i := range sc.States {
		if sc.States[i].ID == id {
			change(&sc.States[i])
		}
	}
}

func setRelation(sc *scenarios.Scenario, a, b string, change func(*scenarios.Relation)) {
	for i := range sc.Relations {
		if r := sc.Relations[i].Between; r[0] == a && r[1] == b {
			change(&sc.Relations[i])
		}
	}
}

// TestEachPeacekeepingMechanismHasItsEffect switches each mechanism of the
// peacekeeping path, and each group of confidence-building measures, on and
// off in the peace lab and checks over 60 paired seeds that the metric it
// serves moves the expected way with a paired t statistic beyond 3 (clear
// at 95% and well beyond). docs/model.md §11 prints the measured table
// (go test ./agents -run EachPeacekeeping -v).
func TestEachPeacekeepingMechanismHasItsEffect(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 1,080 replications")
	}
	const seeds = 60
	private := func(sc *scenarios.Scenario) {
		for _, id := range []string{"alpha", "gamma"} {
			setState(sc, id, func(s *scenarios.State) { s.Naming = "private"; s.TrustInForce = 0.9 })
		}
	}
	// Findings passed in private that Beta accepts: gestures of restraint
	// for the guardian to verify.
	accepting := func(sc *scenarios.Scenario) {
		private(sc)
		setState(sc, "beta", func(s *scenarios.State) { s.TrustInForce = 0.9 })
	}
	// A quieter Beta, so that the dispute has quiet spells in which to calm.
	quiet := func(sc *scenarios.Scenario) {
		for i := range sc.Attackers {
			if sc.Attackers[i].ID == "beta-proxy" {
				sc.Attackers[i].Tempo = sc.Attackers[i].Tempo / 7
			}
		}
		sc.Meta.Horizon = 15 * 24
	}
	cases := []struct {
		mechanism string
		metric    string
		on, off   func(*scenarios.Scenario)
		sign      float64 // the sign of (on − off)
	}{
		{"findings passed in private", "mean_trust", private, func(*scenarios.Scenario) {}, +1},
		{"restraint of the accused", "attacks", accepting,
			func(sc *scenarios.Scenario) {
				private(sc)
				setState(sc, "beta", func(s *scenarios.State) { s.TrustInForce = 0 })
			}, -1},
		{"verified restraint", "mean_trust",
			func(sc *scenarios.Scenario) { accepting(sc); sc.Model.Peacekeeping.GoodFaith = 0.2 },
			func(sc *scenarios.Scenario) { accepting(sc); sc.Model.Peacekeeping.GoodFaith = 0 }, +1},
		{"exculpation", "mean_trust",
			func(sc *scenarios.Scenario) {
				setState(sc, "alpha", func(s *scenarios.State) { s.TrustInForce = 0.9 })
			},
			func(sc *scenarios.Scenario) {
				setState(sc, "alpha", func(s *scenarios.State) { s.TrustInForce = 0.9 })
				sc.Model.Peacekeeping.Exculpation = 0
			}, +1},
		{"norms with consequences", "mean_trust",
			func(sc *scenarios.Scenario) {
				setState(sc, "beta", func(s *scenarios.State) { s.Norms = []string{"c", "f"} })
			},
			func(sc *scenarios.Scenario) {
				setState(sc, "beta", func(s *scenarios.State) { s.Norms = []string{"c", "f"} })
				sc.Model.Peacekeeping.NormCost = 0
			}, -1},
		{"transparency measures", "misattributed",
			func(sc *scenarios.Scenario) {
				setRelation(sc, "alpha", "beta", func(r *scenarios.Relation) {
					r.CBMs = []string{"national-views", "information-exchange", "laws", "strategies", "terminology"}
				})
				sc.Model.CBM.Transparency = 0.15
			},
			func(sc *scenarios.Scenario) {}, -1},
		{"standing channels", "final_rung",
			func(sc *scenarios.Scenario) {
				quiet(sc)
				setRelation(sc, "alpha", "beta", func(r *scenarios.Relation) {
					r.CBMs = []string{"osce-platform", "osce-network", "expert-meetings"}
				})
				sc.Model.CBM.ChannelCalm = 0.05
			},
			quiet, -1},
		{"cooperative measures", "mean_maturity",
			func(sc *scenarios.Scenario) {
				setRelation(sc, "alpha", "beta", func(r *scenarios.Relation) {
					r.CBMs = []string{"workshops", "public-private", "ci-cooperation", "vulnerability-reporting"}
				})
			},
			func(sc *scenarios.Scenario) {}, +1},
	}
	for _, c := range cases {
		t.Run(c.mechanism, func(t *testing.T) {
			t.Parallel()
			on, off := peaceLab(t), peaceLab(t)
			c.on(on)
			c.off(off)
			a, b := runMetric(t, off, seeds, c.metric), runMetric(t, on, seeds, c.metric)
			mean, tstat := pairedT(a, b)
			t.Logf("%s: %s changes by %+.4g on average (paired t = %.1f over %d seeds)", c.mechanism, c.metric, mean, tstat, seeds)
			if c.sign != 0 {
				assert.Greater(t, c.sign*tstat, 3.0, "%s should move %s by sign %+.0f", c.mechanism, c.metric, c.sign)
			}
		})
	}
}

// TestAgreementsAreConditions checks, over every bundled scenario and its
// institution variants for 20 seeds each, that the force keeps to what the
// agreements grant: no attribution support for a state that has withdrawn
// or never given consent, no clearinghouse in a non-member unless the
// institution works from open data, and no Safe Layer block for a member
// whose protection was withdrawn.
func TestAgreementsAreConditions(t *testing.T) {
	for _, info := range scenarios.Bundled() {
		for _, variant := range []string{"", "global-pulse"} {
			sc, _, err := scenarios.Open(info.Name, scenarios.Options{Variant: variant})
			if variant != "" && err != nil {
				continue // the scenario has no such variant
			}
			if !assert.NoError(t, err) {
				continue
			}
			agreement := map[string]string{}
			for _, s := range sc.States {
				agreement[s.ID] = s.Agreement
			}
			openData := sc.Force.Host().OpenData
			for seed := uint64(1); seed <= 20; seed++ {
				now := map[string]string{}
				for k, v := range agreement {
					now[k] = v
				}
				lost := map[string]bool{}
				rec := recorderFunc(func(r agents.Record) {
					switch {
					case r.Kind == agents.KindAgreement:
						now[r.State] = r.Text
					case r.Kind == agents.KindSupport:
						lost[r.State] = true
					case r.Kind == agents.KindAttackBlocked:
						assert.False(t, lost[r.State], "%s/%s seed %d: a block for %s after its protection was withdrawn", info.Name, variant, seed, r.State)
					case r.Kind == agents.KindForce && r.Function == "mediator.attribution":
						assert.NotEqual(t, "none", now[r.State], "%s/%s seed %d: attribution support for %s, which gave no consent", info.Name, variant, seed, r.State)
					case r.Kind == agents.KindForce && r.Function == "coordinator.clearinghouse" && !openData:
						assert.NotEqual(t, "none", now[r.State], "%s/%s seed %d: the clearinghouse in %s, a non-member", info.Name, variant, seed, r.State)
					}
				})
				_, err := agents.Replicate(sc, seed, rec)
				assert.NoError(t, err)
			}
		}
	}
}

type recorderFunc func(agents.Record)

func (f recorderFunc) Record(r agents.Record) { f(r) }
