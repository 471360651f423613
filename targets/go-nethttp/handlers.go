package main

import (
	"cmp"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"time"
)

const maxBody = 1 << 20 // 1 MiB; exactly this many bytes is still accepted

func plaintext(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = io.WriteString(w, "Hello, World!")
}

func helloJSON(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, struct {
		Message string `json:"message"`
	}{"Hello, World!"})
}

// Pointers tell a missing (or null) field apart from a zero value: every field is required.
type orderIn struct {
	ID       *int64    `json:"id"`
	Customer *string   `json:"customer"`
	Items    *[]itemIn `json:"items"`
}

type itemIn struct {
	SKU       *string  `json:"sku"`
	Qty       *int64   `json:"qty"`
	UnitPrice *float64 `json:"unitPrice"`
}

type item struct {
	SKU       string  `json:"sku"`
	Qty       int64   `json:"qty"`
	UnitPrice float64 `json:"unitPrice"`
}

type orderOut struct {
	ID           int64   `json:"id"`
	Customer     string  `json:"customer"`
	Items        []item  `json:"items"`
	Total        float64 `json:"total"`
	ItemCount    int     `json:"itemCount"`
	MaxUnitPrice float64 `json:"maxUnitPrice"`
}

func processOrder(w http.ResponseWriter, r *http.Request) {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		writeError(w, http.StatusUnsupportedMediaType, "Content-Type must be application/json")
		return
	}
	// Read the whole body (not a streaming Decode) so the size limit applies to the body
	// itself, not to however much the decoder happened to read.
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			writeError(w, http.StatusRequestEntityTooLarge, "body larger than 1 MiB")
		} else {
			writeError(w, http.StatusBadRequest, "could not read body")
		}
		return
	}
	var in orderIn
	if err := json.Unmarshal(body, &in); err != nil { // malformed JSON, or a field of the wrong type
		writeError(w, http.StatusBadRequest, "invalid order: "+err.Error())
		return
	}
	out, msg := in.validate()
	if msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	for _, it := range out.Items { // input order, as the contract fixes the summation order
		out.Total += float64(it.Qty) * it.UnitPrice
		if it.UnitPrice > out.MaxUnitPrice || out.ItemCount == 0 {
			out.MaxUnitPrice = it.UnitPrice
		}
		out.ItemCount++
	}
	slices.SortStableFunc(out.Items, func(a, b item) int { return cmp.Compare(b.UnitPrice, a.UnitPrice) })
	writeJSON(w, http.StatusOK, out)
}

func (in *orderIn) validate() (orderOut, string) {
	if in.ID == nil || in.Customer == nil || in.Items == nil {
		return orderOut{}, "id, customer and items are required"
	}
	out := orderOut{ID: *in.ID, Customer: *in.Customer, Items: make([]item, 0, len(*in.Items))}
	for _, it := range *in.Items {
		if it.SKU == nil || it.Qty == nil || it.UnitPrice == nil {
			return orderOut{}, "every item needs sku, qty and unitPrice"
		}
		if *it.Qty < 0 {
			return orderOut{}, "qty must not be negative"
		}
		out.Items = append(out.Items, item{*it.SKU, *it.Qty, *it.UnitPrice})
	}
	return out, ""
}

// cpu counts and sums the primes below n with a sieve of Eratosthenes, fresh on every request.
func cpu(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.URL.Query().Get("n"))
	if err != nil || n < 1 || n > 10_000_000 {
		writeError(w, http.StatusBadRequest, "n must be an integer in 1..10000000")
		return
	}
	composite := make([]bool, n)
	count, sum := 0, int64(0)
	for i := 2; i < n; i++ {
		if composite[i] {
			continue
		}
		count++
		sum += int64(i)
		for j := i * i; j < n; j += i {
			composite[j] = true
		}
	}
	writeJSON(w, http.StatusOK, struct {
		N     int   `json:"n"`
		Count int   `json:"count"`
		Sum   int64 `json:"sum"`
	}{n, count, sum})
}

// simulatedIO parks the goroutine on a timer; the runtime's netpoller keeps the OS thread free.
func simulatedIO(w http.ResponseWriter, r *http.Request) {
	ms := clampedInt(r.URL.Query().Get("ms"), 0, 0, 10_000)
	t := time.NewTimer(time.Duration(ms) * time.Millisecond)
	defer t.Stop()
	select {
	case <-t.C:
	case <-r.Context().Done():
		return // client went away
	}
	writeJSON(w, http.StatusOK, struct {
		WaitedMs int `json:"waitedMs"`
	}{ms})
}

// clampedInt parses a query value: not an integer → def; otherwise clamped to lo..hi
// (an integer too large for int64 still counts as an integer and clamps).
func clampedInt(s string, def, lo, hi int) int {
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return def
	}
	return int(max(int64(lo), min(int64(hi), v)))
}

// writeJSON serialises v on every call and sets Content-Length, so responses are not chunked.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil { // only non-finite floats (e.g. a total that overflows) can fail
		writeError(w, http.StatusBadRequest, "result is not representable in JSON")
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, struct {
		Error string `json:"error"`
	}{msg})
}
