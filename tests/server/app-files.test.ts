import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../server/security-headers'
import { startServer, type RunningServer } from './test-server'

let appDir: string
let server: RunningServer

beforeAll(async () => {
  appDir = mkdtempSync(join(tmpdir(), 'app-files-'))
  mkdirSync(join(appDir, 'assets'))
  mkdirSync(join(appDir, 'forums'))
  // The layout the build writes: the home page, prerendered pages, and the empty shell.
  writeFileSync(join(appDir, 'index.html'), '<!doctype html><title>home</title>')
  writeFileSync(join(appDir, 'which-forum.html'), '<!doctype html><title>which forum</title>')
  writeFileSync(join(appDir, 'forums.html'), '<!doctype html><title>forums</title>')
  writeFileSync(join(appDir, 'forums', 'primary.html'), '<!doctype html><title>primary forum</title>')
  writeFileSync(join(appDir, 'shell.html'), '<!doctype html><title>shell</title>')
  writeFileSync(join(appDir, 'sw.js'), 'self.addEventListener("fetch", () => {})')
  writeFileSync(join(appDir, 'manifest.webmanifest'), '{}')
  writeFileSync(join(appDir, 'assets', 'index-abc123.js'), 'console.log(1)')
  // What scripts/precompress.mjs writes beside each text file; told apart here by their contents.
  writeFileSync(join(appDir, 'assets', 'index-abc123.js.br'), brotliCompressSync('console.log("brotli")'))
  writeFileSync(join(appDir, 'assets', 'index-abc123.js.gz'), gzipSync('console.log("gzip")'))
  writeFileSync(join(appDir, 'which-forum.html.br'), brotliCompressSync('<!doctype html><title>which forum, brotli</title>'))
  server = await startServer({ appDir })
})

afterAll(async () => {
  await server.close()
  rmSync(appDir, { recursive: true })
})

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers })

describe('serving the app', () => {
  it.each([
    ['/', 'no-cache'],
    ['/sw.js', 'no-cache'],
    ['/manifest.webmanifest', 'no-cache'],
    ['/assets/index-abc123.js', 'public, max-age=31536000, immutable'],
  ])('%s is served with Cache-Control %s', async (path, cacheControl) => {
    const response = await get(path)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe(cacheControl)
  })

  it.each([
    ['/', 'home'],
    ['/which-forum', 'which forum'],
    ['/which-forum?x=1', 'which forum'],
    ['/forums', 'forums'],
    ['/forums/primary', 'primary forum'],
  ])('answers %s with its prerendered page, uncached', async (path, title) => {
    const response = await get(path, { Accept: 'text/html' })
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-cache')
    expect(await response.text()).toContain(`<title>${title}</title>`)
  })

  it.each(['/directory', '/forums/secondary', '/forums/', '/cases/abc', '/which-forum/', '/index', '/shell'])(
    'answers the app route %s, which has no page of its own, with the shell, uncached',
    async (path) => {
      const response = await get(path, { Accept: 'text/html' })
      expect(response.status).toBe(200)
      expect(response.headers.get('cache-control')).toBe('no-cache')
      expect(await response.text()).toContain('<title>shell</title>')
    },
  )

  it.each([
    ['br, gzip', 'br', 'console.log("brotli")'],
    ['gzip', 'gzip', 'console.log("gzip")'],
    ['identity', null, 'console.log(1)'],
  ])('sends the file the build compressed for Accept-Encoding %s as it is', async (accepted, encoding, text) => {
    const response = await get('/assets/index-abc123.js', { 'Accept-Encoding': accepted })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-encoding')).toBe(encoding)
    expect(response.headers.get('content-type')).toBe('application/javascript; charset=utf-8')
    expect(response.headers.get('vary')).toMatch(/accept-encoding/i)
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(await response.text()).toBe(text)
  })

  it('sends a prerendered page as the build compressed it, and as it is where the build wrote no compressed copy', async () => {
    const page = await get('/which-forum', { Accept: 'text/html', 'Accept-Encoding': 'br' })
    expect(page.headers.get('content-encoding')).toBe('br')
    expect(await page.text()).toContain('<title>which forum, brotli</title>')
    const forums = await get('/forums', { Accept: 'text/html', 'Accept-Encoding': 'br' })
    expect(await forums.text()).toContain('<title>forums</title>')
  })

  it.each(['/api/nothing-here', '/api', '/assets/missing.js'])('answers %s with a 404 problem, never the app', async (path) => {
    const response = await get(path, { Accept: 'text/html' })
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(await response.json()).toMatchObject({ status: 404, title: 'Not found' })
  })

  it('never turns away the app’s files, which a school’s tablets fetch together from one address, but limits the API', async () => {
    const limited = await startServer({ appDir, rateLimitPerMinute: 3 })
    try {
      const files = ['/', '/which-forum', '/cases/abc', '/sw.js', '/assets/index-abc123.js', '/manifest.webmanifest']
      const statuses = []
      for (let round = 0; round < 3; round++) for (const path of files) statuses.push((await fetch(`${limited.url}${path}`)).status)
      expect(statuses.every((status) => status === 200)).toBe(true)
      // However the address is spelt: /%61pi/health is routed to /api/health.
      const api = []
      for (const path of ['/api/health', '/%61pi/health', '/api/health', '/%61pi/health']) api.push((await fetch(`${limited.url}${path}`)).status)
      expect(api).toEqual([200, 200, 200, 429])
    } finally {
      await limited.close()
    }
  })

  it('sends the security headers on every answer', async () => {
    for (const path of ['/', '/assets/index-abc123.js', '/api/health', '/api/nothing-here']) {
      const headers = (await get(path)).headers
      expect(headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
      expect(headers.get('x-content-type-options')).toBe('nosniff')
      expect(headers.get('referrer-policy')).toBe('no-referrer')
      expect(headers.get('strict-transport-security')).toBeNull()
    }
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'")
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline')
  })

  it('adds HSTS behind TLS', async () => {
    const tlsServer = await startServer({ behindTls: true })
    try {
      const response = await fetch(`${tlsServer.url}/api/health`)
      expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains')
    } finally {
      await tlsServer.close()
    }
  })
})
