/**
 * Submissions per second the intake service accepts (server/main.ts in its own process, on
 * SQLite with WAL and synchronous FULL, a fresh data directory) beside a minimal Fastify
 * endpoint doing one durable better-sqlite3 insert per POST (bare-intake-endpoint.ts, in its
 * own process too): the same sender process (intake-client.ts), the same sealed bodies, 16 at
 * a time, the two taking turns in each round. The ratio is what the service's exactly-once
 * handling, opening and validation cost against the least a durable endpoint must do.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSetting, openService } from '../../server/service'
import { sealedBody, suspension } from '../../tests/server/intake-harness'
import { startServiceProcess } from '../../tests/server/service-process'
import { enrolDevicesDirectly } from './bench-devices'
import type { ClientResult, ClientRun, PreparedPost } from './intake-client'

const CONCURRENCY = 16
/** Per sender and round: within the service's 120 submissions per device per minute, as each round has devices of its own. */
const WARM_UP_PER_SENDER = 10
const TIMED_PER_SENDER = 100
const ROUNDS = 7

export interface IntakeThroughput {
  /** Medians over the rounds, submissions per second. */
  servicePerSecond: number
  barePerSecond: number
  /** The median of each round's service / bare: the two ran back to back, on the same machine load. */
  ratio: number
  rounds: number
  /** Every round's figures, to show the spread behind the medians. */
  each: { service: number; bare: number }[]
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** Runs a script with tsx in a process of its own; resolves with what it printed once a line matches `ready` (or once it exits, with no `ready`). */
function runScript(args: string[], ready?: RegExp): Promise<{ output: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  return new Promise((resolve, reject) => {
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk
      if (ready?.test(output)) resolve({ output, child })
    })
    child.stderr.on('data', (chunk: Buffer) => (output += chunk))
    child.on('exit', (code) => (code === 0 && !ready ? resolve({ output, child }) : reject(new Error(`${args[0]} exited (${code}):\n${output}`))))
  })
}

/** Stops a server process and waits for it to go, so its files can be removed. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
}

async function timedRun(url: string, file: string): Promise<number> {
  const run: ClientRun = { url, file, concurrency: CONCURRENCY, warmUp: WARM_UP_PER_SENDER * CONCURRENCY }
  const { output } = await runScript(['scripts/bench/intake-client.ts', JSON.stringify(run)])
  const result = JSON.parse(output.trim().split('\n').at(-1)!) as ClientResult
  return result.sent / (result.elapsedMs / 1000)
}

export async function intakeThroughput(): Promise<IntakeThroughput> {
  const folder = mkdtempSync(join(tmpdir(), 'bench-intake-'))
  const servers: ChildProcess[] = []
  try {
    // Devices enrolled straight into the store and bodies sealed beforehand, neither being
    // what is measured; each round has its own devices, so no device passes its rate limit.
    const serviceDir = join(folder, 'service')
    const { store, sealing } = await openService({ dataDir: serviceDir })
    const { setting } = await createSetting(store, { name: 'Bench School', urn: '111111', phase: 'primary' })
    const devices = await enrolDevicesDirectly(store, setting.id, sealing, CONCURRENCY * ROUNDS)
    await store.close()
    const files: string[] = []
    for (let round = 0; round < ROUNDS; round++) {
      const senders = devices.slice(round * CONCURRENCY, (round + 1) * CONCURRENCY)
      // Post n is sender n % CONCURRENCY's, which is how intake-client.ts deals them out.
      const posts: PreparedPost[] = await Promise.all(
        Array.from({ length: (WARM_UP_PER_SENDER + TIMED_PER_SENDER) * CONCURRENCY }, async (_, index) => {
          const device = senders[index % CONCURRENCY]!
          const key = crypto.randomUUID()
          return { token: device.token, key, body: await sealedBody(device, 'suspension', key, suspension()) }
        }),
      )
      files.push(join(folder, `round-${round}.json`))
      writeFileSync(files[round]!, JSON.stringify(posts))
    }

    const service = await startServiceProcess({ DATA_DIR: serviceDir, APP_DIR: join(folder, 'no-app'), RATE_LIMIT_PER_MINUTE: '1000000' })
    servers.push(service.child)
    const bareDir = join(folder, 'bare')
    mkdirSync(bareDir)
    const bare = await runScript(['scripts/bench/bare-intake-endpoint.ts', bareDir], /listening (http:\/\/\S+)/)
    servers.push(bare.child)
    const bareUrl = /listening (http:\/\/\S+)/.exec(bare.output)![1]!

    const each: IntakeThroughput['each'] = []
    for (const file of files) {
      // The two take turns, each round starting with the other, so neither always goes first.
      const order = each.length % 2 === 0 ? (['bare', 'service'] as const) : (['service', 'bare'] as const)
      const figures = { service: 0, bare: 0 }
      for (const which of order) figures[which] = await timedRun(which === 'bare' ? bareUrl : service.url, file)
      each.push(figures)
    }
    return {
      servicePerSecond: median(each.map((figures) => figures.service)),
      barePerSecond: median(each.map((figures) => figures.bare)),
      ratio: median(each.map((figures) => figures.service / figures.bare)),
      rounds: ROUNDS,
      each,
    }
  } finally {
    await Promise.all(servers.map(stop))
    rmSync(folder, { recursive: true, force: true })
  }
}
