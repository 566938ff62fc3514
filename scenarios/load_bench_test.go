package scenarios

import "testing"

// BenchmarkLoad loads the default scenario: parse, decode, defaults,
// validation and the check of each of its variants.
func BenchmarkLoad(b *testing.B) {
	data, err := BundledSource(Default)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(Default, data, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCloneSetValidate is what a batch run does per sweep point.
func BenchmarkCloneSetValidate(b *testing.B) {
	s, _, err := Open(Default, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		c := s.Clone()
		if err := c.SetValue("model.attack.steepness", 7.0); err != nil {
			b.Fatal(err)
		}
		if ds := Validate(c, nil); len(ds) > 0 {
			b.Fatal(ds)
		}
	}
}
