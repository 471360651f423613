// HTTP helpers shared by the routes.

// An error carrying its HTTP status; the app's error handler turns it into {"error": message}.
export function httpError(statusCode, message) {
  return Object.assign(new Error(message), { statusCode })
}

// Query-string integer as Go's strconv.Atoi / Rust's str::parse read it; anything else is null.
export function intParam(value) {
  return typeof value === 'string' && /^[+-]?\d+$/.test(value) ? Number(value) : null
}
