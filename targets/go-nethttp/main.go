// GOPATH-mode builds (build.sh's offline path) have no go.mod, so the go command applies
// Go 1.16's GODEBUG defaults; these keep the Go 1.22 HTTP behaviour the module build gets
// (method patterns such as "GET /json" in ServeMux, strict Content-Length parsing).
//go:debug httpmuxgo121=0
//go:debug httplaxcontentlength=0

// Command go-nethttp is the net/http reference target of the bench contract (targets/CONTRACT.md).
package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"syscall"
	"time"

	"github.com/jackc/pgx/v4/pgxpool"
)

type app struct {
	db     *pgxpool.Pool // nil when DATABASE_URL is not set
	tokens *tokenVerifier
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "go-nethttp:", err)
		os.Exit(1)
	}
}

func run() error {
	secret := os.Getenv("JWT_SECRET")
	if secret == "" {
		return errors.New("JWT_SECRET is required")
	}
	if w := os.Getenv("WORKERS"); w != "" {
		n, err := strconv.Atoi(w)
		if err != nil || n < 1 {
			return fmt.Errorf("WORKERS must be a positive integer, got %q", w)
		}
		runtime.GOMAXPROCS(n)
	}
	poolSize, err := envInt("DB_POOL_SIZE", 16)
	if err != nil {
		return err
	}
	port, err := envInt("PORT", 8080)
	if err != nil {
		return err
	}
	bind := os.Getenv("BIND")
	if bind == "" {
		bind = "127.0.0.1"
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	a := &app{tokens: newTokenVerifier([]byte(secret))}
	if url := os.Getenv("DATABASE_URL"); url != "" {
		if a.db, err = openPool(ctx, url, poolSize); err != nil {
			return err
		}
		defer a.db.Close()
	}

	srv := &http.Server{
		Handler: a.routes(),
		// Production timeouts: slow clients cannot hold connections forever. WriteTimeout leaves
		// room for /io's 10 s wait and a 500-query /queries under load.
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
	addr := net.JoinHostPort(bind, strconv.Itoa(port))
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	fmt.Printf("listening on http://%s\n", addr)

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return srv.Shutdown(shutdownCtx)
	}
}

func (a *app) routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /plaintext", plaintext)
	mux.HandleFunc("GET /json", helloJSON)
	mux.HandleFunc("POST /json/process", processOrder)
	mux.HandleFunc("GET /jwt", a.jwt)
	mux.HandleFunc("GET /db", a.singleQuery)
	mux.HandleFunc("GET /queries", a.multipleQueries)
	mux.HandleFunc("GET /profile", a.profile)
	mux.HandleFunc("GET /cpu", cpu)
	mux.HandleFunc("GET /io", simulatedIO)
	mux.HandleFunc("GET /healthz", a.healthz)
	return mux
}

func envInt(name string, def int) (int, error) {
	s := os.Getenv(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("%s must be a positive integer, got %q", name, s)
	}
	return n, nil
}
