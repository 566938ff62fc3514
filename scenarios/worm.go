package scenarios

import "math"

// WormGrowthError is the relative error in a worm's early growth rate that
// the step may cause: tau-leaping with step dt makes the rate r come out
// low by about r·dt/2 (agents/worm.go), so the step is kept at or below
// 2·WormGrowthError/r.
const WormGrowthError = 0.01

// WormSpace returns the address space a worm scans, given the hosts of
// every asset together: model.worm.address_space, or the hosts when it is
// 0 or smaller than them.
func (m *WormModel) WormSpace(hosts int64) int64 { return max(hosts, m.AddressSpace) }

// WormStep returns the tau-leaping step, in hours, for an outbreak with
// susceptible hosts out of an address space of omega: model.worm.step, or
// less when the worm's growth rate scans·susceptible/omega is fast enough
// that the step would slow it by more than WormGrowthError.
func (m *WormModel) WormStep(susceptible, omega int64) float64 {
	dt := m.Step.Hours()
	if omega <= 0 || susceptible <= 0 || m.Scans <= 0 {
		return dt
	}
	r := m.Scans * float64(susceptible) / float64(omega)
	return math.Min(dt, 2*WormGrowthError/r)
}

// WormGrowthSteps is about how many steps the growth of an outbreak among
// susceptible hosts takes when the step is set by the growth rate: the
// growth lasts about ln(susceptible)/r hours at steps of 2·WormGrowthError/r.
func WormGrowthSteps(susceptible int64) float64 {
	return math.Log(float64(max(susceptible, 2))) / (2 * WormGrowthError)
}
