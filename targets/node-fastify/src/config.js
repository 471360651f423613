// Reads the environment described in targets/CONTRACT.md; bad values stop the start-up.
import { availableParallelism } from 'node:os'

function positiveInt(env, name, fallback) {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new Error(`${name} must be a positive integer, got '${raw}'`)
  return Number(raw)
}

export function loadConfig(env = process.env) {
  if (!env.JWT_SECRET) throw new Error('JWT_SECRET is required')
  return {
    bind: env.BIND || '127.0.0.1',
    port: env.PORT === '0' ? 0 : positiveInt(env, 'PORT', 8080),
    databaseUrl: env.DATABASE_URL || null,
    poolSize: positiveInt(env, 'DB_POOL_SIZE', 16),
    jwtSecret: env.JWT_SECRET,
    // availableParallelism() honours the CPU affinity mask (taskset), not just the machine's core count.
    workers: positiveInt(env, 'WORKERS', availableParallelism())
  }
}
