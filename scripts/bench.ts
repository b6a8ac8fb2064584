/**
 * npm run bench: the figures that say whether the app is fast on a cheap tablet.
 *  1. Each page's initial JavaScript and CSS, gzipped (what its HTML loads).
 *  2. Lighthouse (mobile settings) on every prerendered page, served by the intake service,
 *     and each of them again in Chromium with the CPU 4x slower (LCP, and INP of two inputs).
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
import lighthouse, { type Result } from 'lighthouse'
import { chromium } from 'playwright-core'
import { buildApp } from '../server/app'
import { CHROMIUM_ARGS, CHROMIUM_PATH, waitForHeading } from '../tests/e2e/browser'
import { createPassphrase, PASSPHRASE } from '../tests/e2e/cases'
import { AUTOSAVE_DELAY_MS } from '../src/composables/useAutosave'
import { PRERENDERED_PATHS, prerenderedFile, SHELL_FILE } from '../src/domain/app-pages'
import { cheapTablet, CPU_SLOWDOWN } from './bench/cheap-tablet'
import { intakeInstances } from './bench/intake-instances'
import { intakeThroughput } from './bench/intake-throughput'
import { outboxInChromium } from './bench/outbox-flush'
import { workspaceSearch } from './bench/workspace-search'

const DIST = 'dist'
const LIGHTHOUSE_RUNS = 3

/** The JavaScript and CSS a page's HTML loads before it is interactive: its scripts and preloads. */
function initialAssets(file: string): { js: string[]; css: string[] } {
  const html = readFileSync(join(DIST, file), 'utf8')
  const attribute = (pattern: RegExp) => [...html.matchAll(pattern)].map((match) => match[1]!)
  return {
    js: [...attribute(/<script[^>]+src="([^"]+)"/g), ...attribute(/<link rel="modulepreload"[^>]+href="([^"]+)"/g)],
    css: attribute(/<link rel="stylesheet"[^>]+href="([^"]+)"/g),
  }
}

const gzippedBytes = (paths: string[]) => paths.reduce((sum, path) => sum + gzipSync(readFileSync(join(DIST, path))).length, 0)
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
/** The median of the runs that gave a figure (a Lighthouse run can fail to measure one). */
const median = (values: number[]) => {
  const measured = values.filter(Number.isFinite).sort((a, b) => a - b)
  return measured[Math.floor(measured.length / 2)] ?? Number.NaN
}

console.log('Initial JavaScript and CSS of each page, gzipped (target: JavaScript under 60 KB)')
for (const [label, file] of [...PRERENDERED_PATHS.map((path) => [path, prerenderedFile(path)]), ['shell (other pages)', SHELL_FILE]]) {
  const assets = initialAssets(file!)
  console.log(`  ${label!.padEnd(20)} JavaScript ${kb(gzippedBytes(assets.js)).padStart(8)} in ${String(assets.js.length).padStart(2)} files; CSS ${kb(gzippedBytes(assets.css))}`)
}

const server = await buildApp({ appDir: DIST })
const url = await server.listen({ port: 0, host: '127.0.0.1' })
// Before Lighthouse: run after it, Playwright's Chromium was twice closed under the measurement.
const tablet = await cheapTablet(url)
console.log(`\nA cheap tablet: Chromium with the CPU ${CPU_SLOWDOWN}x slower, a first visit, median of 5 (targets: LCP within 2.5 s, INP within 100 ms)`)
for (const { path, medianMs } of tablet.lcp) console.log(`  ${path.padEnd(20)} LCP ${(medianMs / 1000).toFixed(2)} s`)
const inp = (ms: number) => (ms <= 16 ? 'under 16 ms' : `${ms.toFixed(0)} ms`)
console.log(`  the finder's submit:               INP ${inp(tablet.finderSubmitMs)} just after the page hydrated, ${inp(tablet.finderSubmitSettledMs)} once it had settled`)
console.log(`  a keystroke in the directory search: INP ${inp(tablet.directoryKeystrokeMs)}`)

const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM_PATH, chromeFlags: ['--headless=new', ...CHROMIUM_ARGS] })
try {
  console.log(`\nLighthouse, mobile settings, median of ${LIGHTHOUSE_RUNS} runs (targets: performance 100 and LCP within 1.2 s; accessibility 100; best practices 100)`)
  for (const path of PRERENDERED_PATHS) {
    const runs: Result[] = []
    for (let run = 0; run < LIGHTHOUSE_RUNS; run++) {
      const result = await lighthouse(`${url}${path}`, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices'],
      })
      runs.push(result!.lhr)
    }
    const score = (id: string) => median(runs.map((lhr) => Math.round((lhr.categories[id]?.score ?? 0) * 100)))
    const metric = (id: string) => median(runs.map((lhr) => lhr.audits[id]?.numericValue ?? Number.NaN))
    console.log(
      `  ${path.padEnd(20)} performance ${score('performance')}, accessibility ${score('accessibility')}, ` +
        `best practices ${score('best-practices')}; FCP ${(metric('first-contentful-paint') / 1000).toFixed(1)} s, ` +
        `LCP ${(metric('largest-contentful-paint') / 1000).toFixed(1)} s, TBT ${metric('total-blocking-time').toFixed(0)} ms, ` +
        `CLS ${metric('cumulative-layout-shift').toFixed(2)}`,
    )
    const failing = runs.flatMap((lhr) =>
      Object.values(lhr.categories)
        .flatMap((category) => category.auditRefs)
        .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
        .map((ref) => ref.id),
    )
    if (failing.length > 0) console.log(`    below full marks in some run: ${[...new Set(failing)].join(', ')}`)
  }
} finally {
  chrome.kill()
}

try {
  const bundle = await build({ entryPoints: ['scripts/bench/vault-in-browser.ts'], bundle: true, write: false, format: 'iife', target: 'es2022' })
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  const page = await browser.newPage()
  const cdp = await page.context().newCDPSession(page)
  // The app itself, on a page behind the passphrase: a secure context on this origin, with WebCrypto and IndexedDB as the app has them.
  await page.goto(`${url}/settings/your-details`)
  await createPassphrase(page)
  await waitForHeading(page, 'Your details')
  await page.evaluate(bundle.outputFiles[0]!.text)
  const figures = await page.evaluate(() => (globalThis as unknown as { vaultBench: () => Promise<Record<string, number>> }).vaultBench())
  const unlockMedianMs = async (rate: number) => {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate })
    const times: number[] = []
    for (let run = 0; run < 5; run++) {
      await page.getByRole('button', { name: 'Lock the app' }).click()
      await waitForHeading(page, 'Unlock')
      await page.getByRole('textbox', { name: 'Passphrase', exact: true }).fill(PASSPHRASE)
      times.push(await page.evaluate((heading) => (globalThis as unknown as { submitUntilHeading: (heading: string) => Promise<number> }).submitUntilHeading(heading), 'Your details'))
    }
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 })
    return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!
  }
  const unlockAt1x = await unlockMedianMs(1)
  const pbkdf2At1x = await page.evaluate(() => (globalThis as unknown as { pbkdf2MedianMs: () => Promise<number> }).pbkdf2MedianMs())
  const unlockAt4x = await unlockMedianMs(4)
  await browser.close()
  // DevTools slows the page's threads, not the one WebCrypto derives keys on: a processor 4 times slower
  // all round would also take 4 times as long over PBKDF2, so that share is scaled by hand.
  const unlockOnSlowProcessor = unlockAt4x + 3 * pbkdf2At1x
  const UNLOCK_TARGET_MS = 1_500
  const ms = (value: number | undefined) => `${value!.toFixed(1)} ms`
  console.log('\nVault, in Chromium (PBKDF2-HMAC-SHA-256, 600,000 iterations; AES-GCM; IndexedDB strict durability)')
  console.log('  unlock, from pressing Unlock to the page behind the lock, median of 5 (target: within 1.5 s at 4x slowdown):')
  console.log(`    no slowdown:                          ${ms(unlockAt1x)}`)
  console.log(`    4x CPU slowdown (DevTools):           ${ms(unlockAt4x)}`)
  console.log(`    PBKDF2 alone, no slowdown:            ${ms(pbkdf2At1x)} (off the main thread: the DevTools slowdown leaves it at full speed)`)
  console.log(`    a processor 4x slower all round:      ${ms(unlockOnSlowProcessor)} (the 4x figure plus 3 times PBKDF2 alone)`)
  console.log(
    unlockOnSlowProcessor > UNLOCK_TARGET_MS
      ? `    OVER the 1.5 s target by ${ms(unlockOnSlowProcessor - UNLOCK_TARGET_MS)}: the forms show that they are working while the key is derived`
      : '    within the 1.5 s target; the forms still show that they are working while the key is derived',
  )
  console.log(`  encrypt and save a 20 KB record: median ${ms(figures.saveMedianMs)}, p95 ${ms(figures.saveP95Ms)} over 200 saves (target: well under 50 ms)`)
  console.log(`\nForum cases, in Chromium`)
  console.log(`  keystroke to durable commit, 20 KB case: the ${AUTOSAVE_DELAY_MS} ms pause the autosave waits for, then p95 ${ms(figures.caseCommitP95Ms)} to encrypt and commit (target: well under 50 ms)`)
  console.log(`  open the case list of 200 drafts (list and decrypt): ${ms(figures.openListMs)}`)
} finally {
  await server.close()
}

const intake = await intakeThroughput()
console.log('\nIntake service beside a bare endpoint (each in its own process; SQLite, WAL, synchronous FULL; one sender process, 16 at a time, the same sealed bodies)')
console.log(`  service (server/main.ts):        ${intake.servicePerSecond.toFixed(0).padStart(5)} submissions per second (authenticated, claimed, opened, validated, stored exactly once)`)
console.log(`  bare Fastify endpoint:           ${intake.barePerSecond.toFixed(0).padStart(5)} per second (one durable better-sqlite3 insert per POST)`)
console.log(`  ratio service / bare:            ${intake.ratio.toFixed(2).padStart(5)} (target: at least 0.5), median of ${intake.rounds} rounds`)
console.log(`  each round (service / bare):     ${intake.each.map(({ service, bare }) => `${service.toFixed(0)}/${bare.toFixed(0)}`).join(', ')}`)

const outbox = await outboxInChromium()
console.log('\nOutbox, in Chromium (IndexedDB on disk, strict durability; the page and the local service)')
console.log(`  flush ${outbox.small} queued submissions:  median ${outbox.flushMs.toFixed(0)} ms of ${outbox.runs} runs`)
console.log(`  bare loop of ${outbox.small} POSTs:        median ${outbox.bareMs.toFixed(0)} ms (the same page, bodies sealed beforehand)`)
console.log(`  ratio flush / bare:             ${outbox.ratio.toFixed(2)} (target: at most 1.25), median of the runs' ratios`)
console.log(`  per submission, ${outbox.small} queued:    ${outbox.perItemSmallMs.toFixed(2)} ms`)
console.log(`  per submission, ${outbox.large.toLocaleString('en-GB')} queued:  ${outbox.perItemLargeMs.toFixed(2)} ms (target: no more than with ${outbox.small}; bare POSTs ${outbox.barePerItemLargeMs.toFixed(2)} ms)`)

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
