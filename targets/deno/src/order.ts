// POST /json/process: the order is checked field by field (wrong shape → 400), then serialised again
// with the items sorted by unitPrice descending and three computed fields.
import { HttpError } from "./http.ts";

const MAX_BODY = 1024 * 1024; // 1 MiB exactly is accepted, one byte more is 413

interface Item { sku: string; qty: number; unitPrice: number }
interface Order { id: number; customer: string; items: Item[] }

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

// Builds the typed order from parsed JSON; unknown fields are dropped, as a typed decoder would.
export function parseOrder(body: unknown): Order {
  if (!isObject(body)) throw new HttpError(400, "the order must be a JSON object");
  const { id, customer, items } = body;
  if (!Number.isSafeInteger(id)) throw new HttpError(400, "id must be an integer");
  if (typeof customer !== "string") throw new HttpError(400, "customer must be a string");
  if (!Array.isArray(items)) throw new HttpError(400, "items must be an array");
  return {
    id: id as number,
    customer,
    items: items.map((item) => {
      if (!isObject(item)) throw new HttpError(400, "every item must be an object");
      const { sku, qty, unitPrice } = item;
      if (typeof sku !== "string") throw new HttpError(400, "sku must be a string");
      if (!Number.isSafeInteger(qty) || (qty as number) < 0) throw new HttpError(400, "qty must be an integer ≥ 0");
      if (typeof unitPrice !== "number") throw new HttpError(400, "unitPrice must be a number");
      return { sku, qty: qty as number, unitPrice };
    }),
  };
}

export function processOrder({ id, customer, items }: Order) {
  let total = 0;
  for (const { qty, unitPrice } of items) total += qty * unitPrice; // input order, no rounding
  const sorted = items.toSorted((a, b) => b.unitPrice - a.unitPrice); // Array.prototype.sort is stable
  return { id, customer, items: sorted, total, itemCount: items.length, maxUnitPrice: sorted.length > 0 ? sorted[0].unitPrice : 0 };
}

// Reads the body within the limit: a declared Content-Length over it is refused before reading (the
// server holds the body to that length), and a chunked body is counted as it arrives, so neither form
// can make the server buffer more than 1 MiB.
export async function readLimitedText(request: Request): Promise<string> {
  const declared = request.headers.get("content-length");
  if (declared !== null) {
    if (Number(declared) > MAX_BODY) throw new HttpError(413, "body larger than 1 MiB");
    return request.text();
  }
  if (!request.body) return "";
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  for await (const chunk of request.body) {
    size += chunk.byteLength;
    if (size > MAX_BODY) throw new HttpError(413, "body larger than 1 MiB");
    chunks.push(chunk);
  }
  return new Blob(chunks).text();
}
