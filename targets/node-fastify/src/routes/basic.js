// Routes that touch neither the database nor the JWT: plaintext, JSON, CPU and timer work.
import { setTimeout as sleep } from 'node:timers/promises'
import { httpError, intParam } from '../http.js'

const MAX_SIEVE = 10_000_000
const MAX_WAIT_MS = 10_000

// Primes below n with a sieve of Eratosthenes; a fresh array per call, nothing is cached.
function sievePrimes(n) {
  const composite = new Uint8Array(n)
  let count = 0
  let sum = 0 // below 10^7 the sum is about 3.2e12, exact in a double
  for (let i = 2; i < n; i++) {
    if (composite[i]) continue
    count++
    sum += i
    for (let j = i * i; j < n; j += i) composite[j] = 1
  }
  return { count, sum }
}

export default async function basicRoutes(app) {
  app.get('/plaintext', async (request, reply) => {
    reply.type('text/plain; charset=utf-8')
    return 'Hello, World!'
  })

  // The response schema makes fast-json-stringify serialise the object on each request.
  app.get('/json', {
    schema: { response: { 200: { type: 'object', properties: { message: { type: 'string' } } } } }
  }, async () => ({ message: 'Hello, World!' }))

  app.get('/cpu', {
    schema: {
      response: {
        200: {
          type: 'object',
          properties: { n: { type: 'integer' }, count: { type: 'integer' }, sum: { type: 'integer' } }
        }
      }
    }
  }, async (request) => {
    const n = intParam(request.query.n)
    if (n === null || n < 1 || n > MAX_SIEVE) throw httpError(400, `n must be an integer in 1..${MAX_SIEVE}`)
    return { n, ...sievePrimes(n) }
  })

  app.get('/io', {
    schema: { response: { 200: { type: 'object', properties: { waitedMs: { type: 'integer' } } } } }
  }, async (request) => {
    const ms = Math.min(Math.max(intParam(request.query.ms) ?? 0, 0), MAX_WAIT_MS)
    await sleep(ms) // a libuv timer: the event loop keeps serving meanwhile
    return { waitedMs: ms }
  })
}
