package main

import (
	"context"
	"errors"
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"

	"github.com/jackc/pgx/v4"
	"github.com/jackc/pgx/v4/pgxpool"
)

// openPool configures the pool without connecting: the server starts (and /healthz answers 503)
// while the database is still unreachable. pgx's default statement cache prepares each query
// once per connection and then reuses the prepared statement.
func openPool(ctx context.Context, url string, size int) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, err
	}
	cfg.MaxConns = int32(size)
	cfg.LazyConnect = true
	return pgxpool.ConnectConfig(ctx, cfg)
}

type world struct {
	ID           int32 `json:"id"`
	RandomNumber int32 `json:"randomNumber"`
}

func (a *app) queryWorld(ctx context.Context, w *world) error {
	return a.db.QueryRow(ctx, "SELECT id, randomnumber FROM world WHERE id = $1", rand.IntN(10000)+1).
		Scan(&w.ID, &w.RandomNumber)
}

func (a *app) singleQuery(w http.ResponseWriter, r *http.Request) {
	if a.db == nil {
		dbUnavailable(w, nil)
		return
	}
	var row world
	if err := a.queryWorld(r.Context(), &row); err != nil {
		dbUnavailable(w, err)
		return
	}
	writeJSON(w, http.StatusOK, row)
}

func (a *app) multipleQueries(w http.ResponseWriter, r *http.Request) {
	if a.db == nil {
		dbUnavailable(w, nil)
		return
	}
	rows := make([]world, clampedInt(r.URL.Query().Get("n"), 1, 1, 500))
	for i := range rows { // one query after another, as the contract requires
		if err := a.queryWorld(r.Context(), &rows[i]); err != nil {
			dbUnavailable(w, err)
			return
		}
	}
	writeJSON(w, http.StatusOK, rows)
}

func (a *app) profile(w http.ResponseWriter, r *http.Request) {
	c, err := a.tokens.verify(r)
	if err != nil {
		writeError(w, http.StatusUnauthorized, "invalid token: "+err.Error())
		return
	}
	if a.db == nil {
		dbUnavailable(w, nil)
		return
	}
	id, err := strconv.ParseInt(c.Subject, 10, 32) // users.id is a 32-bit integer
	if err != nil {
		writeError(w, http.StatusNotFound, "no such user")
		return
	}
	var u struct {
		ID    int32  `json:"id"`
		Name  string `json:"name"`
		Email string `json:"email"`
	}
	err = a.db.QueryRow(r.Context(), "SELECT id, name, email FROM users WHERE id = $1", int32(id)).
		Scan(&u.ID, &u.Name, &u.Email)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		writeError(w, http.StatusNotFound, "no such user")
	case err != nil:
		dbUnavailable(w, err)
	default:
		writeJSON(w, http.StatusOK, u)
	}
}

func (a *app) healthz(w http.ResponseWriter, r *http.Request) {
	if a.db == nil {
		dbUnavailable(w, nil)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second) // a hung database is a failed check
	defer cancel()
	var one int
	if err := a.db.QueryRow(ctx, "SELECT 1").Scan(&one); err != nil {
		dbUnavailable(w, err)
		return
	}
	writeJSON(w, http.StatusOK, struct {
		Status string `json:"status"`
	}{"ok"})
}

// dbUnavailable answers 503: the queries are fixed and parameterised, so a failure means the
// database is not configured, unreachable or overloaded, not that the request was wrong.
func dbUnavailable(w http.ResponseWriter, err error) {
	msg := "database not configured"
	if err != nil {
		msg = "database unavailable"
	}
	writeError(w, http.StatusServiceUnavailable, msg)
}
