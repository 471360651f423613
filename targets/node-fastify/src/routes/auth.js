// GET /jwt: the verified claims, verified again on every request by the authenticate hook.
export default async function authRoutes(app) {
  app.get('/jwt', {
    onRequest: [app.authenticate],
    schema: {
      response: {
        200: {
          type: 'object',
          properties: {
            sub: { type: 'string' },
            name: { type: 'string' },
            iat: { type: 'number' },
            exp: { type: 'number' }
          }
        }
      }
    }
  }, async (request) => request.user)
}
