import { buildApp } from './app'
import { readConfig, type ServerConfig } from './config'
import type { ContentSource } from './content-source'
import { openContent, openService, prepareFirstStart } from './service'
import { applyRetention, RETENTION_INTERVAL_MS } from './workspace/retention'

let config: ServerConfig
try {
  config = readConfig(process.env)
} catch (error) {
  console.error(`Cannot start the intake service: ${(error as Error).message}`)
  process.exit(1)
}

const { store, sealing } = await openService(config)
// One instance owns a SQLite file: a claim still in progress died with the last process.
// On PostgreSQL other instances may be working on their claims right now, so none is freed
// at start-up: a claim left by an instance that died is taken over when its lease runs out.
if (!config.databaseUrl) await store.releaseAllInProgressClaims()
for (const line of await prepareFirstStart(store, config.admin)) console.log(line)
let content: ContentSource | undefined

const app = await buildApp({
  appDir: config.appDir,
  behindTls: config.behindTls,
  trustProxy: config.trustProxy,
  workspaceIdleMinutes: config.workspaceIdleMinutes,
  rateLimitPerMinute: config.rateLimitPerMinute,
  // buildApp logs each request by its route's pattern, never its address (request-log.ts).
  logger: { level: config.logLevel },
  store,
  sealing,
  content: () => content!.current(),
})
content = await openContent(config, store, app.log)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => store.close()).then(() => process.exit(0))
  })
}

// Records closed longer than the retention period go at start and every 6 hours; the timer never keeps the process alive.
const retain = () =>
  applyRetention(store, new Date()).then(
    (deleted) => deleted.length > 0 && app.log.info({ deleted: deleted.length }, 'records deleted under retention'),
    (error: Error) => app.log.error({ err: { type: error.name } }, 'retention failed'),
  )
await retain()
setInterval(() => void retain(), RETENTION_INTERVAL_MS).unref()

await app.listen({ port: config.port, host: config.host })
