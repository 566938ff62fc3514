package agents

import (
	"fmt"

	"cpkrange/scenarios"
	"cpkrange/sim"
)

func errorf(format string, args ...any) error {
	return fmt.Errorf("agents: "+format, args...)
}

// asset is a piece of infrastructure at run time. Its status is the worse of
// its own damage (from attacks) and the outage its dependencies induce.
type asset struct {
	id         string
	owner      int
	sector     Sector
	people     int64
	deps       []int
	dependents []int
	backup     float64 // hours it runs on backup while a dependency is down
	restore    float64 // hours to restore after destructive damage
	safeLayer  bool
	hosts      int64
	defence    float64 // -1: the owner's maturity

	own       Status  // damage from attacks
	ownUntil  float64 // when own damage is repaired
	gen       float64 // generation of the pending repair event
	onBackup  bool    // a dependency is down and the backup is running
	exhausted bool    // the backup ran out
	backupGen float64
	status    Status
	harm      float64 // people without service, weighted, at the current status
	helped    bool    // the force has sped up the current repair
}

func (w *World) buildAssets() error {
	order := byID(w.sc.Assets, func(a scenarios.Asset) string { return a.ID })
	for _, i := range order {
		a := &w.sc.Assets[i]
		w.assetIdx[a.ID] = len(w.assets)
		owner, ok := w.stateIdx[a.Owner]
		if !ok {
			return errorf("asset %s: unknown owner %q", a.ID, a.Owner)
		}
		sector, ok := ParseSector(a.Sector)
		if !ok {
			return errorf("asset %s: unknown sector %q", a.ID, a.Sector)
		}
		w.assets = append(w.assets, asset{
			id: a.ID, owner: owner, sector: sector, people: a.People,
			backup: a.Backup.Hours(), restore: a.Restore.Hours(),
			safeLayer: a.SafeLayer, hosts: a.Hosts, defence: a.Defence,
		})
	}
	for _, i := range order {
		a := &w.sc.Assets[i]
		me := w.assetIdx[a.ID]
		for _, dep := range a.DependsOn {
			d, ok := w.assetIdx[dep]
			if !ok {
				return errorf("asset %s: unknown dependency %q", a.ID, dep)
			}
			w.assets[me].deps = append(w.assets[me].deps, d)
			w.assets[d].dependents = append(w.assets[d].dependents, me)
		}
	}
	return nil
}

// defenceOf is the defence an operation against asset a meets.
func (w *World) defenceOf(a *asset) float64 {
	if a.defence >= 0 {
		return a.defence
	}
	return w.states[a.owner].maturity
}

// damage sets asset a's own status to at least s until now+hours, and
// reports the outcome of operation op.
func (w *World) damage(ai int, s Status, hours float64, op int) {
	a := &w.assets[ai]
	until := w.env.Now() + hours
	if s < a.own || (s == a.own && until <= a.ownUntil) {
		return // already worse, or as bad for longer
	}
	newlyDown := s == Down && a.own != Down
	a.own = max(a.own, s)
	a.ownUntil = max(a.ownUntil, until)
	a.gen++
	if newlyDown {
		a.helped = false
	}
	w.env.At(a.ownUntil, sim.Event{Kind: evRepair, Subject: int32(ai), Value: a.gen})
	w.update(ai, op)
	if newlyDown {
		w.requestRepairHelp(ai, op)
	}
}

// speedRepair cuts the remaining repair time of asset a by the share cut.
func (w *World) speedRepair(ai int, cut float64) bool {
	a := &w.assets[ai]
	now := w.env.Now()
	if a.own == Working || a.ownUntil <= now || a.helped {
		return false
	}
	a.ownUntil = now + (a.ownUntil-now)*(1-cut)
	a.gen++
	a.helped = true
	w.env.At(a.ownUntil, sim.Event{Kind: evRepair, Subject: int32(ai), Value: a.gen})
	return true
}

func (w *World) repair(ai int, gen float64) {
	a := &w.assets[ai]
	if gen != a.gen {
		return // superseded by later damage or a faster repair
	}
	a.own = Working
	w.update(ai, 0)
}

func (w *World) backupOut(ai int, gen float64) {
	a := &w.assets[ai]
	if gen != a.backupGen || !a.onBackup {
		return
	}
	a.exhausted = true
	w.update(ai, 0)
}

// update recomputes asset a's status from its own damage and its
// dependencies, reports a change, and passes it on to the assets that
// depend on a. Dependencies form no cycle (the scenario is validated), so
// the recursion ends.
func (w *World) update(ai int, op int) {
	a := &w.assets[ai]
	induced := Working
	depDown := false
	for _, d := range a.deps {
		switch w.assets[d].status {
		case Down:
			depDown = true
		case Degraded:
			induced = Degraded
		}
	}
	switch {
	case depDown && a.backup == 0:
		induced = Down
	case depDown && !a.onBackup:
		a.onBackup, a.exhausted = true, false
		a.backupGen++
		w.env.Schedule(a.backup, sim.Event{Kind: evBackupOut, Subject: int32(ai), Value: a.backupGen})
	case depDown && a.exhausted:
		induced = Down
	case !depDown:
		a.onBackup, a.exhausted = false, false
	}
	status := max(a.own, induced)
	harm := w.harmRate(a, status)
	if status == a.status && harm == a.harm {
		return
	}
	a.status, a.harm = status, harm
	w.emit(Record{
		Kind: KindAssetStatus, Target: a.id, State: w.states[a.owner].id,
		Status: status, Correct: induced > a.own, Value: harm, Op: op,
	})
	for _, dep := range a.dependents {
		w.update(dep, op)
	}
}

// harmRate is the number of asset a's people left without its service at
// status s: all of them when it is down, model.harm.degraded of them when
// degraded, fewer where the force keeps critical services running. It is
// never more than the asset's people (Services turns these into people
// without each service, counting a person once).
func (w *World) harmRate(a *asset, s Status) float64 {
	var share float64
	switch s {
	case Down:
		share = 1
	case Degraded:
		share = float64(w.sc.Model.Harm.Degraded)
	default:
		return 0
	}
	return float64(a.people) * share * (1 - w.continuity(a, s))
}
