// Entry point: one Fastify server in this process. cluster.js runs this same file in each worker.
import cluster from 'node:cluster'
import { loadConfig } from './src/config.js'
import { buildApp } from './src/app.js'

let config
try {
  config = loadConfig()
} catch (err) {
  console.error(`node-fastify: ${err.message}`)
  process.exit(1)
}

const app = await buildApp(config)
try {
  await app.listen({ host: config.bind, port: config.port })
} catch (err) {
  console.error(`node-fastify: cannot listen on ${config.bind}:${config.port}: ${err.message}`)
  process.exit(1)
}
// In a cluster the primary prints the one line once every worker listens.
if (!cluster.isWorker) {
  const host = config.bind.includes(':') ? `[${config.bind}]` : config.bind
  console.log(`listening on http://${host}:${app.server.address().port}`)
}
