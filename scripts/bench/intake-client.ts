/**
 * The bench's sender, run as a process of its own (tsx scripts/bench/intake-client.ts) so the
 * server it measures has the machine's other core to itself, as with real devices: it sends
 * the prepared POSTs in a file to a URL, `concurrency` at a time, the first `warmUp` untimed
 * (both ends' JIT, connections opened), and prints the timed part's elapsed milliseconds as
 * one JSON line. The same sender and the same file go to the bare endpoint and to the service.
 * Sender n sends posts n, n + concurrency, ... one after another, as one device's outbox does.
 */
import { readFileSync } from 'node:fs'

/** One POST as a device sends it: its token, its Idempotency-Key and its exact bytes. */
export interface PreparedPost {
  token: string
  key: string
  body: string
}

export interface ClientRun {
  url: string
  file: string
  concurrency: number
  warmUp: number
}

export interface ClientResult {
  elapsedMs: number
  sent: number
}

async function sendAll(url: string, posts: PreparedPost[], concurrency: number): Promise<void> {
  await Promise.all(
    Array.from({ length: concurrency }, async (_, sender) => {
      for (let index = sender; index < posts.length; index += concurrency) {
        const { token, key, body } = posts[index]!
        const response = await fetch(`${url}/api/submissions`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'Idempotency-Key': key },
          body,
        })
        if (response.status !== 201) throw new Error(`submission refused: ${response.status} ${await response.text()}`)
        await response.arrayBuffer()
      }
    }),
  )
}

const run = JSON.parse(process.argv[2]!) as ClientRun
const posts = JSON.parse(readFileSync(run.file, 'utf8')) as PreparedPost[]
await sendAll(run.url, posts.slice(0, run.warmUp), run.concurrency)
const started = performance.now()
await sendAll(run.url, posts.slice(run.warmUp), run.concurrency)
const result: ClientResult = { elapsedMs: performance.now() - started, sent: posts.length - run.warmUp }
console.log(JSON.stringify(result))
