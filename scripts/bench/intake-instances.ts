/**
 * Submissions per second over real HTTP with the service as it runs in production
 * (server/main.ts in its own process): SQLite with one instance, and PostgreSQL (a server of
 * the bench's own, Debian's PostgreSQL 15 with its durable defaults) with one and with two
 * instances on one database, the senders spread over the instances in turn.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSetting, openService } from '../../server/service'
import { sealedBody, suspension } from '../../tests/server/intake-harness'
import { createDatabase, startPostgres } from '../../tests/server/postgres-server'
import { startServiceProcess, type ServiceProcess } from '../../tests/server/service-process'
import { enrolDevicesDirectly } from './bench-devices'

const SUBMISSIONS = 1600
const CONCURRENCY = 16

export interface InstancesFigure {
  label: string
  perSecond: number
}

async function measure(label: string, env: Record<string, string>, instances: number): Promise<InstancesFigure> {
  // Devices enrolled straight into the store, sealed beforehand: neither is what is measured.
  const { store, sealing } = await openService({ dataDir: env.DATA_DIR!, databaseUrl: env.DATABASE_URL })
  const { setting } = await createSetting(store, { name: 'Bench School', urn: '111111', phase: 'primary' })
  const devices = await enrolDevicesDirectly(store, setting.id, sealing, CONCURRENCY)
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
  const running: ServiceProcess[] = []
  for (let index = 0; index < instances; index++) running.push(await startServiceProcess({ ...env, RATE_LIMIT_PER_MINUTE: '1000000' }, `instance ${index + 1}`))
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
