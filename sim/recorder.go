package sim

// Recorder receives what a model reports, one record at a time, in the order
// it happens. The event log, the metrics collectors and the live display are
// all recorders of the model's own record type R; the model never knows
// which are listening.
type Recorder[R any] interface {
	Record(r R)
}

// RecorderFunc adapts a function to a Recorder.
type RecorderFunc[R any] func(r R)

// Record calls f(r).
func (f RecorderFunc[R]) Record(r R) { f(r) }

// Tee is a Recorder that passes every record to each of its recorders in
// order.
type Tee[R any] []Recorder[R]

// Record passes r to every recorder of t.
func (t Tee[R]) Record(r R) {
	for _, rec := range t {
		rec.Record(r)
	}
}
