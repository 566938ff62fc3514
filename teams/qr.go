package teams

import (
	"fmt"
	"image"
	"io"

	qrcode "github.com/skip2/go-qrcode"
)

// QR returns a team's join address as a QR code of size × size pixels, for
// the projector.
func QR(url string, size int) (image.Image, error) {
	q, err := qrcode.New(url, qrcode.Medium)
	if err != nil {
		return nil, fmt.Errorf("teams: QR code: %w", err)
	}
	q.DisableBorder = false
	return q.Image(size), nil
}

// PrintLinks writes each team's join address, and its QR code in text, to
// w (the facilitator's console): base is "http://HOST:PORT".
func (h *Hub) PrintLinks(w io.Writer, base string, codes bool) error {
	for _, l := range h.Links() {
		fmt.Fprintf(w, "%-24s %s%s\n", l.Name, base, l.Path)
		if !codes {
			continue
		}
		q, err := qrcode.New(base+l.Path, qrcode.Low)
		if err != nil {
			return fmt.Errorf("teams: QR code: %w", err)
		}
		fmt.Fprint(w, q.ToSmallString(false))
	}
	return nil
}
