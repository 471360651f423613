// Entry point for `deno serve` (run.sh): the default export's fetch answers every request. Under
// --parallel each worker evaluates this module, so each has its own routes and pool (config.ts).
import { loadConfig } from "./config.ts";
import { errorResponse, HttpError } from "./http.ts";
import { routes } from "./routes.ts";

let config;
try {
  config = loadConfig();
} catch (err) {
  console.error(`deno: ${(err as Error).message}`);
  Deno.exit(1);
}
const table = await routes(config);
const knownPaths = new Set([...table.keys()].map((key) => key.slice(key.indexOf(" ") + 1)));

export default {
  async fetch(request) {
    const url = new URL(request.url);
    const handler = table.get(`${request.method} ${url.pathname}`);
    if (!handler) {
      return knownPaths.has(url.pathname)
        ? errorResponse(405, `${request.method} is not allowed on ${url.pathname}`)
        : errorResponse(404, `no route for ${request.method} ${url.pathname}`);
    }
    try {
      return await handler(request, url);
    } catch (err) {
      if (err instanceof HttpError) return errorResponse(err.status, err.message);
      console.error(err);
      return errorResponse(500, "internal server error");
    }
  },
  // Under --parallel only the first worker reports, and Deno prefixes its output with the worker's name.
  onListen(addr) {
    const { hostname, port } = addr as Deno.NetAddr; // deno serve listens on TCP
    console.log(`listening on http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}`);
  },
} satisfies Deno.ServeDefaultExport;
