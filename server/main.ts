import { buildApp } from './app'
import { readConfig } from './config'

let config
try {
  config = readConfig(process.env)
} catch (error) {
  console.error(`Cannot start the intake service: ${(error as Error).message}`)
  process.exit(1)
}

const app = await buildApp({
  appDir: config.appDir,
  behindTls: config.behindTls,
  logger: {
    level: config.logLevel,
    // Addresses can carry what people typed: log the method and path, never the query or body.
    serializers: {
      req: (request: { method: string; url: string }) => ({ method: request.method, path: request.url.split('?')[0] }),
    },
  },
})

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0))
  })
}

await app.listen({ port: config.port, host: config.host })
