/**
 * Submissions per second over real HTTP with the service as it runs in production
 * (server/main.ts in its own process): SQLite with one instance, and PostgreSQL (a server of
 * the bench's own, Debian's PostgreSQL 15 with its durable defaults) with one and with two
 * instances on one database, the senders spread over the instances in turn.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomToken, sha256 } from '../../server/secrets'
import { createSetting, openService } from '../../server/service'
import { sealedBody, suspension, type EnrolledDevice } from '../../tests/server/intake-harness'
import { createDatabase, startPostgres } from '../../tests/server/postgres-server'

const SUBMISSIONS = 1600
const CONCURRENCY = 16

export interface InstancesFigure {
  label: string
  perSecond: number
}

function startInstance(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: '1000000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return new Promise((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`instance did not start:\n${output}`)), 30_000)
    const read = (chunk: Buffer) => {
      output += chunk
      const listening = /listening at (http:\/\/127\.0\.0\.1:\d+)/i.exec(output)
      if (listening) {
        clearTimeout(timer)
        resolve({ child, url: listening[1]! })
      }
    }
    child.stdout!.on('data', read)
    child.stderr!.on('data', read)
    child.on('exit', (code) => reject(new Error(`instance exited (${code}):\n${output}`)))
  })
}

async function measure(label: string, env: Record<string, string>, instances: number): Promise<InstancesFigure> {
  // Devices enrolled straight into the store, sealed beforehand: neither is what is measured.
  const { store, sealing } = await openService({ dataDir: env.DATA_DIR!, databaseUrl: env.DATABASE_URL })
  const { setting } = await createSetting(store, { name: 'Bench School', urn: '111111', phase: 'primary' })
  const devices: EnrolledDevice[] = await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      const token = randomToken()
      const codeHash = sha256(randomToken())
      await store.addEnrolmentCode(setting.id, codeHash, '2999-01-01T00:00:00.000Z', new Date().toISOString())
      await store.redeemEnrolmentCode(codeHash, { id: crypto.randomUUID(), tokenHash: sha256(token) }, new Date().toISOString())
      return { token, sealingKey: sealing.publicJwk }
    }),
  )
  await store.close()
  const queues = await Promise.all(
    devices.map((device) =>
      Promise.all(
        Array.from({ length: SUBMISSIONS / CONCURRENCY }, async () => {
          const key = crypto.randomUUID()
          return { device, key, body: await sealedBody(device, 'suspension', key, suspension()) }
        }),
      ),
    ),
  )
  const running: { child: ChildProcess; url: string }[] = []
  for (let index = 0; index < instances; index++) running.push(await startInstance(env))
  try {
    const started = performance.now()
    await Promise.all(
      queues.map(async (queue, sender) => {
        // Each sender to an instance in turn, as a load balancer spreads connections.
        const url = running[sender % running.length]!.url
        for (const { device, key, body } of queue) {
          const response = await fetch(`${url}/api/submissions`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${device.token}`, 'Idempotency-Key': key },
            body,
          })
          if (response.status !== 201) throw new Error(`submission refused: ${response.status} ${await response.text()}`)
          await response.arrayBuffer()
        }
      }),
    )
    return { label, perSecond: SUBMISSIONS / ((performance.now() - started) / 1000) }
  } finally {
    for (const { child } of running) child.kill('SIGTERM')
  }
}

export async function intakeInstances(): Promise<InstancesFigure[]> {
  const folder = mkdtempSync(join(tmpdir(), 'bench-instances-'))
  const postgres = await startPostgres()
  try {
    return [
      await measure('SQLite, 1 instance', { DATA_DIR: join(folder, 'sqlite') }, 1),
      await measure('PostgreSQL, 1 instance', { DATA_DIR: join(folder, 'pg-1'), DATABASE_URL: await createDatabase(postgres.url) }, 1),
      await measure('PostgreSQL, 2 instances', { DATA_DIR: join(folder, 'pg-2'), DATABASE_URL: await createDatabase(postgres.url) }, 2),
    ]
  } finally {
    await postgres.stop()
    rmSync(folder, { recursive: true, force: true })
  }
}
