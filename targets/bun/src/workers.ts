// The multi-process mode of main.ts: WORKERS copies of this program, each its own Bun.serve with
// reusePort on the same port. DB_POOL_SIZE is the whole target's budget, so each worker gets its share.
import type { Subprocess } from "bun";
import { listenUrl, type Config } from "./config";

// floor(size / workers), plus one for the first (size % workers) workers: the shares add up to
// DB_POOL_SIZE exactly and none exceeds ceil(DB_POOL_SIZE / WORKERS). Every worker needs at least one.
export function poolShares(poolSize: number, workers: number): number[] {
  return Array.from({ length: workers }, (_, i) => Math.max(1, Math.floor(poolSize / workers) + (i < poolSize % workers ? 1 : 0)));
}

export function spawnWorkers(config: Config): void {
  const shares = poolShares(config.poolSize, config.workers);
  const children: (Subprocess | undefined)[] = [];
  let listening = 0;
  let stopping = false;

  // Stops every worker and exits once they are gone, so the port is free when this process has exited.
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    const alive = children.filter((c): c is Subprocess => c !== undefined);
    for (const child of alive) child.kill("SIGTERM");
    await Promise.all(alive.map((c) => c.exited));
    process.exit(code);
  };
  process.on("SIGTERM", () => stop(0));
  process.on("SIGINT", () => stop(0));

  const start = (index: number) => {
    let served = false;
    children[index] = Bun.spawn([process.execPath, Bun.main], {
      env: { ...process.env, BENCH_BUN_WORKER: String(index), DB_POOL_SIZE: String(shares[index]) },
      stdio: ["ignore", "inherit", "inherit"],
      ipc(message) {
        if (message !== "listening" || served) return;
        served = true;
        if (++listening === config.workers) console.log(`listening on ${listenUrl(config.bind, config.port)}`);
      },
      onExit(_child, code, signal) {
        if (stopping) return;
        // A worker that never listened failed at start-up (bad config, port taken): give up instead of looping.
        if (!served) {
          console.error(`bun: worker ${index} failed to start (${signal ?? code})`);
          void stop(1);
          return;
        }
        console.error(`bun: worker ${index} died (${signal ?? code}), starting a new one`);
        listening--;
        start(index);
      },
    });
  };
  for (let i = 0; i < config.workers; i++) start(i);
}
