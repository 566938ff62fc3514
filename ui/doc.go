// Package ui is the facilitation display: an ebiten window that draws what
// package view decides and turns the facilitator's keys and clicks into
// view Commands.
//
// It follows ebiten's examples: Update reads input, turns it into
// Commands, applies them to the scene's controller (view.Live or
// view.Replay, in ui/internal/view) and advances it; Draw only reads the
// controller's Frame. The side column's panels are one list (sidePanels:
// title, share, draw function).
// Scenes (the briefing, the live run, the replay) switch through one scene
// manager. Everything the screen shows is laid out and coloured by package
// view in plain Go, where it is tested without a window; the files here
// only draw.
//
// Nothing drawn depends on the wall clock: animations run on the frame
// count and the simulated time, so a screenshot after N frames is the same
// on every run (Config.Screenshot).
package ui
