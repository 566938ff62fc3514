package scenarios

import (
	"fmt"
	"math"
)

// Calibrated attacker defaults.
//
// Every value in this file is derived from the Dyadic Cyber Incident and
// Dispute Dataset, version 2.0 (DCID 2.0; Maness, Valeriano, Hedgecock,
// Jensen, Macias; CC0; Harvard Dataverse, doi:10.7910/DVN/CQOMYV): 429
// state-on-state cyber incidents, 2000–2020 (one is dated 2021), copied into
// testdata/dcid/dcid2_tidy_incidents.csv. calibration_test.go recomputes each
// value from that file and fails if a published value drifts from the data;
// run it with
//
//	go test -run Calibration ./scenarios
//
// docs/calibration.md explains the mapping, the definitions and the
// weaknesses of the data for this use.
//
// Published values are rounded to 3 significant digits; the exact counts
// they come from are in the comments.
//
// Method mapping (first rule that matches, per incident):
//
//	ransomware flag = 1                               → ransomware  (11)
//	method 1 vandalism                                → defacement  (29)
//	method 2 DDoS (denial_of_service)                 → ddos        (48)
//	method code 4.0 (read as 4.1 logic bomb, see doc) → wiper       (11)
//	method codes 4.2 virus, 4.3 worm                  → worm        (50)
//	method code 4.4 keylogging                        → espionage   (14)
//	codes 3, 3.1, 4 with a short- or long-term
//	  espionage objective                             → espionage   (224)
//	remaining codes 3, 4                              → intrusion   (42)
//
// Disinformation is not a DCID method. The 96 incidents flagged info_op = 1
// are counted, in addition to their technical method, as one disinformation
// campaign each, so the mix is over 429 + 96 = 525 operations.

// DefaultMethodMix is the share of each attack method among the operations
// of DCID 2.0's state-on-state incidents: the 429 incidents mapped to the
// model's methods as above, plus one disinformation campaign for each of the
// 96 incidents that came with an information operation (525 operations).
// The shares sum to 1 up to rounding (0.9998); samplers should normalise
// by the total.
var DefaultMethodMix = map[string]float64{
	"ddos":           0.0914, // 48/525
	"defacement":     0.0552, // 29/525
	"intrusion":      0.0800, // 42/525
	"espionage":      0.453,  // 238/525
	"wiper":          0.0210, // 11/525
	"ransomware":     0.0210, // 11/525
	"worm":           0.0952, // 50/525
	"disinformation": 0.183,  // 96/525
}

// DefaultInfoOpRate is the share of DCID 2.0 incidents that came with an
// information operation (info_op = 1): 96/429. A model that treats
// disinformation as something that accompanies a cyber operation, rather
// than as an operation drawn from DefaultMethodMix, can use it as the
// probability that an operation is accompanied by a disinformation
// campaign. By DCID method: vandalism 29/29, DDoS 25/49, intrusion 36/266,
// infiltration 6/85.
const DefaultInfoOpRate = 0.224

// DefaultSeverity is the distribution of severity among DCID 2.0's 429
// incidents: DefaultSeverity[i] is the probability of severity i+1 on the
// dataset's 1–10 scale, of which only 1–6 occur. Counts 15, 115, 160, 115,
// 19, 5 of 429. Sums to 1 (up to rounding).
var DefaultSeverity = [6]float64{
	0.0350, // 1: 15/429
	0.268,  // 2: 115/429
	0.373,  // 3: 160/429
	0.268,  // 4: 115/429
	0.0443, // 5: 19/429
	0.0117, // 6: 5/429
}

// DefaultSeverityMean is the mean severity of DCID 2.0's incidents:
// 1310/429.
const DefaultSeverityMean = 3.05

// DefaultSeverityByMethod is the mean severity (DCID 1–10 scale) of the
// incidents mapped to each method. Means range from 2.00 (defacement) to
// 4.09 (wiper), so a model should condition severity on method. For
// disinformation it is the mean severity of the 96 incidents the campaigns
// accompanied (DCID does not rate the information operation itself).
var DefaultSeverityByMethod = map[string]float64{
	"ddos":           2.21, // 106/48; counts by severity 2:43 3:1 4:3 5:1
	"defacement":     2.00, // 58/29; all 29 are severity 2
	"intrusion":      3.17, // 133/42
	"espionage":      3.11, // 741/238
	"wiper":          4.09, // 45/11
	"ransomware":     3.45, // 38/11
	"worm":           3.78, // 189/50
	"disinformation": 2.50, // 240/96
}

// DefaultSeverityCountsByMethod is, for each method, how many of the
// incidents mapped to it had each severity 1–6 (index 0 is severity 1):
// the distribution a model draws an operation's severity from, so that a
// defacement is never worse than DCID has seen one and a wiper spreads as
// wipers did. For disinformation, the severities of the 96 incidents the
// campaigns accompanied. Small methods (wiper, ransomware: 11 incidents
// each) have gaps a smoother would fill; the data has none to fill them
// with, and docs/calibration.md says so.
var DefaultSeverityCountsByMethod = map[string][6]int{
	"ddos":           {0, 43, 1, 3, 1, 0},
	"defacement":     {0, 29, 0, 0, 0, 0},
	"intrusion":      {1, 12, 12, 13, 4, 0},
	"espionage":      {12, 22, 132, 71, 1, 0},
	"wiper":          {0, 3, 0, 3, 3, 2},
	"ransomware":     {0, 2, 3, 5, 1, 0},
	"worm":           {2, 4, 12, 20, 9, 3},
	"disinformation": {1, 63, 17, 13, 2, 0},
}

// DefaultConcessionRate is the share of DCID 2.0 incidents after which the
// target made a concession: 12/429.
const DefaultConcessionRate = 0.0280

// DefaultTempoPerYear is the attacker tempo: incidents per active directed
// dyad (initiator → target) per year, pooled over DCID 2.0's 52 directed
// dyads with at least one incident. A dyad is active from the year of its
// first incident to the year of its last, inclusive (span = last − first +
// 1), and the tempo is all incidents over all active dyad-years: 429/416.
// This is the maximum-likelihood rate of a Poisson process shared by all
// dyads. The per-dyad median (DefaultTempoPerYearMedian) and mean
// (DefaultTempoPerYearMean) are close; the choice hardly matters. It counts
// cyber incidents; with disinformation drawn from DefaultMethodMix as
// separate operations, use DefaultOperationTempoPerYear.
const DefaultTempoPerYear = 1.03

// DefaultTempoPerYearMedian is the median over the 52 active directed dyads
// of each dyad's incidents per active year (incidents / span). The median is
// exactly 1: 15 dyads have a rate of 1, 12 of them because they have a
// single incident.
const DefaultTempoPerYearMedian = 1.00

// DefaultTempoPerYearMean is the mean over the 52 active directed dyads of
// each dyad's incidents per active year (incidents / span): 57.866/52.
// Rates range from 0.167 (North Korea → Japan, 2 incidents in 12 years) to
// 4 (Russia → Estonia, 4 incidents in 2007); China → US is 59/21 = 2.81.
const DefaultTempoPerYearMean = 1.11

// DefaultOperationTempoPerYear is the tempo in the unit of
// DefaultMethodMix: operations (429 incidents + 96 disinformation
// campaigns) per active directed dyad-year, pooled: 525/416. Use it when
// every operation, disinformation included, is drawn from DefaultMethodMix,
// so that cyber incidents still arrive at DefaultTempoPerYear.
const DefaultOperationTempoPerYear = 1.26

// calibrateTempo gives each attacker whose tempo the file leaves out
// DCID 2.0's tempo of technical operations: DCID counts cyber incidents,
// and an attacker whose mix also holds disinformation launches that on top,
// so its operations come at DefaultTempoPerYear / (1 − its share of
// disinformation) a year (with DCID's own mix, DefaultOperationTempoPerYear).
func calibrateTempo(s *Scenario, src *Source) {
	base, err := ParseRate(fmt.Sprintf("%g/year", DefaultTempoPerYear))
	if err != nil || src == nil {
		return
	}
	for i := range s.Attackers {
		if src.Has(fmt.Sprintf("attacker[%d].tempo", i)) {
			continue
		}
		a := &s.Attackers[i]
		mix := a.Methods
		if len(mix) == 0 {
			mix = DefaultMethodMix
		}
		total := weightSum(mix)
		if share := mix["disinformation"] / total; total > 0 && !math.IsInf(total, 0) && share < 1 {
			a.Tempo = Rate(float64(base) / (1 - share))
		}
	}
}
