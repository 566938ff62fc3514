package teams

import (
	"context"
	"crypto/subtle"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// The page, its script and its style sheet, embedded: a team's device
// fetches nothing from anywhere but this server.
//
//go:embed web
var web embed.FS

// Limits on what a page may send and hold. A vote is a few hundred bytes;
// a rationale at most agents.MaxRationale characters (up to 4 bytes each,
// escaped in JSON up to 6).
const (
	maxBody         = 4 << 10
	maxStreams      = 16 // open event streams per team: a few devices, and streams a dropped phone left half-open until the next write finds them gone
	keepAlive       = 15 * time.Second
	maxItemsPerPush = 500 // items per message, so that catching up streams in parts
)

var errRate = errors.New("too many votes: wait a few seconds")

func constantTimeEqual(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// Handler serves the teams' pages, their event streams and their votes.
// Every route but the static files needs a team's token; a request from
// another site (a page elsewhere posting to this one) is refused.
func (h *Hub) Handler() http.Handler {
	mux := http.NewServeMux()
	static, _ := fs.Sub(web, "web")
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	mux.HandleFunc("GET /t/{token}", h.page)
	mux.HandleFunc("GET /t/{token}/events", h.events)
	mux.HandleFunc("POST /t/{token}/vote", h.postVote)
	mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "cpkrange team server: open your team's link", http.StatusNotFound)
	})
	cop := http.NewCrossOriginProtection()
	return secure(cop.Handler(mux))
}

// secure sets the headers every answer carries: no framing, no sniffing,
// scripts and styles from this server only, and no Referer (the page's
// address holds the token).
func secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Referrer-Policy", "no-referrer")
		hd.Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

// team returns the request's team, answering 404 when its token is no
// team's.
func (h *Hub) team(w http.ResponseWriter, r *http.Request) *team {
	h.mu.Lock()
	t := h.find(r.PathValue("token"))
	h.mu.Unlock()
	if t == nil {
		http.Error(w, "no team has this link: ask the facilitator for yours", http.StatusNotFound)
	}
	return t
}

func (h *Hub) page(w http.ResponseWriter, r *http.Request) {
	if h.team(w, r) == nil {
		return
	}
	b, err := web.ReadFile("web/team.html")
	if err != nil {
		http.Error(w, "the page is missing from this build", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(b)
}

// voteRequest is what a page posts.
type voteRequest struct {
	Decision  string `json:"decision"`
	Option    int    `json:"option"`
	Rationale string `json:"rationale"`
}

func (h *Hub) postVote(w http.ResponseWriter, r *http.Request) {
	t := h.team(w, r)
	if t == nil {
		return
	}
	if ct, _, _ := strings.Cut(r.Header.Get("Content-Type"), ";"); strings.TrimSpace(ct) != "application/json" {
		jsonError(w, http.StatusUnsupportedMediaType, "send the vote as application/json")
		return
	}
	var v voteRequest
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			jsonError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("a vote is at most %d bytes", maxBody))
			return
		}
		jsonError(w, http.StatusBadRequest, "not a vote: want {\"decision\", \"option\", \"rationale\"}")
		return
	}
	if !utf8.ValidString(v.Rationale) || !utf8.ValidString(v.Decision) {
		jsonError(w, http.StatusBadRequest, "the text is not valid UTF-8")
		return
	}
	h.mu.Lock()
	err := h.vote(t, v.Decision, v.Option, v.Rationale)
	h.mu.Unlock()
	switch {
	case errors.Is(err, errRate):
		w.Header().Set("Retry-After", "2")
		jsonError(w, http.StatusTooManyRequests, err.Error())
	case err != nil:
		jsonError(w, http.StatusUnprocessableEntity, err.Error())
	default:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusAccepted)
		io.WriteString(w, `{"ok":true}`)
	}
}

func jsonError(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(map[string]string{"error": msg})
}

// lastSeen reads where a stream resumes: the Last-Event-ID an EventSource
// sends when it reconnects ("RUN.SEQ"), or ?after=RUN.SEQ.
func lastSeen(r *http.Request) (run, seq int) {
	s := r.Header.Get("Last-Event-ID")
	if s == "" {
		s = r.URL.Query().Get("after")
	}
	a, b, ok := strings.Cut(s, ".")
	if !ok || len(s) > 40 {
		return 0, 0
	}
	run, err1 := strconv.Atoi(a)
	seq, err2 := strconv.Atoi(b)
	if err1 != nil || err2 != nil || run < 0 || seq < 0 {
		return 0, 0
	}
	return run, seq
}

// events streams a team's page its items and view (server-sent events).
// Each item goes once, numbered; a stream that reconnects says the last
// number it has and gets everything after it, so nothing is lost however
// often a phone drops off the network. A restart of the run (a new run
// number) starts the list again.
func (h *Hub) events(w http.ResponseWriter, r *http.Request) {
	t := h.team(w, r)
	if t == nil {
		return
	}
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	wake := make(chan struct{}, 1)
	h.mu.Lock()
	if t.streams >= maxStreams {
		h.mu.Unlock()
		http.Error(w, fmt.Sprintf("this team has %d pages open already", maxStreams), http.StatusTooManyRequests)
		return
	}
	t.streams++
	h.wake[wake] = true
	h.mu.Unlock()
	defer func() {
		h.mu.Lock()
		t.streams--
		delete(h.wake, wake)
		h.mu.Unlock()
	}()

	hd := w.Header()
	hd.Set("Content-Type", "text/event-stream")
	hd.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	run, seq := lastSeen(r)
	sentVersion := -1
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	ctx := r.Context()
	for {
		h.mu.Lock()
		if run != h.run {
			run, seq = h.run, 0 // a new run: the page starts its list again
			fmt.Fprintf(w, "event: reset\ndata: %d\n\n", run)
		}
		var items []Item
		if seq < len(t.items) {
			items = t.items[seq:min(len(t.items), seq+maxItemsPerPush)]
		}
		var view []byte
		if h.version != sentVersion || len(items) > 0 {
			sentVersion = h.version
			view, _ = json.Marshal(h.view(t))
		}
		more := seq+len(items) < len(t.items)
		h.mu.Unlock()
		if len(items) > 0 {
			b, _ := json.Marshal(items)
			seq += len(items)
			fmt.Fprintf(w, "id: %d.%d\nevent: items\ndata: %s\n\n", run, seq, b)
		}
		if view != nil {
			fmt.Fprintf(w, "event: view\ndata: %s\n\n", view)
		}
		fl.Flush()
		if more {
			continue
		}
		select {
		case <-ctx.Done():
			return
		case <-wake:
		case <-tick.C:
			if _, err := io.WriteString(w, ": keep-alive\n\n"); err != nil {
				return
			}
			fl.Flush()
		}
	}
}

// Server is the running team server.
type Server struct {
	srv  *http.Server
	ln   net.Listener
	done chan error
	stop context.CancelFunc // ends the streams, which never go idle by themselves
	once sync.Once
	err  error
}

// Serve listens on addr ("127.0.0.1:0" for any free port) and serves the
// hub until Close. Errors of the server go to errlog with every token
// blanked out.
func (h *Hub) Serve(addr string, errlog io.Writer) (*Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("teams: %w", err)
	}
	base, stop := context.WithCancel(context.Background())
	s := &Server{ln: ln, done: make(chan error, 1), stop: stop, srv: &http.Server{
		Handler:           h.Handler(),
		BaseContext:       func(net.Listener) context.Context { return base },
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          log.New(redactor{w: errlog, secrets: h.tokens()}, "cpkrange teams: ", 0),
	}}
	go func() { s.done <- s.srv.Serve(ln) }()
	return s, nil
}

// Addr is the address the server listens on.
func (s *Server) Addr() net.Addr { return s.ln.Addr() }

// Close stops the server, ending every stream; closing it again does
// nothing.
func (s *Server) Close() error {
	s.once.Do(func() {
		s.stop()
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if s.err = s.srv.Shutdown(ctx); s.err != nil {
			s.err = s.srv.Close()
		}
		<-s.done
	})
	return s.err
}

// redactor blanks the tokens out of what it writes.
type redactor struct {
	w       io.Writer
	secrets []string
}

func (r redactor) Write(p []byte) (int, error) {
	s := string(p)
	for _, t := range r.secrets {
		s = strings.ReplaceAll(s, t, "[token]")
	}
	_, err := io.WriteString(r.w, s)
	return len(p), err
}

// Loopback reports whether addr (host:port) listens on this machine only.
func Loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// JoinBase is the address teams type or scan to reach a server listening
// on addr: the address itself on a named host, or, for a server open on
// every interface (0.0.0.0, ::), this machine's first address on the
// room's network.
func JoinBase(addr net.Addr) string {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return "http://" + addr.String()
	}
	ip := tcp.IP
	if ip.IsUnspecified() {
		ip = roomAddress()
	}
	return "http://" + net.JoinHostPort(ip.String(), strconv.Itoa(tcp.Port))
}

// roomAddress is this machine's first IPv4 address that is not loopback,
// or loopback when it has none.
func roomAddress() net.IP {
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && !n.IP.IsLoopback() && n.IP.To4() != nil {
			return n.IP
		}
	}
	return net.IPv4(127, 0, 0, 1)
}
