package ui

import (
	"bytes"
	"math"

	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"cpkrange/assets"
	"cpkrange/ui/internal/view"
)

// fontKind picks one of the embedded fonts.
type fontKind uint8

const (
	regular fontKind = iota
	bold
	mono
)

// fonts holds the font sources and a face per kind and size.
type fonts struct {
	src   [3]*text.GoTextFaceSource
	faces map[faceKey]*text.GoTextFace
	trunc map[truncKey]string
	adv   map[advKey]float64 // widths measured, so that a frame measures only what changed
}

type advKey struct {
	s    string
	face faceKey
}

type faceKey struct {
	kind fontKind
	size float64
}

type truncKey struct {
	s    string
	w    float64
	face faceKey
}

func newFonts() (*fonts, error) {
	f := &fonts{faces: map[faceKey]*text.GoTextFace{}, trunc: map[truncKey]string{}, adv: map[advKey]float64{}}
	for i, b := range [][]byte{assets.Regular, assets.Bold, assets.Mono} {
		s, err := text.NewGoTextFaceSource(bytes.NewReader(b))
		if err != nil {
			return nil, err
		}
		f.src[i] = s
	}
	return f, nil
}

// face returns the face of a kind at size px (rounded to a quarter pixel so
// that the cache stays small).
func (f *fonts) face(kind fontKind, px float64) *text.GoTextFace {
	k := faceKey{kind, math.Max(4, math.Round(px*4)/4)}
	if fc, ok := f.faces[k]; ok {
		return fc
	}
	fc := &text.GoTextFace{Source: f.src[kind], Size: k.size}
	f.faces[k] = fc
	return fc
}

// width is the advance of s in a face, of its first view.MaxShaped runes
// at most (no line of any screen holds more), measured once.
func (f *fonts) width(kind fontKind, s string, px float64) float64 {
	s, _ = view.Clip(s, view.MaxShaped)
	fc := f.face(kind, px)
	k := advKey{s, faceKey{kind, fc.Size}}
	if w, ok := f.adv[k]; ok {
		return w
	}
	w := text.AdvanceAt(s, len(s), fc)
	if len(f.adv) > 20000 {
		clear(f.adv)
	}
	f.adv[k] = w
	return w
}

// measure returns a view.Measure for a font kind.
func (f *fonts) measure(kind fontKind) func(string, float64) float64 {
	return func(s string, px float64) float64 { return f.width(kind, s, px) }
}
