/**
 * The outbox in Chromium: 500 submissions queued in a page and flushed to the local intake
 * service, beside a bare loop of 500 sealed POSTs from the same page (several runs, taking
 * turns at going first); then a queue of 5,000, whose time per submission should be that of
 * 500. IndexedDB lives in a profile on disk, as on a tablet, not in an incognito context.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import { chromium } from 'playwright-core'
import { buildApp } from '../../server/app'
import { createSetting, openService } from '../../server/service'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/e2e/browser'
import { suspension } from '../../tests/server/intake-harness'
import type { OutboxRun } from './outbox-in-browser'

const SMALL = 500
const LARGE = 5_000
const RUNS = 5

export interface OutboxFigures {
  runs: number
  small: number
  large: number
  /** Medians over the runs of SMALL. */
  flushMs: number
  bareMs: number
  /** The median of each run's flush / bare. */
  ratio: number
  perItemSmallMs: number
  perItemLargeMs: number
  /** The bare loop's time per POST at LARGE: the service's share of any growth. */
  barePerItemLargeMs: number
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

export interface OutboxBenchOptions {
  runs?: number
  small?: number
  large?: number
  /** Each run's figures as it ends (a long bench shows it is moving). */
  onRun?: (run: OutboxRun) => void
}

export async function outboxInChromium({ runs = RUNS, small = SMALL, large = LARGE, onRun }: OutboxBenchOptions = {}): Promise<OutboxFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-outbox-'))
  const profile = mkdtempSync(join(tmpdir(), 'bench-outbox-profile-'))
  const { store, sealing } = await openService({ dataDir })
  const app = await buildApp({ store, sealing, rateLimitPerMinute: 1_000_000, submissionsPerDevicePerMinute: 1_000_000 })
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS })
  try {
    const url = await app.listen({ port: 0, host: '127.0.0.1' })
    const { code } = await createSetting(store, { name: 'Bench School', urn: '222222', phase: 'primary' })
    const bundle = await build({ entryPoints: ['scripts/bench/outbox-in-browser.ts'], bundle: true, write: false, format: 'iife', target: 'es2022' })
    const page = context.pages()[0] ?? (await context.newPage())
    await page.goto(url) // any page of the service's origin: a secure context with its IndexedDB and same-origin fetch
    await page.evaluate(bundle.outputFiles[0]!.text)
    const run = async (count: number, bareFirst: boolean) => {
      const figures = await page.evaluate(
        ([code, payload, count, bareFirst]) =>
          (globalThis as unknown as { outboxBench: (...args: unknown[]) => Promise<OutboxRun> }).outboxBench(code, payload, count, bareFirst),
        [code, suspension(), count, bareFirst] as const,
      )
      onRun?.(figures)
      return figures
    }

    await run(50, false) // warm-up: the service's and the page's code paths compiled
    const smallRuns: OutboxRun[] = []
    for (let index = 0; index < runs; index++) smallRuns.push(await run(small, index % 2 === 1))
    const largeRun = await run(large, false)
    const flushMs = median(smallRuns.map((each) => each.flushMs))
    return {
      runs,
      small,
      large,
      flushMs,
      bareMs: median(smallRuns.map((each) => each.bareMs)),
      ratio: median(smallRuns.map((each) => each.flushMs / each.bareMs)),
      perItemSmallMs: flushMs / small,
      perItemLargeMs: largeRun.flushMs / large,
      barePerItemLargeMs: largeRun.bareMs / large,
    }
  } finally {
    await context.close()
    await app.close()
    await store.close()
    rmSync(profile, { recursive: true, force: true })
    rmSync(dataDir, { recursive: true, force: true })
  }
}
