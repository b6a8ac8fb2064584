/**
 * npm run bench: the figures that say whether the app is fast on a cheap tablet.
 *  1. The initial route's JavaScript and CSS, gzipped (what index.html loads before first paint).
 *  2. Lighthouse (mobile settings) against the built app served by the intake service.
 *  3. The vault in Chromium; 4. the intake service's throughput against raw SQLite;
 *  5. the outbox; 6. the workspace's Today and Find with 50,000 submissions; 7. the service
 *  in its own processes on SQLite and on PostgreSQL with one and two instances.
 * Prints figures; asserts nothing (timing checks do not belong in the test suite).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import * as chromeLauncher from 'chrome-launcher'
import { build } from 'esbuild'
import lighthouse from 'lighthouse'
import { chromium } from 'playwright-core'
import { buildApp } from '../server/app'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/e2e/browser'
import { AUTOSAVE_DELAY_MS } from '../src/composables/useAutosave'
import { intakeInstances } from './bench/intake-instances'
import { intakeThroughput } from './bench/intake-throughput'
import { outboxOverhead } from './bench/outbox-flush'
import { workspaceSearch } from './bench/workspace-search'

const DIST = 'dist'

function initialAssets(): { js: string[]; css: string[] } {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8')
  const attribute = (pattern: RegExp) => [...html.matchAll(pattern)].map((match) => match[1]!)
  return {
    js: [...attribute(/<script[^>]+src="([^"]+)"/g), ...attribute(/<link rel="modulepreload"[^>]+href="([^"]+)"/g)],
    css: attribute(/<link rel="stylesheet"[^>]+href="([^"]+)"/g),
  }
}

const gzippedBytes = (paths: string[]) => paths.reduce((sum, path) => sum + gzipSync(readFileSync(join(DIST, path))).length, 0)
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

const assets = initialAssets()
console.log('Initial route (gzipped)')
console.log(`  JavaScript: ${kb(gzippedBytes(assets.js))} in ${assets.js.length} file(s) (target: at most 100 KB)`)
console.log(`  CSS:        ${kb(gzippedBytes(assets.css))} in ${assets.css.length} file(s)`)

const server = await buildApp({ appDir: DIST })
const url = await server.listen({ port: 0, host: '127.0.0.1' })
const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM_PATH, chromeFlags: ['--headless=new', ...CHROMIUM_ARGS] })
try {
  const pages = ['/', '/which-forum', '/directory']
  console.log('\nLighthouse, mobile settings (targets: performance ≥ 95, accessibility 100, best practices ≥ 95)')
  for (const path of pages) {
    const result = await lighthouse(`${url}${path}`, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
    })
    const { categories, audits } = result!.lhr
    const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100)
    console.log(
      `  ${path.padEnd(13)} performance ${score('performance')}, accessibility ${score('accessibility')}, ` +
        `best practices ${score('best-practices')}; LCP ${audits['largest-contentful-paint']?.displayValue}, ` +
        `TBT ${audits['total-blocking-time']?.displayValue}, CLS ${audits['cumulative-layout-shift']?.displayValue}`,
    )
    const failing = Object.values(result!.lhr.categories)
      .flatMap((category) => category.auditRefs)
      .filter((ref) => ref.weight > 0 && (audits[ref.id]?.score ?? 1) < 1)
      .map((ref) => ref.id)
    if (failing.length > 0) console.log(`    below full marks: ${[...new Set(failing)].join(', ')}`)
  }
} finally {
  chrome.kill()
}

try {
  const bundle = await build({ entryPoints: ['scripts/bench/vault-in-browser.ts'], bundle: true, write: false, format: 'iife', target: 'es2022' })
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  const page = await browser.newPage()
  await page.goto(url) // a secure context on this origin: WebCrypto and IndexedDB as the app has them
  await page.evaluate(bundle.outputFiles[0]!.text)
  const figures = await page.evaluate(() => (globalThis as unknown as { vaultBench: () => Promise<Record<string, number>> }).vaultBench())
  await browser.close()
  const ms = (value: number | undefined) => `${value!.toFixed(1)} ms`
  console.log('\nVault, in Chromium (PBKDF2-HMAC-SHA-256, 600,000 iterations; AES-GCM; IndexedDB strict durability)')
  console.log(`  unlock:                          median ${ms(figures.unlockMedianMs)}, slowest of 5 ${ms(figures.unlockMaxMs)}`)
  console.log(`  encrypt and save a 20 KB record: median ${ms(figures.saveMedianMs)}, p95 ${ms(figures.saveP95Ms)} over 200 saves (target: well under 50 ms)`)
  console.log(`\nForum cases, in Chromium`)
  console.log(`  keystroke to durable commit, 20 KB case: the ${AUTOSAVE_DELAY_MS} ms pause the autosave waits for, then p95 ${ms(figures.caseCommitP95Ms)} to encrypt and commit (target: well under 50 ms)`)
  console.log(`  open the case list of 200 drafts (list and decrypt): ${ms(figures.openListMs)}`)
} finally {
  await server.close()
}

const { httpPerSecond, rawPerSecond } = await intakeThroughput()
console.log('\nIntake service (SQLite, WAL, synchronous FULL; every insert its own transaction)')
console.log(`  submissions accepted over HTTP: ${httpPerSecond.toFixed(0)} per second (16 at a time; sealed, opened, validated, stored exactly once)`)
console.log(`  raw better-sqlite3 inserts:     ${rawPerSecond.toFixed(0)} per second (one row each, same settings)`)
console.log(`  ratio:                          ${(rawPerSecond / httpPerSecond).toFixed(1)} raw inserts for each submission`)

const { flushMs, bareMs } = await outboxOverhead()
console.log('\nOutbox (Node, Dexie on fake-indexeddb, against the local service)')
console.log(`  flush 500 queued submissions: ${flushMs.toFixed(0)} ms`)
console.log(`  bare loop of 500 POSTs:       ${bareMs.toFixed(0)} ms`)
console.log(`  ratio:                        ${(flushMs / bareMs).toFixed(2)} (the outbox's claims, receipts and transactions)`)

const workspace = await workspaceSearch()
console.log('\nWorkspace: Today and search with 50,000 submissions and 1,000 settings (SQLite; over HTTP, signed in)')
console.log(`  seeded through the store in one transaction: ${(workspace.seedMs / 1000).toFixed(1)} s`)
console.log(`  median of ${workspace.runs} after warm-up, slowest beside it (target: under 100 ms each)`)
for (const { label, medianMs, slowestMs, status } of workspace.timings) {
  console.log(`  ${label.padEnd(42)} ${medianMs.toFixed(1).padStart(6)} ms  (slowest ${slowestMs.toFixed(1)} ms${status === 200 ? '' : `; answered ${status}`})`)
}
console.log('  query plans (EXPLAIN QUERY PLAN; "SCAN s" alone would be the whole table)')
for (const { label, plan } of workspace.plans) console.log(`    ${label}: ${plan.join('; ')}`)

console.log('\nThe service in its own processes (server/main.ts), 16 senders, over HTTP')
console.log('  (PostgreSQL 15 with its durable defaults, fsync and synchronous_commit on, on this machine; 2 cores)')
for (const { label, perSecond } of await intakeInstances()) console.log(`  ${label.padEnd(24)} ${perSecond.toFixed(0).padStart(5)} submissions per second`)
