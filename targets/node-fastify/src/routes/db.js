// Routes backed by PostgreSQL. Queries are parameterised and left to node-postgres' default:
// an unnamed statement per query (parse/bind/execute each time), no client-side statement cache.
import { httpError, intParam } from '../http.js'

const WORLD_BY_ID = 'SELECT id, randomnumber FROM world WHERE id = $1'
const USER_BY_ID = 'SELECT id, name, email FROM users WHERE id = $1'
const MAX_QUERIES = 500
const INT4_MAX = 2 ** 31 - 1

const world = { type: 'object', properties: { id: { type: 'integer' }, randomNumber: { type: 'integer' } } }

const randomId = () => 1 + Math.floor(Math.random() * 10_000)

async function randomWorld(pool) {
  const { rows } = await pool.query(WORLD_BY_ID, [randomId()])
  return { id: rows[0].id, randomNumber: rows[0].randomnumber }
}

export default async function dbRoutes(app, { pool }) {
  // Without DATABASE_URL every route here answers 503 (CONTRACT.md).
  app.addHook('onRequest', async () => {
    if (!pool) throw httpError(503, 'DATABASE_URL is not configured')
  })

  app.get('/db', { schema: { response: { 200: world } } }, () => randomWorld(pool))

  app.get('/queries', { schema: { response: { 200: { type: 'array', items: world } } } }, async (request) => {
    // TechEmpower's rule: clamp to 1..500, anything that is not an integer counts as 1.
    const n = Math.min(Math.max(intParam(request.query.n) ?? 1, 1), MAX_QUERIES)
    const worlds = []
    for (let i = 0; i < n; i++) worlds.push(await randomWorld(pool)) // one after another, as the contract says
    return worlds
  })

  app.get('/profile', {
    onRequest: [app.authenticate],
    schema: {
      response: {
        200: {
          type: 'object',
          properties: { id: { type: 'integer' }, name: { type: 'string' }, email: { type: 'string' } }
        }
      }
    }
  }, async (request) => {
    const { sub } = request.user
    // Outside int4 PostgreSQL would reject the parameter; such a user cannot exist anyway.
    const id = typeof sub === 'string' && /^\d{1,10}$/.test(sub) ? Number(sub) : NaN
    if (!(id <= INT4_MAX)) throw httpError(404, 'no such user')
    const { rows } = await pool.query(USER_BY_ID, [id])
    if (rows.length === 0) throw httpError(404, 'no such user')
    return rows[0]
  })

  app.get('/healthz', {
    schema: { response: { 200: { type: 'object', properties: { status: { type: 'string' } } } } }
  }, async () => {
    try {
      await pool.query('SELECT 1')
    } catch (err) {
      throw httpError(503, `database unavailable: ${err.message}`)
    }
    return { status: 'ok' }
  })
}
