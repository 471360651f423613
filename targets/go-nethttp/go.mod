module bench/targets/go-nethttp

go 1.22

// Versions match Debian trixie's packaged sources (the offline GOPATH build uses those), so
// both build paths compile the same library code. go.sum is written by `go mod tidy` on a
// machine that reaches the Go module proxy (see README).
require (
	github.com/golang-jwt/jwt/v5 v5.2.2
	github.com/jackc/pgx/v4 v4.18.1
)
