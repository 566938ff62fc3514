package agents

import "fmt"

// The model's vocabulary: each word a scenario may use (a method, a sector,
// a posture, a confidence-building measure, a norm, a force function, ...)
// is a value of a small enum type with one table that holds its name and
// what it does in the model. Code names the constants, so a misspelt word
// cannot compile; scenarios name the words, and vocab_test.go checks that
// the schema's `enum:` tags list exactly the names of these tables, so a
// word the model does not know is a positioned load error, never a silent
// no-op.

// words is the name table of one enum type T: names[x] is the word for x.
type words[T ~uint8 | ~int8] struct {
	what  string // what the words name, for String of an out-of-range value
	names []string
}

func (v words[T]) name(x T) string {
	if x >= 0 && int(x) < len(v.names) {
		return v.names[x]
	}
	return fmt.Sprintf("%s(%d)", v.what, x)
}

func (v words[T]) parse(s string) (T, bool) {
	for i, n := range v.names {
		if n == s {
			return T(i), true
		}
	}
	return 0, false
}

func (v words[T]) all() []T {
	out := make([]T, len(v.names))
	for i := range out {
		out[i] = T(i)
	}
	return out
}

// namesOf builds the name table of a spec table.
func namesOf[T ~uint8 | ~int8, S any](what string, specs []S, name func(S) string) words[T] {
	v := words[T]{what: what, names: make([]string, len(specs))}
	for i, s := range specs {
		v.names[i] = name(s)
	}
	return v
}

// ---- methods of attack ------------------------------------------------------

// Method is a method of attack.
type Method uint8

// The methods of attack, as DCID 2.0 groups cyber operations.
const (
	MethodDDoS Method = iota
	MethodDefacement
	MethodIntrusion
	MethodEspionage
	MethodWiper
	MethodRansomware
	MethodWorm
	MethodDisinformation
	numMethods
)

// effectKind is what a successful operation does to its target.
type effectKind uint8

const (
	effectNone   effectKind = iota // espionage: data taken, no service lost
	effectDamage                   // the asset degrades or goes down for a while
	effectWorm                     // a worm outbreak starts at the asset
	effectRumour                   // a rumour starts in the victim's population
)

// methodSpec is what a method does in the model.
type methodSpec struct {
	name string
	// ceiling is the highest rung an operation of the method can carry a
	// dispute to. Espionage and disinformation are not uses of force
	// (Tallinn Manual 2.0, rules 32 and 69): answered with protests and
	// sanctions. Disruption is answered in kind; only destruction (wipers,
	// ransomware, worms) can take states to armed conflict.
	ceiling Rung
	// weapon marks a cyber weapon whose use can leak it for reuse after the
	// conflict (the CPK paper's "aftermath containment").
	weapon bool
	// population: the target is a state's population, not an asset, and the
	// operation always gets through (there is no defence to beat).
	population bool
	// hosts: the target must be an asset with hosts to infect.
	hosts  bool
	effect effectKind
	// For effectDamage: the status left, the mean outage as a share of
	// model.attack.outage, and the share of the asset's restore time added
	// (destruction needs rebuilding), both scaled by severity/3.
	status       Status
	outageShare  float64
	restoreShare float64
}

var methodSpecs = [numMethods]methodSpec{
	MethodDDoS:           {name: "ddos", ceiling: RungRetaliation, effect: effectDamage, status: Degraded, outageShare: 0.5},
	MethodDefacement:     {name: "defacement", ceiling: RungRetaliation, effect: effectDamage, status: Degraded, outageShare: 0.5},
	MethodIntrusion:      {name: "intrusion", ceiling: RungRetaliation, effect: effectDamage, status: Degraded, outageShare: 1},
	MethodEspionage:      {name: "espionage", ceiling: RungSanctions, effect: effectNone},
	MethodWiper:          {name: "wiper", ceiling: RungArmed, weapon: true, effect: effectDamage, status: Down, outageShare: 1, restoreShare: 1},
	MethodRansomware:     {name: "ransomware", ceiling: RungArmed, weapon: true, effect: effectDamage, status: Down, outageShare: 1, restoreShare: 0.7},
	MethodWorm:           {name: "worm", ceiling: RungArmed, weapon: true, hosts: true, effect: effectWorm},
	MethodDisinformation: {name: "disinformation", ceiling: RungSanctions, population: true, effect: effectRumour},
}

var methodWords = namesOf[Method]("method", methodSpecs[:], func(s methodSpec) string { return s.name })

func (m Method) String() string { return methodWords.name(m) }

func (m Method) spec() *methodSpec { return &methodSpecs[m] }

// ParseMethod returns the Method named s.
func ParseMethod(s string) (Method, bool) { return methodWords.parse(s) }

// Methods returns every method in table order.
func Methods() []Method { return methodWords.all() }

// ---- the escalation ladder -------------------------------------------------

// Rung is a step of the per-dyad escalation ladder.
type Rung int8

// The escalation ladder, from no dispute to armed conflict.
const (
	RungNone Rung = iota
	RungProtest
	RungSanctions
	RungRetaliation
	RungArmed
	numRungs
)

// rungSpec is one rung. severity is the least severity (DCID scale) of an
// incident that can carry a dyad up to it: a state answers in proportion.
// On DCID 2.0's 429 incidents, 24 are of severity 5 or more.
type rungSpec struct {
	name     string
	severity int
}

var rungSpecs = [numRungs]rungSpec{
	RungNone:        {"none", 0},
	RungProtest:     {"protest", 1},
	RungSanctions:   {"sanctions", 2},
	RungRetaliation: {"retaliation", 3},
	RungArmed:       {"armed", 5},
}

var rungWords = namesOf[Rung]("rung", rungSpecs[:], func(s rungSpec) string { return s.name })

func (r Rung) String() string { return rungWords.name(r) }

func (r Rung) severity() int { return rungSpecs[r].severity }

// ParseRung returns the Rung whose String is s.
func ParseRung(s string) (Rung, bool) { return rungWords.parse(s) }

// ---- sectors ----------------------------------------------------------------

// Sector is a sector of critical infrastructure.
type Sector uint8

// The sectors assets belong to.
const (
	SectorEnergy Sector = iota
	SectorWater
	SectorFinance
	SectorTelecom
	SectorHealth
	SectorTransport
	SectorGovernment
	SectorMedia
	SectorMilitary
	numSectors
)

var sectorWords = words[Sector]{what: "sector", names: []string{
	SectorEnergy: "energy", SectorWater: "water", SectorFinance: "finance", SectorTelecom: "telecom",
	SectorHealth: "health", SectorTransport: "transport", SectorGovernment: "government",
	SectorMedia: "media", SectorMilitary: "military",
}}

func (s Sector) String() string { return sectorWords.name(s) }

// sectorNouns name what people lose when a sector's service is gone, for
// "people without power".
var sectorNouns = [numSectors]string{
	SectorEnergy: "power", SectorWater: "water", SectorFinance: "payments and banking",
	SectorTelecom: "phone and internet", SectorHealth: "health care", SectorTransport: "transport and fuel",
	SectorGovernment: "government services", SectorMedia: "news", SectorMilitary: "defence networks",
}

// criticalSector marks the sectors whose damage breaks UN GGE norm (f):
// infrastructure that provides services to the public. A state's military
// networks are not what the norm protects.
var criticalSector = [numSectors]bool{
	SectorEnergy: true, SectorWater: true, SectorFinance: true, SectorTelecom: true,
	SectorHealth: true, SectorTransport: true, SectorGovernment: true, SectorMedia: true,
}

// onlineSector marks the sectors whose service reaches people over networks
// a DDoS can saturate; power and water reach them through wires and pipes.
var onlineSector = [numSectors]bool{
	SectorFinance: true, SectorTelecom: true, SectorHealth: true, SectorTransport: true,
	SectorGovernment: true, SectorMedia: true, SectorMilitary: true,
}

// Noun names what people lose without the sector's service ("power").
func (s Sector) Noun() string { return sectorNouns[s] }

// ParseSector returns the Sector named s.
func ParseSector(s string) (Sector, bool) { return sectorWords.parse(s) }

// Sectors returns every sector in table order.
func Sectors() []Sector { return sectorWords.all() }

// ---- postures ---------------------------------------------------------------

// Posture is how readily a state answers an attack it blames on another.
type Posture uint8

// The postures a state can hold.
const (
	PostureRestraint Posture = iota
	PostureProportional
	PostureEscalatory
	numPostures
)

// postureSpec is what a posture does to a state's answers: factor multiplies
// its drive to climb the ladder; shift is added to the severity the
// proportionality rule asks of an incident before it climbs (restraint needs
// worse incidents, an escalatory state climbs on lesser ones). Both are
// judgement (docs/model.md, escalation).
type postureSpec struct {
	name   string
	factor float64
	shift  int
}

var postureSpecs = [numPostures]postureSpec{
	PostureRestraint:    {"restraint", 0.6, 1},
	PostureProportional: {"proportional", 1.0, 0},
	PostureEscalatory:   {"escalatory", 1.5, -1},
}

var postureWords = namesOf[Posture]("posture", postureSpecs[:], func(s postureSpec) string { return s.name })

func (p Posture) String() string { return postureWords.name(p) }

// ParsePosture returns the Posture named s.
func ParsePosture(s string) (Posture, bool) { return postureWords.parse(s) }

// ---- agreements -------------------------------------------------------------

// agreement is what a member state lets the force do on its territory.
type agreement uint8

const (
	agreeNone       agreement = iota // no monitoring, no operations inside
	agreeMonitoring                  // monitoring from outside only
	agreeFull                        // monitoring and protection inside
	numAgreements
)

var agreementWords = words[agreement]{what: "agreement", names: []string{
	agreeNone: "none", agreeMonitoring: "monitoring", agreeFull: "full",
}}

func (a agreement) String() string { return agreementWords.name(a) }

// ---- attacker kinds ---------------------------------------------------------

// attackerKind is what sort of group an attacker is.
type attackerKind uint8

const (
	kindStateGroup attackerKind = iota
	kindProxy
	kindCriminal
	kindHacktivist
	numAttackerKinds
)

// attackerKindSpec: misattribution scales the chance that a victim blames
// the wrong state for the group's operations: highest for proxies, whose
// point is deniability, lowest for a state's own units. The factors are
// judgement (docs/model.md, attribution).
type attackerKindSpec struct {
	name           string
	misattribution float64
}

var attackerKindSpecs = [numAttackerKinds]attackerKindSpec{
	kindStateGroup: {"state", 0.5},
	kindProxy:      {"proxy", 1},
	kindCriminal:   {"criminal", 0.6},
	kindHacktivist: {"hacktivist", 0.8},
}

var attackerKindWords = namesOf[attackerKind]("attacker kind", attackerKindSpecs[:], func(s attackerKindSpec) string { return s.name })

func (k attackerKind) String() string { return attackerKindWords.name(k) }

// ---- confidence-building measures -------------------------------------------

// CBM is one of the OSCE's sixteen cyber confidence-building measures
// (Permanent Council Decisions 1106, 2013, and 1202, 2016).
type CBM uint8

// The OSCE cyber CBMs, in the order of the decisions' numbering.
const (
	CBMNationalViews CBM = iota
	CBMInformationExchange
	CBMConsultations
	CBMOpenInternet
	CBMOSCEPlatform
	CBMLaws
	CBMStrategies
	CBMContactPoints
	CBMTerminology
	CBMOSCENetwork
	CBMExpertMeetings
	CBMWorkshops
	CBMHotline
	CBMPublicPrivate
	CBMCICooperation
	CBMVulnerabilityReporting
	numCBMs
)

// cbmGroup is how the model acts on a measure: a rule of its own, or the
// rule of its group (model.cbm).
type cbmGroup uint8

const (
	cbmNotModelled  cbmGroup = iota // refused by validation
	cbmOwn                          // a rule of its own (model says which)
	cbmTransparency                 // cuts misattribution: model.cbm.transparency
	cbmChannel                      // helps disputes calm: model.cbm.channel_calm
	cbmCooperation                  // raises both states' maturity: model.cbm.cooperation
	numCBMGroups
)

// cbmSpec is one measure: its OSCE number, its group and what it does in
// the model ("" for a measure the model does not act on: validation
// refuses it).
type cbmSpec struct {
	name  string
	osce  int
	group cbmGroup
	model string
}

var cbmSpecs = [numCBMs]cbmSpec{
	CBMNationalViews:          {"national-views", 1, cbmTransparency, "views on threats shared: misattribution between the two falls by model.cbm.transparency"},
	CBMInformationExchange:    {"information-exchange", 2, cbmTransparency, "national organisation shared: misattribution falls by model.cbm.transparency"},
	CBMConsultations:          {"consultations", 3, cbmOwn, "regular consultations halve how long tension lingers"},
	CBMOpenInternet:           {"open-internet", 4, cbmNotModelled, ""},
	CBMOSCEPlatform:           {"osce-platform", 5, cbmChannel, "the OSCE as a platform for dialogue: disputes calm model.cbm.channel_calm more a day"},
	CBMLaws:                   {"laws", 6, cbmTransparency, "national laws shared: misattribution falls by model.cbm.transparency"},
	CBMStrategies:             {"strategies", 7, cbmTransparency, "national strategies shared: misattribution falls by model.cbm.transparency"},
	CBMContactPoints:          {"contact-points", 8, cbmOwn, "nominated contact points cut misattribution between the two by 30%"},
	CBMTerminology:            {"terminology", 9, cbmTransparency, "a shared terminology: misattribution falls by model.cbm.transparency"},
	CBMOSCENetwork:            {"osce-network", 10, cbmChannel, "the OSCE communications network: disputes calm model.cbm.channel_calm more a day"},
	CBMExpertMeetings:         {"expert-meetings", 11, cbmChannel, "meetings of national experts: disputes calm model.cbm.channel_calm more a day"},
	CBMWorkshops:              {"workshops", 12, cbmCooperation, "joint workshops: both states gain model.cbm.cooperation maturity a year"},
	CBMHotline:                {"hotline", 13, cbmOwn, "a hotline damps the drive to climb (×0.8) and helps disputes calm (+0.05 a day)"},
	CBMPublicPrivate:          {"public-private", 14, cbmCooperation, "public-private partnership: both states gain model.cbm.cooperation maturity a year"},
	CBMCICooperation:          {"ci-cooperation", 15, cbmCooperation, "cooperation to protect critical infrastructure: both gain model.cbm.cooperation maturity a year"},
	CBMVulnerabilityReporting: {"vulnerability-reporting", 16, cbmCooperation, "responsible reporting of vulnerabilities: both gain model.cbm.cooperation maturity a year"},
}

// cbmCount counts the measures of group g a dyad holds.
func (d *dyad) cbmCount(g cbmGroup) int {
	n := 0
	for c, on := range d.cbms {
		if on && cbmSpecs[c].group == g {
			n++
		}
	}
	return n
}

var cbmWords = namesOf[CBM]("cbm", cbmSpecs[:], func(s cbmSpec) string { return s.name })

func (c CBM) String() string { return cbmWords.name(c) }

// ParseCBM returns the CBM named s.
func ParseCBM(s string) (CBM, bool) { return cbmWords.parse(s) }

// ---- norms ------------------------------------------------------------------

// Norm is one of the eleven voluntary norms of responsible state behaviour
// of the 2015 report of the UN Group of Governmental Experts (A/70/174,
// paragraph 13 (a)–(k)).
type Norm uint8

// The norms, by their letter in the report.
const (
	NormA Norm = iota
	NormB
	NormC
	NormD
	NormE
	NormF
	NormG
	NormH
	NormI
	NormJ
	NormK
	numNorms
)

// normSpec is one norm: its letter, a short paraphrase of the report, and
// what breaks it in the model ("" where the model has nothing that could:
// docs/model.md says why).
type normSpec struct {
	letter  string
	summary string
	broken  string
}

var normSpecs = [numNorms]normSpec{
	NormA: {"a", "cooperate to increase stability and security in the use of ICTs", ""},
	NormB: {"b", "consider all relevant information in case of ICT incidents", ""},
	NormC: {"c", "do not knowingly allow the territory to be used for wrongful acts using ICTs", "an operation of a group that is not the state's own unit (proxy, criminals, hacktivists) is correctly attributed to the state behind it"},
	NormD: {"d", "cooperate to exchange information and prosecute terrorist and criminal use of ICTs", ""},
	NormE: {"e", "respect human rights online", ""},
	NormF: {"f", "do not conduct or support ICT activity that damages critical infrastructure", "a successful operation on infrastructure that serves the public (any sector but military) is correctly attributed to the state behind it"},
	NormG: {"g", "protect critical infrastructure from ICT threats", ""},
	NormH: {"h", "respond to requests for assistance from states whose critical infrastructure is attacked", ""},
	NormI: {"i", "ensure the integrity of the supply chain and prevent the proliferation of malicious ICT tools and techniques", "another attacker reuses the tools that leaked from the state's own units: they proliferated"},
	NormJ: {"j", "report ICT vulnerabilities responsibly", ""},
	NormK: {"k", "do not harm emergency response teams", ""},
}

var normWords = namesOf[Norm]("norm", normSpecs[:], func(s normSpec) string { return s.letter })

func (n Norm) String() string { return normWords.name(n) }

// ---- naming ---------------------------------------------------------------

// naming is how a state names whom it blames for an attack (state.naming).
type naming uint8

const (
	namePublic  naming = iota // in public, at once
	namePrivate               // first in private, through the force's consultations
)

var namingWords = words[naming]{what: "naming", names: []string{namePublic: "public", namePrivate: "private"}}

// ---- social networks --------------------------------------------------------

// degrees is how a social network's contacts are spread over its people.
type degrees uint8

const (
	degreesHomogeneous degrees = iota // everyone has the mean: well mixed
	degreesScaleFree                  // P(k) ∝ k^-γ (network.exponent)
	numDegrees
)

var degreesWords = words[degrees]{what: "degrees", names: []string{
	degreesHomogeneous: "homogeneous", degreesScaleFree: "scale-free",
}}

// ---- effects of injects and decisions ---------------------------------------

// effect is what one effect of an inject or a decision does (`do = ...`);
// World.apply implements each.
type effect uint8

const (
	doAttack effect = iota
	doRumour
	doTension
	doTrust
	doEscalate
	doStage
	doPosture
	doAgreement
	doNaming
	doCBM
	doTempo
	doForce
	doNote
	doLeak
	doSafeLayer
	doPatch
	numEffects
)

var effectWords = words[effect]{what: "effect", names: []string{
	doAttack: "attack", doRumour: "rumour", doTension: "tension", doTrust: "trust",
	doEscalate: "escalate", doStage: "stage", doPosture: "posture", doAgreement: "agreement",
	doNaming: "naming", doCBM: "cbm", doTempo: "tempo", doForce: "force", doNote: "note", doLeak: "leak",
	doSafeLayer: "safe-layer", doPatch: "patch",
}}

func (e effect) String() string { return effectWords.name(e) }
