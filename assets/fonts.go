package assets

import _ "embed"

// Fonts, as TrueType bytes. Regular is for running text, Bold for headings
// and numbers, Mono for the feed's time column (digits that do not jump).
var (
	//go:embed fonts/Go-Regular.ttf
	Regular []byte
	//go:embed fonts/Go-Bold.ttf
	Bold []byte
	//go:embed fonts/Go-Mono.ttf
	Mono []byte
)
