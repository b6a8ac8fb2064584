import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defaultContent } from '../../src/domain/default-content/default-content'
import { loadContent, refreshContent, type LoadedContent } from '../../src/content/loader'
import { readStoredContent } from '../../src/db/content-repository'
import { AppDatabase } from '../../src/db/database'
import type { Content } from '../../src/domain/content-schema'
import { startServer, type RunningServer } from './test-server'

// The app's content loader (with Dexie on fake-indexeddb) against the real intake service.

let db: AppDatabase
let server: RunningServer | undefined
let published: unknown

const newer: Content = { ...defaultContent, version: '2099-01-01.1', whatToBring: ['A newer list'] }

beforeEach(() => {
  db = new AppDatabase(`content-refresh-${crypto.randomUUID()}`)
  published = newer
})
afterEach(async () => {
  await server?.close()
  server = undefined
  db.close()
})

async function serve(): Promise<typeof fetch> {
  server = await startServer({ content: () => published as Content })
  const base = server.url
  return (input, init) => fetch(`${base}${String(input)}`, init)
}

describe('loading content on the device', () => {
  it('stores the bundled content on first run', async () => {
    const loaded = await loadContent(db)
    expect(loaded).toMatchObject({ stored: true, content: { version: defaultContent.version } })
    expect((await readStoredContent(db))?.version).toBe(defaultContent.version)
  })

  it('keeps a newer stored version over the bundled one', async () => {
    const fetchFromService = await serve()
    await refreshContent(db, await loadContent(db), fetchFromService)
    expect((await loadContent(db)).content.version).toBe(newer.version)
  })
})

describe('refreshing content from the intake service', () => {
  it('replaces the content with a newer valid version, then asks with its ETag', async () => {
    const fetchFromService = await serve()
    const first = await refreshContent(db, await loadContent(db), fetchFromService)
    expect(first.outcome).toBe('updated')
    expect(first.loaded.content.whatToBring).toEqual(['A newer list'])
    expect(first.loaded.etag).toMatch(/^"/)
    expect((await readStoredContent(db))?.etag).toBe(first.loaded.etag)

    const second = await refreshContent(db, first.loaded, fetchFromService)
    expect(second.outcome).toBe('unchanged')
  })

  it('rejects invalid content and keeps the current version', async () => {
    published = { ...newer, forums: [] }
    const fetchFromService = await serve()
    const current = await loadContent(db)
    const result = await refreshContent(db, current, fetchFromService)
    expect(result).toEqual({ outcome: 'rejected', loaded: current })
    expect((await readStoredContent(db))?.version).toBe(defaultContent.version)
  })

  it('keeps what it has when the service has the same version, and asks with its ETag from then on', async () => {
    published = defaultContent
    const fetchFromService = await serve()
    const current = await loadContent(db)
    const first = await refreshContent(db, current, fetchFromService)
    expect(first.outcome).toBe('unchanged')
    expect(first.loaded.content).toBe(current.content)
    expect(first.loaded.etag).toMatch(/^"/)
    expect((await readStoredContent(db))?.etag).toBe(first.loaded.etag)

    const asked: (string | null)[] = []
    const recording: typeof fetch = (input, init) => {
      asked.push(new Headers(init?.headers).get('If-None-Match'))
      return fetchFromService(input, init)
    }
    expect((await refreshContent(db, await loadContent(db), recording)).outcome).toBe('unchanged')
    expect(asked).toEqual([first.loaded.etag])
  })

  it('never goes back to an older version', async () => {
    published = { ...defaultContent, version: '2000-01-01.1' }
    const fetchFromService = await serve()
    const current = await loadContent(db)
    expect((await refreshContent(db, current, fetchFromService)).outcome).toBe('unchanged')
    expect((await readStoredContent(db))?.version).toBe(defaultContent.version)
  })

  it('keeps the current content silently when the service is down', async () => {
    const fetchFromService = await serve()
    await server!.close()
    server = undefined
    const current: LoadedContent = await loadContent(db)
    expect(await refreshContent(db, current, fetchFromService)).toEqual({ outcome: 'unavailable', loaded: current })
  })

  it('keeps the current content when the endpoint fails', async () => {
    published = undefined // JSON.stringify(undefined) is not a body: the route throws and answers 500
    const fetchFromService = await serve()
    const current = await loadContent(db)
    expect((await refreshContent(db, current, fetchFromService)).outcome).toBe('unavailable')
  })
})
