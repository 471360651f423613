// Reads the environment described in targets/CONTRACT.md; a bad value stops the start-up.
// BIND, PORT and WORKERS are read by run.sh, which hands them to `deno serve` as --host, --port and
// DENO_JOBS; this module reads what the server code itself needs.

export interface Config {
  databaseUrl: string | null;
  poolSize: number;
  jwtSecret: string;
}

function positiveInt(name: string, fallback: number): number {
  const raw = Deno.env.get(name);
  if (raw === undefined || raw === "") return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new Error(`${name} must be a positive integer, got '${raw}'`);
  return Number(raw);
}

export function loadConfig(): Config {
  const jwtSecret = Deno.env.get("JWT_SECRET");
  if (!jwtSecret) throw new Error("JWT_SECRET is required");
  // `deno serve --parallel` evaluates this module once per worker (DENO_JOBS of them, run.sh sets it
  // from WORKERS), each with its own pool, and a worker cannot learn its index: each takes
  // floor(DB_POOL_SIZE / workers), at least 1, so together they hold at most DB_POOL_SIZE.
  const workers = positiveInt("DENO_JOBS", 1);
  return {
    databaseUrl: Deno.env.get("DATABASE_URL") || null,
    poolSize: Math.max(1, Math.floor(positiveInt("DB_POOL_SIZE", 16) / workers)),
    jwtSecret,
  };
}
