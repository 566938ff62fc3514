package scenarios

import (
	"encoding/csv"
	"math"
	"os"
	"slices"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The tests in this file recompute every calibrated default in
// calibration.go from the DCID 2.0 incident file and check that the
// published (rounded) values match. See docs/calibration.md.

const dcidIncidentsPath = "../testdata/dcid/dcid2_tidy_incidents.csv"

// dcidModelMethods are the model's attack methods, in the order used in the
// docs.
var dcidModelMethods = []string{
	"ddos", "defacement", "intrusion", "espionage",
	"wiper", "ransomware", "worm", "disinformation",
}

type dcidIncident struct {
	ID         int
	Name       string
	Year       int
	Initiator  string
	Target     string
	MethodCode string
	Method     string
	Objective  string
	Severity   int
	Concession bool
	InfoOp     bool
	Ransomware bool
}

// loadDCIDIncidents reads the incident file by column name.
func loadDCIDIncidents(t *testing.T) []dcidIncident {
	t.Helper()
	f, err := os.Open(dcidIncidentsPath)
	require.NoError(t, err)
	defer f.Close()

	recs, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	require.NotEmpty(t, recs, "empty file")

	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	for _, h := range []string{"id", "name", "year", "initiator", "target",
		"method_code", "method", "objective", "severity", "concession",
		"info_op", "ransomware"} {
		require.Contains(t, col, h, "column %q missing", h)
	}

	atoi := func(row []string, h string) int {
		n, err := strconv.Atoi(row[col[h]])
		require.NoError(t, err, "column %s of %v", h, row)
		return n
	}
	flag := func(row []string, h string) bool {
		n := atoi(row, h)
		require.Contains(t, []int{0, 1}, n, "flag %s of %v", h, row)
		return n == 1
	}

	out := make([]dcidIncident, 0, len(recs)-1)
	for _, row := range recs[1:] {
		out = append(out, dcidIncident{
			ID:         atoi(row, "id"),
			Name:       row[col["name"]],
			Year:       atoi(row, "year"),
			Initiator:  row[col["initiator"]],
			Target:     row[col["target"]],
			MethodCode: row[col["method_code"]],
			Method:     row[col["method"]],
			Objective:  row[col["objective"]],
			Severity:   atoi(row, "severity"),
			Concession: flag(row, "concession"),
			InfoOp:     flag(row, "info_op"),
			Ransomware: flag(row, "ransomware"),
		})
	}
	return out
}

// dcidModelMethod maps one incident to the model's technical method; the
// first rule that matches wins. It returns "" for a code it does not know,
// so a new release with new codes fails the tests instead of being
// silently misread. Disinformation is not decided here: an incident with
// InfoOp adds a disinformation campaign alongside its technical method.
func dcidModelMethod(inc dcidIncident) string {
	espionageObjective := inc.Objective == "short_term_espionage" ||
		inc.Objective == "long_term_espionage"
	switch {
	case inc.Ransomware:
		return "ransomware"
	case inc.Method == "vandalism":
		return "defacement"
	case inc.Method == "denial_of_service":
		return "ddos"
	case inc.MethodCode == "4.0" || inc.MethodCode == "4.1":
		// The file has no 4.1 (logic bomb); the rows coded 4.0 are the
		// Shamoon family and other wipers, so 4.0 is read as 4.1.
		return "wiper"
	case inc.MethodCode == "4.2" || inc.MethodCode == "4.3":
		return "worm"
	case inc.MethodCode == "4.4":
		return "espionage"
	case inc.MethodCode == "3" || inc.MethodCode == "3.1" || inc.MethodCode == "4":
		if espionageObjective {
			return "espionage"
		}
		return "intrusion"
	}
	return ""
}

// sig3 rounds x to 3 significant digits, as the published values are.
func sig3(x float64) float64 {
	r, err := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 3, 64), 64)
	if err != nil {
		panic(err)
	}
	return r
}

// assertCalibrated checks that published is exact rounded to 3 significant
// digits, and so within half a unit of the third digit of exact.
func assertCalibrated(t *testing.T, name string, published, exact float64) {
	t.Helper()
	assert.InDelta(t, sig3(exact), published, 1e-12,
		"%s: published %v, data give %v (rounded %v)", name, published, exact, sig3(exact))
	halfUnit := 0.5 * math.Pow(10, math.Floor(math.Log10(math.Abs(exact)))-2)
	assert.LessOrEqual(t, math.Abs(published-exact), halfUnit*(1+1e-9),
		"%s: published %v is not %v to 3 significant digits", name, published, exact)
}

// dcidCalibration is everything recomputed from the file.
type dcidCalibration struct {
	incidents     int
	methodCount   map[string]int // model methods; disinformation = info_op incidents
	operations    int            // incidents + disinformation campaigns
	severityCount [6]int
	severitySum   int
	severitySumBy map[string]int
	concessions   int
	dyads         int
	dyadYears     int
	dyadRates     []float64
}

func computeDCIDCalibration(t *testing.T, incs []dcidIncident) dcidCalibration {
	t.Helper()
	c := dcidCalibration{
		incidents:     len(incs),
		methodCount:   map[string]int{},
		severitySumBy: map[string]int{},
	}
	type dyad struct{ from, to string }
	type span struct{ n, first, last int }
	dyads := map[dyad]*span{}

	for _, inc := range incs {
		m := dcidModelMethod(inc)
		require.NotEmpty(t, m, "incident %d (%s): unmapped method code %q / %q",
			inc.ID, inc.Name, inc.MethodCode, inc.Method)
		require.True(t, inc.Severity >= 1 && inc.Severity <= 6,
			"incident %d: severity %d outside 1..6", inc.ID, inc.Severity)

		c.methodCount[m]++
		c.severitySumBy[m] += inc.Severity
		if inc.InfoOp {
			c.methodCount["disinformation"]++
			c.severitySumBy["disinformation"] += inc.Severity
		}
		c.severityCount[inc.Severity-1]++
		c.severitySum += inc.Severity
		if inc.Concession {
			c.concessions++
		}

		k := dyad{inc.Initiator, inc.Target}
		if s, ok := dyads[k]; ok {
			s.n++
			s.first = min(s.first, inc.Year)
			s.last = max(s.last, inc.Year)
		} else {
			dyads[k] = &span{1, inc.Year, inc.Year}
		}
	}
	for _, n := range c.methodCount {
		c.operations += n
	}
	c.dyads = len(dyads)
	for _, s := range dyads {
		years := s.last - s.first + 1
		c.dyadYears += years
		c.dyadRates = append(c.dyadRates, float64(s.n)/float64(years))
	}
	slices.Sort(c.dyadRates)
	return c
}

func loadDCIDCalibration(t *testing.T) dcidCalibration {
	t.Helper()
	return computeDCIDCalibration(t, loadDCIDIncidents(t))
}

// TestCalibrationHeadlineCounts checks the counts quoted in DOMAIN.md and
// docs/calibration.md, so that the file in testdata is the one described.
func TestCalibrationHeadlineCounts(t *testing.T) {
	incs := loadDCIDIncidents(t)
	require.Len(t, incs, 429)

	methods := map[string]int{}
	codes := map[string]int{}
	severity := map[int]int{}
	concessions, infoOps, ransomware := 0, 0, 0
	for _, inc := range incs {
		methods[inc.Method]++
		codes[inc.MethodCode]++
		severity[inc.Severity]++
		if inc.Concession {
			concessions++
		}
		if inc.InfoOp {
			infoOps++
		}
		if inc.Ransomware {
			ransomware++
		}
	}
	assert.Equal(t, map[string]int{
		"intrusion": 266, "infiltration": 85, "denial_of_service": 49, "vandalism": 29,
	}, methods)
	assert.Equal(t, map[int]int{1: 15, 2: 115, 3: 160, 4: 115, 5: 19, 6: 5}, severity)
	assert.Equal(t, 12, concessions)
	assert.Equal(t, 96, infoOps)
	assert.Equal(t, 11, ransomware)
	// The method codes as they occur; note 4 and 4.0 are distinct and 4.1
	// does not occur.
	assert.Equal(t, map[string]int{
		"1": 29, "2": 49, "3": 264, "3.1": 2,
		"4": 5, "4.0": 12, "4.2": 39, "4.3": 14, "4.4": 15,
	}, codes)
}

// TestCalibrationWiperCodeReading backs the reading of code 4.0 as the
// logic-bomb (wiper) code: the file has no 4.1, and the well-known wiper
// incidents carry 4.0.
func TestCalibrationWiperCodeReading(t *testing.T) {
	byName := map[string]string{}
	for _, inc := range loadDCIDIncidents(t) {
		assert.NotEqual(t, "4.1", inc.MethodCode, "incident %d has code 4.1: revisit the 4.0 reading", inc.ID)
		byName[inc.Name] = inc.MethodCode
	}
	for _, name := range []string{
		"Shamoon", "RasGas Attack", "Shamoon 2.0", "Shamoon 3.0-Saipem",
		"Dustman Wipr Attack", "Bapco wiper", "IRA wiper", "Operation Troy",
		"Las Vegas Sands Hack",
	} {
		assert.Equal(t, "4.0", byName[name], "incident %q", name)
	}
}

// TestCalibrationMethodMapping checks the per-method counts quoted in the
// comments of calibration.go and in docs/calibration.md.
func TestCalibrationMethodMapping(t *testing.T) {
	c := loadDCIDCalibration(t)
	assert.Equal(t, map[string]int{
		"ddos": 48, "defacement": 29, "intrusion": 42, "espionage": 238,
		"wiper": 11, "ransomware": 11, "worm": 50, "disinformation": 96,
	}, c.methodCount)
	assert.Equal(t, 525, c.operations)
}

func TestCalibrationMethodMix(t *testing.T) {
	c := loadDCIDCalibration(t)

	keys := make([]string, 0, len(DefaultMethodMix))
	sum := 0.0
	for k, v := range DefaultMethodMix {
		keys = append(keys, k)
		sum += v
	}
	assert.ElementsMatch(t, dcidModelMethods, keys)
	assert.InDelta(t, 1, sum, 1e-3, "DefaultMethodMix sums to %v", sum)

	for _, m := range dcidModelMethods {
		exact := float64(c.methodCount[m]) / float64(c.operations)
		assertCalibrated(t, "DefaultMethodMix["+m+"]", DefaultMethodMix[m], exact)
	}
	assertCalibrated(t, "DefaultInfoOpRate", DefaultInfoOpRate,
		float64(c.methodCount["disinformation"])/float64(c.incidents))
}

func TestCalibrationSeverity(t *testing.T) {
	c := loadDCIDCalibration(t)

	sum := 0.0
	for i, p := range DefaultSeverity {
		sum += p
		exact := float64(c.severityCount[i]) / float64(c.incidents)
		assertCalibrated(t, "DefaultSeverity["+strconv.Itoa(i)+"]", p, exact)
	}
	assert.InDelta(t, 1, sum, 1e-3, "DefaultSeverity sums to %v", sum)

	assertCalibrated(t, "DefaultSeverityMean", DefaultSeverityMean,
		float64(c.severitySum)/float64(c.incidents))

	counts := map[string][6]int{}
	for _, inc := range loadDCIDIncidents(t) {
		m := dcidModelMethod(inc)
		c := counts[m]
		c[inc.Severity-1]++
		counts[m] = c
		if inc.InfoOp {
			d := counts["disinformation"]
			d[inc.Severity-1]++
			counts["disinformation"] = d
		}
	}
	assert.Equal(t, counts, DefaultSeverityCountsByMethod, "DefaultSeverityCountsByMethod is DCID's count of each severity by method")

	keys := make([]string, 0, len(DefaultSeverityByMethod))
	for k := range DefaultSeverityByMethod {
		keys = append(keys, k)
	}
	assert.ElementsMatch(t, dcidModelMethods, keys)
	for _, m := range dcidModelMethods {
		exact := float64(c.severitySumBy[m]) / float64(c.methodCount[m])
		assertCalibrated(t, "DefaultSeverityByMethod["+m+"]", DefaultSeverityByMethod[m], exact)
	}
}

func TestCalibrationConcessionRate(t *testing.T) {
	c := loadDCIDCalibration(t)
	assert.Equal(t, 12, c.concessions)
	assertCalibrated(t, "DefaultConcessionRate", DefaultConcessionRate,
		float64(c.concessions)/float64(c.incidents))
}

func TestCalibrationTempo(t *testing.T) {
	c := loadDCIDCalibration(t)
	require.Equal(t, 52, c.dyads)
	require.Equal(t, 416, c.dyadYears)
	require.Len(t, c.dyadRates, c.dyads)

	assertCalibrated(t, "DefaultTempoPerYear", DefaultTempoPerYear,
		float64(c.incidents)/float64(c.dyadYears))
	assertCalibrated(t, "DefaultOperationTempoPerYear", DefaultOperationTempoPerYear,
		float64(c.operations)/float64(c.dyadYears))

	n := len(c.dyadRates)
	median := c.dyadRates[n/2]
	if n%2 == 0 {
		median = (c.dyadRates[n/2-1] + c.dyadRates[n/2]) / 2
	}
	assertCalibrated(t, "DefaultTempoPerYearMedian", DefaultTempoPerYearMedian, median)

	mean := 0.0
	for _, r := range c.dyadRates {
		mean += r
	}
	mean /= float64(n)
	assertCalibrated(t, "DefaultTempoPerYearMean", DefaultTempoPerYearMean, mean)
}

// TestDefaultTempoCountsTechnicalOperationsAsDCID checks that an attacker
// without a written tempo launches its technical (non-disinformation)
// operations at DCID 2.0's tempo of incidents, whatever its share of
// disinformation, and that a written tempo is kept.
func TestDefaultTempoCountsTechnicalOperationsAsDCID(t *testing.T) {
	base, err := BundledSource("ddos-election")
	require.NoError(t, err)
	for _, methods := range []string{"", `methods = { ddos = 1 }`, `methods = { ddos = 1, disinformation = 1 }`, `methods = { espionage = 3, disinformation = 1 }`} {
		src := string(base) + "\n[[attacker]]\nid = \"t-test\"\nkind = \"state\"\nsponsor = \"dravinia\"\n" + methods + "\n"
		sc, err := Load("tempo.toml", []byte(src), Options{})
		require.NoError(t, err, methods)
		for _, a := range sc.Attackers {
			if a.ID != "t-test" {
				continue
			}
			mix := a.Methods
			if len(mix) == 0 {
				mix = DefaultMethodMix
			}
			technical := a.Tempo.PerHour() * 365 * 24 * (1 - mix["disinformation"]/weightSum(mix))
			assert.InDelta(t, DefaultTempoPerYear, technical, 1e-9, "technical operations a year with %q", methods)
		}
	}
	sc, _, err := Open("ddos-election", Options{})
	require.NoError(t, err)
	r, _ := ParseRate("1/day")
	assert.Equal(t, r, sc.Attackers[slices.IndexFunc(sc.Attackers, func(a Attacker) bool { return a.ID == "pcf" })].Tempo, "a written tempo is kept")
}
