// Response helpers: every error is {"error": "..."} as JSON (CONTRACT.md).

export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export const errorResponse = (status: number, message: string) => Response.json({ error: message }, { status });

// Query-string integer as Go's strconv.Atoi reads it; anything else is null.
export function intParam(value: string | null): number | null {
  return value !== null && /^[+-]?\d+$/.test(value) ? Number(value) : null;
}

export const clamp = (value: number, lo: number, hi: number) => Math.min(Math.max(value, lo), hi);
