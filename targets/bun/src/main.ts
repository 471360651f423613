// Entry point. WORKERS = 1: one Bun.serve in this process. WORKERS > 1: Bun's documented way to use
// several cores, WORKERS processes of this same file each listening with reusePort (the kernel spreads
// connections between them); this process only starts, watches and stops them.
import { listenUrl, loadConfig, type Config } from "./config";
import { Database } from "./db";
import { serveOptions } from "./app";
import { spawnWorkers } from "./workers";

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  console.error(`bun: ${(err as Error).message}`);
  process.exit(1);
}

const isWorker = process.env.BENCH_BUN_WORKER !== undefined;
if (config.workers > 1 && !isWorker) {
  spawnWorkers(config);
} else {
  const db = config.databaseUrl ? new Database(config.databaseUrl, config.poolSize) : null;
  let server;
  try {
    server = Bun.serve(await serveOptions(config, db));
  } catch (err) {
    console.error(`bun: cannot listen on ${config.bind}:${config.port}: ${(err as Error).message}`);
    process.exit(1);
  }
  if (isWorker) process.send?.("listening");
  else console.log(`listening on ${listenUrl(config.bind, server.port!)}`);

  const stop = async () => {
    await server.stop();
    await db?.close();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
