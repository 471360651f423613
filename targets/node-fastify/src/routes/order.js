// POST /json/process: Fastify validates the order against its JSON schema (wrong shape → 400)
// and serialises the answer with fast-json-stringify in the field order of the response schema.
const item = {
  type: 'object',
  required: ['sku', 'qty', 'unitPrice'],
  properties: {
    sku: { type: 'string' },
    qty: { type: 'integer', minimum: 0 },
    unitPrice: { type: 'number' }
  }
}

const order = {
  type: 'object',
  required: ['id', 'customer', 'items'],
  properties: {
    id: { type: 'integer' },
    customer: { type: 'string' },
    items: { type: 'array', items: item }
  }
}

const processedOrder = {
  type: 'object',
  properties: {
    ...order.properties,
    total: { type: 'number' },
    itemCount: { type: 'integer' },
    maxUnitPrice: { type: 'number' }
  }
}

export default async function orderRoutes(app) {
  app.post('/json/process', {
    schema: { body: order, response: { 200: processedOrder } }
  }, async (request) => {
    const { id, customer, items } = request.body
    let total = 0
    for (const { qty, unitPrice } of items) total += qty * unitPrice // input order, no rounding
    const sorted = items.toSorted((a, b) => b.unitPrice - a.unitPrice) // stable since V8 7.0
    return {
      id,
      customer,
      items: sorted,
      total,
      itemCount: items.length,
      maxUnitPrice: sorted.length > 0 ? sorted[0].unitPrice : 0
    }
  })
}
