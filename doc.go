// Package cpkrange is a simulation and training range for cyber
// peacekeeping exercises: a discrete-event model of states, attackers,
// critical infrastructure and the four roles of a cyber peacekeeping force,
// driven by TOML scenarios, with batch Monte Carlo analytics and a
// facilitation display for workshops.
//
// The root package holds no code; it holds the tests that keep the module's
// layering and habits (see docs/architecture.md). The binary is
// cmd/cpkrange; the kernel is package sim.
package cpkrange
