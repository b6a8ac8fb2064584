import type { FastifyInstance } from 'fastify'
import { buildApp, type AppOptions } from '../../server/app'

export interface RunningServer {
  app: FastifyInstance
  url: string
  close(): Promise<void>
}

/** The real intake service on a free loopback port. */
export async function startServer(options: AppOptions = {}): Promise<RunningServer> {
  const app = await buildApp(options)
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  return {
    app,
    url: address,
    // A test that stops reading a response must not hold the next test up.
    close: async () => {
      app.server.closeAllConnections()
      await app.close()
    },
  }
}
