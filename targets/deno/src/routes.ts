// The contract's routes as a table of "METHOD /path" → handler, the way a plain Deno.serve service
// routes without a framework. Handlers throw HttpError for the contract's failures.
import { tokenVerifier } from "./auth.ts";
import type { Config } from "./config.ts";
import { Database } from "./db.ts";
import { HttpError, clamp, intParam } from "./http.ts";
import { parseOrder, processOrder, readLimitedText } from "./order.ts";
import { MAX_SIEVE, sievePrimes } from "./primes.ts";

const MAX_QUERIES = 500;
const MAX_WAIT_MS = 10_000;
const INT4_MAX = 2 ** 31 - 1;

export type Handler = (request: Request, url: URL) => Response | Promise<Response>;

export async function routes(config: Config): Promise<Map<string, Handler>> {
  const verify = await tokenVerifier(config.jwtSecret);
  const db = config.databaseUrl ? new Database(config.databaseUrl, config.poolSize) : null;
  // Without DATABASE_URL the database routes answer 503 (CONTRACT.md).
  const database = (): Database => {
    if (!db) throw new HttpError(503, "DATABASE_URL is not configured");
    return db;
  };

  return new Map<string, Handler>([
    ["GET /plaintext", () => new Response("Hello, World!", { headers: { "content-type": "text/plain; charset=utf-8" } })],
    ["GET /json", () => Response.json({ message: "Hello, World!" })],
    ["POST /json/process", async (request) => {
      const type = request.headers.get("content-type")?.split(";")[0].trim().toLowerCase();
      if (type !== "application/json") throw new HttpError(415, "Content-Type must be application/json");
      const text = await readLimitedText(request);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch (err) {
        throw new HttpError(400, `invalid JSON: ${(err as Error).message}`);
      }
      return Response.json(processOrder(parseOrder(body)));
    }],
    ["GET /jwt", async (request) => {
      const { sub, name, iat, exp } = await verify(request);
      return Response.json({ sub, name, iat, exp });
    }],
    ["GET /db", async () => Response.json(await database().randomWorld())],
    ["GET /queries", async (_request, url) => {
      // TechEmpower's rule: clamp to 1..500, anything that is not an integer counts as 1.
      const n = clamp(intParam(url.searchParams.get("n")) ?? 1, 1, MAX_QUERIES);
      const worlds = [];
      for (let i = 0; i < n; i++) worlds.push(await database().randomWorld()); // one after another
      return Response.json(worlds);
    }],
    ["GET /profile", async (request) => {
      const { sub } = await verify(request);
      const db = database();
      // users.id is an int4: a larger or non-decimal sub cannot name a user.
      const id = typeof sub === "string" && /^\d{1,10}$/.test(sub) ? Number(sub) : NaN;
      if (!(id <= INT4_MAX)) throw new HttpError(404, "no such user");
      const user = await db.user(id);
      if (!user) throw new HttpError(404, "no such user");
      return Response.json({ id: user.id, name: user.name, email: user.email });
    }],
    ["GET /cpu", (_request, url) => {
      const n = intParam(url.searchParams.get("n"));
      if (n === null || n < 1 || n > MAX_SIEVE) throw new HttpError(400, `n must be an integer in 1..${MAX_SIEVE}`);
      return Response.json({ n, ...sievePrimes(n) });
    }],
    ["GET /io", async (_request, url) => {
      const ms = clamp(intParam(url.searchParams.get("ms")) ?? 0, 0, MAX_WAIT_MS);
      await new Promise((resolve) => setTimeout(resolve, ms)); // a timer: the event loop keeps serving meanwhile
      return Response.json({ waitedMs: ms });
    }],
    ["GET /healthz", async () => {
      await database().ping();
      return Response.json({ status: "ok" });
    }],
  ]);
}
