// Reads the environment described in targets/CONTRACT.md; a bad value stops the start-up.
import { availableParallelism } from "node:os";

export interface Config {
  bind: string;
  port: number;
  databaseUrl: string | null;
  poolSize: number;
  jwtSecret: string;
  workers: number;
}

function positiveInt(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new Error(`${name} must be a positive integer, got '${raw}'`);
  return Number(raw);
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  if (!env.JWT_SECRET) throw new Error("JWT_SECRET is required");
  return {
    bind: env.BIND || "127.0.0.1",
    port: env.PORT === "0" ? 0 : positiveInt(env, "PORT", 8080),
    databaseUrl: env.DATABASE_URL || null,
    poolSize: positiveInt(env, "DB_POOL_SIZE", 16),
    jwtSecret: env.JWT_SECRET,
    // availableParallelism() honours the CPU affinity mask (taskset), not just the machine's core count.
    workers: positiveInt(env, "WORKERS", availableParallelism()),
  };
}

export function listenUrl(bind: string, port: number): string {
  return `http://${bind.includes(":") ? `[${bind}]` : bind}:${port}`;
}
