package scenarios

// The trust and tension of two states whose relation a scenario does not
// describe, and the defaults of a [[relation]] that leaves them out (the
// schema's tags say the same; a test in package agents keeps them in step).
// Judgement: a neutral relation, slightly strained.
const (
	DefaultTrust   = 0.5
	DefaultTension = 0.2
)
