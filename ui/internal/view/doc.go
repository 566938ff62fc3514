// Package view is the facilitation display without the window: what the
// screen shows and how the facilitator drives it, in plain Go, so that it
// is tested without a display. Package ui draws what this package decides
// and turns keys into its Commands; nothing here imports ebiten. It is
// internal to ui, its one caller, and exports only what ui reads.
//
// The display state is a fold over the run's records plus the static
// scenario: Model.apply takes one agents.Record at a time (asset status,
// rungs, trust and tension, pressure, stage, attack arcs keyed by
// operation, the top-N counters, civilian harm as rate × time, pending
// decisions, recent force actions), and the feed takes each record's
// agents.Description, so a new kind of record reaches the feed through its
// entry in the describer alone. A live run feeds the Model from the
// world's recorder; a replay feeds it from an event log, and scrubbing back
// is a fresh fold from the start (a few thousand records: a third of a
// millisecond for the largest bundled log, BenchmarkRefold).
//
// Layout returns the rectangles of the header, the timeline, the map, the
// side column (Stack shares it among the panels), the feed and the
// overlays for a screen size, with font sizes scaled to it; Palette holds
// every colour and glyph shape, checked for contrast (WCAG 2.x) by the
// tests. Live and Replay are the two controllers, sharing one core (speed,
// help, cards, notices, screenshots, quitting): each takes Commands (the
// keys of Bindings, mouse clicks) once per frame, moves the world or the
// replay cursor, and exposes a Frame, which is everything Draw needs to
// read.
package view
