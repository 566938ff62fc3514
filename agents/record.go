package agents

import "fmt"

// Kind is what a Record reports. Its String form ("attack.launched") is what
// the event log stores.
type Kind uint8

// The kinds of record, grouped by mechanism. docs/event-log.md describes the
// fields each one fills.
const (
	KindRunStart Kind = iota
	KindRunEnd
	KindStage

	KindAttackLaunched
	KindAttackSucceeded
	KindAttackFailed
	KindAttackBlocked
	KindAttackDetected
	KindAttackAttributed
	KindAttackUnattributed
	KindAttackNoTarget
	KindNormViolation

	KindAssetStatus
	KindSafeLayer

	KindWormOutbreak
	KindWormSpread
	KindWormEnded
	KindWormPatched

	KindRumourWave
	KindRumourEnded

	KindEscalation
	KindRelation
	KindPressure

	KindToolLeaked
	KindToolReused

	KindInject
	KindDecision
	KindDecided
	KindVote

	KindForce
	KindForceQueued

	KindCommand
	KindFutures
	KindNote

	KindRestraint
	KindExculpation
	KindNormBroken
	KindSupport
	KindAgreement
	KindForceTrust

	KindDyadFinal
	KindStateFinal
	KindWormFinal

	numKinds
)

var kindNames = [numKinds]string{
	KindRunStart:           "run.start",
	KindRunEnd:             "run.end",
	KindStage:              "stage.changed",
	KindAttackLaunched:     "attack.launched",
	KindAttackSucceeded:    "attack.succeeded",
	KindAttackFailed:       "attack.failed",
	KindAttackBlocked:      "attack.blocked",
	KindAttackDetected:     "attack.detected",
	KindAttackAttributed:   "attack.attributed",
	KindAttackUnattributed: "attack.unattributed",
	KindAttackNoTarget:     "attack.no-target",
	KindNormViolation:      "norm.violation",
	KindAssetStatus:        "asset.status",
	KindSafeLayer:          "safe-layer.changed",
	KindWormOutbreak:       "worm.outbreak",
	KindWormSpread:         "worm.spread",
	KindWormEnded:          "worm.ended",
	KindWormPatched:        "worm.patched",
	KindRumourWave:         "rumour.wave",
	KindRumourEnded:        "rumour.ended",
	KindEscalation:         "escalation",
	KindRelation:           "relation",
	KindPressure:           "pressure",
	KindToolLeaked:         "tool.leaked",
	KindToolReused:         "tool.reused",
	KindInject:             "inject",
	KindDecision:           "decision.prompt",
	KindDecided:            "decision.taken",
	KindVote:               "decision.vote",
	KindForce:              "force.action",
	KindForceQueued:        "force.queued",
	KindCommand:            "facilitator.command",
	KindFutures:            "facilitator.futures",
	KindNote:               "facilitator.note",
	KindRestraint:          "restraint",
	KindExculpation:        "attribution.cleared",
	KindNormBroken:         "norm.broken",
	KindSupport:            "support.withdrawn",
	KindAgreement:          "agreement.changed",
	KindForceTrust:         "force.trust",
	KindDyadFinal:          "dyad.final",
	KindStateFinal:         "state.final",
	KindWormFinal:          "worm.final",
}

func (k Kind) String() string {
	if k < numKinds {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", k)
}

// ParseKind returns the Kind whose String is s.
func ParseKind(s string) (Kind, bool) {
	for k, name := range kindNames {
		if name == s {
			return Kind(k), true
		}
	}
	return 0, false
}

// Kinds returns every kind in order.
func Kinds() []Kind {
	out := make([]Kind, numKinds)
	for i := range out {
		out[i] = Kind(i)
	}
	return out
}

// Stage is a stage of the conflict.
type Stage uint8

// The three stages of the CPK framework.
const (
	PreConflict Stage = iota
	Conflict
	PostConflict
	numStages
)

var stageNames = [numStages]string{"pre-conflict", "conflict", "post-conflict"}

func (s Stage) String() string {
	if s < numStages {
		return stageNames[s]
	}
	return fmt.Sprintf("stage(%d)", s)
}

// ParseStage returns the Stage whose String is s.
func ParseStage(s string) (Stage, bool) {
	for i, name := range stageNames {
		if name == s {
			return Stage(i), true
		}
	}
	return 0, false
}

// Status is the service an asset gives.
type Status uint8

// Asset statuses, from best to worst.
const (
	Working Status = iota
	Degraded
	Down
)

var statusNames = [...]string{"working", "degraded", "down"}

// ParseStatus returns the Status whose String is s.
func ParseStatus(s string) (Status, bool) {
	for i, name := range statusNames {
		if name == s {
			return Status(i), true
		}
	}
	return 0, false
}

func (s Status) String() string {
	if int(s) < len(statusNames) {
		return statusNames[s]
	}
	return fmt.Sprintf("status(%d)", s)
}

// Record is one thing that happened, as the model reports it to its
// recorders. Fields that do not apply to a kind are empty. Strings are the
// scenario's own ids, so building a record allocates nothing.
type Record struct {
	Time  float64 // hours since the start
	Kind  Kind
	Stage Stage // the stage when it happened

	Op       int    // the operation number, for attack.* records (from 1)
	Actor    string // attacker, state, team or "facilitator" that acted
	Origin   string // the state behind the actor, if any
	Target   string // asset id, or state id when the target is a state
	State    string // the state that was hit or that decided
	Other    string // the other state of a dyad, or the state blamed
	Method   string
	Role     string // force role
	Function string // force function (role.function) or command name
	Status   Status // asset status, for asset.status
	Rung     Rung   // new rung, for escalation
	Lower    bool   // escalation: a step down the ladder (the log writes it as text "de-escalation")
	Correct  bool   // attribution was correct; asset outage caused by a dependency
	Value    float64
	Tension  float64 // a dyad's tension, for escalation and relation
	Hours    float64 // infected hosts × hours, for worm.final
	Text     string  // a short human text where ids are not enough (inject titles)
}

// deescalationText is how the event log (version 1) writes a step down the
// ladder: the escalation record's text, read back into Record.Lower.
const deescalationText = "de-escalation"

// quietActor is the actor of a step down that no one decided: the dyad was
// quiet for model.escalation.quiet and calmed by the daily chance.
const quietActor = "quiet"
