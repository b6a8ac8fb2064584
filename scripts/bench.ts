/**
 * npm run bench: the figures that say whether the app is fast on a cheap tablet.
 *  1. The initial route's JavaScript and CSS, gzipped (what index.html loads before first paint).
 *  2. Lighthouse (mobile settings) against the built app served by the intake service.
 * Prints figures; asserts nothing (timing checks do not belong in the test suite).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'
import { buildApp } from '../server/app'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/e2e/browser'

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
  await server.close()
}
