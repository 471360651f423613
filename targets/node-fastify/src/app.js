// Builds the Fastify instance: JSON errors, the JWT plugin, the PostgreSQL pool and the routes.
import Fastify from 'fastify'
import fastifyJwt from '@fastify/jwt'
import pg from 'pg'
import { httpError } from './http.js'
import basicRoutes from './routes/basic.js'
import orderRoutes from './routes/order.js'
import authRoutes from './routes/auth.js'
import dbRoutes from './routes/db.js'

export async function buildApp(config) {
  const app = Fastify({
    // No per-request logging (CONTRACT.md); errors that reach the handler are still printed.
    logger: false,
    bodyLimit: 1024 * 1024, // 1 MiB exactly is accepted, one byte more is 413
    // Fastify coerces "17" into 17 by default; the contract wants a wrong type to be a 400.
    ajv: { customOptions: { coerceTypes: false } }
  })

  // Only application/json bodies are accepted; without this, text/plain would be parsed and get a 400, not a 415.
  app.removeContentTypeParser('text/plain')

  app.setErrorHandler((err, request, reply) => {
    const known = err.statusCode >= 400 && err.statusCode < 600
    if (!known) console.error(err)
    reply.code(known ? err.statusCode : 500).send({ error: known ? err.message : 'internal server error' })
  })
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({ error: `no route for ${request.method} ${request.url}` })
  })

  await app.register(fastifyJwt, {
    secret: config.jwtSecret,
    verify: {
      algorithms: ['HS256'], // pinned: none, HS384, RS256... are refused whatever the signature
      requiredClaims: ['exp'], // fast-jwt only checks exp when present, so require it
      clockTolerance: 5000, // milliseconds in fast-jwt
      cache: false // fast-jwt's default, spelled out: every request verifies the signature
    }
  })
  // @fastify/jwt answers some failures with 400 or 500 (bad scheme, wrong alg, nbf); all are 401 here.
  app.decorate('authenticate', async (request) => {
    try {
      await request.jwtVerify()
    } catch (err) {
      throw httpError(401, err.message || 'invalid token')
    }
  })

  const pool = config.databaseUrl ? new pg.Pool({ connectionString: config.databaseUrl, max: config.poolSize }) : null
  if (pool) {
    // An idle connection dropped by the server emits 'error' on the pool; unhandled, it would kill the process.
    pool.on('error', (err) => console.error(`postgres: idle connection lost: ${err.message}`))
    app.addHook('onClose', () => pool.end())
  }

  await app.register(basicRoutes)
  await app.register(orderRoutes)
  await app.register(authRoutes)
  await app.register(dbRoutes, { pool })
  return app
}
