// Package agents is the world model of cpkrange: states, the relations
// between them, critical infrastructure, attackers and their operations,
// self-spreading malware, rumours, the escalation ladder, the stages of a
// conflict and the four roles of a cyber peacekeeping force, on the sim
// kernel.
//
// Build makes a World from a loaded scenario and a seed; Run runs it to its
// horizon, Advance to a time (a display calls it each frame). Everything
// that happens is reported as a Record to the world's recorders: the JSON
// Lines event log (LogWriter), the run's Metrics, a live display. The world
// never knows which are listening.
//
// Each mechanism is one file: attack.go (choosing targets, success by skill
// against defence, detection, attribution and misattribution), infra.go
// (asset status, cascades along dependencies with backup, repair, civilian
// harm), spread.go with worm.go and rumour.go (random-scanning SIR worms and
// Maki–Thompson rumours, by tau-leaping), escalation.go (the per-dyad
// ladder, de-escalation, stages), force.go (the force's functions, teams on
// follow-the-sun shifts and their request queue) and script.go (injects,
// decisions and their effects). docs/model.md states each rule with its
// parameters and sources.
//
// Determinism: tables are sorted by id at Build, every actor and mechanism
// draws from its own named random stream, and maps are never iterated where
// order could reach the results, so the same scenario and seed give the
// same records, byte for byte, in any file order and on any machine.
//
// A world can be forked at an event boundary: kernel events are plain
// values naming the world's tables by index, so a fork is a copy of those
// tables and of the kernel (sim.Env.Clone).
package agents
