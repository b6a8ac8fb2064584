/**
 * The yardstick for the intake service's throughput, run as a process of its own (tsx
 * scripts/bench/bare-intake-endpoint.ts <data dir>): a minimal Fastify endpoint that does one
 * durable better-sqlite3 insert per POST, each its own transaction, with the service's
 * settings (WAL, synchronous FULL), and answers 201. No authentication, idempotency, opening
 * or validation: what is left is HTTP, JSON and one durable commit per request.
 * Prints "listening <url>" once it listens; stops on SIGTERM.
 */
import { join } from 'node:path'
import Database from 'better-sqlite3'
import Fastify from 'fastify'

const db = new Database(join(process.argv[2]!, 'bare.sqlite'))
db.pragma('journal_mode = WAL')
db.pragma('synchronous = FULL')
db.exec('CREATE TABLE IF NOT EXISTS submissions (id INTEGER PRIMARY KEY, idempotency_key TEXT NOT NULL UNIQUE, body TEXT NOT NULL, received_at TEXT NOT NULL)')
const insert = db.prepare('INSERT INTO submissions (idempotency_key, body, received_at) VALUES (?, ?, ?)')

const app = Fastify({ bodyLimit: 1024 * 1024 })
app.post('/api/submissions', async (request, reply) => {
  const receivedAt = new Date().toISOString()
  const { lastInsertRowid } = insert.run(String(request.headers['idempotency-key']), JSON.stringify(request.body), receivedAt)
  return reply.code(201).send({ id: Number(lastInsertRowid), receivedAt })
})

const url = await app.listen({ port: 0, host: '127.0.0.1' })
console.log(`listening ${url}`)
process.once('SIGTERM', () => {
  void app.close().then(() => {
    db.close()
    process.exit(0)
  })
})
