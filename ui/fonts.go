package ui

import (
	"bytes"
	"math"

	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"cpkrange/assets"
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
	f := &fonts{faces: map[faceKey]*text.GoTextFace{}, trunc: map[truncKey]string{}}
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

// width is the advance of s in a face.
func (f *fonts) width(kind fontKind, s string, px float64) float64 {
	return text.AdvanceAt(s, len(s), f.face(kind, px))
}

// measure returns a view.Measure for a font kind.
func (f *fonts) measure(kind fontKind) func(string, float64) float64 {
	return func(s string, px float64) float64 { return f.width(kind, s, px) }
}
