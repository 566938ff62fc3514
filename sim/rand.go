package sim

import (
	"math/rand/v2"
	"slices"
)

// Streams is a set of named random streams derived from one seed. Each name
// gets its own PCG generator seeded from (seed, name) alone, so adding a
// stream, or drawing more from one, never changes the draws of another.
type Streams struct {
	seed uint64
	byID map[string]*stream
}

type stream struct {
	src rand.PCG
	rng *rand.Rand
}

// NewStreams returns the streams of seed.
func NewStreams(seed uint64) *Streams {
	return &Streams{seed: seed, byID: make(map[string]*stream)}
}

// Seed returns the seed the streams derive from.
func (s *Streams) Seed() uint64 { return s.seed }

// Stream returns the stream of the given name, creating it on first use.
// The same name always returns the same *rand.Rand. A lookup costs a map
// access: fetch a stream once and keep it.
func (s *Streams) Stream(name string) *rand.Rand {
	if st, ok := s.byID[name]; ok {
		return st.rng
	}
	h := hashName(name)
	st := &stream{}
	st.src = *rand.NewPCG(Derive(s.seed, h), Derive(h, s.seed^0x5851f42d4c957f2d))
	st.rng = rand.New(&st.src)
	s.byID[name] = st
	return st.rng
}

// Names returns the names of the streams created so far, sorted.
func (s *Streams) Names() []string {
	names := make([]string, 0, len(s.byID))
	for n := range s.byID {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Clone returns streams in the same state as s that share nothing with it.
func (s *Streams) Clone() *Streams {
	c := &Streams{seed: s.seed, byID: make(map[string]*stream, len(s.byID))}
	for name, st := range s.byID {
		cs := &stream{src: st.src}
		cs.rng = rand.New(&cs.src)
		c.byID[name] = cs
	}
	return c
}

// Derive mixes a seed with a number into a new, well-spread seed (SplitMix64
// finaliser over seed and i). Batch runs use it to give replication i of a
// study the seed Derive(study seed, i), which depends on nothing else.
func Derive(seed, i uint64) uint64 {
	return splitmix(splitmix(seed) ^ (i + 0x9e3779b97f4a7c15))
}

func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// hashName is 64-bit FNV-1a: stable across Go versions and machines, unlike
// hash/maphash.
func hashName(name string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(name); i++ {
		h ^= uint64(name[i])
		h *= 1099511628211
	}
	return h
}
