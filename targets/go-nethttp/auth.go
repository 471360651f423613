package main

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

type claims struct {
	Name string `json:"name"`
	jwt.RegisteredClaims
}

// tokenVerifier checks every token in full on every request; nothing is cached.
type tokenVerifier struct {
	parser *jwt.Parser
	key    []byte
}

func newTokenVerifier(key []byte) *tokenVerifier {
	return &tokenVerifier{
		key: key,
		parser: jwt.NewParser(
			jwt.WithValidMethods([]string{"HS256"}), // pinned: "none", HS384, RS256... are refused
			jwt.WithExpirationRequired(),            // exp must be present (nbf is checked when present)
			jwt.WithLeeway(5*time.Second),           // the contract's maximum clock skew
		),
	}
}

func (v *tokenVerifier) verify(r *http.Request) (*claims, error) {
	h := r.Header.Get("Authorization")
	if len(h) < 7 || !strings.EqualFold(h[:7], "Bearer ") { // the scheme is case-insensitive (RFC 9110)
		return nil, errors.New("missing bearer token")
	}
	var c claims
	if _, err := v.parser.ParseWithClaims(h[7:], &c, func(*jwt.Token) (any, error) { return v.key, nil }); err != nil {
		return nil, err
	}
	return &c, nil
}

func (a *app) jwt(w http.ResponseWriter, r *http.Request) {
	c, err := a.tokens.verify(r)
	if err != nil {
		writeError(w, http.StatusUnauthorized, "invalid token: "+err.Error())
		return
	}
	var iat int64
	if c.IssuedAt != nil {
		iat = c.IssuedAt.Unix()
	}
	writeJSON(w, http.StatusOK, struct {
		Sub  string `json:"sub"`
		Name string `json:"name"`
		Iat  int64  `json:"iat"`
		Exp  int64  `json:"exp"`
	}{c.Subject, c.Name, iat, c.ExpiresAt.Unix()})
}
