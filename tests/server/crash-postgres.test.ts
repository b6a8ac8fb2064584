import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, request, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { enrol, sealedBody, suspension, type EnrolledDevice } from './intake-harness'
import { createDatabase, startPostgres, type PostgresServer } from './postgres-server'
import { killServiceProcess, startServiceProcess, type ServiceProcess } from './service-process'

// Two instances of the service as it runs in production (server/main.ts) on one PostgreSQL
// database, behind a round-robin proxy. Instances are killed with SIGKILL and restarted at
// random while a device resends its queue with the same keys and bytes, as the app's outbox
// does; once, the database server is killed too.

const SUBMISSIONS = 200
let database: PostgresServer
let databaseUrl: string
const dataDir = mkdtempSync(join(tmpdir(), 'crash-pg-'))

beforeAll(async () => {
  // A server of this file's own: it is killed, and others' tests must not notice.
  database = await startPostgres()
}, 60_000)
// Each test has a database of its own: its first instance makes the demo setting and prints its code.
beforeEach(async () => {
  databaseUrl = await createDatabase(database.url)
})
afterAll(async () => {
  await database.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

type Instance = ServiceProcess

// Each instance has a folder of its own: nothing they share may live in one.
const startInstance = (name: string) =>
  startServiceProcess({ DATABASE_URL: databaseUrl, DATA_DIR: join(dataDir, name), APP_DIR: join(dataDir, 'no-app') }, `instance ${name}`)
const kill = killServiceProcess

/** A load balancer in front: each request to the next instance in turn; 502 when that one is down. */
function roundRobinProxy(backends: () => Instance[]): Promise<{ server: Server; url: string }> {
  let next = 0
  const server = createServer((incoming, outgoing) => {
    const targets = backends()
    const target = targets[next++ % targets.length]!
    const forward = request(
      { host: '127.0.0.1', port: target.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(outgoing)
      },
    )
    forward.on('error', () => {
      if (!outgoing.headersSent) outgoing.writeHead(502).end()
      else outgoing.destroy()
    })
    incoming.pipe(forward)
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` })))
}

async function storedKeys(): Promise<Map<string, number>> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{ key: string; copies: string }>('SELECT idempotency_key AS key, COUNT(*) AS copies FROM submissions GROUP BY idempotency_key')
    return new Map(rows.map((row) => [row.key, Number(row.copies)]))
  } finally {
    await client.end()
  }
}

const send = (url: string, device: EnrolledDevice, key: string, body: string) =>
  fetch(`${url}/api/submissions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${device.token}`, 'Idempotency-Key': key },
    body,
  })

describe('several instances on PostgreSQL', () => {
  it('stores one submission when the same key reaches two instances at the same moment', { timeout: 90_000 }, async () => {
    const [a, b] = [await startInstance('same-key-a'), await startInstance('same-key-b')]
    try {
      const code = /Enrol a device with this code \(valid \d+ days\): ([\w-]+)/.exec(a.output + b.output)![1]!
      const device = await enrol(`http://127.0.0.1:${a.port}`, code)
      for (let attempt = 0; attempt < 20; attempt++) {
        const key = crypto.randomUUID()
        const body = await sealedBody(device, 'suspension', key, suspension(`Twin ${attempt}`))
        const answers = await Promise.all([a, b].map((instance) => send(`http://127.0.0.1:${instance.port}`, device, key, body)))
        const statuses = answers.map((answer) => answer.status).sort()
        // One stores it; the other is told it is in progress (409) or, if the first has finished, replays its answer.
        const replayed = answers.filter((answer) => answer.headers.get('idempotent-replayed') === 'true').length
        expect(statuses[0] === 201 && (statuses[1] === 409 || (statuses[1] === 201 && replayed === 1)), `attempt ${attempt}: ${statuses}`).toBe(true)
      }
      const stored = await storedKeys()
      expect([...stored.values()].every((copies) => copies === 1)).toBe(true)
      expect(stored.size).toBe(20)
    } finally {
      await Promise.all([kill(a), kill(b)])
    }
  })

  it('stores every submission exactly once, and keeps every acknowledged one, while instances and the database die', { timeout: 240_000 }, async () => {
    const instances: Instance[] = [await startInstance('one'), await startInstance('two')]
    const proxy = await roundRobinProxy(() => instances)
    const code = /Enrol a device with this code \(valid \d+ days\): ([\w-]+)/.exec(instances.map((instance) => instance.output).join(''))
    // The demo setting was made once, by whichever instance started first: the other printed no code.
    expect(code).not.toBeNull()
    const device = await enrol(proxy.url, code![1]!)
    const queue = await Promise.all(
      Array.from({ length: SUBMISSIONS }, async (_, index) => {
        const key = crypto.randomUUID()
        return { key, body: await sealedBody(device, 'suspension', key, suspension(`Pupil ${index}`)) }
      }),
    )
    const acknowledged = new Set<string>()
    let kills = 0
    let refused = 0
    let stopped = false

    // The killer: every 150 to 600 ms one instance, chosen at random, dies and is started again.
    const killer = (async () => {
      while (!stopped) {
        await new Promise((resolve) => setTimeout(resolve, 150 + Math.random() * 450))
        if (stopped) break
        const index = Math.floor(Math.random() * instances.length)
        await kill(instances[index]!)
        kills++
        instances[index] = await startInstance(`${index === 0 ? 'one' : 'two'}-${kills}`)
      }
    })()

    let databaseKilled = false
    const giveUpAt = Date.now() + 150_000
    while (acknowledged.size < SUBMISSIONS && Date.now() < giveUpAt) {
      const before = acknowledged.size
      const waiting = queue.filter(({ key }) => !acknowledged.has(key))
      for (let start = 0; start < waiting.length; start += 4) {
        await Promise.all(
          waiting.slice(start, start + 4).map(async ({ key, body }) => {
            try {
              if ((await send(proxy.url, device, key, body)).status === 201) acknowledged.add(key)
              else refused++
            } catch {
              // The connection died with an instance: not acknowledged, so it is sent again.
              refused++
            }
          }),
        )
        // The service can be fast enough to send the whole queue between two kills: at a third
        // and at two thirds of it, sending holds until the next kill has landed, so that at
        // least two land while the queue is being sent.
        const killsDue = Math.min(2, Math.floor(acknowledged.size / (SUBMISSIONS / 3)))
        while (kills < killsDue) await new Promise((resolve) => setTimeout(resolve, 50))
        // Once, halfway: the database server dies too, and comes back.
        if (!databaseKilled && acknowledged.size >= SUBMISSIONS / 2) {
          databaseKilled = true
          const acknowledgedBefore = new Set(acknowledged)
          await database.crash()
          await database.restart()
          const stored = await storedKeys()
          for (const key of acknowledgedBefore) expect(stored.has(key), `acknowledged ${key} lost with the database server`).toBe(true)
        }
      }
      // Nothing went through this pass (a claim left by a killed instance is "in progress"
      // until its 30-second lease ends): wait a second before the next, as the outbox backs off.
      if (acknowledged.size === before) await new Promise((resolve) => setTimeout(resolve, 1000))
    }
    stopped = true
    await killer
    await Promise.all(instances.map(kill))
    proxy.server.close()

    // The kills landed while the queue was being sent (sends failed and were sent again):
    // otherwise this test would prove nothing.
    expect(kills).toBeGreaterThanOrEqual(2)
    expect(refused).toBeGreaterThan(0)
    expect(databaseKilled).toBe(true)
    expect(acknowledged.size).toBe(SUBMISSIONS)
    const stored = await storedKeys()
    expect(stored.size).toBe(SUBMISSIONS)
    for (const { key } of queue) expect(stored.get(key), key).toBe(1)
  })
})
