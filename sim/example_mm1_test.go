package sim_test

import (
	"fmt"
	"math/rand/v2"

	"cpkrange/sim"
)

const meanArrival, meanService = 1.0, 0.9

const arrival, departure int32 = 0, 1 // the event kinds

// mm1 is a FIFO single-server queue with exponential interarrival and
// service times.
type mm1 struct {
	env           *sim.Env
	rng           *rand.Rand
	waiting       []float64 // arrival times of queued customers, from head on
	head          int
	busy          bool
	served, limit int // limit: stop the run after this many
	totalWait     float64
}

func newMM1(seed uint64) *mm1 {
	env := sim.New(seed)
	m := &mm1{env: env, rng: env.Stream("mm1")}
	env.Schedule(m.rng.ExpFloat64()*meanArrival, sim.Event{Kind: arrival})
	return m
}

func (m *mm1) Handle(ev sim.Event) {
	switch ev.Kind {
	case arrival:
		m.env.Schedule(m.rng.ExpFloat64()*meanArrival, sim.Event{Kind: arrival})
		if m.busy {
			m.waiting = append(m.waiting, ev.Time)
		} else {
			m.serve(ev.Time)
		}
	case departure:
		m.busy = false
		if m.head < len(m.waiting) {
			next := m.waiting[m.head]
			if m.head++; m.head == len(m.waiting) {
				m.waiting, m.head = m.waiting[:0], 0 // reuse the buffer
			}
			m.serve(next)
		}
	}
}

func (m *mm1) serve(arrived float64) {
	m.busy = true
	m.served++
	m.totalWait += m.env.Now() - arrived
	if m.served == m.limit {
		m.env.Stop()
	}
	m.env.Schedule(m.rng.ExpFloat64()*meanService, sim.Event{Kind: departure})
}

// An M/M/1 queue at load 0.9 (arrival rate 1, mean service 0.9): the mean
// wait in queue of 100,000 customers; theory says 8.1 in the long run.
func Example_mM1() {
	m := newMM1(1)
	m.limit = 100_000
	m.env.Run(m)
	fmt.Printf("customers %d, mean wait %.2f, clock %.0f\n", m.served, m.totalWait/float64(m.served), m.env.Now())
	// Output: customers 100000, mean wait 8.24, clock 99807
}
