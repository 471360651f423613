// The routes on Bun.serve's own router. Handlers throw HttpError for the contract's failures; the
// server's error callback turns any throw into a JSON error. Responses are built per request
// (Response.json serialises every time); Bun adds Date and Content-Length itself.
import type { Serve } from "bun";
import { tokenVerifier } from "./auth";
import type { Config } from "./config";
import { Database } from "./db";
import { HttpError, clamp, errorResponse, intParam } from "./http";
import { parseOrder, processOrder, readLimitedText } from "./order";
import { MAX_SIEVE, sievePrimes } from "./primes";

const MAX_QUERIES = 500;
const MAX_WAIT_MS = 10_000;
const INT4_MAX = 2 ** 31 - 1;

export async function serveOptions(config: Config, db: Database | null): Promise<Serve.Options<undefined>> {
  const verify = await tokenVerifier(config.jwtSecret);
  // Without DATABASE_URL the database routes answer 503 (CONTRACT.md).
  const database = (): Database => {
    if (!db) throw new HttpError(503, "DATABASE_URL is not configured");
    return db;
  };
  const query = (request: Request) => new URL(request.url).searchParams;

  return {
    hostname: config.bind,
    port: config.port,
    // Several processes may listen on one port (SO_REUSEPORT); the kernel spreads connections between them.
    reusePort: true,
    // maxRequestBodySize stays at Bun's default (128 MiB): below it the order route answers an oversized
    // body with the contract's JSON 413 without reading it (src/order.ts); Bun's own 413 has no body.
    routes: {
      "/plaintext": { GET: () => new Response("Hello, World!", { headers: { "content-type": "text/plain; charset=utf-8" } }) },
      "/json": { GET: () => Response.json({ message: "Hello, World!" }) },
      "/json/process": {
        POST: async (request) => {
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
        },
      },
      "/jwt": {
        GET: async (request) => {
          const { sub, name, iat, exp } = await verify(request);
          return Response.json({ sub, name, iat, exp });
        },
      },
      "/db": { GET: async () => Response.json(await database().randomWorld()) },
      "/queries": {
        GET: async (request) => {
          // TechEmpower's rule: clamp to 1..500, anything that is not an integer counts as 1.
          const n = clamp(intParam(query(request).get("n")) ?? 1, 1, MAX_QUERIES);
          const worlds = [];
          for (let i = 0; i < n; i++) worlds.push(await database().randomWorld()); // one after another
          return Response.json(worlds);
        },
      },
      "/profile": {
        GET: async (request) => {
          const { sub } = await verify(request);
          const db = database();
          // users.id is an int4: a larger or non-decimal sub cannot name a user.
          const id = typeof sub === "string" && /^\d{1,10}$/.test(sub) ? Number(sub) : NaN;
          if (!(id <= INT4_MAX)) throw new HttpError(404, "no such user");
          const user = await db.user(id);
          if (!user) throw new HttpError(404, "no such user");
          return Response.json({ id: user.id, name: user.name, email: user.email });
        },
      },
      "/cpu": {
        GET: (request) => {
          const n = intParam(query(request).get("n"));
          if (n === null || n < 1 || n > MAX_SIEVE) throw new HttpError(400, `n must be an integer in 1..${MAX_SIEVE}`);
          return Response.json({ n, ...sievePrimes(n) });
        },
      },
      "/io": {
        GET: async (request) => {
          const ms = clamp(intParam(query(request).get("ms")) ?? 0, 0, MAX_WAIT_MS);
          await Bun.sleep(ms); // a timer: the event loop keeps serving meanwhile
          return Response.json({ waitedMs: ms });
        },
      },
      "/healthz": {
        GET: async () => {
          await database().ping();
          return Response.json({ status: "ok" });
        },
      },
    },
    // Anything the router does not match, including a known path with another method.
    fetch: (request) => errorResponse(404, `no route for ${request.method} ${new URL(request.url).pathname}`),
    error(err) {
      if (err instanceof HttpError) return errorResponse(err.status, err.message);
      console.error(err);
      return errorResponse(500, "internal server error");
    },
  };
}
