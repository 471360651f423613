// Node's multi-core answer: node:cluster forks WORKERS processes that each run server.js and share
// the listening socket (the primary accepts and hands connections round-robin; it serves nothing).
// DB_POOL_SIZE is the whole target's budget, so each worker gets its share of it.
import cluster from 'node:cluster'
import { fileURLToPath } from 'node:url'
import { loadConfig } from './src/config.js'

let config
try {
  config = loadConfig()
} catch (err) {
  console.error(`node-fastify-cluster: ${err.message}`)
  process.exit(1)
}

// floor(size / workers), plus one for the first (size % workers) workers: the shares add up to
// DB_POOL_SIZE exactly and none exceeds ceil(DB_POOL_SIZE / WORKERS). Every worker needs at least one.
const { workers, poolSize } = config
const shares = Array.from({ length: workers }, (_, i) =>
  Math.max(1, Math.floor(poolSize / workers) + (i < poolSize % workers ? 1 : 0)))

cluster.setupPrimary({ exec: fileURLToPath(new URL('./server.js', import.meta.url)) })

let listening = 0
let announced = false
let stopping = false

// Stops every worker and exits once they are gone, so the port is free when the primary has exited.
function stop(code) {
  if (stopping) return
  stopping = true
  process.exitCode = code
  for (const worker of Object.values(cluster.workers)) worker.process.kill('SIGTERM')
}
process.on('SIGTERM', () => stop(0))
process.on('SIGINT', () => stop(0))

function fork(index) {
  const worker = cluster.fork({ DB_POOL_SIZE: String(shares[index]) })
  let served = false
  worker.once('listening', () => {
    served = true
    if (++listening === workers && !announced) {
      announced = true
      const host = config.bind.includes(':') ? `[${config.bind}]` : config.bind
      console.log(`listening on http://${host}:${config.port}`)
    }
  })
  worker.once('exit', (code, signal) => {
    if (stopping) return
    // A worker that never listened failed at start-up (bad config, port taken): give up instead of looping.
    if (!served) {
      console.error(`node-fastify-cluster: worker ${index} failed to start (${signal ?? code})`)
      return stop(1)
    }
    console.error(`node-fastify-cluster: worker ${index} died (${signal ?? code}), starting a new one`)
    listening--
    fork(index)
  })
}
for (let i = 0; i < workers; i++) fork(i)
